package org.handoffbrief.spi;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Paces one connector's calls to a vendor client-side, shared by every brief the connector makes
 * (a connector lives as long as its {@code Handoff}), so a batch of briefs stays under the vendor's
 * limit instead of each brief earning its own 429s.
 *
 * <p>Vendors state their limits as so many requests in a window ("50 a minute") and allow bursts
 * inside it, so the limiter does the same: a call starts at once unless the window already holds
 * its full count, in which case it waits until the oldest call in the window leaves it. One brief
 * (a dozen calls) is never slowed; a batch is held to the vendor's rate. A per-minute limit also
 * caps any one second at a sixtieth of it (at least {@value #MIN_BURST_PER_SECOND}), because the
 * vendors that count per minute also refuse a whole minute's calls arriving in one instant.
 *
 * <p>When the vendor says its window is spent anyway (a 429's {@code Retry-After}, or rate-limit
 * headers counting down to zero) {@link #pauseFor} holds every caller until then. {@link ApiCalls}
 * acquires a slot before every attempt and pauses the limiter on every
 * {@link org.handoffbrief.RateLimitException} that says when to come back.
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.perMinute(config.requestsPerMinute()); // once per connector
 * ApiCalls calls = ApiCalls.of(context, config.retryPolicy(), limiter);    // once per brief
 * }</pre>
 */
public final class RateLimiter {

  /** The fewest calls a per-minute limit lets start in one second: one brief's burst. */
  static final int MIN_BURST_PER_SECOND = 10;

  /*
   * The windows are a little longer than the vendor's: a call starts here and arrives there a few
   * milliseconds later, and a vendor counting in fixed windows must never see the count exceeded
   * because of that jitter.
   */
  static final Duration SECOND = Duration.ofMillis(1_050);
  static final Duration MINUTE = Duration.ofSeconds(61);

  /** Sleeps; {@link Thread#sleep} in production, recorded in tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final Window[] windows;
  private final LongSupplier clock;
  private final Sleeper sleeper;
  private long pausedUntil;
  private boolean paused;

  /** At most {@code limit} calls start in any {@code lengthNanos}; the start times still inside it. */
  private static final class Window {
    final int limit;
    final long lengthNanos;
    final ArrayDeque<Long> starts = new ArrayDeque<>();

    Window(int limit, long lengthNanos) {
      this.limit = limit;
      this.lengthNanos = lengthNanos;
    }

    /** The earliest time a call may start, given the starts recorded; drops starts that left. */
    long earliest(long now) {
      while (!starts.isEmpty() && now - starts.peekFirst() >= lengthNanos) {
        starts.pollFirst();
      }
      return starts.size() < limit ? now : starts.peekFirst() + lengthNanos;
    }
  }

  private RateLimiter(Window[] windows, LongSupplier clock, Sleeper sleeper) {
    this.windows = windows;
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
  }

  /**
   * At most {@code requests} calls in any minute, and at most a sixtieth of that (at least
   * {@value #MIN_BURST_PER_SECOND}, at most {@code requests}) in any second.
   */
  public static RateLimiter perMinute(int requests) {
    return perMinute(requests, System::nanoTime, RateLimiter::sleep);
  }

  /** {@link #perMinute(int)} on {@code clock} (nanoseconds), waiting with {@code sleeper}: for tests. */
  public static RateLimiter perMinute(int requests, LongSupplier clock, Sleeper sleeper) {
    atLeastOne(requests);
    int perSecond = Math.min(requests, Math.max(MIN_BURST_PER_SECOND, (requests + 59) / 60));
    return new RateLimiter(new Window[] {new Window(requests, MINUTE.toNanos()), new Window(perSecond, SECOND.toNanos())}, clock,
        sleeper);
  }

  /** At most {@code requests} calls in any second (a vendor that counts per second, e.g. Gong). */
  public static RateLimiter perSecond(int requests) {
    return perSecond(requests, System::nanoTime, RateLimiter::sleep);
  }

  /** {@link #perSecond(int)} on {@code clock} (nanoseconds), waiting with {@code sleeper}: for tests. */
  public static RateLimiter perSecond(int requests, LongSupplier clock, Sleeper sleeper) {
    return new RateLimiter(new Window[] {new Window(atLeastOne(requests), SECOND.toNanos())}, clock, sleeper);
  }

  /** No pacing; only the vendor's own pauses ({@link #pauseFor}) hold callers. */
  public static RateLimiter unpaced() {
    return unpaced(System::nanoTime, RateLimiter::sleep);
  }

  /** {@link #unpaced()} on {@code clock} (nanoseconds), waiting with {@code sleeper}: for tests. */
  public static RateLimiter unpaced(LongSupplier clock, Sleeper sleeper) {
    return new RateLimiter(new Window[0], clock, sleeper);
  }

  private static int atLeastOne(int requests) {
    if (requests < 1) {
      throw new IllegalArgumentException("requests must be at least 1, not " + requests);
    }
    return requests;
  }

  private static void sleep(long nanos) throws InterruptedException {
    Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
  }

  /**
   * Waits for this call's turn, unless the wait would take {@code within} or longer: then it
   * returns false at once, taking no turn, so the caller can fail with the real reason now.
   *
   * @throws InterruptedException when interrupted while waiting (how the library enforces a deadline)
   */
  public boolean acquire(Duration within) throws InterruptedException {
    long giveUp = clock.getAsLong() + within.toNanos();
    while (true) {
      long wait;
      synchronized (this) {
        long now = clock.getAsLong();
        long start = now;
        for (Window w : windows) {
          start = later(start, w.earliest(now));
        }
        if (paused) {
          start = later(start, pausedUntil);
        }
        if (start - now <= 0) {
          // The start is recorded under the lock, so no two callers can both take the last place.
          for (Window w : windows) {
            w.starts.addLast(now);
          }
          return true;
        }
        if (start - giveUp >= 0) {
          return false;
        }
        wait = start - now;
      }
      // Sleep outside the lock, then look again: another caller may have taken the place, or a 429
      // may have paused everyone meanwhile.
      sleeper.sleepNanos(wait);
    }
  }

  private static long later(long a, long b) {
    return b - a > 0 ? b : a;
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
