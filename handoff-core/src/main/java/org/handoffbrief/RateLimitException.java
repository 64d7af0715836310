package org.handoffbrief;

import java.time.Duration;
import java.util.Optional;
import org.handoffbrief.model.SourceFailure;

/**
 * The vendor asked us to slow down, or a usage limit is spent. {@link #retryAfter()} says when
 * the vendor said to come back, when it said.
 */
public class RateLimitException extends HandoffException {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  public RateLimitException(String system, String message, Duration retryAfter, Throwable cause) {
    this(system, message, retryAfter, true, cause);
  }

  protected RateLimitException(String system, String message, Duration retryAfter, boolean retriable,
      Throwable cause) {
    super(system, SourceFailure.Kind.RATE_LIMITED, retriable, message, cause);
    this.retryAfter = retryAfter;
  }

  /** How long the vendor asked us to wait, when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
