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
  final AtomicLong now = new AtomicLong(1_000_000_000L);
  final List<Long> sleeps = new ArrayList<>();

  RateLimiter limiter(int perSecond) {
    return RateLimiter.spaced(Duration.ofSeconds(1).dividedBy(perSecond), now::get, nanos -> {
      sleeps.add(nanos);
      now.addAndGet(nanos);
    });
  }

  @Test
  void threeASecondSpacesCallsAThirdOfASecondApart() throws InterruptedException {
    var limiter = limiter(3);
    for (int i = 0; i < 4; i++) {
      assertTrue(limiter.acquire(FAR));
    }
    assertEquals(List.of(333_333_333L, 333_333_333L, 333_333_333L), sleeps);
  }

  @Test
  void aQuietPeriodIsNotSavedUpIntoABurst() throws InterruptedException {
    var limiter = limiter(3);
    limiter.acquire(FAR);
    now.addAndGet(10_000_000_000L);
    limiter.acquire(FAR);
    limiter.acquire(FAR);
    assertEquals(List.of(333_333_333L), sleeps);
  }

  @Test
  void callsFarEnoughApartNeverWait() throws InterruptedException {
    var limiter = limiter(3);
    for (int i = 0; i < 3; i++) {
      limiter.acquire(FAR);
      now.addAndGet(400_000_000L);
    }
    assertEquals(List.of(), sleeps);
  }

  @Test
  void aPauseHoldsTheNextCallerUntilTheVendorSaidToComeBack() throws InterruptedException {
    var limiter = limiter(10);
    limiter.acquire(FAR);
    limiter.pauseFor(Duration.ofSeconds(2));
    limiter.acquire(FAR);
    limiter.acquire(FAR);
    assertEquals(List.of(2_000_000_000L, 100_000_000L), sleeps, "the pause, then the usual spacing after it");
  }

  @Test
  void anUnpacedLimiterStillHonoursAPause() throws InterruptedException {
    var limiter = RateLimiter.spaced(Duration.ZERO, now::get, nanos -> {
      sleeps.add(nanos);
      now.addAndGet(nanos);
    });
    limiter.acquire(FAR);
    limiter.acquire(FAR);
    limiter.pauseFor(Duration.ofMillis(1500));
    limiter.acquire(FAR);
    assertEquals(List.of(1_500_000_000L), sleeps);
  }

  @Test
  void aShorterPauseNeverCutsALongerOneShort() {
    var limiter = limiter(10);
    limiter.pauseFor(Duration.ofSeconds(3));
    limiter.pauseFor(Duration.ofSeconds(1));
    assertEquals(Duration.ofSeconds(3), limiter.pauseRemaining());
  }

  @Test
  void aCallerWhoseSlotWasTakenBeforeAPauseWaitsOutThePauseToo() throws InterruptedException {
    var holder = new RateLimiter[1];
    // While this caller sleeps toward its slot, another caller's 429 pauses everyone for a second.
    holder[0] = RateLimiter.spaced(Duration.ofMillis(100), now::get, nanos -> {
      sleeps.add(nanos);
      if (sleeps.size() == 1) {
        holder[0].pauseFor(Duration.ofSeconds(1));
      }
      now.addAndGet(nanos);
    });
    var limiter = holder[0];
    limiter.acquire(FAR);
    limiter.acquire(FAR);
    assertEquals(List.of(100_000_000L, 900_000_000L), sleeps, "its slot, then the rest of the pause");
  }

  @Test
  void aCallerThatOversleptItsSlotLeavesTheNextOneAFullIntervalBehind() throws InterruptedException {
    var limiter = RateLimiter.spaced(Duration.ofMillis(100), now::get, nanos -> {
      sleeps.add(nanos);
      now.addAndGet(sleeps.size() == 1 ? nanos + 30_000_000L : nanos); // the first sleep runs 30 ms late
    });
    limiter.acquire(FAR);
    limiter.acquire(FAR);
    limiter.acquire(FAR);
    assertEquals(List.of(100_000_000L, 70_000_000L, 30_000_000L), sleeps, "its slot, then the 30 ms it lost");
  }

  @Test
  void aWaitLongerThanTheTimeLeftFailsAtOnceAndTakesNoSlot() throws InterruptedException {
    var limiter = limiter(10);
    limiter.acquire(FAR);
    limiter.pauseFor(Duration.ofSeconds(30));
    assertFalse(limiter.acquire(Duration.ofSeconds(5)));
    assertEquals(List.of(), sleeps, "nothing slept");
  }

  @Test
  void interruptionStopsAWaitingCaller() throws InterruptedException {
    var limiter = RateLimiter.spaced(Duration.ofMillis(100), now::get, nanos -> {
      throw new InterruptedException("deadline");
    });
    limiter.acquire(FAR);
    assertThrows(InterruptedException.class, () -> limiter.acquire(FAR));
  }

  @Test
  void aRateBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RateLimiter.perMinute(0));
  }
}
