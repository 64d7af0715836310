package org.handoffbrief.review;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.handoffbrief.Fakes.SettableClock;
import org.handoffbrief.internal.CitationVerifier;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.Review;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.review.BriefReview.Expiry;
import org.handoffbrief.review.BriefReview.Mode;
import org.handoffbrief.review.BriefReview.TimeoutAction;
import org.handoffbrief.store.AuditEntry;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.ReviewStatus;
import org.handoffbrief.store.StoredBrief;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BriefReviewTest {
  private static final String AE = "Alex Rivera";
  private static final Instant T0 = Instant.parse("2026-03-27T09:00:00Z");

  private final SettableClock clock = new SettableClock(T0);
  private final BriefStore store = BriefStore.inMemory(clock);
  private final StoredBrief stored = store.save(ReviewBriefs.brief(true), BriefKind.HANDOFF);
  private final String id = stored.briefId();

  private BriefReview review(Mode mode) {
    return BriefReview.builder(store).clock(clock).mode(mode).build();
  }

  private BriefReview review(TimeoutAction onTimeout) {
    return BriefReview.builder(store).clock(clock).timeout(Duration.ofHours(48)).onTimeout(onTimeout).build();
  }

  private List<String> moves() {
    return store.auditTrail(id).stream().map(AuditEntry::action).filter(a -> !a.equals("review.note")).toList();
  }

  private static ReviewFeedback flag(String feedbackId, String claimId) {
    return new ReviewFeedback(feedbackId, ReviewFeedback.Kind.FLAGGED_CLAIM, AE, T0.plusSeconds(60), claimId,
        "Pat left the company in March.");
  }

  private static ReviewFeedback note(String feedbackId, String claimId) {
    return new ReviewFeedback(feedbackId, ReviewFeedback.Kind.NOTE, AE, T0.plusSeconds(90), claimId,
        "Their IT lead wants a security call before kickoff.");
  }

  /** Issue 10: each review state: draft -> in_review, with who and when in the audit trail. */
  @Test
  void startingAReviewAsksTheReviewerAndWritesWhoAndWhen() {
    BriefReview review = review(Mode.ALWAYS);
    assertEquals(ReviewState.DRAFT, review.state(id));
    assertEquals(ReviewState.IN_REVIEW, review.start(stored, AE));
    AuditEntry line = store.auditTrail(id).get(0);
    assertEquals("review.in_review", line.action());
    assertEquals(AE, line.actor());
    assertEquals(T0, line.at());
    assertEquals("ok", line.outcome());
  }

  @Test
  void startingTwiceIsOneMove() {
    BriefReview review = review(Mode.ALWAYS);
    review.start(stored, AE);
    assertEquals(ReviewState.IN_REVIEW, review.start(stored, "Someone Else"));
    assertEquals(List.of("review.in_review"), moves());
    assertEquals(AE, store.reviewStatus(id).orElseThrow().actor());
  }

  /** Issue 10: a review policy can skip review (route none). */
  @Test
  void aBriefNoTriggerRoutedIsApprovedWithoutReviewWhenReviewIsOnlyForTriggers() {
    StoredBrief quiet = store.save(ReviewBriefs.brief(false), BriefKind.KICKOFF);
    BriefReview review = review(Mode.WHEN_TRIGGERED);
    assertEquals(ReviewState.APPROVED, review.start(quiet, null));
    assertEquals("no review asked for", store.reviewStatus(quiet.briefId()).orElseThrow().note());
    assertEquals(ReviewState.IN_REVIEW, review.start(stored, AE));
    assertEquals("no review asked for", review.reviewed(quiet).review().outcome());
  }

  @Test
  void modeNeverApprovesEveryBriefAndModeAlwaysReviewsEveryBrief() {
    StoredBrief quiet = store.save(ReviewBriefs.brief(false), BriefKind.KICKOFF);
    assertFalse(review(Mode.NEVER).needsReview(stored.brief()));
    assertTrue(review(Mode.ALWAYS).needsReview(quiet.brief()));
    assertEquals(ReviewState.APPROVED, review(Mode.NEVER).start(stored, null));
  }

  @Test
  void aBriefThatNeedsReviewNeedsANamedReviewer() {
    assertThrows(IllegalArgumentException.class, () -> review(Mode.ALWAYS).start(stored, " "));
    assertEquals(ReviewState.DRAFT, review(Mode.ALWAYS).state(id));
  }

  /** Issue 10: approval through the Java API. */
  @Test
  void approvingThroughTheJavaApiConfirmsOnceHoweverOftenItIsCalled() {
    BriefReview review = review(Mode.ALWAYS);
    review.start(stored, AE);
    clock.advance(Duration.ofHours(20));
    ReviewStatus approved = review.approve(id, AE, "Stakeholders look right.");
    ReviewStatus again = review.approve(id, AE, "Stakeholders look right.");

    assertEquals(ReviewState.APPROVED, approved.state());
    assertEquals(approved, again);
    assertEquals(List.of("review.in_review", "review.approved"), moves());
    List<ReviewFeedback> answers = store.feedback(id);
    assertEquals(1, answers.size());
    assertEquals(ReviewFeedback.Kind.CONFIRMED, answers.get(0).kind());
    assertEquals("Stakeholders look right.", answers.get(0).text());
    assertEquals("confirmed by Alex Rivera, 2026-03-28", review.reviewed(stored).review().outcome());
  }

  @Test
  void approvingABriefNotInReviewNamesTheStateItIsIn() {
    BriefReview review = review(Mode.ALWAYS);
    var draft = assertThrows(IllegalStateException.class, () -> review.approve(id, AE, null));
    assertTrue(draft.getMessage().contains("draft"), draft.getMessage());
    review.start(stored, AE);
    review.answer(id, flag("f-1", ReviewBriefs.STAKEHOLDER));
    var changes = assertThrows(IllegalStateException.class, () -> review.approve(id, AE, null));
    assertTrue(changes.getMessage().contains("changes_requested"), changes.getMessage());
    assertThrows(IllegalArgumentException.class, () -> review.approve("006X/handoff/v1", AE, null));
  }

  /** Issue 10: each review state: in_review -> changes_requested, and asked again. */
  @Test
  void aFlaggedClaimRequestsChangesAndAskingAgainStartsANewRound() {
    BriefReview review = review(Mode.ALWAYS);
    review.start(stored, AE);
    ReviewStatus flagged = review.answer(id, flag("f-1", ReviewBriefs.STAKEHOLDER));
    assertEquals(ReviewState.CHANGES_REQUESTED, flagged.state());
    assertEquals("changes requested by Alex Rivera, 2026-03-27", review.reviewed(stored).review().outcome());

    clock.advance(Duration.ofHours(1));
    assertEquals(ReviewState.IN_REVIEW, review.reopen(id, AE).state());
    assertEquals(ReviewState.APPROVED, review.approve(id, AE, null).state());
    assertEquals(List.of("review.in_review", "review.changes_requested", "review.in_review", "review.approved"),
        moves());
    assertThrows(IllegalStateException.class, () -> review.reopen(id, AE));
  }

  @Test
  void aFlagOnAClaimTheBriefDoesNotHaveIsRefusedAndRecordsNothing() {
    BriefReview review = review(Mode.ALWAYS);
    review.start(stored, AE);
    var e = assertThrows(IllegalArgumentException.class, () -> review.answer(id, flag("f-1", "risks.unknown.1")));
    assertTrue(e.getMessage().contains("risks.unknown.1"), e.getMessage());
    assertEquals(List.of(), store.feedback(id));
    assertEquals(ReviewState.IN_REVIEW, review.state(id));
  }

  /** Issue 10: a replayed payload changes nothing. */
  @Test
  void aReplayedAnswerChangesNothingAndReturnsTheCurrentStatus() {
    BriefReview review = review(Mode.ALWAYS);
    review.start(stored, AE);
    ReviewStatus first = review.answer(id, flag("view-1", ReviewBriefs.STAKEHOLDER));
    clock.advance(Duration.ofMinutes(5));
    ReviewStatus replay = review.answer(id, flag("view-1", ReviewBriefs.STAKEHOLDER));
    assertEquals(first, replay);
    assertEquals(1, store.feedback(id).size());
    assertEquals(List.of("review.in_review", "review.changes_requested"), moves());
  }

  @Test
  void aNoteIsKeptAndMovesNothing() {
    BriefReview review = review(Mode.ALWAYS);
    review.start(stored, AE);
    assertEquals(ReviewState.IN_REVIEW, review.answer(id, note("n-1", null)).state());
    assertEquals(ReviewState.IN_REVIEW, review.answer(id, note("n-1", null)).state());
    assertEquals(1, store.feedback(id).size());
    assertEquals(List.of("review.in_review"), moves());
  }

  /** Issue 10: each review state: approved -> delivered, approved -> failed -> delivered. */
  @Test
  void anApprovedBriefIsDeliveredOrFailsAndALaterRunDeliversIt() {
    BriefReview review = review(Mode.ALWAYS);
    review.start(stored, AE);
    review.approve(id, AE, null);
    assertEquals(ReviewState.FAILED, review.failed(id, "slack-delivery", "channel_not_found").state());
    assertEquals(ReviewState.FAILED, review.failed(id, "slack-delivery", "ratelimited").state());
    assertEquals(ReviewState.DELIVERED, review.delivered(id, "slack-delivery", "posted").state());
    ReviewStatus again = review.delivered(id, "slack-delivery", "updated");
    assertEquals("posted", again.note());
    assertEquals(List.of("review.in_review", "review.approved", "review.failed", "review.failed",
        "review.delivered"), moves());
    assertEquals("confirmed by Alex Rivera, 2026-03-27", review.reviewed(stored).review().outcome());
  }

  /** What a caller can ask of a review, and the state it asks for. */
  enum Action {
    APPROVE(ReviewState.APPROVED), FLAG(ReviewState.CHANGES_REQUESTED), FAIL(ReviewState.FAILED),
    DELIVER(ReviewState.DELIVERED), ASK_AGAIN(ReviewState.IN_REVIEW);

    final ReviewState target;

    Action(ReviewState target) {
      this.target = target;
    }

    /** Whether a brief in {@code from} may be moved by this action. */
    boolean allowedFrom(ReviewState from) {
      return switch (this) {
        case APPROVE, FLAG -> from == ReviewState.IN_REVIEW;
        case ASK_AGAIN -> from == ReviewState.CHANGES_REQUESTED;
        case FAIL, DELIVER -> from.canMoveTo(target);
      };
    }
  }

  static Stream<Arguments> everyActionFromEveryState() {
    return Stream.of(ReviewState.values()).flatMap(s -> Stream.of(Action.values()).map(a -> Arguments.of(s, a)));
  }

  /** Issue 10: each review state and every illegal move: refused with the state named, and nothing moved. */
  @ParameterizedTest(name = "{1} from {0}")
  @MethodSource("everyActionFromEveryState")
  void aMoveIsMadeExactlyWhenTheStateAllowsIt(ReviewState from, Action action) {
    BriefReview review = review(Mode.ALWAYS);
    driveTo(review, from);
    List<String> before = moves();
    Callable<ReviewStatus> call = switch (action) {
      case APPROVE -> () -> review.approve(id, "Sam Lee", null);
      case FLAG -> () -> review.answer(id, flag("x-1", ReviewBriefs.COMMITMENT));
      case FAIL -> () -> review.failed(id, "worker", "down");
      case DELIVER -> () -> review.delivered(id, "worker", null);
      case ASK_AGAIN -> () -> review.reopen(id, AE);
    };
    if (action == Action.DELIVER && from == ReviewState.DELIVERED) {
      // Re-delivery updates the message; the brief stays delivered, no second move.
      assertEquals(ReviewState.DELIVERED, assertDoesNotThrow(call::call).state());
      assertEquals(before, moves());
    } else if (action.allowedFrom(from)) {
      assertEquals(action.target, assertDoesNotThrow(call::call).state());
      assertEquals(before.size() + 1, moves().size());
      assertEquals("review." + action.target.wireId(), moves().get(before.size()));
    } else {
      var e = assertThrows(IllegalStateException.class, call::call);
      assertTrue(e.getMessage().contains(from.wireId()), e.getMessage());
      assertEquals(before, moves());
      assertEquals(from, review.state(id));
    }
  }

  /** Brings the brief to {@code state} the way a review gets there. */
  private void driveTo(BriefReview review, ReviewState state) {
    switch (state) {
      case DRAFT -> { }
      case IN_REVIEW -> review.start(stored, AE);
      case APPROVED -> {
        review.start(stored, AE);
        review.approve(id, AE, null);
      }
      case CHANGES_REQUESTED -> {
        review.start(stored, AE);
        review.answer(id, flag("f-0", ReviewBriefs.STAKEHOLDER));
      }
      case DELIVERED -> {
        review.start(stored, AE);
        review.approve(id, AE, null);
        review.delivered(id, "worker", null);
      }
      case FAILED -> {
        review.start(stored, AE);
        review.approve(id, AE, null);
        review.failed(id, "worker", "down");
      }
    }
  }

  // ---- races

  /** Runs both calls at once, as two Slack retries or two workers would; returns what each got. */
  private static <T> List<T> race(Callable<T> a, Callable<T> b) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      var go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> c : List.of(a, b)) {
        futures.add(pool.submit(() -> {
          go.await();
          return c.call();
        }));
      }
      go.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Issue 10: two callers approving at once make one approval and one answer. */
  @Test
  void twoThreadsApprovingAtOnceMakeOneApprovalAndOneAnswer() throws Exception {
    for (int round = 0; round < 30; round++) {
      BriefStore fresh = BriefStore.inMemory(clock);
      StoredBrief brief = fresh.save(ReviewBriefs.brief(true), BriefKind.HANDOFF);
      BriefReview review = BriefReview.builder(fresh).clock(clock).build();
      review.start(brief, AE);

      List<ReviewStatus> got = race(() -> review.approve(brief.briefId(), AE, null),
          () -> review.approve(brief.briefId(), AE, null));

      assertEquals(ReviewState.APPROVED, review.state(brief.briefId()));
      assertEquals(1, fresh.feedback(brief.briefId()).size());
      assertEquals(1, fresh.auditTrail(brief.briefId()).stream()
          .filter(e -> e.action().equals("review.approved")).count());
      assertEquals(2, got.size());
    }
  }

  @Test
  void aConfirmationRacingAFlagMovesTheBriefOnceAndKeepsBothAnswers() throws Exception {
    for (int round = 0; round < 30; round++) {
      BriefStore fresh = BriefStore.inMemory(clock);
      StoredBrief brief = fresh.save(ReviewBriefs.brief(true), BriefKind.HANDOFF);
      BriefReview review = BriefReview.builder(fresh).clock(clock).build();
      review.start(brief, AE);

      List<Object> got = race(() -> outcomeOf(() -> review.answer(brief.briefId(), new ReviewFeedback("confirm-1",
              ReviewFeedback.Kind.CONFIRMED, "Sam Lee", clock.instant(), null, null))),
          () -> outcomeOf(() -> review.answer(brief.briefId(), flag("flag-1", ReviewBriefs.COMMITMENT))));

      ReviewState end = review.state(brief.briefId());
      assertTrue(end == ReviewState.APPROVED || end == ReviewState.CHANGES_REQUESTED, end.wireId());
      assertEquals(1, fresh.auditTrail(brief.briefId()).stream()
          .filter(e -> e.action().equals("review.approved") || e.action().equals("review.changes_requested"))
          .count());
      // The loser either came in after the move (refused, naming the state, its answer not taken)
      // or raced it (its answer kept, the winner's status returned).
      long refused = got.stream().filter(IllegalStateException.class::isInstance).count();
      assertTrue(got.stream().allMatch(o -> o instanceof ReviewStatus || o instanceof IllegalStateException), got::toString);
      assertEquals(2 - refused, fresh.feedback(brief.briefId()).size());
      assertTrue(refused <= 1);
    }
  }

  private static Object outcomeOf(Callable<ReviewStatus> call) {
    try {
      return call.call();
    } catch (Exception e) {
      return e;
    }
  }

  // ---- time-outs

  /** Issue 10: the time-out delivers a brief nobody answered, marked "not reviewed". */
  @Test
  void timeOutDeliversTheBriefMarkedNotReviewed() {
    BriefReview review = review(TimeoutAction.DELIVER_NOT_REVIEWED);
    review.start(stored, AE);
    assertEquals(List.of(), review.expire(T0.plus(Duration.ofHours(47))));

    List<Expiry> due = review.expire(T0.plus(Duration.ofHours(49)));
    assertEquals(List.of(new Expiry(id, TimeoutAction.DELIVER_NOT_REVIEWED, false, true)), due);
    assertEquals(ReviewState.IN_REVIEW, review.state(id));

    review.delivered(id, "slack-delivery", "not reviewed");
    Review outcome = review.reviewed(stored).review();
    assertEquals(ReviewState.DELIVERED, outcome.state());
    assertEquals("not reviewed: no answer within 48 hours", outcome.outcome());
    assertNull(outcome.reviewer());
    assertEquals(List.of(), review.expire(T0.plus(Duration.ofHours(100))));
  }

  /** Issue 10: the time-out reminds once, then delivers marked "not reviewed" after another time-out. */
  @Test
  void timeOutRemindsOnceThenDeliversAfterAnotherTimeOut() {
    BriefReview review = review(TimeoutAction.REMIND_ONCE);
    review.start(stored, AE);

    assertEquals(List.of(new Expiry(id, TimeoutAction.REMIND_ONCE, true, false)),
        review.expire(T0.plus(Duration.ofHours(49))));
    assertEquals(List.of(), review.expire(T0.plus(Duration.ofHours(50))), "reminded once, not twice");
    assertEquals(List.of(), review.expire(T0.plus(Duration.ofHours(96))));
    assertEquals(List.of(new Expiry(id, TimeoutAction.REMIND_ONCE, false, true)),
        review.expire(T0.plus(Duration.ofHours(98))));
    assertEquals(1, store.auditTrail(id).stream().filter(e -> e.action().equals("review.reminded")).count());

    review.delivered(id, "slack-delivery", null);
    assertEquals("not reviewed: no answer within 48 hours of a reminder", review.reviewed(stored).review().outcome());
  }

  /** Issue 10: the time-out holds a brief: listed, neither reminded nor delivered. */
  @Test
  void timeOutHoldsTheBriefUntilSomeoneAnswers() {
    BriefReview review = review(TimeoutAction.HOLD);
    review.start(stored, AE);
    for (int days = 3; days < 30; days += 7) {
      assertEquals(List.of(new Expiry(id, TimeoutAction.HOLD, false, false)),
          review.expire(T0.plus(Duration.ofDays(days))));
    }
    assertEquals(ReviewState.IN_REVIEW, review.state(id));
    assertEquals(ReviewState.APPROVED, review.approve(id, AE, null).state());
    assertEquals(List.of(), review.expire(T0.plus(Duration.ofDays(60))));
  }

  // ---- the reviewed brief

  /** Issue 10: a flagged claim is marked and an AE note is its own cited item, the note being its source. */
  @Test
  void theReviewedBriefMarksFlaggedClaimsAndCitesEachNoteByItsOwnWords() {
    BriefReview review = review(Mode.ALWAYS);
    review.start(stored, AE);
    review.answer(id, note("n-1", null));
    review.answer(id, note("n-2", ReviewBriefs.COMMITMENT));
    review.answer(id, flag("f-1", ReviewBriefs.STAKEHOLDER));

    HandoffBrief reviewed = review.reviewed(stored);

    Claim champion = reviewed.section(SectionId.STAKEHOLDERS).claims().get(0);
    assertEquals("Pat left the company in March.", champion.attributes().get(Review.FLAGGED));
    assertEquals(AE, champion.attributes().get(Review.FLAGGED_BY));
    Claim free = reviewed.section(SectionId.OPEN_THREADS).claims().get(0);
    assertEquals("reviewer_note.1", free.id());
    Claim onCommitment = reviewed.section(SectionId.COMMITMENTS).claims().get(1);
    assertEquals("reviewer_note.2", onCommitment.id());
    assertEquals(ReviewBriefs.COMMITMENT, onCommitment.attributes().get("about"));
    assertEquals(2, reviewed.section(SectionId.COMMITMENTS).shown());

    var cite = free.citations().get(0);
    assertEquals("review:" + id + ":n-1", cite.evidenceId());
    assertEquals("review", cite.system());
    assertEquals("Their IT lead wants a security call before kickoff.", cite.quote());
    Evidence source = BriefReview.noteEvidence(id, store.feedback(id).get(0));
    assertEquals(AE, source.author().name());
    assertEquals(T0.plusSeconds(90), source.timestamp().toInstant());
    assertEquals(java.util.Optional.empty(), CitationVerifier.check(cite, Map.of(source.id(), source)));

    assertEquals(3, reviewed.review().feedback().size());
    assertEquals(ReviewState.CHANGES_REQUESTED, reviewed.review().state());
  }

  @Test
  void aBriefNeverSentForReviewSaysSoAndIsOtherwiseUnchanged() {
    HandoffBrief reviewed = review(Mode.ALWAYS).reviewed(stored);
    assertEquals("not yet sent for review", reviewed.review().outcome());
    assertEquals(stored.brief().sections(), reviewed.sections());
  }

  @Test
  void theFingerprintIgnoresTheReview() {
    HandoffBrief brief = stored.brief();
    HandoffBrief withReview = brief.withReview(new Review(ReviewState.APPROVED, AE, T0, "confirmed by " + AE, List.of()));
    assertEquals(StoredBrief.fingerprint(brief), StoredBrief.fingerprint(withReview));
    assertEquals(stored, store.save(withReview, BriefKind.HANDOFF));
  }
}
