package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.handoffbrief.Handoff;
import org.handoffbrief.connector.salesforce.SalesforceAuth;
import org.handoffbrief.connector.salesforce.SalesforceConfig;
import org.handoffbrief.connector.salesforce.SalesforceConnector;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.TimeWindow;
import org.handoffbrief.testing.FakeSalesforce;
import org.handoffbrief.testing.RecordingSourceContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thirty days after close the demo company's story has moved on: the connectors read a new risk,
 * a ticket solved and a thread closed, all dated after close, from the same systems.
 */
class DemoMomentTest {

  private static DealContext atClose;
  /** The same deal read up to 30 days after close, as a later brief's window will. */
  private static DealContext later;

  @BeforeAll
  static void resolveTheDemoDeal() {
    try (FakeSalesforce org = DemoSalesforce.start()) {
      var config = SalesforceConfig.builder().loginUrl(org.loginUrl())
          .auth(SalesforceAuth.jwtBearer(DemoSalesforce.CLIENT_ID, DemoSalesforce.USERNAME, org.privateKey()))
          .vendorDomains(DemoSalesforce.VENDOR_DOMAINS).build();
      atClose = SalesforceConnector.create(config).resolve(DealRef.of(DemoSalesforce.OPPORTUNITY_ID),
          new RecordingSourceContext("salesforce", 100)).context();
    }
    TimeWindow w = atClose.window();
    later = new DealContext(atClose.account(), atClose.opportunity(), atClose.owner(), atClose.contacts(),
        atClose.team(), new TimeWindow(w.start(), w.end().plus(Duration.ofDays(30))), atClose.vendorDomains(),
        atClose.handoffFields(), atClose.orgZone());
  }

  @Test
  void thirtyDaysLaterZendeskHasANewUrgentTicketAndThePendingOneSolved() {
    Map<String, Evidence> before;
    Map<String, Evidence> after;
    try (DemoZendesk zendesk = DemoZendesk.start(DemoMoment.AT_CLOSE)) {
      before = byId(zendesk.connector().fetch(atClose, new RecordingSourceContext("zendesk", 100)).evidence());
    }
    try (DemoZendesk zendesk = DemoZendesk.start(DemoMoment.THIRTY_DAYS_LATER)) {
      after = byId(zendesk.connector().fetch(later, new RecordingSourceContext("zendesk", 100)).evidence());
    }

    assertEquals("pending", before.get("zendesk:ticket:4796").attribute("status"));
    assertFalse(before.containsKey("zendesk:ticket:4871"));
    assertEquals("solved", after.get("zendesk:ticket:4796").attribute("status"));
    Evidence risk = after.get("zendesk:ticket:4871");
    assertNotNull(risk, after.keySet().toString());
    assertEquals("open", risk.attribute("status"));
    assertTrue(risk.timestamp().toInstant().isAfter(closeDay()), risk.timestamp().toString());
    assertTrue(after.containsKey("zendesk:comment:40250466"), "the agent's answer on the new ticket is read");
    assertTrue(after.containsKey("zendesk:comment:40242010"), "the comment that solved the CSV ticket is read");
  }

  @Test
  void thirtyDaysLaterTheDataResidencyThreadIsAnsweredAndClosed() {
    Map<String, Evidence> before;
    Map<String, Evidence> after;
    try (DemoGoogle google = DemoGoogle.start(DemoMoment.AT_CLOSE)) {
      before = bySubjectAndDate(google.gmailConnector().fetch(later, new RecordingSourceContext("gmail", 100)).evidence());
    }
    try (DemoGoogle google = DemoGoogle.start(DemoMoment.THIRTY_DAYS_LATER)) {
      after = bySubjectAndDate(google.gmailConnector().fetch(later, new RecordingSourceContext("gmail", 100)).evidence());
    }

    List<String> residencyBefore = residency(before);
    List<String> residencyAfter = residency(after);
    assertEquals(2, residencyBefore.size(), residencyBefore.toString());
    assertEquals(4, residencyAfter.size(), residencyAfter.toString());
    Evidence last = after.get(residencyAfter.get(residencyAfter.size() - 1));
    assertTrue(last.timestamp().toInstant().isAfter(closeDay()));
    assertTrue(last.text().contains("redline is resolved"), last.text());
  }

  @Test
  void theDemosBuilderMakesABriefAtCloseAndAgainThirtyDaysLater() {
    var log = new ByteArrayOutputStream();
    HandoffBrief handoff = brief(DemoMoment.AT_CLOSE, log);
    HandoffBrief thirtyDays = brief(DemoMoment.THIRTY_DAYS_LATER, log);

    assertEquals(DemoSalesforce.OPPORTUNITY_ID, handoff.opportunityId());
    assertEquals(handoff.opportunityId(), thirtyDays.opportunityId());
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("30 days after close"));
  }

  private static HandoffBrief brief(DemoMoment moment, ByteArrayOutputStream log) {
    try (var out = new PrintStream(log, true, StandardCharsets.UTF_8);
        DemoSystems demo = DemoSystems.start(out, moment);
        Handoff handoff = demo.builder().build()) {
      return handoff.brief(DealRef.of(DemoSalesforce.OPPORTUNITY_ID));
    }
  }

  private static Instant closeDay() {
    return Instant.parse("2026-03-28T00:00:00Z");
  }

  private static Map<String, Evidence> byId(List<Evidence> evidence) {
    return evidence.stream().collect(Collectors.toMap(Evidence::id, Function.identity()));
  }

  private static Map<String, Evidence> bySubjectAndDate(List<Evidence> evidence) {
    return evidence.stream().collect(Collectors.toMap(e -> e.timestamp().toInstant() + " " + e.attribute("subject"),
        Function.identity(), (a, b) -> a, java.util.TreeMap::new));
  }

  private static List<String> residency(Map<String, Evidence> mail) {
    return mail.keySet().stream().filter(k -> k.endsWith("Data residency redline")).toList();
  }
}
