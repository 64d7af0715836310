package org.handoffbrief.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
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

  @Test
  void anHttpUrlLosesItsTrailingSlashAndAnythingElseIsRefusedNamingTheSetting() {
    assertEquals(URI.create("https://api.vendor.example/v2"),
        SettingChecks.httpUrl("baseUrl", URI.create("https://api.vendor.example/v2/")));
    assertEquals(URI.create("http://localhost:8080"), SettingChecks.httpUrl("baseUrl", URI.create("http://localhost:8080")));

    var e = assertThrows(IllegalArgumentException.class, () -> SettingChecks.httpUrl("baseUrl", URI.create("ftp://x")));
    assertTrue(e.getMessage().startsWith("baseUrl must be an http(s) URL") && e.getMessage().contains("ftp://x"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SettingChecks.httpUrl("baseUrl", URI.create("/relative")));
    assertThrows(NullPointerException.class, () -> SettingChecks.httpUrl("baseUrl", null));
  }

  @Test
  void aMarginUpToItsLongestNamesTheSettingAndTheRangeInDays() {
    assertEquals(Duration.ofDays(90), SettingChecks.upTo("leadTime", Duration.ofDays(90), Duration.ofDays(90)));
    assertEquals(Duration.ZERO, SettingChecks.upTo("leadTime", Duration.ZERO, Duration.ofDays(90)));

    var tooLong = assertThrows(IllegalArgumentException.class,
        () -> SettingChecks.upTo("leadTime", Duration.ofDays(91), Duration.ofDays(90)));
    assertEquals("leadTime must be between 0 and 90 days, not PT2184H", tooLong.getMessage());
    var negative = assertThrows(IllegalArgumentException.class,
        () -> SettingChecks.upTo("recoveryMargin", Duration.ofMinutes(-1), Duration.ofDays(1)));
    assertEquals("recoveryMargin must be between 0 and 1 day, not PT-1M", negative.getMessage());
  }
}
