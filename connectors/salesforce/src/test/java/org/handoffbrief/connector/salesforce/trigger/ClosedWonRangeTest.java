package org.handoffbrief.connector.salesforce.trigger;

import static org.handoffbrief.connector.salesforce.trigger.ClosedWonPollerTest.answerQueryMore;
import static org.handoffbrief.connector.salesforce.trigger.ClosedWonPollerTest.faultOn;
import static org.handoffbrief.connector.salesforce.trigger.ClosedWonPollerTest.ids;
import static org.handoffbrief.connector.salesforce.trigger.ClosedWonPollerTest.page;
import static org.handoffbrief.connector.salesforce.trigger.ClosedWonPollerTest.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.handoffbrief.UsageLimitExceededException;
import org.handoffbrief.connector.salesforce.trigger.ClosedWonPollerTest.Opp;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.testing.FakeSalesforce;
import org.handoffbrief.trigger.Fired;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClosedWonRangeTest {
  static final Instant NOW = Instant.parse("2026-03-30T07:00:00Z");
  static final LocalDate MONDAY = LocalDate.parse("2026-03-23");
  static final LocalDate SUNDAY = LocalDate.parse("2026-03-29");

  final FakeSalesforce org = FakeSalesforce.start();

  static final Opp FIRST = new Opp("006000000000001AAA", "2026-03-24T15:00:00Z", "2026-03-24T15:00:05Z");
  static final Opp SECOND = new Opp("006000000000002AAA", "2026-03-27T18:10:00Z", "2026-03-27T18:10:02Z");
  static final Opp THIRD = new Opp("006000000000003AAA", "2026-03-28T09:00:00Z", "2026-03-28T09:00:01Z");

  @Test
  void readsEveryWonDealClosedInTheRangeWithItsCloseDatesInTheQuery() {
    answerQuery(page(true, null, FIRST, SECOND));

    var closes = range().read(MONDAY, SUNDAY);

    assertEquals(List.of(FIRST.id(), SECOND.id()), ids(closes.fired()));
    assertFalse(closes.more());
    assertTrue(lastQuery().endsWith("FROM Opportunity WHERE IsWon = true AND CloseDate >= 2026-03-23"
        + " AND CloseDate <= 2026-03-29 ORDER BY CloseDate, Id"), lastQuery());
  }

  @Test
  void aDealIsFiredAsABatchWithThePollersKeyItsWonMomentAndTheRangeInItsReason() {
    answerQuery(page(true, null, SECOND));

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
    answerQuery(page(true, null, SECOND));
    Fired polled = ClosedWonPoller.builder().session(session(org)).store(BriefStore.inMemory())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).lookback(java.time.Duration.ofDays(7)).build().poll().fired().get(0);

    assertEquals(polled.dedupeKey(), range().read(MONDAY, SUNDAY).fired().get(0).dedupeKey());
  }

  @Test
  void followsQueryMoreToTheEndAndStopsAtThePageLimitSayingThereIsMore() {
    answerQuery(page(false, "01g000000000001-200", FIRST));
    answerQueryMore(org, "01g000000000001-200", page(false, "01g000000000001-400", SECOND));
    answerQueryMore(org, "01g000000000001-400", page(true, null, THIRD));

    var all = range().read(MONDAY, SUNDAY);
    assertEquals(List.of(FIRST.id(), SECOND.id(), THIRD.id()), ids(all.fired()));
    assertFalse(all.more());

    var limited = range().pageLimit(2).read(MONDAY, SUNDAY);
    assertEquals(List.of(FIRST.id(), SECOND.id()), ids(limited.fired()));
    assertTrue(limited.more());
    assertEquals(3, org.calls("queryMore"), "two queryMore calls to read to the end, then one: none past the limit of two pages");
  }

  @Test
  void aRequestLimitFaultPropagatesTyped() {
    faultOn(org, "query", "fault-request-limit.xml");

    assertThrows(UsageLimitExceededException.class, () -> range().read(MONDAY, SUNDAY));
  }

  @Test
  void aRangeThatEndsBeforeItStartsIsRefusedWithoutACall() {
    var e = assertThrows(IllegalArgumentException.class, () -> range().read(SUNDAY, MONDAY));
    assertTrue(e.getMessage().contains("ends (2026-03-23) before it starts (2026-03-29)"), e.getMessage());
    assertEquals(0, org.requests());
  }

  // --- fixtures -----------------------------------------------------------------------------------

  @AfterEach
  void stopTheOrg() {
    org.close();
  }

  ClosedWonRange range() {
    return ClosedWonRange.using(session(org)).clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** Answers every query with {@code page}: one range read per test. */
  void answerQuery(String page) {
    org.answerQuery(soql -> true, page);
  }

  String lastQuery() {
    return ClosedWonPollerTest.lastQuery(org);
  }
}
