package org.handoffbrief.extract;

import org.handoffbrief.internal.TextSpans;
import static org.handoffbrief.extract.CrmRecords.words;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.SectionId;

/** Key moments (stage moves, demos, pricing and legal turns), objections, competitor displaced. */
final class DealHistoryExtractor implements SectionExtractor {
  private static final SectionId S = SectionId.DEAL_HISTORY;

  private static final Pattern KEY_MEETING = words("demo|pricing|negotiat|legal|security review|executive|"
      + "proof of concept|\\bpoc\\b|pilot|proposal|roi|business case|procurement");
  private static final Pattern OBJECTION = words("objection|pushed back|push ?back|worried|hesitan");
  private static final Pattern COMPETITOR = words("competitor|incumbent|replacing|displac");

  @Override
  public java.util.Set<org.handoffbrief.model.SectionId> sections() {
    return java.util.EnumSet.of(org.handoffbrief.model.SectionId.DEAL_HISTORY);
  }

  @Override
  public void extract(ExtractionInput input, BriefDraft draft) {
    var crm = new CrmRecords(input);
    // One line for the whole path, one citation per move: the CSM reads the cycle's shape at a
    // glance and can open any step.
    String previous = null;
    var path = new java.util.ArrayList<String>();
    var cites = new java.util.ArrayList<org.handoffbrief.model.Citation>();
    for (Evidence h : crm.of(CrmEvidence.STAGE_HISTORY)) {
      Span stage = TextSpans.line(h, "Stage");
      if (stage == null) {
        continue;
      }
      String name = CrmRecords.valueOf(stage);
      if (!name.equals(previous)) {
        path.add(name + " (" + input.day(h.timestamp()) + ")");
        cites.add(stage.cite());
      }
      previous = name;
    }
    if (!path.isEmpty()) {
      draft.claim(S, "stages", "Stages: " + String.join(" -> ", path),
          Map.of("moves", String.valueOf(path.size())), cites);
    }
    boolean competitor = false;
    Span competitorField = crm.handoffField(COMPETITOR);
    if (competitorField != null) {
      String v = CrmRecords.valueOf(competitorField);
      if (!v.equalsIgnoreCase("none") && !v.equalsIgnoreCase("n/a")) {
        draft.claim(S, "competitor", "Competitor displaced: " + v, Map.of("competitor", v),
            List.of(competitorField.cite()));
        competitor = true;
      }
    }
    for (Evidence h : crm.of(CrmEvidence.FIELD_HISTORY)) {
      String field = h.attribute("Field");
      Span now = TextSpans.line(h, "New value");
      if (field != null && COMPETITOR.matcher(field).find() && now != null && !competitor) {
        draft.claim(S, "competitor", "Competitor recorded: " + CrmRecords.valueOf(now) + " (" + input.day(h.timestamp())
            + ")", Map.of("competitor", CrmRecords.valueOf(now)), List.of(now.cite()));
        competitor = true;
      }
    }
    for (Evidence a : crm.conversation()) {
      Span subject = TextSpans.line(a, "Subject");
      if (a.kind().equals(CrmEvidence.EVENT) && subject != null && KEY_MEETING.matcher(subject.text()).find()) {
        draft.claim(S, "moment", CrmRecords.valueOf(subject) + " (" + input.day(a.timestamp()) + ")",
            Map.of("date", input.day(a.timestamp()).toString()), List.of(subject.cite()));
      }
      for (Span s : input.sentences(a)) {
        if (OBJECTION.matcher(s.text()).find()) {
          draft.claim(S, "objection", "Objection: " + s.text(), Map.of("date", input.day(a.timestamp()).toString()),
              List.of(s.cite()));
        }
      }
    }
    // The incumbent the customer is leaving, in their words: often not the CRM's competitor (the
    // rival in the evaluation), and the one the CSM's migration is about.
    String crmCompetitor = competitorField == null ? "" : CrmRecords.valueOf(competitorField).toLowerCase(java.util.Locale.ROOT);
    for (Contradictions.Displaced d : Contradictions.displaced(input)) {
      String lower = d.name().toLowerCase(java.util.Locale.ROOT);
      if (!crmCompetitor.isEmpty() && (crmCompetitor.contains(lower) || lower.contains(crmCompetitor))) {
        continue;
      }
      draft.claim(S, "incumbent", "Replacing " + d.name() + " (" + input.day(d.where().evidence().timestamp())
          + ", " + d.where().evidence().system() + ")", Map.of("competitorReplaced", d.name()), List.of(d.where().cite()));
      competitor = true;
      break;
    }
    if (!competitor) {
      draft.gap(S, "no_competitor", "No competitor recorded.");
    }
  }
}
