package org.handoffbrief.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Issue 12: pass-rate computation, including small samples (Wilson score interval). */
class PassRateTest {
  private static final double EPS = 1e-4;

  /** Issue 12: pass rate with no answers: no rate, and an interval that admits anything. */
  @Test
  void noAnswersHaveNoRateAndTheWholeInterval() {
    assertTrue(Double.isNaN(PassRate.NONE.rate()));
    assertEquals(0.0, PassRate.NONE.lower());
    assertEquals(1.0, PassRate.NONE.upper());
    assertEquals("no answers", PassRate.NONE.toString());
  }

  /** Issue 12: pass rate of one answer: a wide interval, not a point. */
  @Test
  void oneSupportingAnswerIsAWideIntervalNotCertainty() {
    PassRate one = new PassRate(1, 0, 0);
    assertEquals(1.0, one.rate());
    assertEquals(0.2065, one.lower(), EPS);
    assertEquals(1.0, one.upper(), EPS);
    PassRate oneFail = new PassRate(0, 1, 0);
    assertEquals(0.0, oneFail.lower(), EPS);
    assertEquals(0.7935, oneFail.upper(), EPS);
  }

  /** Issue 12: pass rate when all pass or all fail: the interval stays inside [0, 1] and keeps a width. */
  @Test
  void allPassAndAllFailStayInsideZeroToOneWithAWidth() {
    PassRate allPass = new PassRate(15, 0, 0);
    assertEquals(1.0, allPass.rate());
    assertEquals(0.7961, allPass.lower(), EPS);
    assertEquals(1.0, allPass.upper(), EPS);
    PassRate allFail = new PassRate(0, 15, 0);
    assertEquals(0.0, allFail.lower(), EPS);
    assertEquals(0.2039, allFail.upper(), EPS);
  }

  @Test
  void unsureCountsInNeitherSideButIsKept() {
    PassRate r = PassRate.NONE.plus(Verdict.SUPPORTS).plus(Verdict.SUPPORTS).plus(Verdict.DOES_NOT_SUPPORT)
        .plus(Verdict.UNSURE).plus(Verdict.UNSURE);
    assertEquals(3, r.n());
    assertEquals(2, r.unsure());
    assertEquals(2.0 / 3, r.rate(), EPS);
  }

  @Test
  void aTypicalMonthMatchesTheTextbookWilsonInterval() {
    PassRate r = new PassRate(18, 2, 0);
    assertEquals(0.9, r.rate(), EPS);
    assertEquals(0.6990, r.lower(), EPS);
    assertEquals(0.9721, r.upper(), EPS);
    assertEquals("90.0% (18/20, 95% CI 69.9-97.2%)", r.toString());
  }
}
