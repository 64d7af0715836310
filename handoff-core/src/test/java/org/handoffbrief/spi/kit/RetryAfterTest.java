package org.handoffbrief.spi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Clock NOON = Clock.fixed(Instant.parse("2026-02-10T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void wholeSecondsAreReadAsSeconds() {
    assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse(" 30 ", NOON));
  }

  @Test
  void anHttpDateIsTheWaitUntilThen() {
    assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Tue, 10 Feb 2026 12:01:30 GMT", NOON));
  }

  @Test
  void aDateInThePastWaitsNothing() {
    assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Tue, 10 Feb 2026 11:00:00 GMT", NOON));
  }

  @Test
  void aWaitLongerThanADayIsCutToADayEvenPastWhatALongHolds() {
    assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.parse("172800", NOON));
    assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.parse("99999999999999999999999", NOON));
  }

  @Test
  void absentNegativeOrUnreadableValuesAreAbsent() {
    assertEquals(Optional.empty(), RetryAfter.parse(null, NOON));
    assertEquals(Optional.empty(), RetryAfter.parse(" ", NOON));
    assertEquals(Optional.empty(), RetryAfter.parse("-5", NOON));
    assertEquals(Optional.empty(), RetryAfter.parse("soon", NOON));
    assertEquals(null, RetryAfter.orNull("1.5"));
  }
}
