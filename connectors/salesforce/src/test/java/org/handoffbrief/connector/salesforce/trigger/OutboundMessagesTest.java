package org.handoffbrief.connector.salesforce.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.handoffbrief.connector.salesforce.internal.SalesforceIds;
import org.handoffbrief.connector.salesforce.trigger.SalesforceEventException.Reason;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.trigger.Fired;
import org.junit.jupiter.api.Test;

class OutboundMessagesTest {
  private static final String ORG = "00D5g000004Xyz1EAC";
  private static final String OTHER_ORG = "00D5g000009Abc2EAC";
  private static final String WON_OPPORTUNITY = "0065g00000QwErTAAV";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-27T18:02:00Z"), ZoneOffset.UTC);

  private final BriefStore store = BriefStore.inMemory(CLOCK);

  @Test
  void aWonOpportunityFiresOnceAndIsAnsweredWithSalesforcesAck() {
    var receipt = receiver(ORG).receive(fixture("outbound-won.xml"));

    assertEquals(1, receipt.fired().size());
    Fired fired = receipt.fired().get(0);
    assertEquals(WON_OPPORTUNITY, fired.ref().opportunityId());
    assertEquals(DealRef.Trigger.OUTBOUND_MESSAGE, fired.ref().trigger());
    assertEquals(WON_OPPORTUNITY + "/won", fired.dedupeKey(), "the message does not say when it was won");
    assertEquals(null, fired.wonAt());
    assertTrue(fired.reason().contains("04l5g00000Nt1aAAAR"), fired.reason());
    assertEquals(1, receipt.notifications());
    assertEquals(0, receipt.repeated());
  }

  @Test
  void theAckIsExactlyTheNotificationsResponseSalesforceDocuments() {
    String expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">\n"
        + "  <soapenv:Body>\n"
        + "    <notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\">\n"
        + "      <Ack>true</Ack>\n"
        + "    </notificationsResponse>\n"
        + "  </soapenv:Body>\n"
        + "</soapenv:Envelope>\n";

    assertEquals(expected, receiver(ORG).receive(fixture("outbound-won.xml")).ackBody());
    assertEquals(expected, receiver(ORG).receive(fixture("outbound-won.xml")).ackBody(), "a repeat is acked too");
    assertEquals("text/xml; charset=utf-8", OutboundMessages.ACK_CONTENT_TYPE);
  }

  /** Issue 11: a duplicated outbound message produces one brief. */
  @Test
  void aDuplicatedMessageFiresOnceAndTheRepeatIsAckedAsRepeated() {
    var receiver = receiver(ORG);

    var first = receiver.receive(fixture("outbound-won.xml"));
    var retry = receiver.receive(fixture("outbound-won.xml"));

    assertEquals(1, first.fired().size());
    assertEquals(List.of(), retry.fired());
    assertEquals(1, retry.repeated());
  }

  /** Issue 11: a reordered outbound message produces one brief. */
  @Test
  void twoNotificationsForTheSameWonDealFireOnceInEitherOrder() {
    var later = receiver(ORG).receive(fixture("outbound-won-again.xml"));
    var earlier = receiver(ORG).receive(fixture("outbound-won.xml"));

    assertEquals(1, later.fired().size() + earlier.fired().size());
    assertEquals(0, earlier.repeated(), "a different notification is new, only its deal was fired already");
  }

  @Test
  void lastStageChangeDateIsTheWonMomentAndPartOfTheKey() {
    Fired fired = receiver(ORG).receive(withFields(fixture("outbound-won.xml"),
        "<sf:CloseDate>2026-03-27</sf:CloseDate><sf:LastStageChangeDate>2026-03-27T18:01:12.000Z</sf:LastStageChangeDate>"))
        .fired().get(0);

    assertEquals(Instant.parse("2026-03-27T18:01:12Z"), fired.wonAt());
    assertEquals(WON_OPPORTUNITY + "/won@2026-03-27T18:01:12Z", fired.dedupeKey());
  }

  @Test
  void withoutLastStageChangeDateTheCloseDateStandsForTheEarliestMomentThatDayBeganAnywhere() {
    Fired fired = receiver(ORG).receive(withFields(fixture("outbound-won.xml"), "<sf:CloseDate>2026-03-27</sf:CloseDate>"))
        .fired().get(0);

    assertEquals(Instant.parse("2026-03-26T10:00:00Z"), fired.wonAt(), "00:00 at UTC+14");
    assertEquals(WON_OPPORTUNITY + "/won@2026-03-27", fired.dedupeKey());
  }

  /** Issue 11: a deal reopened and won again is briefed again (pushed as a new win). */
  @Test
  void aDealReopenedAndWonAgainFiresAgainAndTheSameWinFromAnotherRuleDoesNot() {
    var receiver = receiver(ORG);
    String firstWin = "<sf:LastStageChangeDate>2026-03-27T18:01:12.000Z</sf:LastStageChangeDate>";

    var won = receiver.receive(withFields(fixture("outbound-won.xml"), firstWin));
    var sameWinOtherRule = receiver.receive(withFields(fixture("outbound-won-again.xml"), firstWin));
    var wonAgain = receiver.receive(withFields(
        new String(fixture("outbound-won.xml"), StandardCharsets.UTF_8).replace("04l5g00000Nt1aAAAR", "04l5g00000Nt9zAAAR")
            .getBytes(StandardCharsets.UTF_8),
        "<sf:LastStageChangeDate>2026-04-02T09:30:00.000Z</sf:LastStageChangeDate>"));

    assertEquals(1, won.fired().size());
    assertEquals(0, sameWinOtherRule.fired().size());
    assertEquals(1, wonAgain.fired().size());
    assertEquals(Instant.parse("2026-04-02T09:30:00Z"), wonAgain.fired().get(0).wonAt());
  }

  @Test
  void onlyWonOpportunitiesFireTheRestAreAckedAndIgnored() {
    var receipt = receiver(ORG).receive(fixture("outbound-mixed.xml"));

    assertEquals(3, receipt.notifications());
    assertEquals(List.of("0065g00000ZxCvBAAV"), ids(receipt.fired()), "stage Closed Won without IsWon fires");
  }

  @Test
  void anAdminsOwnWonStageFires() {
    var receiver = new OutboundMessages(List.of(ORG), List.of("closed won", "Negotiation/Review"), store, CLOCK);

    var receipt = receiver.receive(fixture("outbound-mixed.xml"));

    assertEquals(List.of("0065g00000AsDfGAAV", "0065g00000ZxCvBAAV"), ids(receipt.fired()));
  }

  @Test
  void aMessageOfOneHundredNotificationsFiresForEachOfThem() {
    var receipt = receiver(ORG).receive(message(100));

    assertEquals(100, receipt.notifications());
    assertEquals(100, receipt.fired().size());
    assertEquals(100, Set.copyOf(ids(receipt.fired())).size());
  }

  @Test
  void aMessageOfMoreThanOneHundredNotificationsIsRefused() {
    var e = assertThrows(SalesforceEventException.class, () -> receiver(ORG).receive(message(101)));

    assertEquals(Reason.MALFORMED, e.reason());
    assertTrue(e.getMessage().contains("1 to 100 Notification elements, this one 101"), e.getMessage());
  }

  /** Issue 11: a wrong organization id is refused with a clear error and changes nothing. */
  @Test
  void aMessageFromAnotherOrganizationIsRefusedAndChangesNothing() {
    var e = assertThrows(SalesforceEventException.class,
        () -> receiver(OTHER_ORG).receive(fixture("outbound-won.xml")));

    assertEquals(Reason.WRONG_ORGANIZATION, e.reason());
    assertTrue(e.getMessage().contains("organization " + ORG + ", which is not configured"), e.getMessage());
    assertFalse(e.getMessage().contains("SESSION-SECRET"));
    assertEquals(1, receiver(ORG).receive(fixture("outbound-won.xml")).fired().size(),
        "neither the notification nor the deal was marked by the refused message");
  }

  @Test
  void theOrganizationIdIsComparedCaseSafelyInItsFifteenOrEighteenCharacterForm() {
    var configuredShort = new OutboundMessages(List.of("00D5g000004Xyz1"), store, CLOCK);

    assertEquals(1, configuredShort.receive(fixture("outbound-won.xml")).fired().size());
    assertEquals(1, receiver("00d5g000004xyz1eac").receive(fixture("outbound-mixed.xml")).fired().size());
  }

  /** Issue 11: a malformed SOAP body is refused with a clear error and changes nothing. */
  @Test
  void aMalformedBodyIsRefusedAndChangesNothing() {
    String won = new String(fixture("outbound-won.xml"), StandardCharsets.UTF_8);
    List<String> bodies = List.of(
        won.substring(0, won.indexOf("</Notification>")),
        won.replace("http://soap.sforce.com/2005/09/outbound", "urn:something-else"),
        won.replace("<OrganizationId>00D5g000004Xyz1EAC</OrganizationId>", ""),
        won.replace("<Id>04l5g00000Nt1aAAAR</Id>", "<Id>04l5g00000Nt1aAAAR'--</Id>"),
        "{\"OrganizationId\": \"" + ORG + "\"}",
        "");
    for (String body : bodies) {
      var e = assertThrows(SalesforceEventException.class,
          () -> receiver(ORG).receive(body.getBytes(StandardCharsets.UTF_8)), body);
      assertEquals(Reason.MALFORMED, e.reason(), e.getMessage());
    }
    assertEquals(1, receiver(ORG).receive(fixture("outbound-won.xml")).fired().size());
  }

  @Test
  void aBodyWithADoctypeIsRefusedSoNoExternalEntityIsEverRead() {
    String won = new String(fixture("outbound-won.xml"), StandardCharsets.UTF_8);
    String xxe = won.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE x [<!ENTITY stage SYSTEM \"file:///etc/passwd\">]>")
        .replace("<sf:StageName>Closed Won</sf:StageName>", "<sf:StageName>&stage;</sf:StageName>");

    var e = assertThrows(SalesforceEventException.class,
        () -> receiver(ORG).receive(xxe.getBytes(StandardCharsets.UTF_8)));

    assertEquals(Reason.MALFORMED, e.reason());
    assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    assertFalse(e.getMessage().contains("root:"), "nothing of the file is echoed");
  }

  @Test
  void anOutboundMessageAboutAnotherObjectIsRefused() {
    String won = new String(fixture("outbound-won.xml"), StandardCharsets.UTF_8);
    String account = won.replace("sf:Opportunity", "sf:Account").replace(WON_OPPORTUNITY, "0015g00000QwErTAAV");

    var e = assertThrows(SalesforceEventException.class,
        () -> receiver(ORG).receive(account.getBytes(StandardCharsets.UTF_8)));

    assertEquals(Reason.NOT_AN_OPPORTUNITY, e.reason());
    assertTrue(e.getMessage().contains("about Account records"), e.getMessage());
  }

  @Test
  void theSessionIdIsInNoReceiptOrFiring() {
    var receipt = receiver(ORG).receive(fixture("outbound-won.xml"));

    assertFalse(receipt.toString().contains("SESSION-SECRET"));
  }

  /** Issue 11: two workers given the same event make one brief. */
  @Test
  void twoThreadsReceivingTheSameMessageFireOnceInTotal() throws Exception {
    var receiver = receiver(ORG);
    byte[] body = fixture("outbound-won.xml");
    var start = new CountDownLatch(1);
    Callable<Integer> worker = () -> {
      start.await();
      return receiver.receive(body).fired().size();
    };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> a = pool.submit(worker);
      Future<Integer> b = pool.submit(worker);
      start.countDown();
      assertEquals(1, a.get() + b.get());
    } finally {
      pool.shutdownNow();
    }
  }

  private OutboundMessages receiver(String organizationId) {
    return new OutboundMessages(List.of(organizationId), store, CLOCK);
  }

  /** An outbound message with {@code count} won notifications, each for its own opportunity. */
  private static byte[] message(int count) {
    String won = new String(fixture("outbound-won.xml"), StandardCharsets.UTF_8);
    int from = won.indexOf("<Notification>");
    int to = won.indexOf("</Notification>") + "</Notification>".length();
    String template = won.substring(from, to);
    var notifications = new StringBuilder();
    for (int i = 0; i < count; i++) {
      String n = String.format("%05d", i);
      notifications.append(template
          .replace("04l5g00000Nt1aAAAR", "04l5g0000" + n + "AAAA")
          .replace(WON_OPPORTUNITY, SalesforceIds.normalize("0065g0000" + n + "x", "006", "Opportunity")));
    }
    return (won.substring(0, from) + notifications + won.substring(to)).getBytes(StandardCharsets.UTF_8);
  }

  /** The message with {@code fields} added to each notification's Opportunity, as an admin adds them. */
  private static byte[] withFields(byte[] message, String fields) {
    return new String(message, StandardCharsets.UTF_8)
        .replace("<sf:StageName>Closed Won</sf:StageName>", "<sf:StageName>Closed Won</sf:StageName>" + fields)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> ids(List<Fired> fired) {
    var out = new ArrayList<String>();
    fired.forEach(f -> out.add(f.ref().opportunityId()));
    return out;
  }

  static byte[] fixture(String name) {
    try (InputStream in = OutboundMessagesTest.class.getResourceAsStream("/salesforce/events/" + name)) {
      return in.readAllBytes();
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("fixture " + name, e);
    }
  }
}
