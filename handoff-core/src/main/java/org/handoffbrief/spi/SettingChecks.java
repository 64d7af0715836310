package org.handoffbrief.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The argument checks every connector's config builder makes, in one place so their rules and
 * messages agree: each names the setting and the bad value.
 */
public final class SettingChecks {
  /** The longest per-call timeout a connector accepts. */
  public static final Duration MAX_CALL_TIMEOUT = Duration.ofMinutes(10);
  /** The longest look-back before the sales cycle a connector accepts: a year, with a leap day to spare. */
  public static final Duration MAX_LOOKBACK = Duration.ofDays(366);

  private SettingChecks() {}

  /** A connect-and-read timeout of one call: positive, at most {@link #MAX_CALL_TIMEOUT}. */
  public static Duration callTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout == null");
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_CALL_TIMEOUT) > 0) {
      throw new IllegalArgumentException("timeout must be positive and at most 10 minutes, not " + timeout);
    }
    return timeout;
  }

  /** {@code value} within {@code [min, max]}. */
  public static int between(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + value);
    }
    return value;
  }

  /**
   * How far before the sales cycle's start a source reads: zero to {@link #MAX_LOOKBACK}.
   *
   * @param name the setting's name, for the message
   */
  public static Duration lookback(String name, Duration lookback) {
    return upTo(name, lookback, MAX_LOOKBACK);
  }

  /**
   * A margin or look-back of zero to {@code max}, a whole number of days.
   *
   * @param name the setting's name, for the message
   */
  public static Duration upTo(String name, Duration value, Duration max) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isNegative() || value.compareTo(max) > 0) {
      long days = max.toDays();
      throw new IllegalArgumentException(name + " must be between 0 and " + days + (days == 1 ? " day" : " days")
          + ", not " + value);
    }
    return value;
  }

  /**
   * An http(s) URL with a host, a trailing {@code /} dropped so paths can be added to it.
   *
   * @param name the setting's name, for the message
   */
  public static URI httpUrl(String name, URI url) {
    Objects.requireNonNull(url, name + " == null");
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw new IllegalArgumentException(name + " must be an http(s) URL with a host, not '" + url + "'");
    }
    String s = url.toString();
    return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : url;
  }
}
