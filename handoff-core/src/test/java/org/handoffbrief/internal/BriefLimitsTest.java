package org.handoffbrief.internal;

import org.handoffbrief.extract.BriefDraft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Gap;
import org.handoffbrief.model.SectionId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What one claim and one section can carry, and how the brief says it left the rest out. */
@Tag("reliability")
class BriefLimitsTest {

  private static Citation cite(int i) {
    Evidence e = Evidence.builder("gmail", "message", "m" + i).timestamp(OffsetDateTime.parse("2026-03-01T10:00:00Z"))
        .text("From: x\n\nThe rollout plan is still pending.").build();
    return Citation.of(e, "The rollout plan is still pending.");
  }

  /** Issue 8 item 1: a claim said in 60 places keeps 25 citations and says 35 more were left out. */
  @Test
  void aClaimWithMoreCitationsThanTheCapKeepsTheFirstAndCountsTheRest() {
    var cites = new ArrayList<Citation>();
    for (int i = 0; i < 60; i++) {
      cites.add(cite(i));
    }
    var extracted = new BriefDraft();
    extracted.claim(SectionId.OPEN_THREADS, "pending", "Pending: the rollout plan", Map.of(), cites);
    var draft = FinishingDraft.of(extracted);
    BriefLimits.capCitations(draft);
    Claim claim = draft.claims(SectionId.OPEN_THREADS).get(0);
    assertEquals(cites.subList(0, BriefLimits.MAX_CITATIONS_PER_CLAIM), claim.citations());
    assertEquals("35", claim.attributes().get(BriefLimits.CITATIONS_OMITTED));
  }

  /** Issue 8 item 1: a section of 130 claims keeps its 100 best ranked and gets a section_truncated gap. */
  @Test
  void aSectionWithMoreClaimsThanTheCapKeepsTheFirstAndSaysHowManyWereCut() {
    var extracted = new BriefDraft();
    for (int i = 0; i < 130; i++) {
      extracted.claim(SectionId.RISKS, "objection", "Objection " + i, cite(i));
    }
    var draft = FinishingDraft.of(extracted);
    BriefLimits.capSections(draft);
    List<Claim> risks = draft.claims(SectionId.RISKS);
    assertEquals(BriefLimits.MAX_CLAIMS_PER_SECTION, risks.size());
    assertEquals("Objection 0", risks.get(0).text());
    List<Gap> gaps = draft.sections().get(SectionId.RISKS).gaps();
    assertEquals(List.of(BriefLimits.SECTION_TRUNCATED), gaps.stream().map(Gap::code).toList());
    assertTrue(gaps.get(0).message().startsWith("30 further claims"), gaps.get(0).message());
  }

  @Test
  void aBriefWithinTheCapsIsLeftAsItIs() {
    var extracted = new BriefDraft();
    Claim claim = extracted.claim(SectionId.RISKS, "objection", "Objection", Map.of(), List.of(cite(1), cite(2)));
    var draft = FinishingDraft.of(extracted);
    BriefLimits.capCitations(draft);
    BriefLimits.capSections(draft);
    assertSame(claim, draft.claims(SectionId.RISKS).get(0));
    assertTrue(draft.sections().get(SectionId.RISKS).gaps().isEmpty());
  }
}
