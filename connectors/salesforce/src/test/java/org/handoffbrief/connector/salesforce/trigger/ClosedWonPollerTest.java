package org.handoffbrief.connector.salesforce.trigger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.handoffbrief.SourceUnavailableException;
import org.handoffbrief.UsageLimitExceededException;
import org.handoffbrief.connector.salesforce.SalesforceAuth;
import org.handoffbrief.connector.salesforce.SalesforceConfig;
import org.handoffbrief.connector.salesforce.SalesforceSession;
import org.handoffbrief.connector.salesforce.trigger.ClosedWonPoller.Poll;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.testing.FakeSalesforce;
import org.handoffbrief.trigger.Fired;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClosedWonPollerTest {

  static final String CHECKPOINT = "salesforce.closed-won";
  static final Instant NOW = Instant.parse("2026-03-27T18:30:00Z");

  final FakeSalesforce org = FakeSalesforce.start();
  final AtomicReference<String> latestAnswer = new AtomicReference<>();
  final BriefStore store = BriefStore.inMemory();

  static final Opp FIRST = new Opp("006000000000001AAA", "2026-03-27T18:01:00Z", "2026-03-27T18:01:05Z");
  static final Opp SECOND = new Opp("006000000000002AAA", "2026-03-27T18:10:00Z", "2026-03-27T18:10:02Z");

  /**
   * Issue 11: the poller's checkpoint survives a restart and misses nothing in the overlap.
   */
  @Test
  void aRestartedPollerContinuesFromTheStoredCheckpointAndCatchesALateCommitInsideTheOverlap() {
    answerQuery(page(true, null, FIRST, SECOND));
    Poll first = poller(NOW).poll();
    assertEquals(2, first.fired().size());
    assertEquals(Instant.parse("2026-03-27T18:10:02Z"), first.checkpoint());

    // A deal won in a transaction that committed late: stamped before the checkpoint, seen only now.
    Opp late = new Opp("006000000000003AAA", "2026-03-27T18:05:00Z", "2026-03-27T18:05:00Z");
    answerQuery(page(true, null, FIRST, late, SECOND));
    Poll afterRestart = poller(NOW.plusSeconds(600)).poll();

    assertEquals(List.of(late.id()), ids(afterRestart.fired()));
    assertEquals(2, afterRestart.alreadySeen().size());
    assertEquals(Instant.parse("2026-03-27T18:10:02Z"), afterRestart.checkpoint());
    assertTrue(lastQuery().contains("SystemModstamp >= 2026-03-27T18:00:02Z"),
        "the restarted poller reads from the stored checkpoint minus the overlap: " + lastQuery());
  }

  @Test
  void theFirstPollReadsBackOverTheLookbackAndStoresWhereItStartedWhenNothingWasWon() {
    answerQuery(page(true, null));
    Poll poll = poller(NOW).poll();

    assertEquals(0, poll.fired().size());
    assertEquals(NOW.minusSeconds(86_400), poll.checkpoint());
    assertEquals(Optional.of(NOW.minusSeconds(86_400).toString()), store.checkpoint(CHECKPOINT));
    assertTrue(lastQuery().contains("WHERE IsWon = true AND SystemModstamp >= 2026-03-26T18:20:00Z"
        + " ORDER BY SystemModstamp, Id"), lastQuery());
  }

  /** Issue 11: every trigger dedupes through the store's unique keys (the overlap re-reads records). */
  @Test
  void theSameWonRecordsReadTwiceThroughTheOverlapFireOnce() {
    answerQuery(page(true, null, FIRST, SECOND));
    ClosedWonPoller poller = poller(NOW);

    Poll first = poller.poll();
    Poll second = poller.poll();

    assertEquals(2, first.fired().size());
    assertEquals(0, second.fired().size());
    assertEquals(2, second.alreadySeen().size());
  }

  @Test
  void anEditToAWonDealKeepsItsWonMomentAndFiresNothing() {
    answerQuery(page(true, null, FIRST));
    ClosedWonPoller poller = poller(NOW);
    poller.poll();

    answerQuery(page(true, null, new Opp(FIRST.id(), FIRST.wonAt(), "2026-03-27T18:20:00Z")));
    Poll edited = poller.poll();

    assertEquals(0, edited.fired().size());
    assertEquals(Instant.parse("2026-03-27T18:20:00Z"), edited.checkpoint());
  }

  @Test
  void aDealReopenedAndWonAgainFiresAgainAsANewVersion() {
    answerQuery(page(true, null, FIRST));
    ClosedWonPoller poller = poller(NOW);
    Fired firstWin = poller.poll().fired().get(0);

    Opp wonAgain = new Opp(FIRST.id(), "2026-03-27T18:25:00Z", "2026-03-27T18:25:01Z");
    answerQuery(page(true, null, wonAgain));
    Poll poll = poller.poll();

    assertEquals(1, poll.fired().size());
    Fired secondWin = poll.fired().get(0);
    assertEquals(FIRST.id(), secondWin.ref().opportunityId());
    assertEquals(FIRST.id() + "/won@2026-03-27T18:25:00Z", secondWin.dedupeKey());
    assertFalse(secondWin.dedupeKey().equals(firstWin.dedupeKey()));
    assertEquals(DealRef.Trigger.STAGE_CHANGE_POLL, secondWin.ref().trigger());
    assertEquals(NOW, secondWin.ref().firedAt());
  }

  /** Issue 11: two workers on one store make one firing per deal. */
  @Test
  void twoPollersRacingOnOneStoreFireEachDealOnceAndTheLoserReportsTheRace() {
    answerQuery(page(true, null, FIRST, SECOND));
    ClosedWonPoller other = poller(NOW, store);
    var otherPoll = new AtomicReference<Poll>();
    // The other poller runs its whole poll just before this one moves the checkpoint: both read
    // the same records from the same checkpoint, and this one's compare-and-set then loses.
    BriefStore racing = beforeAdvancing(store, () -> otherPoll.set(other.poll()));

    Poll mine = poller(NOW, racing).poll();

    assertEquals(2, mine.fired().size() + otherPoll.get().fired().size());
    assertEquals(2, mine.alreadySeen().size() + otherPoll.get().alreadySeen().size());
    assertTrue(mine.raced());
    assertFalse(otherPoll.get().raced());
    assertEquals(Instant.parse("2026-03-27T18:10:02Z"), mine.checkpoint());
  }

  @Test
  void aRequestLimitFaultPropagatesTypedAndLeavesTheCheckpointWhereItWas() {
    answerQuery(page(true, null, FIRST));
    ClosedWonPoller poller = poller(NOW);
    poller.poll();
    String before = store.checkpoint(CHECKPOINT).orElseThrow();

    faultOn(org, "query", "fault-request-limit.xml");

    assertThrows(UsageLimitExceededException.class, poller::poll);
    assertEquals(before, store.checkpoint(CHECKPOINT).orElseThrow());
  }

  @Test
  void aFaultOnTheSecondPageFiresNothingSoTheNextPollStillFiresTheFirstPage() {
    answerQuery(page(false, "01g000000000001-200", FIRST));
    faultOn(org, "queryMore", "fault-invalid-query-locator.xml");
    ClosedWonPoller poller = poller(NOW);

    assertThrows(SourceUnavailableException.class, poller::poll);
    assertEquals(Optional.empty(), store.checkpoint(CHECKPOINT));

    answerQuery(page(true, null, FIRST));
    assertEquals(List.of(FIRST.id()), ids(poller.poll().fired()));
  }

  @Test
  void followsQueryMoreUntilDoneAndStopsAtThePageLimitLeavingTheRestForTheNextPoll() {
    answerQuery(page(false, "01g000000000001-200", FIRST));
    answerQueryMore(org, "01g000000000001-200", page(true, null, SECOND));

    Poll all = poller(NOW).poll();
    assertEquals(List.of(FIRST.id(), SECOND.id()), ids(all.fired()));
    assertFalse(all.more());

    BriefStore fresh = BriefStore.inMemory();
    Poll limited = ClosedWonPoller.builder().session(session(org)).store(fresh).clock(clock(NOW)).pageLimit(1).build()
        .poll();
    assertEquals(List.of(FIRST.id()), ids(limited.fired()));
    assertTrue(limited.more());
    assertEquals(Instant.parse("2026-03-27T18:01:05Z"), limited.checkpoint());
  }

  @Test
  void beforeApiVersion52TheQueryLeavesOutLastStageChangeDateAndTheWonMomentIsTheCloseDate() {
    var config = SalesforceConfig.builder().loginUrl(org.loginUrl()).apiVersion("51.0")
        .auth(SalesforceAuth.session(org.loginUrl(), org.sessionId())).build();
    answerQuery(page(true, null, new Opp("006000000000004AAA", null, "2026-03-27T18:01:05Z")));

    try (ClosedWonPoller poller = ClosedWonPoller.builder().salesforce(config).store(store).clock(clock(NOW)).build()) {
      Poll poll = poller.poll();
      assertEquals("006000000000004AAA/won@2026-03-27", poll.fired().get(0).dedupeKey());
      assertFalse(poller.soql(NOW).contains("LastStageChangeDate"));
    }
    assertTrue(org.received(postRequestedFor(urlPathMatching("/services/Soap/u/51\\.0(/.*)?"))).size() > 0,
        "the poller calls the API version it was configured with");
  }

  @Test
  void itsDescriptionLeavesTheSessionIdOut() {
    assertFalse(poller(NOW).toString().contains(org.sessionId()));
    assertFalse(poller(NOW).toString().contains("not-a-secret"));
  }

  // --- fixtures -----------------------------------------------------------------------------------

  /** A won opportunity on the wire; a null won moment leaves LastStageChangeDate nil. */
  record Opp(String id, String wonAt, String modstamp) {}

  @AfterEach
  void stopTheOrg() {
    org.close();
  }

  ClosedWonPoller poller(Instant now) {
    return poller(now, store);
  }

  ClosedWonPoller poller(Instant now, BriefStore on) {
    return ClosedWonPoller.builder().session(session(org)).store(on).clock(clock(now)).build();
  }

  /** A session on {@code org} with the session id it issues, as a caller that signed in holds. */
  static SalesforceSession session(FakeSalesforce org) {
    return SalesforceSession.create(SalesforceConfig.builder().loginUrl(org.loginUrl())
        .auth(SalesforceAuth.session(org.loginUrl(), org.sessionId())).build());
  }

  static Clock clock(Instant now) {
    return Clock.fixed(now, ZoneOffset.UTC);
  }

  static List<String> ids(List<Fired> fired) {
    return fired.stream().map(f -> f.ref().opportunityId()).toList();
  }

  /** A store that runs {@code first} once, just before the first checkpoint move it is asked for. */
  static BriefStore beforeAdvancing(BriefStore store, Runnable first) {
    var ran = new java.util.concurrent.atomic.AtomicBoolean();
    return (BriefStore) Proxy.newProxyInstance(BriefStore.class.getClassLoader(), new Class<?>[] {BriefStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("advanceCheckpoint") && ran.compareAndSet(false, true)) {
            first.run();
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** Answers every query with {@code envelope} from now on, in place of the answer before: the org has changed. */
  void answerQuery(String envelope) {
    latestAnswer.set(envelope);
    org.answerQuery(soql -> latestAnswer.get() == envelope, envelope);
  }

  /** Answers the {@code queryMore} of {@code locator} with {@code page}, a queryResponse made by {@link #page}. */
  static void answerQueryMore(FakeSalesforce org, String locator, String page) {
    org.answerQueryMore(locator, page.replace("queryResponse>", "queryMoreResponse>"));
  }

  /** The SOQL of the latest query {@code org} received. */
  static String lastQuery(FakeSalesforce org) {
    List<String> queries = org.queries();
    assertFalse(queries.isEmpty(), "no query reached the org");
    return queries.get(queries.size() - 1);
  }

  String lastQuery() {
    return lastQuery(org);
  }

  /** Answers every {@code operation} call with the SOAP fault in resource {@code fault}, byte for byte. */
  static void faultOn(FakeSalesforce org, String operation, String fault) {
    org.inject(post(urlPathMatching("/services/Soap/u/.*"))
        .withRequestBody(matchingXPath("//*[local-name()='" + operation + "']")).willReturn(fault(resource(fault))));
  }

  /** A Partner API queryResponse with these won opportunities, in the wire format of the WSDL. */
  static String page(boolean done, String locator, Opp... opps) {
    var records = new StringBuilder();
    for (Opp o : opps) {
      records.append("""
              <records xsi:type="sf:sObject">
               <sf:type>Opportunity</sf:type>
               <sf:Id>%1$s</sf:Id>
               <sf:Id>%1$s</sf:Id>
               <sf:AccountId>001000000000001AAA</sf:AccountId>
               <sf:StageName>Closed Won</sf:StageName>
               <sf:IsWon>true</sf:IsWon>
               <sf:CloseDate>2026-03-27</sf:CloseDate>
               %2$s
               <sf:SystemModstamp>%3$s</sf:SystemModstamp>
              </records>
          """.formatted(o.id(), o.wonAt() == null ? "<sf:LastStageChangeDate xsi:nil=\"true\"/>"
          : "<sf:LastStageChangeDate>" + o.wonAt().replace("Z", ".000Z") + "</sf:LastStageChangeDate>",
          o.modstamp().replace("Z", ".000Z")));
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:sf="urn:sobject.partner.soap.sforce.com">
         <soapenv:Body>
          <queryResponse>
           <result xsi:type="QueryResult">
            <done>%s</done>
            %s
        %s    <size>%d</size>
           </result>
          </queryResponse>
         </soapenv:Body>
        </soapenv:Envelope>
        """.formatted(done, locator == null ? "<queryLocator xsi:nil=\"true\"/>" : "<queryLocator>" + locator
        + "</queryLocator>", records, opps.length).strip();
  }

  /** The Partner API sends faults as HTTP 500 with a SOAP fault body. */
  static ResponseDefinitionBuilder fault(String body) {
    return aResponse().withStatus(500).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body);
  }

  static String resource(String name) {
    try (InputStream in = ClosedWonPollerTest.class.getResourceAsStream("/salesforce/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
