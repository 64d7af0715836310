package org.handoffbrief.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.handoffbrief.Fakes.SettableClock;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.store.AuditEntry;
import org.handoffbrief.store.BriefStore;
import org.junit.jupiter.api.Test;

class RolloutPolicyTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-04-06T08:00:00Z"));
  private final BriefStore store = BriefStore.inMemory(clock);
  private final List<RolloutDecision> heard = new ArrayList<>();
  private final RolloutPolicy policy = RolloutPolicy.builder(store).clock(clock)
      .listener(new AuditListener() {
        @Override
        public void rolloutDecided(RolloutDecision decision) {
          heard.add(decision);
        }
      }).build();

  private List<String> outcomes() {
    return store.auditTrail("rollout/write-back").stream().map(AuditEntry::outcome).toList();
  }

  @Test
  void theCrmTaskAndTheSlackPostAreAlwaysOnAndTheRestStartOff() {
    RolloutDecision d = policy.decide("2026-W14", new PassRate(5, 5, 0));
    assertEquals(Set.of(WriteBackTarget.CRM_TASK, WriteBackTarget.SLACK_POST), d.targets());
    assertFalse(d.expanded());
  }

  /** Issue 12: the policy turns the earned targets on above the threshold and off again below it, with a logged reason. */
  @Test
  void earnedTargetsSwitchOnAboveTheThresholdAndOffBelowIt() {
    RolloutDecision on = policy.decide("2026-W14", new PassRate(19, 1, 0));
    assertTrue(on.changed());
    assertTrue(on.isOn(WriteBackTarget.SUCCESS_PLAN) && on.isOn(WriteBackTarget.STORED_INSIGHT)
        && on.isOn(WriteBackTarget.FOLLOW_UP_TASKS));
    assertEquals("pass rate 95.0% (19/20, 95% CI 76.4-99.1%) rose above 90.0%", on.reason());

    RolloutDecision stays = policy.decide("2026-W15", new PassRate(20, 0, 0));
    assertTrue(stays.expanded());
    assertFalse(stays.changed());

    RolloutDecision off = policy.decide("2026-W16", new PassRate(17, 3, 0));
    assertTrue(off.changed());
    assertFalse(off.isOn(WriteBackTarget.SUCCESS_PLAN));
    assertTrue(off.reason().contains("fell below 90.0%"), off.reason());
    assertEquals(List.of("switched_on", "on", "switched_off"), outcomes());
    assertEquals(3, heard.size());
  }

  @Test
  void exactlyAtTheThresholdNothingChanges() {
    assertFalse(policy.decide("2026-W14", new PassRate(18, 2, 0)).expanded());
    policy.decide("2026-W15", new PassRate(20, 0, 0));
    RolloutDecision atThreshold = policy.decide("2026-W16", new PassRate(18, 2, 0));
    assertTrue(atThreshold.expanded());
    assertFalse(atThreshold.changed());
  }

  @Test
  void fewerCountedAnswersThanTheMinimumChangeNothing() {
    RolloutDecision few = policy.decide("2026-W14", new PassRate(19, 0, 30));
    assertFalse(few.expanded());
    assertTrue(few.reason().startsWith("only 19 counted answers"), few.reason());
    policy.decide("2026-W15", new PassRate(20, 0, 0));
    assertTrue(policy.decide("2026-W16", new PassRate(0, 3, 0)).expanded(), "three failures are too few to switch off");
  }

  @Test
  void comparingTheLowerBoundNeedsMoreEvidence() {
    RolloutPolicy strict = RolloutPolicy.builder(BriefStore.inMemory(clock)).clock(clock).compareLowerBound(true).build();
    assertFalse(strict.decide("2026-W14", new PassRate(19, 1, 0)).expanded());
    assertTrue(strict.decide("2026-W15", new PassRate(100, 0, 0)).expanded());
  }

  @Test
  void theDecisionIsSharedThroughTheStore() {
    policy.decide("2026-W14", new PassRate(20, 0, 0));
    RolloutPolicy otherProcess = RolloutPolicy.builder(store).clock(clock).build();
    assertTrue(otherProcess.decide("2026-W14", new PassRate(0, 0, 0)).expanded());
  }

  @Test
  void decideReadsTheStoresRollingFourWeekRate() {
    BriefStore s = BriefStore.inMemory(clock);
    for (int i = 1; i <= 5; i++) {
      AuditBriefs.delivered(s, AuditBriefs.brief("opp-" + i, 4, null, null), AuditBriefs.IN_WEEK);
    }
    SpotCheck check = SpotCheck.builder(s).clock(clock).build();
    check.sample(AuditBriefs.WEEK).stream().filter(q -> q.kind() == AuditQuestion.Kind.CITATION)
        .forEach(q -> check.answer(q.questionId(), Verdict.SUPPORTS, "manager@example.invalid", null));
    RolloutDecision d = RolloutPolicy.builder(s).clock(clock).threshold(0.9, 15).build().decide("2026-W15");
    assertEquals(new PassRate(15, 0, 0), d.rolling());
    assertTrue(d.expanded());
  }

  /** Issue 12: the pilot admits closes in range from pilot accounts or segments, and says why in the audit trail. */
  @Test
  void thePilotAdmitsClosesInRangeFromPilotSegmentsOrAccounts() {
    RolloutPolicy pilot = RolloutPolicy.builder(store).clock(clock)
        .closedBetween(LocalDate.parse("2026-04-01"), LocalDate.parse("2026-06-30"))
        .segments(Set.of("mid-market")).accounts(Set.of("acct-9")).build();
    assertTrue(pilot.inPilot("opp-1", "acct-1", "mid-market", LocalDate.parse("2026-04-02")));
    assertTrue(pilot.inPilot("opp-2", "acct-9", "enterprise", LocalDate.parse("2026-04-02")));
    assertFalse(pilot.inPilot("opp-3", "acct-3", "enterprise", LocalDate.parse("2026-04-02")));
    assertFalse(pilot.inPilot("opp-4", "acct-9", "mid-market", LocalDate.parse("2026-03-31")));
    assertEquals(List.of("in", "in", "out", "out"),
        store.auditTrail("rollout/pilot").stream().map(AuditEntry::outcome).toList());
  }

  /** Issue 12: AE review is mandatory for the first N days of the pilot, then the configured mode. */
  @Test
  void aeReviewIsMandatoryForTheFirstDaysThenTheConfiguredMode() {
    RolloutPolicy p = RolloutPolicy.builder(store).clock(clock)
        .aeReview(LocalDate.parse("2026-04-01"), 30, BriefReview.Mode.WHEN_TRIGGERED).build();
    assertEquals(BriefReview.Mode.ALWAYS, p.reviewMode("opp-1", LocalDate.parse("2026-04-30")));
    assertEquals(BriefReview.Mode.WHEN_TRIGGERED, p.reviewMode("opp-2", LocalDate.parse("2026-05-01")));
    assertEquals(2, store.auditTrail("rollout/review").size());
  }

  /** Issue 12: review mode from the policy with one builder call: mandatory in the pilot's first days only. */
  @Test
  void aReviewBuiltFromThePolicyAsksTheAeForBriefsMadeInTheFirstDaysAndFollowsTheQualityRouteAfter() {
    var brief = AuditBriefs.brief("opp-1", 1, null, null); // made 2026-03-28, no review trigger
    RolloutPolicy running = RolloutPolicy.builder(store).clock(clock)
        .aeReview(LocalDate.parse("2026-03-01"), 30, BriefReview.Mode.WHEN_TRIGGERED).build();
    RolloutPolicy ended = RolloutPolicy.builder(store).clock(clock)
        .aeReview(LocalDate.parse("2026-02-01"), 30, BriefReview.Mode.WHEN_TRIGGERED).build();

    assertTrue(BriefReview.builder(store).modeFrom(running::reviewMode).build().needsReview(brief));
    assertFalse(BriefReview.builder(store).modeFrom(ended::reviewMode).build().needsReview(brief));
    assertEquals(2, store.auditTrail("rollout/review/opp-1").size(), "each decision is in the audit trail");
  }
}
