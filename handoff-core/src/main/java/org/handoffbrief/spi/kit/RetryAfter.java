package org.handoffbrief.spi.kit;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} header (RFC 9110 section 10.2.3): whole seconds or an HTTP date.
 * Every connector reads it here, so a vendor that switches from one form to the other changes
 * nothing. The wait is bounded: a date in the past waits zero, anything longer than
 * {@link #MAX} waits {@code MAX} (no vendor asks for more than a day, and a huge number must not
 * overflow); a value that is neither form is absent, as if the vendor had said nothing.
 */
public final class RetryAfter {
  /** The longest wait a {@code Retry-After} is read as. */
  public static final Duration MAX = Duration.ofDays(1);

  private RetryAfter() {}

  /** The wait {@code value} asks for, measured from now; empty when absent or unreadable. */
  public static Optional<Duration> parse(String value) {
    return parse(value, Clock.systemUTC());
  }

  /** The wait {@code value} asks for, an HTTP date measured from {@code clock}'s now. */
  public static Optional<Duration> parse(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    if (v.chars().allMatch(Character::isDigit)) {
      // More digits than a long holds is still "a very long time", not garbage.
      return Optional.of(v.length() > 18 ? MAX : bounded(Duration.ofSeconds(Long.parseLong(v))));
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      return Optional.of(bounded(Duration.between(clock.instant(), at.toInstant())));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@link #parse(String)}, or null: for the exception constructors that take a nullable wait. */
  public static Duration orNull(String value) {
    return parse(value).orElse(null);
  }

  private static Duration bounded(Duration d) {
    return d.isNegative() ? Duration.ZERO : d.compareTo(MAX) > 0 ? MAX : d;
  }
}
