package org.handoffbrief.connector.salesforce.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SalesforceIdsTest {

  @Test
  void theChecksumSuffixFollowsTheUpperCaseBitsOfEachFiveCharacterBlock() {
    // Salesforce documentation example: 001A0000006Vm9r -> 001A0000006Vm9rIAC.
    assertEquals("IAC", SalesforceIds.suffix("001A0000006Vm9r"));
    assertEquals("AAA", SalesforceIds.suffix("006000000000000"));
    assertEquals("555", SalesforceIds.suffix("ABCDEFGHIJKLMNO"));
  }

  @Test
  void aFifteenCharacterIdIsNormalisedAndAnEighteenCharacterOneKept() {
    assertEquals("0068c00000MeRdHAAV", SalesforceIds.normalize(" 0068c00000MeRdH ", "006", "Opportunity"));
    assertEquals("0068c00000MeRdHAAV", SalesforceIds.normalize("0068c00000MeRdHAAV", "006", "Opportunity"));
  }

  @Test
  void eachKindOfBadIdIsRefusedWithItsReason() {
    assertTrue(refused("0068c00000MeRdHAAX").contains("checksum suffix should be AAV"));
    assertTrue(refused("0068C00000MeRdHAAV").contains("checksum"), "case matters in the first 15 characters");
    assertTrue(refused("0018c00000MeRdHAAV").contains("Opportunity ids start with 006, this one starts with 001"));
    assertTrue(refused("0068c00000MeRd").contains("15 or 18"));
    assertTrue(refused("0068c00000MeRdH'--").contains("not letters or digits"));
  }

  /** Issue 8 (low): an id a tool lower- or upper-cased gets its case back from its suffix. */
  @Test
  @Tag("reliability")
  void anEighteenCharacterIdWhoseCaseWasLostIsRepairedFromItsSuffix() {
    assertEquals("0068c00000MeRdHAAV", SalesforceIds.normalize("0068c00000merdhaav", "006", "Opportunity"));
    assertEquals("0068c00000MeRdHAAV", SalesforceIds.normalize("0068C00000MERDHAAV", "006", "Opportunity"));
    assertEquals("001A0000006Vm9rIAC", SalesforceIds.normalize("001a0000006vm9riac", "001", "Account"));
  }

  /** Issue 8 (low): a suffix that cannot be the id's own is still refused, case lost or not. */
  @Test
  @Tag("reliability")
  void aCaseLostIdWhoseSuffixCannotBeItsOwnIsRefused() {
    assertTrue(refused("0068c00000merdhbav").contains("checksum"), "an upper-case bit on a digit");
    assertTrue(refused("0068c00000merdh9av").contains("checksum"), "9 is not a suffix character");
    assertTrue(refused("0068C00000MeRdHAAV").contains("checksum"), "mixed case is not repaired");
  }

  @Test
  void aHostileIdIsShownCutShortAndWithoutControlCharacters() {
    String m = refused("006\n" + "A".repeat(100));
    assertTrue(!m.contains("\n") && m.contains("..."), m);
  }

  private static String refused(String id) {
    return assertThrows(IllegalArgumentException.class, () -> SalesforceIds.normalize(id, "006", "Opportunity"))
        .getMessage();
  }
}
