package org.handoffbrief.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DueDatesTest {
  private static final LocalDate MAR_8 = LocalDate.of(2026, 3, 8);

  private static LocalDate due(String sentence, LocalDate written) {
    return DueDates.find(sentence, written).orElseThrow().date();
  }

  @Test
  void byAQuarterMeansTheEndOfThatQuarterOfTheMessageYear() {
    assertEquals(LocalDate.of(2026, 6, 30), due("We will have SSO ready by Q2.", MAR_8));
  }

  @Test
  void aQuarterAlreadyPastMeansNextYear() {
    assertEquals(LocalDate.of(2027, 3, 31), due("We'll deliver it by Q1.", LocalDate.of(2026, 11, 2)));
  }

  @Test
  void endOfAMonthIsItsLastDay() {
    assertEquals(LocalDate.of(2026, 3, 31), due("Scoping done by end of March", MAR_8));
  }

  @Test
  void withinWeeksCountsFromTheMessageDate() {
    assertEquals(LocalDate.of(2026, 4, 19), due("the review takes within 6 weeks", MAR_8));
    assertEquals(LocalDate.of(2026, 4, 19), due("done within six weeks", MAR_8));
  }

  @Test
  void aMonthAndDayWithoutYearWellBeforeTheMessageIsNextYear() {
    assertEquals(LocalDate.of(2027, 5, 15), due("we will go live by May 15", LocalDate.of(2026, 11, 20)));
    assertEquals(LocalDate.of(2026, 5, 15), due("we will go live by May 15th", MAR_8));
    assertEquals(LocalDate.of(2026, 5, 15), due("live by 15 May", MAR_8));
  }

  @Test
  void anIsoDateIsTakenAsWritten() {
    assertEquals(LocalDate.of(2026, 5, 15), due("Go-live 2026-05-15 agreed", MAR_8));
  }

  @Test
  void aSentenceWithoutADateHasNone() {
    assertTrue(DueDates.find("We will configure SSO for them.", MAR_8).isEmpty());
    assertTrue(DueDates.find("The invoice said 2026-02-31.", MAR_8).isEmpty());
  }
}
