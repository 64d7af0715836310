package org.handoffbrief.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Paces one connector's calls to a vendor client-side, shared by every brief the connector makes
 * (a connector lives as long as its {@code Handoff}), so a batch of briefs stays under the vendor's
 * limit instead of each brief earning its own 429s.
 *
 * <p>Two rules, both shared by every caller: calls start in evenly spaced slots at the configured
 * rate (a quiet period is not saved up into a burst), and when the vendor says its window is spent
 * (a 429's {@code Retry-After}, or rate-limit headers counting down to zero) {@link #pauseFor}
 * holds every caller until then. {@link ApiCalls} acquires a slot before every attempt and pauses
 * the limiter on every {@link org.handoffbrief.RateLimitException} that says when to come back.
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.perMinute(config.requestsPerMinute()); // once per connector
 * ApiCalls calls = ApiCalls.of(context, config.retryPolicy(), limiter);    // once per brief
 * }</pre>
 */
public final class RateLimiter {

  /** Sleeps; {@link Thread#sleep} in production, recorded in tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final long intervalNanos;
  private final LongSupplier clock;
  private final Sleeper sleeper;
  private long next;
  private boolean started;
  private long lastStart;
  private boolean anyStart;
  private long pausedUntil;
  private boolean paused;

  private RateLimiter(long intervalNanos, LongSupplier clock, Sleeper sleeper) {
    this.intervalNanos = intervalNanos;
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
  }

  /** At most {@code requests} calls a minute, evenly spaced. */
  public static RateLimiter perMinute(int requests) {
    return spaced(Duration.ofMinutes(1).dividedBy(atLeastOne(requests)));
  }

  /** At most {@code requests} calls a second, evenly spaced. */
  public static RateLimiter perSecond(int requests) {
    return spaced(Duration.ofSeconds(1).dividedBy(atLeastOne(requests)));
  }

  /** No pacing; only the vendor's own pauses ({@link #pauseFor}) hold callers. */
  public static RateLimiter unpaced() {
    return spaced(Duration.ZERO);
  }

  /** Slots {@code interval} apart on the system clock. */
  public static RateLimiter spaced(Duration interval) {
    return spaced(interval, System::nanoTime,
        nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
  }

  /** Slots {@code interval} apart on {@code clock} (nanoseconds), waiting with {@code sleeper}: for tests. */
  public static RateLimiter spaced(Duration interval, LongSupplier clock, Sleeper sleeper) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("interval must not be negative: " + interval);
    }
    return new RateLimiter(interval.toNanos(), clock, sleeper);
  }

  private static int atLeastOne(int requests) {
    if (requests < 1) {
      throw new IllegalArgumentException("requests must be at least 1, not " + requests);
    }
    return requests;
  }

  /**
   * Waits for this call's slot, unless the wait would take {@code within} or longer: then it
   * returns false at once, taking no slot, so the caller can fail with the real reason now.
   *
   * @throws InterruptedException when interrupted while waiting (how the library enforces a deadline)
   */
  public boolean acquire(Duration within) throws InterruptedException {
    long giveUp = clock.getAsLong() + within.toNanos();
    while (true) {
      long now;
      long wait;
      synchronized (this) {
        now = clock.getAsLong();
        long slot = started && next - now > 0 ? next : now;
        if (paused && pausedUntil - slot > 0) {
          slot = pausedUntil;
        }
        wait = slot - now;
        if (wait > 0 && slot - giveUp >= 0) {
          return false;
        }
        started = true;
        next = slot + intervalNanos;
      }
      // Sleep outside the lock: the next caller reserves the slot after ours meanwhile.
      if (wait > 0) {
        sleeper.sleepNanos(wait);
      }
      // A 429 may have paused everyone while we slept: our old slot would only earn another one.
      if (!pausedNow()) {
        startNoSoonerThanAnInterval();
        return true;
      }
    }
  }

  private synchronized boolean pausedNow() {
    return paused && pausedUntil - clock.getAsLong() > 0;
  }

  /**
   * A caller that overslept its slot must not leave the next one closer than an interval behind
   * it: a vendor counting in fixed windows would see one call too many. Waits out the difference.
   */
  private void startNoSoonerThanAnInterval() throws InterruptedException {
    while (true) {
      long gap;
      synchronized (this) {
        long now = clock.getAsLong();
        gap = lastStart + intervalNanos - now;
        if (!anyStart || gap <= 0 || intervalNanos == 0) {
          anyStart = true;
          lastStart = now;
          return;
        }
      }
      sleeper.sleepNanos(gap);
    }
  }

  /**
   * Holds every caller for {@code wait} from now: the vendor said its window is spent. A shorter
   * pause never cuts a longer one short.
   */
  public synchronized void pauseFor(Duration wait) {
    long until = clock.getAsLong() + Math.max(0, wait.toNanos());
    if (!paused || until - pausedUntil > 0) {
      pausedUntil = until;
      paused = true;
    }
  }

  /** What is left of the vendor's pause; zero when there is none. */
  public synchronized Duration pauseRemaining() {
    long left = paused ? pausedUntil - clock.getAsLong() : 0;
    return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
  }
}
