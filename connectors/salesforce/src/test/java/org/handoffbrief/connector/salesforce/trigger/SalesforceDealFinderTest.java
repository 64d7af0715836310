package org.handoffbrief.connector.salesforce.trigger;

import static org.handoffbrief.connector.salesforce.trigger.ClosedWonPollerTest.faultOn;
import static org.handoffbrief.connector.salesforce.trigger.ClosedWonPollerTest.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.handoffbrief.UsageLimitExceededException;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.testing.FakeSalesforce;
import org.handoffbrief.trigger.DealFinder.Match;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SalesforceDealFinderTest {
  static final Instant NOW = Instant.parse("2026-03-28T16:00:00Z");

  final FakeSalesforce org = FakeSalesforce.start();
  final SalesforceDealFinder finder = SalesforceDealFinder.create(session(org), ClosedWonPollerTest.clock(NOW), 5);

  @Test
  void anExactAccountNameFindsItsWonDealsAsManualRequestsWithoutAskingForPartialOnes() {
    answer("=", records(new Row("006000000000011AAA", "Example Co - Renewal", "2026-03-20", "Example Co"),
        new Row("006000000000010AAA", "Example Co - Platform", "2025-11-02", "Example Co")));
    answer("LIKE", records(new Row("006000000000020AAA", "Other", "2026-03-25", "Example Co Logistics")));

    List<Match> found = finder.findWon("  example   co ");

    assertEquals(List.of("006000000000011AAA", "006000000000010AAA"), ids(found));
    assertEquals(new Match(new DealRef("006000000000011AAA", DealRef.Trigger.MANUAL, NOW, false), "Example Co",
        "Example Co - Renewal", LocalDate.parse("2026-03-20")), found.get(0));
    assertEquals(1, queries().size(), "no partial search once an exact name matched");
    assertEquals("SELECT Id, Name, CloseDate, Account.Name FROM Opportunity WHERE IsWon = true AND Account.Name ="
        + " 'example co' ORDER BY CloseDate DESC NULLS LAST, Id LIMIT 5", queries().get(0));
  }

  @Test
  void withoutAnExactNameTheAccountsContainingTheWordsAreFoundWithWildcardsAndQuotesEscaped() {
    answer("=", records());
    answer("LIKE", records(new Row("006000000000020AAA", "Deal", "2026-03-25", "O'Neil 50%_Partners")));

    List<Match> found = finder.findWon("O'Neil 50%_");

    assertEquals(List.of("006000000000020AAA"), ids(found));
    assertEquals(2, queries().size());
    assertTrue(queries().get(1).contains("IsWon = true AND Account.Name LIKE '%O\\'Neil 50\\%\\_%' ORDER BY"
        + " CloseDate DESC NULLS LAST, Id LIMIT 5"), queries().get(1));
  }

  @Test
  void noWonDealOfSuchAnAccountIsAnEmptyListNotAnError() {
    answer("=", records());
    answer("LIKE", records());

    assertEquals(List.of(), finder.findWon("Nobody Here"));
  }

  @Test
  void blankOrOverlongWordsAreRefusedBeforeAnyQuery() {
    assertThrows(IllegalArgumentException.class, () -> finder.findWon(" "));
    assertThrows(IllegalArgumentException.class, () -> finder.findWon("x".repeat(256)));
    assertEquals(0, queries().size());
  }

  @Test
  void aRequestLimitFaultIsTheSessionsTypedException() {
    faultOn(org, "query", "fault-request-limit.xml");

    assertThrows(UsageLimitExceededException.class, () -> finder.findWon("Example Co"));
  }

  @Test
  void itsDescriptionLeavesTheSessionIdOut() {
    assertFalse(finder.toString().contains(org.sessionId()));
    assertFalse(finder.toString().contains("not-a-secret"));
  }

  // --- fixtures -----------------------------------------------------------------------------------

  record Row(String id, String name, String closeDate, String account) {}

  @AfterEach
  void stopTheOrg() {
    org.close();
  }

  /** Answers queries whose SOQL compares the account name with {@code operator} with {@code rows}. */
  void answer(String operator, List<String> rows) {
    org.answerQuery(soql -> soql.contains("Account.Name " + operator + " "), soql -> rows);
  }

  static List<String> ids(List<Match> found) {
    return found.stream().map(m -> m.ref().opportunityId()).toList();
  }

  /** The SOQL of every query the org received, in order. */
  List<String> queries() {
    return org.queries();
  }

  /** Won opportunities with their account as the Partner API's {@code <records>} elements. */
  static List<String> records(Row... rows) {
    return java.util.Arrays.stream(rows).map(r -> """
        <records xsi:type="sf:sObject">
         <sf:type>Opportunity</sf:type>
         <sf:Id>%1$s</sf:Id>
         <sf:Id>%1$s</sf:Id>
         <sf:Name>%2$s</sf:Name>
         <sf:CloseDate>%3$s</sf:CloseDate>
         <sf:Account xsi:type="sf:sObject">
          <sf:type>Account</sf:type>
          <sf:Id xsi:nil="true"/>
          <sf:Name>%4$s</sf:Name>
         </sf:Account>
        </records>
        """.formatted(r.id(), r.name(), r.closeDate(), r.account().replace("'", "&apos;"))).toList();
  }
}
