package org.handoffbrief.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.handoffbrief.spi.ConnectorSetting;
import org.junit.jupiter.api.Test;

class ReviewPolicyConfigTest {

  @Test
  void everyReviewKeySetsItsPartOfThePolicy() {
    ReviewPolicy policy = ReviewPolicy.builder().configure(Map.of(
        "review.arrThreshold", "100,000",
        "review.strategicLogos", "Example Corp, 001000000000009AAA",
        "review.strategicFlagField", " Strategic Account ",
        "review.closingWindow", "P30D",
        "salesforce.loginUrl", "https://test.salesforce.com")).build();

    assertEquals(new BigDecimal("100000"), policy.arrThreshold());
    assertEquals(Set.of("example corp", "001000000000009aaa"), policy.strategicLogos());
    assertEquals("Strategic Account", policy.strategicFlagField());
    assertEquals(Duration.ofDays(30), policy.closingWindow());
  }

  @Test
  void keysNotGivenLeaveThePolicyAsItWas() {
    QualityHistory history = QualityHistory.inMemory();
    ReviewPolicy base = ReviewPolicy.builder().arrThreshold(new BigDecimal("75000")).history(history).build();

    ReviewPolicy policy = base.toBuilder().configure(Map.of("review.strategicFlagField", "Key Account")).build();

    assertEquals(new BigDecimal("75000"), policy.arrThreshold());
    assertSame(history, policy.history());
    assertEquals("Key Account", policy.strategicFlagField());
  }

  @Test
  void withoutReviewKeysThePolicyIsTheDefault() {
    ReviewPolicy policy = ReviewPolicy.builder().configure(Map.of()).build();
    assertEquals(ReviewPolicy.DEFAULT_ARR_THRESHOLD, policy.arrThreshold());
    assertEquals(Set.of(), policy.strategicLogos());
    assertNull(policy.strategicFlagField());
    assertEquals(ReviewPolicy.DEFAULT_CLOSING_WINDOW, policy.closingWindow());
  }

  @Test
  void aThresholdThatIsNotANumberIsRefusedNamingTheKey() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ReviewPolicy.builder().configure(Map.of("review.arrThreshold", "a lot")));
    assertEquals("review.arrThreshold must be a number such as 250000, not 'a lot'", e.getMessage());
    var negative = assertThrows(IllegalArgumentException.class,
        () -> ReviewPolicy.builder().configure(Map.of("review.arrThreshold", "-5")));
    assertEquals("arrThreshold must not be negative, not -5", negative.getMessage());
  }

  @Test
  void aBadClosingWindowIsRefusedNamingTheKey() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ReviewPolicy.builder().configure(Map.of("review.closingWindow", "two weeks")));
    assertEquals("review configuration: review.closingWindow must be a duration (e.g. 30s, 2m, 500ms or PT30S),"
        + " not 'two weeks'", e.getMessage());
  }

  @Test
  void theDocumentedDefaultsAreThePolicysDefaults() {
    Map<String, String> defaults = new java.util.HashMap<>();
    for (ConnectorSetting s : ReviewPolicy.SETTINGS) {
      if (s.defaultValue() != null) {
        defaults.put(s.key(), s.defaultValue());
      }
    }
    ReviewPolicy fromDefaults = ReviewPolicy.builder().configure(defaults).build();
    assertEquals(ReviewPolicy.DEFAULT_ARR_THRESHOLD, fromDefaults.arrThreshold());
    assertEquals(ReviewPolicy.DEFAULT_CLOSING_WINDOW, fromDefaults.closingWindow());
  }

  @Test
  void aBlankFlagFieldIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ReviewPolicy.builder().strategicFlagField(" "));
  }
}
