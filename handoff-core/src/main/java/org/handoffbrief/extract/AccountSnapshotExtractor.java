package org.handoffbrief.extract;

import org.handoffbrief.internal.TextSpans;
import static org.handoffbrief.extract.CrmRecords.words;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.SectionId;

/** Company, segment, ARR, contract tier, seats and go-live target, from the CRM records. */
final class AccountSnapshotExtractor implements SectionExtractor {
  private static final SectionId S = SectionId.ACCOUNT_SNAPSHOT;

  private record Fact(String key, Pattern label, String claimPrefix, String gap) {}

  private static final List<Fact> FACTS = List.of(
      new Fact("segment", words("segment"), "Segment", "No segment recorded in the CRM."),
      new Fact("arr", words("\\barr\\b|annual recurring|annual contract value|\\bacv\\b"), "ARR", null),
      new Fact("tier", words("tier|edition|plan\\b|package"), "Contract tier", "No contract tier recorded."),
      new Fact("seats", words("seat|licen[cs]e|user count|users"), "Seats", "No seat count recorded."),
      new Fact("go_live", words("go[- ]?live|launch date|target date"), "Go-live target",
          "No go-live target recorded."));

  @Override
  public java.util.Set<org.handoffbrief.model.SectionId> sections() {
    return java.util.EnumSet.of(org.handoffbrief.model.SectionId.ACCOUNT_SNAPSHOT);
  }

  @Override
  public void extract(ExtractionInput input, BriefDraft draft) {
    var crm = new CrmRecords(input);
    Evidence account = crm.account();
    Evidence opportunity = crm.opportunity();
    if (account != null) {
      Span name = TextSpans.line(account, "Account");
      if (name != null) {
        String industry = TextSpans.value(account, "Industry");
        String text = "Company: " + CrmRecords.valueOf(name) + (industry != null ? " (" + industry + ")" : "");
        var cites = new java.util.ArrayList<>(List.of(name.cite()));
        Span ind = TextSpans.line(account, "Industry");
        if (ind != null) {
          cites.add(ind.cite());
        }
        draft.claim(S, "company", text, Map.of("company", CrmRecords.valueOf(name)), cites);
      }
    }
    boolean arrFound = false;
    for (Fact f : FACTS) {
      Span line = crm.handoffField(f.label());
      if (line != null) {
        draft.claim(S, f.key(), f.claimPrefix() + ": " + CrmRecords.valueOf(line),
            Map.of(f.key(), CrmRecords.valueOf(line)), List.of(line.cite()));
        arrFound |= f.key().equals("arr");
      } else if (f.gap() != null) {
        draft.gap(S, "no_" + f.key(), f.gap());
      }
    }
    if (opportunity != null) {
      Span amount = TextSpans.line(opportunity, "Amount");
      if (amount != null) {
        String currency = opportunity.attribute("CurrencyIsoCode");
        String v = (currency != null ? currency + " " : "") + CrmRecords.valueOf(amount);
        draft.claim(S, "amount", arrFound ? "Opportunity amount: " + v
            : "Opportunity amount: " + v + " (no separate ARR field; treat as contract value)", Map.of("amount", v),
            List.of(amount.cite()));
      } else if (!arrFound) {
        draft.gap(S, "no_arr", "No ARR or amount recorded on the opportunity.");
      }
      Span stage = TextSpans.line(opportunity, "Stage");
      Span close = TextSpans.line(opportunity, "Close date");
      if (stage != null && close != null) {
        draft.claim(S, "close", CrmRecords.valueOf(stage) + " on " + CrmRecords.valueOf(close),
            Map.of("stage", CrmRecords.valueOf(stage), "closeDate", CrmRecords.valueOf(close)),
            List.of(stage.cite(), close.cite()));
      }
    }
  }
}
