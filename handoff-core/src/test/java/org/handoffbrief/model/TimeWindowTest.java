package org.handoffbrief.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class TimeWindowTest {

  static final Instant CREATED = Instant.parse("2025-01-06T17:12:45Z");
  static final LocalDate CLOSE_DAY = LocalDate.of(2025, 3, 28);
  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

  @Test
  void theSalesCycleEndsAtMidnightAfterTheCloseDayInTheOrgsZone() {
    TimeWindow cycle = TimeWindow.salesCycle(CREATED, CLOSE_DAY, CHICAGO);

    assertEquals(CREATED, cycle.start());
    assertEquals(Instant.parse("2025-03-29T05:00:00Z"), cycle.end());
  }

  @Test
  void mailSentOnTheEveningOfCloseDayOrgTimeIsInsideTheCycleThoughItIsTheNextDayInUtc() {
    TimeWindow cycle = TimeWindow.salesCycle(CREATED, CLOSE_DAY, CHICAGO);
    Instant evening = ZonedDateTime.of(2025, 3, 28, 21, 30, 0, 0, CHICAGO).toInstant();

    assertTrue(cycle.contains(evening), evening + " is 02:30 UTC the next day");
    assertFalse(cycle.contains(ZonedDateTime.of(2025, 3, 29, 0, 0, 0, 0, CHICAGO).toInstant()));
  }

  @Test
  void aZoneEastOfUtcEndsTheCycleBeforeMidnightUtc() {
    TimeWindow cycle = TimeWindow.salesCycle(CREATED, CLOSE_DAY, ZoneId.of("Europe/Berlin"));

    assertEquals(Instant.parse("2025-03-28T23:00:00Z"), cycle.end());
  }

  @Test
  void inUtcTheCycleEndsAtTheNextMidnightUtc() {
    assertEquals(Instant.parse("2025-03-29T00:00:00Z"), TimeWindow.salesCycle(CREATED, CLOSE_DAY, ZoneOffset.UTC).end());
  }

  @Test
  void aCloseDayBeforeTheCreationGivesAnEmptyCycleAtTheCreationInsteadOfFailing() {
    TimeWindow cycle = TimeWindow.salesCycle(CREATED, LocalDate.of(2024, 12, 31), CHICAGO);

    assertEquals(CREATED, cycle.start());
    assertEquals(CREATED, cycle.end());
  }

  @Test
  void startingEarlierMovesOnlyTheStart() {
    TimeWindow cycle = TimeWindow.salesCycle(CREATED, CLOSE_DAY, CHICAGO);

    TimeWindow wider = cycle.startingEarlier(Duration.ofDays(30));

    assertEquals(CREATED.minus(Duration.ofDays(30)), wider.start());
    assertEquals(cycle.end(), wider.end());
    assertEquals(cycle, cycle.startingEarlier(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> cycle.startingEarlier(Duration.ofDays(-1)));
  }
}
