package org.handoffbrief.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.handoffbrief.audit.AuditAnswer;
import org.handoffbrief.audit.AuditQuestion;
import org.handoffbrief.audit.ClaimMark;
import org.handoffbrief.audit.Verdict;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.quality.QualityHistory;
import org.handoffbrief.review.ReviewFeedback;
import org.handoffbrief.review.ReviewState;
import org.handoffbrief.store.AuditEntry;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.Delivery;
import org.handoffbrief.store.OutboxPlan;
import org.handoffbrief.store.OutboxWrite;
import org.handoffbrief.store.ReviewStatus;
import org.handoffbrief.store.StoredBrief;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every behaviour of the {@link BriefStore} SPI, run on each implementation: the in-memory
 * store, H2 in a file and a real PostgreSQL server. Races run {@value #WORKERS} threads at once
 * and count who won.
 */
abstract class BriefStoreContract {
  static final int WORKERS = 8;
  static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  static final Duration LEASE = Duration.ofMinutes(5);

  BriefStore store;

  /** A new, empty store that dates what it stores by {@code clock}. */
  abstract BriefStore newStore(Clock clock);

  @BeforeEach
  void openStore() {
    store = newStore(Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  // ---- the weekly spot-check

  private static AuditQuestion question(String week, int seq, String briefId) {
    return new AuditQuestion(AuditQuestion.idFor(week, seq), week, seq, AuditQuestion.Kind.CITATION, briefId,
        "ACC-1", "OPP-1", "risks", "risks.r" + seq, "Risk " + seq, "gmail", "gmail:message:m" + seq,
        "quote " + seq, seq % 2 == 0 ? null : "https://example.invalid/m" + seq, T0);
  }

  private static AuditQuestion missed(String week, int seq, String briefId) {
    return new AuditQuestion(AuditQuestion.idFor(week, seq), week, seq, AuditQuestion.Kind.MISSED, briefId,
        "ACC-1", "OPP-1", null, null, null, null, null, null, null, T0);
  }

  /** Issue 12: a week's sample is stored once; a second sample of the same week changes nothing. */
  @Test
  void aWeeksSampleIsStoredOnceAndReadBackInOrder() {
    List<AuditQuestion> sample = List.of(question("2026-W02", 1, "B1"), question("2026-W02", 2, "B1"),
        missed("2026-W02", 3, "B1"));
    assertTrue(store.saveSample("2026-W02", sample));
    assertFalse(store.saveSample("2026-W02", List.of(question("2026-W02", 1, "B2"))));
    assertEquals(sample, store.sample("2026-W02"));
    assertEquals(Optional.of(sample.get(2)), store.auditQuestion("audit/2026-W02/q03"));
    assertEquals(List.of(), store.sample("2026-W03"));
    assertFalse(store.saveSample("2026-W03", List.of()));
    assertThrows(IllegalArgumentException.class, () -> store.saveSample("2026-W04", sample));
  }

  /** Issue 12: of eight workers drawing the same week, exactly one stores its sample. */
  @Test
  void eightWorkersSavingTheSameWeekStoreOneSample() throws Exception {
    var next = new java.util.concurrent.atomic.AtomicInteger();
    List<Boolean> stored = race(() -> store.saveSample("2026-W02",
        List.of(question("2026-W02", 1, "B" + next.incrementAndGet()), question("2026-W02", 2, "B0"))));
    assertEquals(1, stored.stream().filter(b -> b).count());
    assertEquals(2, store.sample("2026-W02").size());
  }

  /** Issue 12: an answer is kept once per question; a different second answer is not stored. */
  @Test
  void anAnswerIsKeptOncePerQuestionAndMarksTheClaimWhenItDoesNotSupport() {
    store.saveSample("2026-W02", List.of(question("2026-W02", 1, "B1"), question("2026-W02", 2, "B1"),
        missed("2026-W02", 3, "B1")));
    var no = new AuditAnswer("audit/2026-W02/q02", Verdict.DOES_NOT_SUPPORT, "manager", T0, "wrong risk");
    assertTrue(store.saveAnswer(new AuditAnswer("audit/2026-W02/q01", Verdict.SUPPORTS, "manager", T0, null)));
    assertTrue(store.saveAnswer(no));
    assertFalse(store.saveAnswer(new AuditAnswer("audit/2026-W02/q02", Verdict.SUPPORTS, "manager", T0, null)));
    assertTrue(store.saveAnswer(new AuditAnswer("audit/2026-W02/q03", null, "csm", T0, "the risks")));
    assertEquals(Optional.of(no), store.auditAnswer("audit/2026-W02/q02"));
    assertEquals(List.of("audit/2026-W02/q01", "audit/2026-W02/q02", "audit/2026-W02/q03"),
        store.answers("2026-W02").stream().map(AuditAnswer::questionId).toList());
    assertEquals(List.of(new ClaimMark("B1", "risks.r2", "audit/2026-W02/q02", "manager", T0, "wrong risk")),
        store.claimMarks("B1"));
    assertEquals(List.of(), store.claimMarks("B2"));
    assertThrows(IllegalArgumentException.class,
        () -> store.saveAnswer(new AuditAnswer("audit/2026-W09/q01", Verdict.SUPPORTS, "manager", T0, null)));
  }

  /** Issue 12: eight racing answers to one question keep exactly one. */
  @Test
  void eightWorkersAnsweringTheSameQuestionKeepOne() throws Exception {
    store.saveSample("2026-W02", List.of(question("2026-W02", 1, "B1")));
    List<Boolean> firsts = race(() -> store.saveAnswer(
        new AuditAnswer("audit/2026-W02/q01", Verdict.UNSURE, "manager", T0, null)));
    assertEquals(1, firsts.stream().filter(b -> b).count());
  }

  // ---- brief versions

  @Test
  void theFirstBriefOfAnOpportunityIsVersionOne() {
    var brief = TestBriefs.brief("OPP-1", "Integration needs a nightly export.");
    StoredBrief stored = store.save(brief, BriefKind.HANDOFF);

    assertEquals("OPP-1/handoff/v1", stored.briefId());
    assertEquals(1, stored.version());
    assertEquals("ACC-1", stored.accountId());
    assertEquals(T0, stored.storedAt());
    assertEquals(StoredBrief.fingerprint(brief), stored.fingerprint());
    assertEquals(Optional.of(stored), store.find("OPP-1/handoff/v1"));
    assertEquals("Integration needs a nightly export.", store.find(stored.briefId()).orElseThrow().brief()
        .claims().get(0).text());
  }

  @Test
  void theSameContentMadeAgainLaterIsTheSameVersion() {
    StoredBrief first = store.save(TestBriefs.brief("OPP-1", "Risk A."), BriefKind.HANDOFF);
    StoredBrief again = store.save(TestBriefs.brief("ACC-1", "OPP-1", T0.plusSeconds(3600), "Risk A."),
        BriefKind.HANDOFF);

    assertEquals(first, again);
    assertEquals(1, store.history("OPP-1").size());
  }

  @Test
  void changedContentIsTheNextVersionAndGoingBackIsAnotherOne() {
    store.save(TestBriefs.brief("OPP-1", "Risk A."), BriefKind.HANDOFF);
    StoredBrief second = store.save(TestBriefs.brief("OPP-1", "Risk A.", "Risk B."), BriefKind.HANDOFF);
    StoredBrief third = store.save(TestBriefs.brief("OPP-1", "Risk A."), BriefKind.HANDOFF);

    assertEquals(2, second.version());
    assertEquals("OPP-1/handoff/v2", second.briefId());
    assertEquals(3, third.version());
  }

  @Test
  void versionsAreCountedPerKindAndLatestFindsBothWays() {
    store.save(TestBriefs.brief("OPP-1", "Risk A."), BriefKind.HANDOFF);
    store.save(TestBriefs.brief("OPP-1", "Risk B."), BriefKind.HANDOFF);
    StoredBrief thirtyDay = store.save(TestBriefs.brief("OPP-1", "Risk A."), BriefKind.THIRTY_DAY);

    assertEquals(1, thirtyDay.version());
    assertEquals("OPP-1/30-day/v1", thirtyDay.briefId());
    assertEquals(2, store.latest("OPP-1", BriefKind.HANDOFF).orElseThrow().version());
    assertEquals(thirtyDay, store.latest("OPP-1").orElseThrow());
    assertEquals(Optional.empty(), store.latest("OPP-1", BriefKind.QBR));
  }

  @Test
  void historyListsEveryKindOldestFirstAndOnlyThisOpportunity() {
    store.save(TestBriefs.brief("OPP-1", "Risk A."), BriefKind.HANDOFF);
    store.save(TestBriefs.brief("OPP-1", "Risk A."), BriefKind.KICKOFF);
    store.save(TestBriefs.brief("OPP-2", "Risk A."), BriefKind.HANDOFF);
    store.save(TestBriefs.brief("OPP-1", "Risk B."), BriefKind.HANDOFF);

    assertEquals(List.of("OPP-1/handoff/v1", "OPP-1/kickoff/v1", "OPP-1/handoff/v2"),
        store.history("OPP-1").stream().map(StoredBrief::briefId).toList());
  }

  @Test
  void anOpportunityNeverBriefedHasNothingStored() {
    assertEquals(Optional.empty(), store.find("OPP-9/handoff/v1"));
    assertEquals(Optional.empty(), store.latest("OPP-9"));
    assertEquals(List.of(), store.history("OPP-9"));
  }

  /** Issue 9: unique constraints, not application checks, make "once" true when two workers race. */
  @Test
  void eightWorkersSavingTheSameBriefStoreOneVersion() throws Exception {
    var brief = TestBriefs.brief("OPP-1", "Risk A.");

    List<StoredBrief> saved = race(() -> store.save(brief, BriefKind.HANDOFF));

    assertEquals(1, saved.stream().map(StoredBrief::briefId).distinct().count());
    assertEquals(1, store.history("OPP-1").size());
  }

  @Test
  void eightWorkersSavingDifferentBriefsStoreEightVersionsNumberedOnce() throws Exception {
    var next = new java.util.concurrent.atomic.AtomicInteger();

    List<StoredBrief> saved = race(() -> store.save(TestBriefs.brief("OPP-1", "Risk " + next.incrementAndGet()),
        BriefKind.HANDOFF));

    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), saved.stream().map(StoredBrief::version).sorted().toList());
  }

  // ---- the outbox

  @Test
  void aPlanIsStoredOnceWithItsWritesPendingInPlanOrder() {
    OutboxPlan plan = plan("P1", OutboxPlan.Approval.NOT_REQUIRED);
    OutboxPlan stored = store.savePlan(plan, writes("P1", 3));
    OutboxPlan second = store.savePlan(new OutboxPlan("P1", "OPP-1/handoff/v2", "OPP-1", "{\"other\":true}",
        T0.plusSeconds(60), OutboxPlan.Approval.PENDING, null, null), writes("P1", 5));

    assertEquals(plan, stored);
    assertEquals(plan, second);
    assertEquals(Optional.of(plan), store.plan("P1"));
    List<OutboxWrite> writes = store.writes("P1");
    assertEquals(List.of("P1/w1", "P1/w2", "P1/w3"), writes.stream().map(OutboxWrite::writeKey).toList());
    assertTrue(writes.stream().allMatch(w -> w.status() == OutboxWrite.Status.PENDING && w.attempts() == 0));
  }

  @Test
  void aWriteOfAnotherPlanOrAKeyAlreadyStoredIsRefusedAndNothingIsStored() {
    store.savePlan(plan("P1", OutboxPlan.Approval.NOT_REQUIRED), writes("P1", 1));

    assertThrows(IllegalArgumentException.class,
        () -> store.savePlan(plan("P2", OutboxPlan.Approval.NOT_REQUIRED), writes("P1", 1)));
    assertThrows(IllegalArgumentException.class, () -> store.savePlan(plan("P2", OutboxPlan.Approval.NOT_REQUIRED),
        List.of(OutboxWrite.pending("P2", "P1/w1", 1, "crm:Task", "a task", T0))));
    assertEquals(Optional.empty(), store.plan("P2"));
  }

  /** Issue 9: unique constraints, not application checks, make "once" true when two workers race. */
  @Test
  void eightWorkersSavingTheSamePlanStoreItOnce() throws Exception {
    List<OutboxPlan> saved = race(() -> store.savePlan(plan("P1", OutboxPlan.Approval.NOT_REQUIRED),
        writes("P1", 3)));

    assertEquals(1, saved.stream().distinct().count());
    assertEquals(3, store.writes("P1").size());
  }

  @Test
  void aPersonApprovesOrRejectsAPlan() {
    store.savePlan(plan("P1", OutboxPlan.Approval.PENDING), writes("P1", 1));
    store.savePlan(plan("P2", OutboxPlan.Approval.PENDING), writes("P2", 1));

    OutboxPlan approved = store.decide("P1", true, "reviewer@example.test", T0.plusSeconds(5));
    OutboxPlan rejected = store.decide("P2", false, "reviewer@example.test", T0.plusSeconds(6));

    assertEquals(OutboxPlan.Approval.APPROVED, approved.approval());
    assertEquals("reviewer@example.test", approved.approvedBy());
    assertEquals(T0.plusSeconds(5), approved.approvedAt());
    assertEquals(approved, store.plan("P1").orElseThrow());
    assertFalse(rejected.approval().allowsWrites());
    assertThrows(IllegalArgumentException.class, () -> store.decide("P9", true, "reviewer@example.test", T0));
  }

  @Test
  void beginTakesAPendingWriteInFlightAndCountsTheAttempt() {
    store.savePlan(plan("P1", OutboxPlan.Approval.NOT_REQUIRED), writes("P1", 1));

    OutboxWrite taken = store.begin("P1/w1", "worker-a", T0, LEASE).orElseThrow();

    assertEquals(OutboxWrite.Status.IN_FLIGHT, taken.status());
    assertEquals(1, taken.attempts());
    assertEquals(T0, taken.updatedAt());
    assertEquals(Optional.empty(), store.begin("P9/w1", "worker-a", T0, LEASE));
  }

  @Test
  void aLiveLeaseKeepsOtherWorkersOutAndAnExpiredOneIsTakenOver() {
    store.savePlan(plan("P1", OutboxPlan.Approval.NOT_REQUIRED), writes("P1", 1));
    store.begin("P1/w1", "worker-a", T0, LEASE).orElseThrow();

    assertEquals(Optional.empty(), store.begin("P1/w1", "worker-b", T0.plusSeconds(299), LEASE));
    OutboxWrite takenOver = store.begin("P1/w1", "worker-b", T0.plus(LEASE), LEASE).orElseThrow();

    assertEquals(2, takenOver.attempts());
    assertEquals(OutboxWrite.Status.IN_FLIGHT, takenOver.status());
  }

  @Test
  void aDoneWriteStaysDoneAndIsNeverBegunAgain() {
    store.savePlan(plan("P1", OutboxPlan.Approval.NOT_REQUIRED), writes("P1", 1));
    store.begin("P1/w1", "worker-a", T0, LEASE).orElseThrow();

    OutboxWrite done = store.finish("P1/w1", OutboxWrite.Status.DONE, "00T000000000001", null, T0.plusSeconds(1));
    OutboxWrite later = store.finish("P1/w1", OutboxWrite.Status.FAILED, null, "late failure", T0.plusSeconds(2));

    assertEquals(OutboxWrite.Status.DONE, done.status());
    assertEquals("00T000000000001", done.recordId());
    assertEquals(done, later);
    assertEquals(Optional.empty(), store.begin("P1/w1", "worker-b", T0.plus(Duration.ofDays(1)), LEASE));
  }

  @Test
  void aFailedOrSkippedWriteIsBegunAgainAndKeepsItsRecordId() {
    store.savePlan(plan("P1", OutboxPlan.Approval.NOT_REQUIRED), writes("P1", 2));
    store.begin("P1/w1", "worker-a", T0, LEASE).orElseThrow();
    store.finish("P1/w1", OutboxWrite.Status.FAILED, "a0X000000000001", "UNABLE_TO_LOCK_ROW", T0.plusSeconds(1));
    store.finish("P1/w2", OutboxWrite.Status.SKIPPED, null, "object not deployed", T0.plusSeconds(1));

    OutboxWrite retried = store.begin("P1/w1", "worker-b", T0.plusSeconds(2), LEASE).orElseThrow();
    OutboxWrite done = store.finish("P1/w1", OutboxWrite.Status.DONE, null, null, T0.plusSeconds(3));

    assertEquals(2, retried.attempts());
    assertEquals("a0X000000000001", done.recordId());
    assertEquals("object not deployed", store.writes("P1").get(1).detail());
    assertTrue(store.begin("P1/w2", "worker-b", T0.plusSeconds(4), LEASE).isPresent());
  }

  @Test
  void finishRefusesAnUnknownWriteAndAStatusThatIsNoEnd() {
    store.savePlan(plan("P1", OutboxPlan.Approval.NOT_REQUIRED), writes("P1", 1));

    assertThrows(IllegalArgumentException.class,
        () -> store.finish("P9/w1", OutboxWrite.Status.DONE, "x", null, T0));
    assertThrows(IllegalArgumentException.class,
        () -> store.finish("P1/w1", OutboxWrite.Status.IN_FLIGHT, null, null, T0));
  }

  /** Issue 9: two concurrent writers for the same brief write once. */
  @Test
  void eightWorkersBeginningTheSameWriteLetExactlyOneMakeIt() throws Exception {
    store.savePlan(plan("P1", OutboxPlan.Approval.NOT_REQUIRED), writes("P1", 1));
    var worker = new java.util.concurrent.atomic.AtomicInteger();

    List<Optional<OutboxWrite>> taken = race(() -> store.begin("P1/w1", "worker-" + worker.incrementAndGet(), T0,
        LEASE));

    assertEquals(1, taken.stream().filter(Optional::isPresent).count());
    assertEquals(1, store.writes("P1").get(0).attempts());
  }

  // ---- the audit trail

  @Test
  void theAuditTrailOfASubjectHoldsItAndWhatIsUnderItOldestFirst() {
    store.audit(entry("P1", "plan.saved"));
    store.audit(entry("P1/w1", "upsert"));
    store.audit(entry("P10", "plan.saved"));
    store.audit(entry("P1x/w1", "upsert"));
    store.audit(entry("P1/w2", "write.skipped"));

    List<AuditEntry> trail = store.auditTrail("P1");

    assertEquals(List.of("plan.saved", "upsert", "write.skipped"), trail.stream().map(AuditEntry::action).toList());
    assertEquals(entry("P1/w1", "upsert"), trail.get(1));
  }

  @Test
  void theAuditTrailReadsPercentAndUnderscoreInASubjectLiterally() {
    store.audit(entry("a_b%/w1", "upsert"));
    store.audit(entry("axbz/w1", "upsert"));

    assertEquals(1, store.auditTrail("a_b%").size());
    assertEquals(List.of(), store.auditTrail("a_b"));
  }

  // ---- what triggers need

  @Test
  void markOnceIsTrueForTheFirstCallerOnlyInEachScope() {
    assertTrue(store.markOnce("outbound", "N-1", T0));
    assertFalse(store.markOnce("outbound", "N-1", T0.plusSeconds(1)));
    assertTrue(store.markOnce("poller", "N-1", T0));
  }

  /** Issue 9: unique constraints, not application checks, make "once" true when two workers race. */
  @Test
  void eightWorkersMarkingTheSameKeyFindExactlyOneFirst() throws Exception {
    List<Boolean> firsts = race(() -> store.markOnce("outbound", "N-1", T0));

    assertEquals(1, firsts.stream().filter(b -> b).count());
  }

  @Test
  void aCheckpointMovesOnlyFromTheValueTheWorkerRead() {
    assertEquals(Optional.empty(), store.checkpoint("poller"));
    assertTrue(store.advanceCheckpoint("poller", null, "2026-01-05T09:00:00Z"));
    assertFalse(store.advanceCheckpoint("poller", null, "2026-01-05T09:05:00Z"));
    assertFalse(store.advanceCheckpoint("poller", "2026-01-01T00:00:00Z", "2026-01-05T09:05:00Z"));
    assertTrue(store.advanceCheckpoint("poller", "2026-01-05T09:00:00Z", "2026-01-05T09:05:00Z"));

    assertEquals(Optional.of("2026-01-05T09:05:00Z"), store.checkpoint("poller"));
  }

  /** Issue 9: unique constraints, not application checks, make "once" true when two workers race. */
  @Test
  void eightWorkersAdvancingACheckpointFromTheSameValueLetOneWin() throws Exception {
    store.advanceCheckpoint("poller", null, "v0");
    var worker = new java.util.concurrent.atomic.AtomicInteger();

    List<Boolean> won = race(() -> store.advanceCheckpoint("poller", "v0", "v1-" + worker.incrementAndGet()));

    assertEquals(1, won.stream().filter(b -> b).count());
    assertNotEquals(Optional.of("v0"), store.checkpoint("poller"));
  }

  @Test
  void eightWorkersSettingAnUnsetCheckpointLetOneWin() throws Exception {
    List<Boolean> won = race(() -> store.advanceCheckpoint("poller", null, "v1"));

    assertEquals(1, won.stream().filter(b -> b).count());
  }

  // ---- review and delivery

  @Test
  void aBriefNeverMovedIsADraftWithNoStatusInNoList() {
    assertEquals(Optional.empty(), store.reviewStatus("OPP-1/handoff/v1"));
    assertEquals(List.of(), store.reviews(ReviewState.IN_REVIEW));
  }

  /** Issue 10: each review state is stored with who moved the brief there, when and why. */
  @Test
  void aBriefWalksThroughEveryReviewStateEachMoveKeptWithWhoAndWhen() {
    String briefId = "OPP-1/handoff/v1";
    ReviewState from = null;
    int second = 0;
    for (ReviewState to : List.of(ReviewState.IN_REVIEW, ReviewState.CHANGES_REQUESTED, ReviewState.IN_REVIEW,
        ReviewState.APPROVED, ReviewState.FAILED, ReviewState.FAILED, ReviewState.DELIVERED)) {
      var next = new ReviewStatus(briefId, to, "actor-" + to.wireId(), T0.plusSeconds(++second),
          to == ReviewState.FAILED ? "channel_not_found" : null);

      assertTrue(store.moveReview(briefId, from, next), from + " -> " + to);
      assertEquals(Optional.of(next), store.reviewStatus(briefId));
      from = to;
    }
  }

  @Test
  void aReviewMovesOnlyFromTheStateTheWorkerRead() {
    String briefId = "OPP-1/handoff/v1";
    assertTrue(store.moveReview(briefId, null, status(briefId, ReviewState.IN_REVIEW, "worker", 1)));

    assertFalse(store.moveReview(briefId, null, status(briefId, ReviewState.APPROVED, "route-none", 2)));
    assertFalse(store.moveReview(briefId, ReviewState.APPROVED, status(briefId, ReviewState.DELIVERED, "worker", 2)));
    assertEquals(ReviewState.IN_REVIEW, store.reviewStatus(briefId).orElseThrow().state());
    assertTrue(store.moveReview(briefId, ReviewState.IN_REVIEW, status(briefId, ReviewState.APPROVED, "ae", 3)));
    assertEquals(status(briefId, ReviewState.APPROVED, "ae", 3), store.reviewStatus(briefId).orElseThrow());
  }

  @Test
  void aStatusOfAnotherBriefIsRefusedAndNothingMoves() {
    assertThrows(IllegalArgumentException.class,
        () -> store.moveReview("OPP-1/handoff/v1", null, status("OPP-2/handoff/v1", ReviewState.IN_REVIEW, "w", 1)));
    assertEquals(Optional.empty(), store.reviewStatus("OPP-1/handoff/v1"));
    assertEquals(Optional.empty(), store.reviewStatus("OPP-2/handoff/v1"));
  }

  /** Issue 10: the time-out finds the briefs waiting for an answer, the longest waiting first. */
  @Test
  void reviewsListsTheBriefsInAStateOldestMoveFirst() {
    store.moveReview("OPP-2/handoff/v1", null, status("OPP-2/handoff/v1", ReviewState.IN_REVIEW, "worker", 20));
    store.moveReview("OPP-1/handoff/v1", null, status("OPP-1/handoff/v1", ReviewState.IN_REVIEW, "worker", 10));
    store.moveReview("OPP-3/handoff/v1", null, status("OPP-3/handoff/v1", ReviewState.IN_REVIEW, "worker", 30));
    store.moveReview("OPP-3/handoff/v1", ReviewState.IN_REVIEW,
        status("OPP-3/handoff/v1", ReviewState.APPROVED, "ae", 40));

    assertEquals(List.of("OPP-1/handoff/v1", "OPP-2/handoff/v1"),
        store.reviews(ReviewState.IN_REVIEW).stream().map(ReviewStatus::briefId).toList());
    assertEquals(List.of(status("OPP-3/handoff/v1", ReviewState.APPROVED, "ae", 40)),
        store.reviews(ReviewState.APPROVED));
    assertEquals(List.of(), store.reviews(ReviewState.DELIVERED));
  }

  /** Issue 10: of two racing reviewers (or a reviewer and the time-out), exactly one moves the brief. */
  @Test
  void eightWorkersMovingTheSameReviewFromTheSameStateLetExactlyOneMoveIt() throws Exception {
    String briefId = "OPP-1/handoff/v1";
    store.moveReview(briefId, null, status(briefId, ReviewState.IN_REVIEW, "worker", 1));
    var worker = new java.util.concurrent.atomic.AtomicInteger();

    List<Boolean> moved = race(() -> store.moveReview(briefId, ReviewState.IN_REVIEW,
        status(briefId, ReviewState.APPROVED, "reviewer-" + worker.incrementAndGet(), 2)));

    assertEquals(1, moved.stream().filter(b -> b).count());
    assertEquals(ReviewState.APPROVED, store.reviewStatus(briefId).orElseThrow().state());
  }

  @Test
  void eightWorkersTakingTheSameDraftIntoReviewLetExactlyOneTakeIt() throws Exception {
    String briefId = "OPP-1/handoff/v1";

    List<Boolean> moved = race(() -> store.moveReview(briefId, null,
        status(briefId, ReviewState.IN_REVIEW, "worker", 1)));

    assertEquals(1, moved.stream().filter(b -> b).count());
    assertEquals(List.of(briefId),
        store.reviews(ReviewState.IN_REVIEW).stream().map(ReviewStatus::briefId).toList());
  }

  @Test
  void aReviewersAnswersAreKeptWholeOnceEachInArrivalOrder() {
    var note = new ReviewFeedback("view-2", ReviewFeedback.Kind.NOTE, "Reviewer One", T0.plusSeconds(1), null,
        "Their security team wants a call before go-live; \"<@U0>\" & ünïcode. " + "x".repeat(5000));
    var flag = new ReviewFeedback("view-1", ReviewFeedback.Kind.FLAGGED_CLAIM, "Reviewer One", T0.plusSeconds(2),
        "commitment.1", "The date moved to the next quarter.");
    var confirm = new ReviewFeedback("action-1", ReviewFeedback.Kind.CONFIRMED, "Reviewer One", T0, null, null);

    assertTrue(store.addFeedback("OPP-1/handoff/v1", note));
    assertTrue(store.addFeedback("OPP-1/handoff/v1", flag));
    assertTrue(store.addFeedback("OPP-1/handoff/v1", confirm));
    assertFalse(store.addFeedback("OPP-1/handoff/v1", new ReviewFeedback("view-1", ReviewFeedback.Kind.NOTE,
        "Someone Else", T0.plusSeconds(9), null, "a replay with other content")));

    assertEquals(List.of(note, flag, confirm), store.feedback("OPP-1/handoff/v1"));
    assertEquals(List.of(), store.feedback("OPP-2/handoff/v1"));
  }

  @Test
  void theSameAnswerIdOnAnotherBriefIsAnotherAnswer() {
    var confirm = new ReviewFeedback("action-1", ReviewFeedback.Kind.CONFIRMED, "Reviewer One", T0, null, null);

    assertTrue(store.addFeedback("OPP-1/handoff/v1", confirm));
    assertTrue(store.addFeedback("OPP-1/handoff/v2", confirm));
  }

  /** Issue 10: a replayed interaction changes nothing: the same answer delivered eight times at once is kept once. */
  @Test
  void eightWorkersAddingTheSameAnswerKeepItOnce() throws Exception {
    var confirm = new ReviewFeedback("action-1", ReviewFeedback.Kind.CONFIRMED, "Reviewer One", T0, null, null);

    List<Boolean> added = race(() -> store.addFeedback("OPP-1/handoff/v1", confirm));

    assertEquals(1, added.stream().filter(b -> b).count());
    assertEquals(List.of(confirm), store.feedback("OPP-1/handoff/v1"));
  }

  /** Issue 10: a crash between the post and saving its ts leaves a reservation that says so. */
  @Test
  void aDeliveryIsReservedOnceBeforeItsPostAndThenRecordsTheMessage() {
    var pending = new Delivery("slack:C1:OPP-1/handoff", "C1", null, "OPP-1/handoff/v1", T0);

    assertEquals(Optional.empty(), store.delivery("slack:C1:OPP-1/handoff"));
    assertTrue(store.reserveDelivery(pending));
    assertFalse(store.reserveDelivery(new Delivery("slack:C1:OPP-1/handoff", "C1", null, "OPP-1/handoff/v2",
        T0.plusSeconds(1))));
    assertEquals(Optional.of(pending), store.delivery("slack:C1:OPP-1/handoff"));
    assertFalse(store.delivery("slack:C1:OPP-1/handoff").orElseThrow().posted());

    var posted = new Delivery("slack:C1:OPP-1/handoff", "C1", "1767603600.000100", "OPP-1/handoff/v1",
        T0.plusSeconds(2));
    store.saveDelivery(posted);

    assertEquals(Optional.of(posted), store.delivery("slack:C1:OPP-1/handoff"));
  }

  /** Issue 10: re-delivery updates the earlier message: the store keeps its channel and ts per key. */
  @Test
  void savingADeliveryAgainReplacesItAndAnUnreservedOneIsStored() {
    var first = new Delivery("slack:C1:OPP-1/handoff", "C1", "1767603600.000100", "OPP-1/handoff/v1", T0);
    var second = new Delivery("slack:C1:OPP-1/handoff", "C1", "1767603600.000100", "OPP-1/handoff/v2",
        T0.plusSeconds(60));

    store.saveDelivery(first);
    store.saveDelivery(second);

    assertEquals(Optional.of(second), store.delivery("slack:C1:OPP-1/handoff"));
    assertFalse(store.reserveDelivery(first));
    assertEquals(Optional.empty(), store.delivery("slack:C2:OPP-1/handoff"));
  }

  /** Issue 10: of two workers delivering the same brief, exactly one posts. */
  @Test
  void eightWorkersReservingTheSameDeliveryLetExactlyOnePost() throws Exception {
    var worker = new java.util.concurrent.atomic.AtomicInteger();

    List<Boolean> reserved = race(() -> store.reserveDelivery(new Delivery("slack:C1:OPP-1/handoff", "C1", null,
        "OPP-1/handoff/v" + worker.incrementAndGet(), T0)));

    assertEquals(1, reserved.stream().filter(b -> b).count());
    assertFalse(store.delivery("slack:C1:OPP-1/handoff").orElseThrow().posted());
  }

  @Test
  void eightWorkersSavingTheSameDeliveryAtOnceLeaveOneOfTheirs() throws Exception {
    var worker = new java.util.concurrent.atomic.AtomicInteger();

    List<String> saved = race(() -> {
      String ts = "1767603600.00010" + worker.incrementAndGet();
      store.saveDelivery(new Delivery("slack:C1:OPP-1/handoff", "C1", ts, "OPP-1/handoff/v1", T0));
      return ts;
    });

    assertTrue(saved.contains(store.delivery("slack:C1:OPP-1/handoff").orElseThrow().messageId()));
  }

  // ---- gate failures

  @Test
  void qualityHistoryCountsEachAccountsFailedOpportunitiesOnceAndForgetsAFixedOne() {
    QualityHistory history = store.qualityHistory();

    assertEquals(1, history.record("ACC-1", "OPP-1", true));
    assertEquals(1, history.record("ACC-1", "OPP-1", true));
    assertEquals(2, history.record("ACC-1", "OPP-2", true));
    assertEquals(1, history.record("ACC-2", "OPP-3", true));
    assertEquals(1, history.record("ACC-1", "OPP-1", false));
    assertEquals(0, history.record("ACC-3", "OPP-4", false));
    assertThrows(NullPointerException.class, () -> history.record(null, "OPP-1", true));
  }

  // ---- helpers

  static OutboxPlan plan(String key, OutboxPlan.Approval approval) {
    return new OutboxPlan(key, "OPP-1/handoff/v1", "OPP-1", "{\"writes\":[]}", T0, approval, null, null);
  }

  static List<OutboxWrite> writes(String planKey, int count) {
    var out = new ArrayList<OutboxWrite>();
    for (int i = 1; i <= count; i++) {
      out.add(OutboxWrite.pending(planKey, planKey + "/w" + i, i, "crm:Task", "write " + i, T0));
    }
    return out;
  }

  static ReviewStatus status(String briefId, ReviewState state, String actor, int secondsAfterT0) {
    return new ReviewStatus(briefId, state, actor, T0.plusSeconds(secondsAfterT0), null);
  }

  static AuditEntry entry(String subject, String action) {
    return new AuditEntry(T0, "integration-user", action, subject, "crm:Task", "00T000000000001", "ok", null);
  }

  /** Runs {@code task} on {@value #WORKERS} threads released at the same moment; their results. */
  static <T> List<T> race(Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    try {
      var ready = new CountDownLatch(WORKERS);
      var go = new CountDownLatch(1);
      var futures = new ArrayList<Future<T>>();
      for (int i = 0; i < WORKERS; i++) {
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return task.call();
        }));
      }
      ready.await();
      go.countDown();
      var results = new ArrayList<T>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
