package org.handoffbrief.connector.salesforce.trigger;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.handoffbrief.connector.salesforce.trigger.ClosedWonPollerTest.SOAP;
import static org.handoffbrief.connector.salesforce.trigger.ClosedWonPollerTest.fault;
import static org.handoffbrief.connector.salesforce.trigger.ClosedWonPollerTest.resource;
import static org.handoffbrief.connector.salesforce.trigger.ClosedWonPollerTest.xml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.handoffbrief.UsageLimitExceededException;
import org.handoffbrief.connector.salesforce.SalesforceAuth;
import org.handoffbrief.connector.salesforce.SalesforceConfig;
import org.handoffbrief.connector.salesforce.SalesforceSession;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.trigger.DealFinder.Match;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SalesforceDealFinderTest {
  static final Instant NOW = Instant.parse("2026-03-28T16:00:00Z");

  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  final SalesforceDealFinder finder = SalesforceDealFinder.create(session(), ClosedWonPollerTest.clock(NOW), 5);

  @Test
  void anExactAccountNameFindsItsWonDealsAsManualRequestsWithoutAskingForPartialOnes() {
    answer("=", page(new Row("006000000000011AAA", "Example Co - Renewal", "2026-03-20", "Example Co"),
        new Row("006000000000010AAA", "Example Co - Platform", "2025-11-02", "Example Co")));
    answer("LIKE", page(new Row("006000000000020AAA", "Other", "2026-03-25", "Example Co Logistics")));

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
    answer("=", page());
    answer("LIKE", page(new Row("006000000000020AAA", "Deal", "2026-03-25", "O'Neil 50%_Partners")));

    List<Match> found = finder.findWon("O'Neil 50%_");

    assertEquals(List.of("006000000000020AAA"), ids(found));
    assertEquals(2, queries().size());
    assertTrue(queries().get(1).contains("IsWon = true AND Account.Name LIKE '%O\\'Neil 50\\%\\_%' ORDER BY"
        + " CloseDate DESC NULLS LAST, Id LIMIT 5"), queries().get(1));
  }

  @Test
  void noWonDealOfSuchAnAccountIsAnEmptyListNotAnError() {
    answer("=", page());
    answer("LIKE", page());

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
    wm.stubFor(post(urlEqualTo(SOAP)).withRequestBody(matchingXPath("//*[local-name()='query']"))
        .willReturn(fault(resource("fault-request-limit.xml"))));

    assertThrows(UsageLimitExceededException.class, () -> finder.findWon("Example Co"));
  }

  @Test
  void itsDescriptionLeavesTheSessionIdOut() {
    assertFalse(finder.toString().contains("FAKE"));
  }

  // --- fixtures -----------------------------------------------------------------------------------

  record Row(String id, String name, String closeDate, String account) {}

  static SalesforceSession session() {
    return SalesforceSession.create(SalesforceConfig.builder().loginUrl(URI.create(wm.baseUrl()))
        .auth(SalesforceAuth.session(URI.create(wm.baseUrl()), "00D000000000001!FAKE.session")).build());
  }

  /** Answers queries whose SOQL compares the account name with {@code operator}. */
  static void answer(String operator, String body) {
    wm.stubFor(post(urlEqualTo(SOAP)).withRequestBody(matchingXPath(
        "//*[local-name()='queryString'][contains(., 'Account.Name " + operator + " ')]")).willReturn(xml(body)));
  }

  static List<String> ids(List<Match> found) {
    return found.stream().map(m -> m.ref().opportunityId()).toList();
  }

  /** The SOQL of every query request, in order, unescaped from the SOAP body. */
  static List<String> queries() {
    var m = Pattern.compile("<(\\w+:)?queryString>(.*?)</(\\w+:)?queryString>", Pattern.DOTALL);
    return wm.findAll(postRequestedFor(urlEqualTo(SOAP))).stream().map(r -> m.matcher(r.getBodyAsString()))
        .filter(java.util.regex.Matcher::find)
        .map(x -> x.group(2).replace("&lt;", "<").replace("&gt;", ">").replace("&apos;", "'").replace("&quot;", "\"")
            .replace("&amp;", "&"))
        .toList();
  }

  /** A Partner API queryResponse of won opportunities with their account, as the WSDL's wire format. */
  static String page(Row... rows) {
    var records = new StringBuilder();
    for (Row r : rows) {
      records.append("""
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
          """.formatted(r.id(), r.name(), r.closeDate(), r.account().replace("'", "&apos;")));
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:sf="urn:sobject.partner.soap.sforce.com">
         <soapenv:Body>
          <queryResponse>
           <result xsi:type="QueryResult">
            <done>true</done>
            <queryLocator xsi:nil="true"/>
        %s    <size>%d</size>
           </result>
          </queryResponse>
         </soapenv:Body>
        </soapenv:Envelope>
        """.formatted(records, rows.length).strip();
  }
}
