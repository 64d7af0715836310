package org.handoffbrief.spi.kit;

import java.time.Duration;
import java.util.Objects;
import org.handoffbrief.spi.RetryPolicy;
import org.handoffbrief.spi.SettingChecks;

/**
 * What every calling connector's config builder sets the same way: the timeout of one call and the
 * {@link RetryPolicy} its {@link org.handoffbrief.spi.ApiCalls} retries on. A config's {@code Builder}
 * extends this, so the setters, their checks and their messages are written once, and the
 * connector's own setters chain with them.
 *
 * <pre>{@code
 * public static final class Builder extends CallSettingsBuilder<Builder> {
 *   private Builder() {
 *     super(DEFAULT_TIMEOUT);
 *   }
 * }
 * }</pre>
 *
 * @param <B> the connector's builder, returned by every setter
 */
public abstract class CallSettingsBuilder<B extends CallSettingsBuilder<B>> {
  private Duration timeout;
  private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();

  /** A builder whose timeout starts at the connector's default. */
  protected CallSettingsBuilder(Duration defaultTimeout) {
    this.timeout = SettingChecks.callTimeout(defaultTimeout);
  }

  /** Connect and read timeout of each call (capped by the source's deadline); positive, at most 10 minutes. */
  public B timeout(Duration timeout) {
    this.timeout = SettingChecks.callTimeout(timeout);
    return self();
  }

  /** How failed calls (429, 5xx, resets) are retried; {@link RetryPolicy#ofDefaults()} unless set. */
  public B retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
    return self();
  }

  /** The timeout set so far, for the config's constructor. */
  public Duration timeout() {
    return timeout;
  }

  /** The retry policy set so far, for the config's constructor. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** This builder as its own type, for a setter to return. */
  @SuppressWarnings("unchecked") // B is this builder's own type, as the class declaration requires
  protected final B self() {
    return (B) this;
  }

  /**
   * The builder of a connector paced by a {@link org.handoffbrief.spi.RateLimiter} in requests a
   * minute: adds that rate, checked the same way for every such connector.
   *
   * @param <B> the connector's builder, returned by every setter
   */
  public abstract static class Paced<B extends Paced<B>> extends CallSettingsBuilder<B> {
    private int requestsPerMinute;

    /** A builder whose timeout and rate start at the connector's defaults. */
    protected Paced(Duration defaultTimeout, int defaultRequestsPerMinute) {
      super(defaultTimeout);
      this.requestsPerMinute = SettingChecks.between("requestsPerMinute", defaultRequestsPerMinute, 1, 1_000_000);
    }

    /** Client-side pacing of this connector's calls, shared by every brief it makes; at least 1. */
    public B requestsPerMinute(int n) {
      this.requestsPerMinute = SettingChecks.between("requestsPerMinute", n, 1, 1_000_000);
      return self();
    }

    /** The rate set so far, for the config's constructor. */
    public int requestsPerMinute() {
      return requestsPerMinute;
    }
  }
}
