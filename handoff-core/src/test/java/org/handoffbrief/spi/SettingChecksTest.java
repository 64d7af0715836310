package org.handoffbrief.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingChecksTest {

  @Test
  void aLookbackFromNothingToAYearIsAccepted() {
    assertEquals(Duration.ZERO, SettingChecks.lookback("lookback", Duration.ZERO));
    assertEquals(Duration.ofDays(366), SettingChecks.lookback("lookback", Duration.ofDays(366)));
  }

  @Test
  void aNegativeOrTooLongLookbackIsRefusedNamingTheSettingAndTheValue() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> SettingChecks.lookback("gmail.lookback", Duration.ofDays(400)));
    assertEquals("gmail.lookback must be between 0 and 366 days, not PT9600H", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SettingChecks.lookback("lookback", Duration.ofDays(-1)));
    assertThrows(NullPointerException.class, () -> SettingChecks.lookback("lookback", null));
  }
}
