package org.handoffbrief.internal;

import org.handoffbrief.extract.BriefDraft;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.SectionId;
import org.junit.jupiter.api.Test;

class ClaimMergerTest {

  static Evidence said(String system, String id, String when, String body) {
    return Evidence.builder(system, "message", id).timestamp(OffsetDateTime.parse(when)).text("From: x\n\n" + body).build();
  }

  @Test
  void theSameLegalItemSaidInThreeSystemsIsOneClaimWithThreeCitations() {
    Evidence crm = said("salesforce", "t1", "2026-03-22T10:00:00Z", "Legal redline on data residency still pending.");
    Evidence mail = said("gmail", "m1", "2026-03-23T10:00:00Z", "Our DPA redline: US-only hosting is still open.");
    Evidence other = said("slack", "s1", "2026-03-24T10:00:00Z", "The MSA liability cap is still pending with legal.");
    var extracted = new BriefDraft();
    extracted.claim(SectionId.OPEN_THREADS, "legal", "Pending legal item: a", Citation.of(crm, "Legal redline on data residency still pending."));
    extracted.claim(SectionId.OPEN_THREADS, "legal", "Pending legal item: b", Citation.of(mail, "Our DPA redline: US-only hosting is still open."));
    extracted.claim(SectionId.OPEN_THREADS, "legal", "Pending legal item: c", Citation.of(other, "The MSA liability cap is still pending with legal."));

    var draft = FinishingDraft.of(extracted);
    assertEquals(1, ClaimMerger.apply(draft));
    List<Claim> open = draft.claims(SectionId.OPEN_THREADS);
    assertEquals(2, open.size(), "data residency twice is one item; the MSA cap is another");
    assertEquals(List.of("salesforce:message:t1", "gmail:message:m1"),
        open.get(0).citations().stream().map(Citation::evidenceId).toList());
  }

  @Test
  void differentKindsAndSupportTicketsNeverMerge() {
    Evidence a = said("gmail", "m1", "2026-03-01T10:00:00Z", "The legacy Lawson ERP has no API.");
    Evidence b = said("gmail", "m2", "2026-03-02T10:00:00Z", "The legacy Lawson ERP has no API.");
    var extracted = new BriefDraft();
    extracted.claim(SectionId.RISKS, "technical_dependency", "Technical dependency: ERP", Citation.of(a, "The legacy Lawson ERP has no API."));
    extracted.claim(SectionId.RISKS, "support_ticket", "Support ticket: ERP", Map.of(), List.of(Citation.of(b, "The legacy Lawson ERP has no API.")));
    var draft = FinishingDraft.of(extracted);
    assertEquals(0, ClaimMerger.apply(draft));
    assertEquals(2, draft.claims(SectionId.RISKS).size());
  }
}
