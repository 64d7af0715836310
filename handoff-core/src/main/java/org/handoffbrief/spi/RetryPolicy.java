package org.handoffbrief.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * How a connector retries one API call: transient failures (5xx, resets, a rate limit) are
 * retried with capped exponential back-off, a vendor's {@code Retry-After} is honoured when it
 * says more, and nothing is retried forever or past the source's deadline. Authentication and
 * other permanent failures are never retried.
 *
 * @param maxAttempts attempts in all, the first included (1 means no retry)
 * @param initialBackoff the wait before the first retry
 * @param maxBackoff the cap on any one wait, {@code Retry-After} included
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff == null");
    Objects.requireNonNull(maxBackoff, "maxBackoff == null");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("backoff must be 0 <= initial (" + initialBackoff + ") <= max (" + maxBackoff + ")");
    }
  }

  /** Three attempts, 500 ms then 1 s, no wait longer than 30 s. */
  public static RetryPolicy ofDefaults() {
    return new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(30));
  }

  /** No retries: one attempt. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
  }

  /** The wait before attempt {@code attempt + 1} (attempt counts from 1), before any Retry-After. */
  public Duration backoff(int attempt) {
    long factor = 1L << Math.min(attempt - 1, 20);
    Duration d = initialBackoff.multipliedBy(factor);
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
