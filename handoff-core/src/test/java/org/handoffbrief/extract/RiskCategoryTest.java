package org.handoffbrief.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A risk sentence's category does not depend on how it is capitalised. */
class RiskCategoryTest {
  @Test
  void aShoutedRiskHasTheSameCategoryAsAQuietOne() {
    assertEquals("security_review", RiskExtractor.category("the security review is still pending on their side."));
    assertEquals("security_review", RiskExtractor.category("The SECURITY Review Is Still PENDING on their side."));
  }

  @Test
  void wordsOfTroubleAreFoundInAnyCaseToo() {
    assertEquals("technical_dependency", RiskExtractor.category("Their ERP Integration is BLOCKED by the vendor."));
    assertNull(RiskExtractor.category("Their ERP integration went live last week as planned."));
  }

  @Test
  void loweringForMatchingKeepsEveryCharacterThatIsNotAnAsciiCapital() {
    assertEquals("renée Ölund é 2x", RiskExtractor.asciiLower("RENéE Ölund é 2X"));
  }
}
