package org.handoffbrief;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.handoffbrief.extract.BriefDraft;
import org.handoffbrief.internal.CitationVerifier;
import org.handoffbrief.internal.FinishingDraft;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Gap;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.model.SourceReport;
import org.handoffbrief.spi.SourceResult;
import org.junit.jupiter.api.Test;

/**
 * Nothing unverified reaches a reader: the verifier on its own, then {@link Handoff#brief} end to
 * end with a fake CRM, a fake source and an extractor that tries to slip bad citations in.
 */
class CitationVerificationTest {

  private static final Evidence EMAIL = Fakes.evidence("gmail", "m1",
      "Hi Alex, our IT lead says the security review will take 6 weeks. Dana");
  private static final Evidence PRICING = Evidence.builder("slack", "message", "p1").timestamp(Fakes.WRITTEN)
      .text("Approved 18% discount for Meridian.").internalOnly(true).build();
  private static final Evidence ELSEWHERE = Fakes.evidence("gmail", "other-customer", "Renewal at Northwind is at risk.");

  /** A citation of EMAIL at its own offsets, but quoting what is not there. */
  private static Citation forged() {
    Citation good = Citation.of(EMAIL, "6 weeks");
    return new Citation(good.evidenceId(), good.system(), good.permalink(), good.timestamp(), "2 weeks",
        good.start(), good.end());
  }

  private static Map<String, Evidence> byId(Evidence... evidence) {
    var map = new java.util.LinkedHashMap<String, Evidence>();
    for (Evidence e : evidence) {
      map.put(e.id(), e);
    }
    return map;
  }

  @Test
  void checkSaysWhyACitationFails() {
    var read = byId(EMAIL, PRICING);
    assertEquals(Optional.empty(), CitationVerifier.check(Citation.of(EMAIL, "6 weeks"), read));
    assertEquals(Optional.of("quote is not the text of gmail:message:m1 at [56, 63)"),
        CitationVerifier.check(forged(), read));
    assertEquals(Optional.of("cites internal-only evidence slack:message:p1"),
        CitationVerifier.check(Citation.of(PRICING, "18% discount"), read));
    assertEquals(Optional.of("cites gmail:message:other-customer, which is not citable evidence of this brief"),
        CitationVerifier.check(Citation.of(ELSEWHERE, "at risk"), read));
    Citation pastTheEnd = new Citation(EMAIL.id(), "gmail", null, Fakes.WRITTEN, "Dana and more", 69, 82);
    assertTrue(CitationVerifier.check(pastTheEnd, read).isPresent());
  }

  @Test
  void verifyKeepsGoodClaimsAndDropsEveryClaimWithABadCitation() {
    var extracted = new BriefDraft();
    Claim good = extracted.claim(SectionId.RISKS, "security_review", "Security review takes 6 weeks.",
        Citation.of(EMAIL, "security review will take 6 weeks"));
    extracted.claim(SectionId.RISKS, "security_review", "Security review takes 2 weeks.", forged());
    extracted.claim(SectionId.COMMITMENTS, "discount", "18% discount.", Citation.of(PRICING, "18% discount"));
    extracted.claim(SectionId.RISKS, "renewal", "Renewal at risk.", Citation.of(ELSEWHERE, "at risk"));
    extracted.claim(SectionId.OPEN_THREADS, "mixed", "Review and discount.", Map.of(),
        List.of(Citation.of(EMAIL, "security review"), Citation.of(PRICING, "discount")));

    var draft = FinishingDraft.of(extracted);
    int dropped = CitationVerifier.verify(draft, byId(EMAIL, PRICING));

    assertEquals(4, dropped);
    assertEquals(List.of(good), draft.claims(SectionId.RISKS));
    assertEquals(List.of(), draft.claims(SectionId.COMMITMENTS));
    assertEquals(List.of(), draft.claims(SectionId.OPEN_THREADS));
    assertTrue(everyCitationHolds(draft.claims(SectionId.RISKS), byId(EMAIL)));
    assertFalse(everyCitationHolds(List.of(good), byId(PRICING)));
  }

  @Test
  void briefEndToEndCitesOnlyVerifiedEvidenceAndGivesEveryEmptySectionAGap() {
    var read = new AtomicReference<List<Evidence>>();
    Handoff handoff = Handoff.builder()
        .resolver(Fakes.resolver())
        .connector(Fakes.connector("gmail", (deal, ctx) -> SourceResult.of(List.of(EMAIL))))
        .connector(Fakes.connector("slack", (deal, ctx) -> SourceResult.of(List.of(PRICING))))
        .connector(Fakes.connector("zendesk", (deal, ctx) -> {
          throw new SourceUnavailableException("zendesk", "Zendesk answered 503 three times; try again later.", null);
        }))
        .extractor((input, draft) -> {
          read.set(input.evidence());
          draft.claim(SectionId.RISKS, "security_review", "Security review takes 6 weeks.",
              Citation.of(EMAIL, "security review will take 6 weeks"));
          draft.claim(SectionId.COMMITMENTS, "discount", "18% discount.", Citation.of(PRICING, "18% discount"));
          draft.claim(SectionId.DEAL_HISTORY, "forged", "Review takes 2 weeks.", forged());
          draft.gap(SectionId.STAKEHOLDERS, "no_economic_buyer", "No economic buyer identified.");
        })
        .build();
    HandoffBrief brief;
    try (handoff) {
      brief = handoff.brief(Fakes.OPPORTUNITY_ID);
    }

    assertEquals(List.of(Fakes.CRM + ":message:opp-1", EMAIL.id()), read.get().stream().map(Evidence::id).toList(),
        "extractors never see internal-only evidence");
    assertEquals(List.of("risks.security_review.1"), brief.claims().stream().map(Claim::id).toList());
    assertTrue(everyCitationHolds(brief.claims(), byId(EMAIL)));

    assertEquals(1, brief.section(SectionId.STAKEHOLDERS).gaps().stream()
        .filter(g -> g.code().equals("no_economic_buyer")).count(), "an extractor's own gap is not doubled");
    for (Section s : brief.sections().values()) {
      assertFalse(s.isEmpty(), s.id() + " says nothing");
    }

    assertEquals(Fakes.OPPORTUNITY_ID, brief.opportunityId());
    assertEquals("001000000000001AAA", brief.accountId());
    assertEquals(HandoffBrief.SCHEMA_VERSION, brief.schemaVersion());
    assertEquals(List.of(Fakes.CRM, "gmail", "slack", "zendesk"),
        brief.sources().stream().map(SourceReport::system).toList());
    assertEquals(SourceReport.Status.FAILED, Fakes.report(brief, "zendesk").status());
    assertEquals(1, Fakes.report(brief, "slack").items(), "internal evidence still counts as read");
  }

  /** What a reader relies on: every citation of every claim passes the verifier's check. */
  private static boolean everyCitationHolds(List<Claim> claims, Map<String, Evidence> evidenceById) {
    return claims.stream().flatMap(c -> c.citations().stream())
        .allMatch(c -> CitationVerifier.check(c, evidenceById).isEmpty());
  }
}
