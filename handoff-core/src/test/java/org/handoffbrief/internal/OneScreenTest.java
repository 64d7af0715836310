package org.handoffbrief.internal;

import org.handoffbrief.extract.BriefDraft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;
import org.junit.jupiter.api.Test;

class OneScreenTest {
  private static final Evidence NOTE = Evidence.builder("gmail", "message", "m1")
      .timestamp(OffsetDateTime.parse("2026-03-02T10:00:00Z")).text("Something worth quoting here.").build();

  private static Citation cite() {
    return Citation.of(NOTE, "worth quoting");
  }

  @Test
  void aLongSectionShowsOneScreenAndRanksWhatTheGatesRequireFirst() {
    var extracted = new BriefDraft();
    for (int i = 0; i < 10; i++) {
      extracted.claim(SectionId.RISKS, "technical_dependency", "Dependency " + i + ".", cite());
    }
    extracted.claim(SectionId.RISKS, "support_ticket", "Support ticket (open): login errors", cite());
    var draft = FinishingDraft.of(extracted);
    OneScreen.apply(draft);
    Section risks = draft.sections().get(SectionId.RISKS);
    assertEquals(11, risks.claims().size(), "JSON keeps every claim");
    assertEquals(OneScreen.CAPS.get(SectionId.RISKS), risks.shown());
    assertEquals("Support ticket (open): login errors", risks.claims().get(0).text());
    assertEquals(11 - risks.shown(), risks.moreClaims().size());
  }

  @Test
  void theCapNeverHidesAPromise() {
    var extracted = new BriefDraft();
    for (int i = 0; i < 12; i++) {
      extracted.claim(SectionId.COMMITMENTS, "promise", "Commitment " + i + ".", cite());
    }
    extracted.claim(SectionId.COMMITMENTS, "sold", "Sold: the platform", cite());
    var draft = FinishingDraft.of(extracted);
    OneScreen.apply(draft);
    Section commitments = draft.sections().get(SectionId.COMMITMENTS);
    assertEquals(12, commitments.shown());
    assertEquals(List.of("Sold: the platform"), commitments.moreClaims().stream().map(Claim::text).toList());
  }

  @Test
  void htmlAndMarkdownOfferTheRestAsNMore() {
    var extracted = new BriefDraft();
    for (int i = 0; i < 9; i++) {
      extracted.claim(SectionId.RISKS, "technical_dependency", "Dependency " + i + ".", Map.of(), List.of(cite()));
    }
    var draft = FinishingDraft.of(extracted);
    OneScreen.apply(draft);
    Section risks = draft.sections().get(SectionId.RISKS);
    var brief = new org.handoffbrief.model.HandoffBrief(org.handoffbrief.model.HandoffBrief.SCHEMA_VERSION,
        "006000000000001AAA", "Meridian - Platform", "001000000000001AAA", "Meridian", java.time.Instant.EPOCH,
        Map.of(SectionId.RISKS, risks), List.of(), null);
    String html = org.handoffbrief.render.BriefRenderer.html().render(brief);
    String md = org.handoffbrief.render.BriefRenderer.markdown().render(brief);
    assertTrue(html.contains("<summary>3 more</summary>"), html);
    assertTrue(md.contains("- 3 more:"), md);
  }
}
