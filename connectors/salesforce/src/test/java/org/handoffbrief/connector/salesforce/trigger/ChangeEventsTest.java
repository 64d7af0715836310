package org.handoffbrief.connector.salesforce.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.handoffbrief.connector.salesforce.trigger.SalesforceEventException.Reason;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.trigger.Fired;
import org.junit.jupiter.api.Test;

class ChangeEventsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-28T09:00:00Z"), ZoneOffset.UTC);

  private final BriefStore store = BriefStore.inMemory(CLOCK);
  private final ChangeEvents events = new ChangeEvents(store, CLOCK);

  @Test
  void aStageChangeToClosedWonFiresForEveryRecordIdAtItsCommitTime() {
    List<Fired> fired = events.fired(json("cdc-won-cometd.json"));

    assertEquals(List.of("0065g00000QwErTAAV", "0065g00000AsDfGAAV"), ids(fired));
    Fired first = fired.get(0);
    assertEquals(DealRef.Trigger.CHANGE_EVENT, first.ref().trigger());
    assertEquals(Instant.ofEpochMilli(1774634520000L), first.ref().firedAt());
    assertEquals(Instant.ofEpochMilli(1774634520000L), first.wonAt(), "no LastStageChangeDate: the commit");
    assertEquals("0065g00000QwErTAAV/won@" + first.wonAt(), first.dedupeKey());
    assertTrue(first.reason().startsWith("StageName changed to Closed Won (change event, transaction"),
        first.reason());
  }

  /** Issue 11: a CDC event with several record ids fires for each Closed-Won one only. */
  @Test
  void aBatchOfChangeEventsFiresOnlyForTheRecordsWhoseStageBecameWon() {
    List<Fired> fired = events.fired(json("cdc-batch.json"));

    assertEquals(List.of("0065g00000QwErTAAV", "0065g00000ZxCvBAAV"), ids(fired),
        "not the stage change to Negotiation, the Amount change or the Account rename");
  }

  @Test
  void aRedeliveredChangeEventAndTheSameWinInAnotherTransactionDoNotFireAgain() {
    assertEquals(2, events.fired(json("cdc-won-cometd.json")).size());

    assertEquals(List.of(), events.fired(json("cdc-won-cometd.json")), "the same transaction, redelivered");
    assertEquals(List.of("0065g00000ZxCvBAAV"), ids(events.fired(json("cdc-batch.json"))),
        "a new transaction fires only the deal not fired before");
  }

  @Test
  void aLastStageChangeDateInThePayloadIsTheWonMoment() {
    String withStageChange = json("cdc-won-cometd.json")
        .replace("\"IsWon\": true,", "\"IsWon\": true, \"LastStageChangeDate\": \"2026-03-27T18:01:59.000Z\",");

    Fired first = events.fired(withStageChange).get(0);

    assertEquals(Instant.parse("2026-03-27T18:01:59Z"), first.wonAt());
  }

  /** Issue 11: a deal reopened and won again is briefed again (a change event of a later commit fires). */
  @Test
  void aLaterStageChangeToWonOfTheSameDealFiresAgain() {
    String won = json("cdc-won-cometd.json");
    String wonAgain = won.replace("0002343d-9d90-e395-ed20-cf416ba652ad", "0009999d-9d90-e395-ed20-cf416ba652ad")
        .replace("1774634520000", "1775120000000");

    assertEquals(2, events.fired(won).size());
    List<Fired> again = events.fired(wonAgain);

    assertEquals(2, again.size());
    assertEquals(Instant.ofEpochMilli(1775120000000L), again.get(0).wonAt());
  }

  @Test
  void isWonBecomingTrueFiresEvenUnderAStageNameThisLibraryDoesNotKnow() {
    String renamedStage = json("cdc-won-cometd.json").replace("\"Closed Won\"", "\"Signed\"");

    assertEquals(2, events.fired(renamedStage).size());
    assertEquals(2, new ChangeEvents(List.of("Signed"), BriefStore.inMemory(CLOCK), CLOCK)
        .fired(renamedStage.replace("\"IsWon\": true", "\"IsWon\": false")).size());
  }

  @Test
  void anOpportunityCreatedAlreadyWonFiresAndADeleteNever() {
    String created = json("cdc-won-cometd.json").replace("\"UPDATE\"", "\"CREATE\"")
        .replaceAll("\"changedFields\": \\[[^]]*]", "\"changedFields\": []");
    String deleted = json("cdc-won-cometd.json").replace("\"UPDATE\"", "\"DELETE\"")
        .replace("0002343d", "0002343e");

    assertEquals(2, new ChangeEvents(BriefStore.inMemory(CLOCK), CLOCK).fired(created).size());
    assertEquals(0, new ChangeEvents(BriefStore.inMemory(CLOCK), CLOCK).fired(deleted).size());
  }

  @Test
  void anOverflowEventsWildcardRecordIdIsSkippedAndTheRestFire() {
    String wildcard = json("cdc-won-cometd.json").replace("\"0065g00000AsDfGAAV\"", "\"006*\"");

    assertEquals(List.of("0065g00000QwErTAAV"), ids(events.fired(wildcard)));
  }

  @Test
  void aPlatformEventNamingAnOpportunityFiresOncePerEvent() {
    List<Fired> fired = events.fired(json("platform-event-won.json"));

    assertEquals(List.of("0065g00000ZxCvBAAV"), ids(fired));
    assertEquals(Instant.parse("2026-03-27T18:02:00Z"), fired.get(0).ref().firedAt());
    assertEquals(List.of(), events.fired(json("platform-event-won.json")));
  }

  @Test
  void malformedJsonOrAnEventOfNeitherShapeIsRefusedAndChangesNothing() {
    String won = json("cdc-won-cometd.json");
    for (String body : List.of(won.substring(0, 200), "", "[1]", "{\"payload\": {\"Name\": \"x\"}}",
        won.replace("\"transactionKey\": \"0002343d-9d90-e395-ed20-cf416ba652ad\",", ""),
        "[" + won + ", {\"hello\": 1}]")) {
      var e = assertThrows(SalesforceEventException.class, () -> events.fired(body), body);
      assertEquals(Reason.MALFORMED, e.reason(), e.getMessage());
    }
    assertEquals(2, events.fired(won).size(), "the refused batches marked nothing");
  }

  @Test
  void aPlatformEventNamingAnotherObjectIsRefused() {
    String account = json("platform-event-won.json").replace("0065g00000ZxCvBAAV", "0015g00000QwErTAAV");

    var e = assertThrows(SalesforceEventException.class, () -> events.fired(account));

    assertEquals(Reason.NOT_AN_OPPORTUNITY, e.reason());
  }

  private static List<String> ids(List<Fired> fired) {
    return fired.stream().map(f -> f.ref().opportunityId()).toList();
  }

  private static String json(String name) {
    return new String(OutboundMessagesTest.fixture(name), StandardCharsets.UTF_8);
  }
}
