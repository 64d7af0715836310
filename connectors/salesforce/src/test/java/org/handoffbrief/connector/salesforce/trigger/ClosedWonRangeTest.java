package org.handoffbrief.connector.salesforce.trigger;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.handoffbrief.connector.salesforce.trigger.ClosedWonPollerTest.fault;
import static org.handoffbrief.connector.salesforce.trigger.ClosedWonPollerTest.page;
import static org.handoffbrief.connector.salesforce.trigger.ClosedWonPollerTest.resource;
import static org.handoffbrief.connector.salesforce.trigger.ClosedWonPollerTest.xml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.handoffbrief.UsageLimitExceededException;
import org.handoffbrief.connector.salesforce.SalesforceAuth;
import org.handoffbrief.connector.salesforce.SalesforceConfig;
import org.handoffbrief.connector.salesforce.SalesforceSession;
import org.handoffbrief.connector.salesforce.trigger.ClosedWonPollerTest.Opp;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.trigger.Fired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClosedWonRangeTest {
  static final String SOAP = "/services/Soap/u/65.0";
  static final Instant NOW = Instant.parse("2026-03-30T07:00:00Z");
  static final LocalDate MONDAY = LocalDate.parse("2026-03-23");
  static final LocalDate SUNDAY = LocalDate.parse("2026-03-29");

  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final Opp FIRST = new Opp("006000000000001AAA", "2026-03-24T15:00:00Z", "2026-03-24T15:00:05Z");
  static final Opp SECOND = new Opp("006000000000002AAA", "2026-03-27T18:10:00Z", "2026-03-27T18:10:02Z");
  static final Opp THIRD = new Opp("006000000000003AAA", "2026-03-28T09:00:00Z", "2026-03-28T09:00:01Z");

  @Test
  void readsEveryWonDealClosedInTheRangeWithItsCloseDatesInTheQuery() {
    answer("query", page(true, null, FIRST, SECOND));

    var closes = range().read(MONDAY, SUNDAY);

    assertEquals(List.of(FIRST.id(), SECOND.id()), ids(closes.fired()));
    assertFalse(closes.more());
    assertTrue(lastQuery().endsWith("FROM Opportunity WHERE IsWon = true AND CloseDate >= 2026-03-23"
        + " AND CloseDate <= 2026-03-29 ORDER BY CloseDate, Id"), lastQuery());
  }

  @Test
  void aDealIsFiredAsABatchWithThePollersKeyItsWonMomentAndTheRangeInItsReason() {
    answer("query", page(true, null, SECOND));

    Fired fired = range().read(MONDAY, SUNDAY).fired().get(0);

    assertEquals(SECOND.id() + "/won@2026-03-27T18:10:00Z", fired.dedupeKey());
    assertEquals(Instant.parse("2026-03-27T18:10:00Z"), fired.wonAt());
    assertEquals(DealRef.Trigger.BATCH, fired.ref().trigger());
    assertEquals(NOW, fired.ref().firedAt());
    assertEquals("stage changed to Closed Won at 2026-03-27T18:10:00Z (closed 2026-03-23 to 2026-03-29)",
        fired.reason());
  }

  @Test
  void theRangeAndThePollerGiveOneDealTheSameKey() {
    answer("query", page(true, null, SECOND));
    Fired polled = ClosedWonPoller.builder().session(session()).store(BriefStore.inMemory())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).lookback(java.time.Duration.ofDays(7)).build().poll().fired().get(0);

    assertEquals(polled.dedupeKey(), range().read(MONDAY, SUNDAY).fired().get(0).dedupeKey());
  }

  @Test
  void followsQueryMoreToTheEndAndStopsAtThePageLimitSayingThereIsMore() {
    answer("query", page(false, "01g000000000001-200", FIRST));
    answer("queryMore", page(false, "01g000000000001-400", SECOND).replace("queryResponse>", "queryMoreResponse>"));
    wm.stubFor(post(urlEqualTo(SOAP)).withRequestBody(matchingXPath(
            "//*[local-name()='queryLocator' and text()='01g000000000001-400']")).atPriority(1)
        .willReturn(xml(page(true, null, THIRD).replace("queryResponse>", "queryMoreResponse>"))));

    var all = range().read(MONDAY, SUNDAY);
    assertEquals(List.of(FIRST.id(), SECOND.id(), THIRD.id()), ids(all.fired()));
    assertFalse(all.more());

    var limited = range().pageLimit(2).read(MONDAY, SUNDAY);
    assertEquals(List.of(FIRST.id(), SECOND.id()), ids(limited.fired()));
    assertTrue(limited.more());
    assertEquals(3, wm.findAll(postRequestedFor(urlEqualTo(SOAP)).withRequestBody(
        matchingXPath("//*[local-name()='queryMore']"))).size(), "two queryMore calls to read to the end, then one: none past the limit of two pages");
  }

  @Test
  void aRequestLimitFaultPropagatesTyped() {
    wm.stubFor(post(urlEqualTo(SOAP)).withRequestBody(matchingXPath("//*[local-name()='query']"))
        .willReturn(fault(resource("fault-request-limit.xml"))));

    assertThrows(UsageLimitExceededException.class, () -> range().read(MONDAY, SUNDAY));
  }

  @Test
  void aRangeThatEndsBeforeItStartsIsRefusedWithoutACall() {
    var e = assertThrows(IllegalArgumentException.class, () -> range().read(SUNDAY, MONDAY));
    assertTrue(e.getMessage().contains("ends (2026-03-23) before it starts (2026-03-29)"), e.getMessage());
    assertEquals(0, wm.getAllServeEvents().size());
  }

  // --- fixtures -----------------------------------------------------------------------------------

  static ClosedWonRange range() {
    return ClosedWonRange.using(session()).clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static SalesforceSession session() {
    return SalesforceSession.create(SalesforceConfig.builder()
        .loginUrl(URI.create(wm.baseUrl()))
        .auth(SalesforceAuth.session(URI.create(wm.baseUrl()), "00D000000000001!FAKE.session")).build());
  }

  static void answer(String operation, String body) {
    wm.stubFor(post(urlEqualTo(SOAP)).withRequestBody(matchingXPath("//*[local-name()='" + operation + "']"))
        .willReturn(xml(body)));
  }

  static List<String> ids(List<Fired> fired) {
    return fired.stream().map(f -> f.ref().opportunityId()).toList();
  }

  static String lastQuery() {
    var requests = wm.findAll(postRequestedFor(urlEqualTo(SOAP)).withRequestBody(
        matchingXPath("//*[local-name()='query']")));
    String body = requests.get(requests.size() - 1).getBodyAsString();
    var m = java.util.regex.Pattern.compile("<(\\w+:)?queryString>(.*?)</(\\w+:)?queryString>",
        java.util.regex.Pattern.DOTALL).matcher(body);
    assertTrue(m.find(), "no queryString in " + body);
    return m.group(2).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }
}
