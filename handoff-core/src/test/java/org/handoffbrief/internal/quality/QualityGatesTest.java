package org.handoffbrief.internal.quality;

import static org.handoffbrief.internal.quality.Deal.ALEX;
import static org.handoffbrief.internal.quality.Deal.DANA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.handoffbrief.model.Channel;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.QualityReport.Check;
import org.handoffbrief.model.SectionId;
import org.junit.jupiter.api.Test;

class QualityGatesTest {
  private final Deal deal = new Deal();

  private Check check(String id) {
    return QualityGates.run(deal.input(), deal.sections()).stream().filter(c -> c.id().equals(id)).findFirst()
        .orElseThrow();
  }

  // stakeholder_coverage

  @Test
  void championAndEconomicBuyerWithLastTouchDatesPassCoverage() {
    Evidence role = deal.contactRole("2026-06-01T10:00:00Z", DANA, "Champion");
    Evidence cfo = deal.contactRole("2026-06-01T10:00:00Z", ALEX, "Economic Buyer");
    deal.stakeholder("champion", DANA, "2026-06-20", role, "Role: Champion");
    deal.stakeholder("economic_buyer", ALEX, "2026-06-21", cfo, "Role: Economic Buyer");
    Check c = check("stakeholder_coverage");
    assertTrue(c.passed(), c.reason());
    assertEquals(2, c.claimIds().size());
  }

  @Test
  void explicitGapsForChampionAndEconomicBuyerPassCoverage() {
    deal.gap(SectionId.STAKEHOLDERS, "no_champion");
    deal.gap(SectionId.STAKEHOLDERS, "no_economic_buyer");
    Check c = check("stakeholder_coverage");
    assertTrue(c.passed(), c.reason());
    assertTrue(c.reason().contains("no economic buyer (stated as a gap)"), c.reason());
  }

  @Test
  void economicBuyerWithoutLastTouchOrMissingWithoutAGapFailsCoverage() {
    Evidence role = deal.contactRole("2026-06-01T10:00:00Z", DANA, "Champion");
    deal.stakeholder("champion", DANA, null, role, "Role: Champion");
    Check c = check("stakeholder_coverage");
    assertFalse(c.passed());
    assertEquals("Champion Dana Okonkwo has no last-touch date; no economic buyer and no gap saying so.", c.reason());
  }

  // commitment_extraction

  @Test
  void vendorPromiseInMailThatNoCommitmentCitesFailsTheGateNamingTheSentence() {
    Evidence mail = deal.mail("2026-05-04T15:00:00Z", ALEX, "Thanks Dana. We will deliver the SSO connector by May 15.");
    Check c = check("commitment_extraction");
    assertFalse(c.passed());
    assertEquals(List.of(mail.id()), c.evidenceIds());
    assertEquals("We will deliver the SSO connector by May 15.", c.citations().get(0).quote());
  }

  @Test
  void vendorPromiseInMailOfASystemTheLibraryHasNeverSeenIsCheckedByItsChannel() {
    Evidence mail = deal.add(Evidence.builder("mail-of-tomorrow", "message", "x1").channel(Channel.EMAIL)
        .timestamp(java.time.OffsetDateTime.parse("2026-05-04T15:00:00Z")).author(ALEX).participants(List.of(DANA))
        .text("Subject: Rollout\n\nWe will deliver the SSO connector by May 15.").build());
    Check c = check("commitment_extraction");
    assertFalse(c.passed());
    assertEquals(List.of(mail.id()), c.evidenceIds());
  }

  @Test
  void promiseInAChannelThatIsNeitherMailNorCallsIsNotRequired() {
    deal.slack("2026-05-04T15:00:00Z", ALEX, "We will deliver the SSO connector by May 15.");
    assertEquals("No vendor promises in mail or calls.", check("commitment_extraction").reason());
  }

  @Test
  void vendorPromiseCitedByACommitmentPassesTheGate() {
    Evidence mail = deal.mail("2026-05-04T15:00:00Z", ALEX, "Thanks Dana. We will deliver the SSO connector by May 15.");
    deal.claim(SectionId.COMMITMENTS, "commitments.promise.1", Map.of(), mail, "We will deliver the SSO connector");
    Check c = check("commitment_extraction");
    assertTrue(c.passed(), c.reason());
    assertEquals("All 1 vendor promises in mail and calls are commitments.", c.reason());
  }

  @Test
  void promiseQuotedInAReplyIsCoveredByTheCommitmentCitingTheOriginal() {
    Evidence original = deal.mail("2026-05-04T15:00:00Z", ALEX, "We will deliver the SSO connector by May 15.");
    deal.mail("2026-05-05T09:00:00Z", DANA, "Great, thanks!\n> We will deliver the SSO connector by May 15.");
    deal.claim(SectionId.COMMITMENTS, "commitments.promise.1", Map.of(), original,
        "We will deliver the SSO connector by May 15.");
    assertTrue(check("commitment_extraction").passed(), check("commitment_extraction").reason());
  }

  @Test
  void negatedPromisesAndTheCustomersOwnPromisesAreNotRequired() {
    deal.mail("2026-05-04T15:00:00Z", ALEX, "We can't promise SSO by Q2, sorry.");
    deal.mail("2026-05-05T15:00:00Z", DANA, "We will send the specs by May 20.");
    Check c = check("commitment_extraction");
    assertTrue(c.passed(), c.reason());
    assertEquals("No vendor promises in mail or calls.", c.reason());
  }

  @Test
  void datedPromiseInWordsTheExtractorDoesNotKnowStillCounts() {
    Evidence mail = deal.mail("2026-03-01T15:00:00Z", ALEX, "We'll get you the sandbox by March 3.");
    Check c = check("commitment_extraction");
    assertFalse(c.passed());
    assertEquals(List.of(mail.id()), c.evidenceIds());
  }

  @Test
  void promiseRecordedFromOtherEvidenceWithTheSameDueDateAndSubjectCounts() {
    deal.mail("2026-03-22T15:30:00Z", ALEX, "Our counsel is reviewing the US-only language and I will come back to you"
        + " by April 3.");
    Evidence task = deal.mail("2026-03-27T21:00:00Z", ALEX, "Note: legal answer on US-only hosting owed by April 3.");
    deal.claim(SectionId.COMMITMENTS, "commitments.promise.1", Map.of("due", "2026-04-03"), task,
        "legal answer on US-only hosting owed by April 3.");
    assertTrue(check("commitment_extraction").passed(), check("commitment_extraction").reason());
  }

  @Test
  void anotherPromiseDueTheSameDayIsNotTheSamePromise() {
    Evidence mail = deal.mail("2026-03-22T15:30:00Z", ALEX, "I will send the sandbox credentials by April 3.");
    Evidence task = deal.mail("2026-03-27T21:00:00Z", ALEX, "Note: legal answer on hosting owed by April 3.");
    deal.claim(SectionId.COMMITMENTS, "commitments.promise.1", Map.of("due", "2026-04-03"), task,
        "legal answer on hosting owed by April 3.");
    Check c = check("commitment_extraction");
    assertFalse(c.passed());
    assertEquals(List.of(mail.id()), c.evidenceIds());
  }

  // support_during_cycle

  @Test
  void ticketOpenedDuringTheCycleThatNoClaimCitesFailsTheGate() {
    Evidence cited = deal.ticket("2026-03-10T10:00:00Z", "SSO login loops");
    Evidence silent = deal.ticket("2026-04-10T10:00:00Z", "Export times out");
    deal.ticket("2025-11-10T10:00:00Z", "Before the cycle");
    deal.claim(SectionId.RISKS, "risks.support_ticket.1", Map.of(), cited, "Subject: SSO login loops");
    Check c = check("support_during_cycle");
    assertFalse(c.passed());
    assertEquals(List.of(silent.id()), c.evidenceIds());
    assertTrue(c.reason().startsWith("1 of 2 tickets"), c.reason());
  }

  @Test
  void everyTicketCitedPassesTheGate() {
    Evidence t = deal.ticket("2026-03-10T10:00:00Z", "SSO login loops");
    deal.claim(SectionId.OPEN_THREADS, "open_threads.pending.1", Map.of(), t, "Subject: SSO login loops");
    assertTrue(check("support_during_cycle").passed());
  }

  // recency

  @Test
  void stakeholderCitingOnlyOldEvidenceWhileNewerExistsFailsRecency() {
    Evidence role = deal.contactRole("2026-01-15T10:00:00Z", DANA, "Champion");
    Evidence recent = deal.mail("2026-06-10T10:00:00Z", DANA, "Looking forward to kickoff.");
    var claim = deal.stakeholder("champion", DANA, "2026-06-10", role, "Role: Champion");
    Check c = check("recency");
    assertFalse(c.passed());
    assertEquals(List.of(claim.id()), c.claimIds());
    assertEquals(List.of(recent.id()), c.evidenceIds());
  }

  @Test
  void oldEvidenceIsFineWhenNothingNewerAboutThePersonExists() {
    Evidence role = deal.contactRole("2026-01-15T10:00:00Z", DANA, "Champion");
    deal.slack("2026-06-10T10:00:00Z", ALEX, "Internal note about the rollout plan.");
    deal.stakeholder("champion", DANA, "2026-01-15", role, "Role: Champion");
    assertTrue(check("recency").passed(), check("recency").reason());
  }

  // crm_conversation_diff

  @Test
  void crmSaysNoCompetitorWhileTheDealChannelTalksOfDisplacingOneIsAContradictionWithBothCitations() {
    Evidence opp = deal.opportunity("Competitor", "None");
    Evidence chat = deal.slack("2026-05-02T10:00:00Z", ALEX, "Big one: we're displacing Looker across all 14 clinics.");
    Check c = check("crm_conversation_diff");
    assertFalse(c.passed());
    assertEquals(List.of(opp.id(), chat.id()), c.evidenceIds());
    assertEquals(List.of("None", "Big one: we're displacing Looker across all 14 clinics."),
        c.citations().stream().map(Citation::quote).toList());
    assertTrue(c.reason().contains("replacing Looker"), c.reason());
  }

  @Test
  void competitorNamedInTheCrmAndTheConversationAgree() {
    deal.opportunity("Competitor", "Tableau");
    deal.slack("2026-05-02T10:00:00Z", ALEX, "We're replacing Tableau for the finance team.");
    assertTrue(check("crm_conversation_diff").passed());
  }

  @Test
  void aDifferentCompetitorInTheConversationIsAContradiction() {
    deal.opportunity("Competitor", "Tableau");
    deal.call("2026-05-02T10:00:00Z", "Dana: we are migrating off Qlik Sense this summer.");
    Check c = check("crm_conversation_diff");
    assertFalse(c.passed());
    assertTrue(c.reason().contains("Qlik Sense"), c.reason());
  }

  @Test
  void goLivePromisedInAnotherMonthThanTheCrmSaysIsAContradiction() {
    deal.opportunity("Go-live date", "2026-08-01");
    deal.mail("2026-05-04T15:00:00Z", ALEX, "Confirming go-live by September 15 as discussed.");
    Check c = check("crm_conversation_diff");
    assertFalse(c.passed());
    assertTrue(c.reason().contains("Go-live date is 2026-08-01, but the conversations say 2026-09-15"), c.reason());
  }

  @Test
  void aSpanCountedFromGoLiveIsNotAGoLiveDate() {
    deal.opportunity("Go-live date", "2026-08-01");
    deal.call("2026-05-02T10:00:00Z", "I need to see the ROI within twelve months of go-live, not in year two.");
    assertTrue(check("crm_conversation_diff").passed(), check("crm_conversation_diff").reason());
  }

  @Test
  void goLiveInTheSameMonthAgrees() {
    deal.opportunity("Go-live date", "2026-08-01");
    deal.mail("2026-05-04T15:00:00Z", ALEX, "We expect go-live by August 20.");
    assertTrue(check("crm_conversation_diff").passed());
  }

  @Test
  void seatCountThatDiffersFromTheCrmIsAContradictionButAnExpansionIsNot() {
    deal.opportunity("Seats", "420");
    deal.call("2026-05-02T10:00:00Z", "Maybe an additional 80 seats next year.");
    assertTrue(check("crm_conversation_diff").passed());
    deal.call("2026-05-03T10:00:00Z", "So the order is 500 seats for launch.");
    Check c = check("crm_conversation_diff");
    assertFalse(c.passed());
    assertTrue(c.reason().contains("Seats is 420, but the latest conversations say 500"), c.reason());
  }

  @Test
  void withoutHandoffFieldsThereIsNothingToCompare() {
    deal.slack("2026-05-02T10:00:00Z", ALEX, "We're displacing Looker.");
    Check c = check("crm_conversation_diff");
    assertTrue(c.passed());
    assertEquals("The conversations agree with the CRM fields compared.", c.reason());
  }
}
