package org.handoffbrief.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Issue 8 batch: the limiter on a fake clock; every wait is a recorded sleep, never wall-clock time. */
@Tag("reliability")
class RateLimiterTest {

  static final Duration FAR = Duration.ofMinutes(5);
  static final long MS = 1_000_000L;
  final AtomicLong now = new AtomicLong(1_000_000_000L);
  final List<Long> sleeps = new ArrayList<>();

  private void sleep(long nanos) {
    sleeps.add(nanos);
    now.addAndGet(nanos);
  }

  private void pass(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void oneBriefsBurstStartsAtOnceUnderAPerMinuteLimit() throws InterruptedException {
    var limiter = RateLimiter.perMinute(50, now::get, this::sleep);
    for (int i = 0; i < RateLimiter.MIN_BURST_PER_SECOND; i++) {
      limiter.acquire(FAR);
    }
    assertEquals(List.of(), sleeps, "a dozen calls of one brief are not spread over a minute");
  }

  @Test
  void aCallPastTheBurstWaitsForTheOldestToLeaveItsSecond() throws InterruptedException {
    var limiter = RateLimiter.perMinute(50, now::get, this::sleep);
    limiter.acquire(FAR);
    pass(Duration.ofMillis(200));
    for (int i = 1; i < RateLimiter.MIN_BURST_PER_SECOND; i++) {
      limiter.acquire(FAR);
    }
    limiter.acquire(FAR);
    assertEquals(List.of(850 * MS), sleeps, "until the first call has left its (slightly long) second");
  }

  @Test
  void aMinuteThatHoldsItsFullCountHoldsTheNextCallUntilItsOldestLeaves() throws InterruptedException {
    var limiter = RateLimiter.perMinute(12, now::get, this::sleep);
    for (int i = 0; i < 12; i++) {
      limiter.acquire(FAR);
      pass(Duration.ofSeconds(2));
    }
    assertEquals(List.of(), sleeps);
    limiter.acquire(FAR);
    assertEquals(List.of(37_000 * MS), sleeps, "24 s have passed; the first call leaves its (61 s) minute in 37 s");
  }

  @Test
  void aPerMinuteLimitAboveSixHundredLetsASixtiethStartInOneSecond() throws InterruptedException {
    var limiter = RateLimiter.perMinute(1200, now::get, this::sleep);
    for (int i = 0; i < 20; i++) {
      limiter.acquire(FAR);
    }
    assertEquals(List.of(), sleeps);
    limiter.acquire(FAR);
    assertEquals(List.of(1050 * MS), sleeps);
  }

  @Test
  void aPerSecondLimitLetsItsCountStartThenWaits() throws InterruptedException {
    var limiter = RateLimiter.perSecond(3, now::get, this::sleep);
    limiter.acquire(FAR);
    limiter.acquire(FAR);
    pass(Duration.ofMillis(400));
    limiter.acquire(FAR);
    limiter.acquire(FAR);
    assertEquals(List.of(650 * MS), sleeps);
  }

  @Test
  void aPauseHoldsTheNextCallerUntilTheVendorSaidToComeBack() throws InterruptedException {
    var limiter = RateLimiter.perMinute(600, now::get, this::sleep);
    limiter.acquire(FAR);
    limiter.pauseFor(Duration.ofSeconds(2));
    limiter.acquire(FAR);
    limiter.acquire(FAR);
    assertEquals(List.of(2000 * MS), sleeps, "the pause, then nothing more: the window has room");
  }

  @Test
  void anUnpacedLimiterStillHonoursAPause() throws InterruptedException {
    var limiter = RateLimiter.unpaced(now::get, this::sleep);
    for (int i = 0; i < 1000; i++) {
      limiter.acquire(FAR);
    }
    limiter.pauseFor(Duration.ofMillis(1500));
    limiter.acquire(FAR);
    assertEquals(List.of(1500 * MS), sleeps);
  }

  @Test
  void aShorterPauseNeverCutsALongerOneShort() {
    var limiter = RateLimiter.perMinute(600, now::get, this::sleep);
    limiter.pauseFor(Duration.ofSeconds(3));
    limiter.pauseFor(Duration.ofSeconds(1));
    assertEquals(Duration.ofSeconds(3), limiter.pauseRemaining());
  }

  @Test
  void aCallerWaitingForItsTurnWaitsOutAPauseThatBeganMeanwhile() throws InterruptedException {
    var holder = new RateLimiter[1];
    // While this caller sleeps toward its turn, another caller's 429 pauses everyone for two seconds.
    holder[0] = RateLimiter.perSecond(1, now::get, nanos -> {
      sleep(nanos);
      if (sleeps.size() == 1) {
        holder[0].pauseFor(Duration.ofSeconds(2));
      }
    });
    var limiter = holder[0];
    limiter.acquire(FAR);
    limiter.acquire(FAR);
    assertEquals(List.of(1050 * MS, 2000 * MS), sleeps, "its turn, then the whole pause that began at it");
  }

  @Test
  void aCallerThatOversleptStillLeavesNoMoreThanTheLimitInAnySecond() throws InterruptedException {
    var late = new ArrayList<Long>();
    var limiter = RateLimiter.perSecond(2, now::get, nanos -> {
      sleeps.add(nanos);
      now.addAndGet(nanos + 30 * MS); // every sleep runs 30 ms late
    });
    for (int i = 0; i < 6; i++) {
      limiter.acquire(FAR);
      late.add(now.get());
    }
    for (int i = 2; i < late.size(); i++) {
      assertTrue(late.get(i) - late.get(i - 2) >= RateLimiter.SECOND.toNanos(), "three starts within a second: " + late);
    }
  }

  @Test
  void aWaitLongerThanTheTimeLeftFailsAtOnceAndTakesNoTurn() throws InterruptedException {
    var limiter = RateLimiter.perSecond(1, now::get, this::sleep);
    limiter.acquire(FAR);
    assertFalse(limiter.acquire(Duration.ofMillis(500)));
    limiter.pauseFor(Duration.ofSeconds(30));
    assertFalse(limiter.acquire(Duration.ofSeconds(5)));
    assertEquals(List.of(), sleeps, "nothing slept");
    pass(Duration.ofSeconds(31));
    assertTrue(limiter.acquire(Duration.ZERO), "the refused callers took no turn");
  }

  @Test
  void interruptionStopsAWaitingCaller() throws InterruptedException {
    var limiter = RateLimiter.perSecond(1, now::get, nanos -> {
      throw new InterruptedException("deadline");
    });
    limiter.acquire(FAR);
    assertThrows(InterruptedException.class, () -> limiter.acquire(FAR));
  }

  @Test
  void aRateBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RateLimiter.perMinute(0));
    assertThrows(IllegalArgumentException.class, () -> RateLimiter.perSecond(0));
  }
}
