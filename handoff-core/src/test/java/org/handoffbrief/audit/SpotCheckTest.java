package org.handoffbrief.audit;

import static org.handoffbrief.audit.AuditBriefs.IN_WEEK;
import static org.handoffbrief.audit.AuditBriefs.WEEK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.handoffbrief.Fakes.SettableClock;
import org.handoffbrief.store.AuditEntry;
import org.handoffbrief.store.BriefStore;
import org.junit.jupiter.api.Test;

class SpotCheckTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-04-06T08:00:00Z"));

  /** Eight briefs delivered in the week, two the week before, one the week after. */
  private BriefStore storeWithDeliveries() {
    BriefStore store = BriefStore.inMemory(clock);
    for (int i = 1; i <= 8; i++) {
      AuditBriefs.delivered(store, AuditBriefs.brief("opp-" + i, 4, null, null), IN_WEEK.plus(Duration.ofHours(i)));
    }
    AuditBriefs.delivered(store, AuditBriefs.brief("opp-before-1", 4, null, null), Instant.parse("2026-03-29T23:59:59Z"));
    AuditBriefs.delivered(store, AuditBriefs.brief("opp-before-2", 4, null, null), Instant.parse("2026-03-25T10:00:00Z"));
    AuditBriefs.delivered(store, AuditBriefs.brief("opp-after", 4, null, null), Instant.parse("2026-04-06T00:00:00Z"));
    return store;
  }

  private static List<String> picks(List<AuditQuestion> sample) {
    return sample.stream().map(q -> q.briefId() + "#" + q.claimId() + "#" + q.evidenceId()).toList();
  }

  /** Issue 12: reproducible sampling: the same seed over the same store contents draws the same sample. */
  @Test
  void theSameSeedOverTheSameStoreDrawsTheSameSample() {
    List<AuditQuestion> a = SpotCheck.builder(storeWithDeliveries()).seed(42).clock(clock).build().sample(WEEK);
    List<AuditQuestion> b = SpotCheck.builder(storeWithDeliveries()).seed(42).clock(clock).build().sample(WEEK);
    assertEquals(picks(a), picks(b));
    assertEquals(20, a.size(), "five briefs, three citations and one 'missed' question each");
  }

  @Test
  void anotherSeedDrawsAnotherSample() {
    List<AuditQuestion> a = SpotCheck.builder(storeWithDeliveries()).seed(1).clock(clock).build().sample(WEEK);
    List<AuditQuestion> b = SpotCheck.builder(storeWithDeliveries()).seed(2).clock(clock).build().sample(WEEK);
    assertNotEquals(picks(a), picks(b));
  }

  @Test
  void onlyBriefsDeliveredWithinTheWeekAreSampledEachOnceWithDistinctCitations() {
    List<AuditQuestion> sample = SpotCheck.builder(storeWithDeliveries()).briefs(8).clock(clock).build().sample(WEEK);
    List<String> briefs = sample.stream().map(AuditQuestion::opportunityId).distinct().toList();
    assertEquals(8, briefs.size());
    assertTrue(briefs.stream().allMatch(o -> o.matches("opp-\\d")), briefs.toString());
    for (String opp : briefs) {
      List<AuditQuestion> cites = sample.stream()
          .filter(q -> q.opportunityId().equals(opp) && q.kind() == AuditQuestion.Kind.CITATION).toList();
      assertEquals(3, cites.size());
      assertEquals(3, cites.stream().map(AuditQuestion::evidenceId).distinct().count());
      assertEquals(1, sample.stream().filter(q -> q.opportunityId().equals(opp)
          && q.kind() == AuditQuestion.Kind.MISSED).count());
    }
  }

  @Test
  void aBriefWithFewerCitationsThanAskedGivesAllItHas() {
    BriefStore store = BriefStore.inMemory(clock);
    AuditBriefs.delivered(store, AuditBriefs.brief("opp-small", 1, null, null), IN_WEEK);
    List<AuditQuestion> sample = SpotCheck.builder(store).clock(clock).build().sample(WEEK);
    assertEquals(3, sample.size(), "the close claim, one risk, and the 'missed' question");
  }

  @Test
  void askingTwiceForAWeekReturnsTheSavedSampleEvenAfterMoreDeliveries() {
    BriefStore store = storeWithDeliveries();
    var events = new ArrayList<String>();
    SpotCheck check = SpotCheck.builder(store).seed(7).clock(clock).listener(new AuditListener() {
      @Override
      public void sampled(String week, List<AuditQuestion> questions) {
        events.add(week + ":" + questions.size());
      }
    }).build();
    List<AuditQuestion> first = check.sample(WEEK);
    AuditBriefs.delivered(store, AuditBriefs.brief("opp-9", 4, null, null), IN_WEEK);
    List<AuditQuestion> again = SpotCheck.builder(store).seed(99).clock(clock).build().sample(WEEK);
    assertEquals(first, again);
    assertEquals(List.of(WEEK + ":20"), events);
    assertEquals(1, store.auditTrail("audit/" + WEEK).stream().filter(e -> e.action().equals("audit.sampled")).count());
    assertEquals("audit/2026-W14/q01", first.get(0).questionId());
  }

  @Test
  void aWeekWithNoDeliveryHasAnEmptySampleAndSavesNothing() {
    BriefStore store = storeWithDeliveries();
    assertEquals(List.of(), SpotCheck.builder(store).clock(clock).build().sample("2026-W10"));
    assertEquals(List.of(), store.sample("2026-W10"));
  }

  /** Issue 12: answers recorded: once per question, with who and when; a replay keeps the first. */
  @Test
  void anAnswerIsRecordedOnceWithWhoAndWhenAndTheFirstStands() {
    BriefStore store = storeWithDeliveries();
    SpotCheck check = SpotCheck.builder(store).clock(clock).build();
    AuditQuestion q = check.sample(WEEK).get(0);
    SpotCheck.AnswerOutcome first = check.answer(q.questionId(), Verdict.SUPPORTS, "manager@example.invalid", " ");
    clock.advance(Duration.ofMinutes(5));
    SpotCheck.AnswerOutcome replay = check.answer(q.questionId(), Verdict.DOES_NOT_SUPPORT, "manager@example.invalid", "no");
    assertTrue(first.recorded());
    assertFalse(replay.recorded());
    assertEquals(Verdict.SUPPORTS, replay.answer().verdict());
    assertEquals(Instant.parse("2026-04-06T08:00:00Z"), store.auditAnswer(q.questionId()).orElseThrow().answeredAt());
    assertEquals("manager@example.invalid", store.auditAnswer(q.questionId()).orElseThrow().answeredBy());
    assertEquals(List.of(), store.claimMarks(q.briefId()));
    assertEquals(1, store.auditTrail(q.questionId()).size());
  }

  /** Issue 12: a "does not support" marks the claim in the stored brief and is a gate failure for the account. */
  @Test
  void doesNotSupportMarksTheClaimAndCountsAGateFailure() {
    BriefStore store = storeWithDeliveries();
    var marks = new ArrayList<ClaimMark>();
    SpotCheck check = SpotCheck.builder(store).clock(clock).listener(new AuditListener() {
      @Override
      public void claimMarked(ClaimMark mark) {
        marks.add(mark);
      }
    }).build();
    AuditQuestion q = check.sample(WEEK).get(0);
    String jsonBefore = store.find(q.briefId()).orElseThrow().json();
    check.answer(q.questionId(), Verdict.DOES_NOT_SUPPORT, "manager@example.invalid", "quote is about another risk");
    assertEquals(List.of(new ClaimMark(q.briefId(), q.claimId(), q.questionId(), "manager@example.invalid",
        clock.instant(), "quote is about another risk")), store.claimMarks(q.briefId()));
    assertEquals(1, marks.size());
    assertEquals(jsonBefore, store.find(q.briefId()).orElseThrow().json(), "the stored brief stays as it was made");
    // The next failure of the same account counts as its second.
    assertEquals(2, store.qualityHistory().record(q.accountId(), "another-opportunity", true));
    List<String> actions = store.auditTrail(q.questionId()).stream().map(AuditEntry::action).toList();
    assertEquals(List.of("audit.answered", "audit.claim_marked"), actions);
  }

  @Test
  void theCsmsAnswerIsKeptOnceAndAVerdictOnItIsRefused() {
    BriefStore store = storeWithDeliveries();
    SpotCheck check = SpotCheck.builder(store).clock(clock).build();
    AuditQuestion missed = check.sample(WEEK).stream().filter(q -> q.kind() == AuditQuestion.Kind.MISSED)
        .findFirst().orElseThrow();
    assertTrue(check.answerMissed(missed.questionId(), "csm@example.invalid", "The migration risk.").recorded());
    assertFalse(check.answerMissed(missed.questionId(), "csm@example.invalid", "Something else.").recorded());
    assertEquals("The migration risk.", store.auditAnswer(missed.questionId()).orElseThrow().note());
    assertThrows(IllegalArgumentException.class,
        () -> check.answer(missed.questionId(), Verdict.SUPPORTS, "manager@example.invalid", null));
    assertThrows(IllegalArgumentException.class,
        () -> check.answer("audit/2026-W14/q99", Verdict.SUPPORTS, "manager@example.invalid", null));
  }

  @Test
  void unansweredListsWhatIsLeftToAsk() {
    BriefStore store = storeWithDeliveries();
    SpotCheck check = SpotCheck.builder(store).clock(clock).build();
    List<AuditQuestion> sample = check.sample(WEEK);
    check.answer(sample.get(0).questionId(), Verdict.UNSURE, "manager@example.invalid", null);
    assertEquals(sample.size() - 1, check.unanswered(WEEK).size());
  }
}
