package org.handoffbrief.connector.salesforce.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoqlTest {

  @Test
  void everyCharacterSoqlTreatsSpeciallyIsEscaped() {
    assertEquals("\\\\", Soql.escape("\\"));
    assertEquals("\\'", Soql.escape("'"));
    assertEquals("\\\"", Soql.escape("\""));
    assertEquals("\\n\\r\\t\\b\\f", Soql.escape("\n\r\t\b\f"));
    assertEquals("plain 0068c00000MeRdH", Soql.escape("plain 0068c00000MeRdH"));
  }

  @Test
  void anInjectionAttemptStaysInsideItsLiteral() {
    assertEquals("'x\\' OR Name != \\''", Soql.quote("x' OR Name != '"));
    // A backslash meant to escape our closing quote is itself escaped first.
    assertEquals("'x\\\\\\' OR Id != \\''", Soql.quote("x\\' OR Id != '"));
  }

  @Test
  void aLikePatternMatchesThePersonsWordsLiterallyWithWildcardsAndQuotesEscaped() {
    assertEquals("'%50\\%\\_off%'", Soql.likeContaining("50%_off"));
    assertEquals("'%O\\'Brien%'", Soql.likeContaining("O'Brien"));
    assertEquals("'%a\\\\\\%%'", Soql.likeContaining("a\\%"));
  }

  @Test
  void wildcardsAreLeftAloneBecauseTheyOnlyMatterInLike() {
    assertEquals("'50%_off'", Soql.quote("50%_off"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Name", "Go_Live_Date__c", "ns__Champion__c", "Account.Customer_Tier__c", "Champion__r.Name"})
  void fieldApiNamesAreAccepted(String name) {
    assertEquals(name, Soql.requireFieldName(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1Field", "Foo__c, (SELECT Id FROM Users)", "Name FROM User--", "Foo___c", "A..B",
      "Foo__c)", "Foo c", "_Foo"})
  void anythingElseIsRefusedAsAFieldName(String name) {
    var e = assertThrows(IllegalArgumentException.class, () -> Soql.requireFieldName(name));
    assertEquals(true, e.getMessage().contains("'" + name + "'"));
  }
}
