package org.handoffbrief.connector.gong;

import java.util.function.LongSupplier;

/**
 * Paces requests client-side: at most {@code perSecond} start in any second, spaced evenly. Gong's
 * limit (3 a second by default) is per company, so one limiter serves every brief a connector makes;
 * pacing ahead of time costs less than a 429 and its {@code Retry-After}.
 */
final class GongRateLimiter {

  /** Sleeps; {@link Thread#sleep} in production, recorded in tests. */
  @FunctionalInterface
  interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final long intervalNanos;
  private final LongSupplier clock;
  private final Sleeper sleeper;
  private long next;
  private boolean started;

  GongRateLimiter(int perSecond) {
    this(perSecond, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
  }

  GongRateLimiter(int perSecond, LongSupplier clock, Sleeper sleeper) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("perSecond must be at least 1, not " + perSecond);
    }
    this.intervalNanos = 1_000_000_000L / perSecond;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Waits for this request's slot; reacts to interruption (the library's deadline). */
  void acquire() throws InterruptedException {
    long wait;
    synchronized (this) {
      long now = clock.getAsLong();
      long slot = !started || next - now < 0 ? now : next;
      started = true;
      next = slot + intervalNanos;
      wait = slot - now;
    }
    // Sleep outside the lock: the next caller reserves the slot after ours meanwhile.
    if (wait > 0) {
      sleeper.sleepNanos(wait);
    }
  }
}
