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

  /** A sentence that says nothing is left open settles its matter; one that says something is open does not. */
  @Test
  void nothingLeftOpenIsNotALegalRiskButAnOpenRedlineIs() {
    assertNull(RiskExtractor.category("We countersigned the DPA today and nothing is open on the contract from our side."));
    assertNull(RiskExtractor.category("The MSA is countersigned; there are no outstanding items."));
    assertEquals("legal_open", RiskExtractor.category("The DPA redline is still open on our side."));
    assertEquals("legal_open", RiskExtractor.category("Nothing is signed yet: the MSA is still open."));
  }
}
