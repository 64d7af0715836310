package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.connector.salesforce.SalesforceAuth;
import org.handoffbrief.connector.salesforce.SalesforceConfig;
import org.handoffbrief.connector.salesforce.SalesforceConnector;
import org.handoffbrief.connector.zendesk.ZendeskAuth;
import org.handoffbrief.connector.zendesk.ZendeskConfig;
import org.handoffbrief.connector.zendesk.ZendeskConnector;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Participant;
import org.handoffbrief.spi.FollowUp;
import org.handoffbrief.spi.SourceContext;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.testing.FakeSalesforce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoZendeskTest {

  private static DemoZendesk zendesk;
  private static DealContext deal;

  @BeforeAll
  static void start() {
    zendesk = DemoZendesk.start();
    try (FakeSalesforce org = DemoSalesforce.start()) {
      var config = SalesforceConfig.builder().loginUrl(org.loginUrl())
          .auth(SalesforceAuth.jwtBearer(DemoSalesforce.CLIENT_ID, DemoSalesforce.USERNAME, org.privateKey()))
          .vendorDomains(DemoSalesforce.VENDOR_DOMAINS).build();
      deal = SalesforceConnector.create(config).resolve(DealRef.of(DemoSalesforce.OPPORTUNITY_ID), context("salesforce"))
          .context();
    }
  }

  @AfterAll
  static void stop() {
    zendesk.close();
  }

  @Test
  void theDemoDealsTicketsAreReadAndTheNoiseStaysOut() {
    int before = zendesk.requests();
    SourceResult result = zendesk.connector().fetch(deal, context("zendesk"));
    List<String> ids = result.evidence().stream().map(Evidence::id).toList();

    assertEquals(List.of("zendesk:ticket:4711", "zendesk:comment:39811402", "zendesk:comment:39811655",
        "zendesk:comment:39812730", "zendesk:comment:39813004", "zendesk:ticket:4796", "zendesk:comment:40230250",
        "zendesk:comment:40231877", "zendesk:comment:40232012", "zendesk:comment:40232101"), ids);
    assertTrue(result.evidence().stream().noneMatch(e -> e.text().contains("Harborview") || e.text().contains("clinic hours")));
    assertEquals("pending", result.evidence().get(5).attribute("status"));
    assertTrue(result.evidence().get(0).permalink().toString().equals("https://northwind.zendesk.com/agent/tickets/4711"));
    assertTrue(result.notes().isEmpty(), result.notes().toString());
    // organizations 1, search 2 + 5 contacts, show_many 1, comments 3
    assertEquals(12, zendesk.requests() - before);
  }

  @Test
  void theNewSecurityLeadsTicketIsFoundOnlyByTheFollowUp() {
    SourceResult first = zendesk.connector().fetch(deal, context("zendesk"));
    assertFalse(first.evidence().stream().anyMatch(e -> e.id().equals("zendesk:ticket:4752")));

    var marcus = new Participant("Marcus Hale", "marcus.hale@meridianhealth.org", null);
    SourceResult second = zendesk.connector().followUp(deal, new FollowUp(List.of(marcus), null), context("zendesk"));
    assertEquals(List.of("zendesk:ticket:4752", "zendesk:comment:40102790"),
        second.evidence().stream().map(Evidence::id).toList());
    assertTrue(second.evidence().get(0).text().contains("Requester: Marcus Hale <marcus.hale@meridianhealth.org>"));
  }

  @Test
  void aWrongTokenGetsZendesks401() {
    var wrong = ZendeskConnector.create(ZendeskConfig.builder().subdomain(DemoZendesk.SUBDOMAIN).baseUrl(zendesk.baseUrl())
        .auth(ZendeskAuth.apiToken(DemoZendesk.AGENT_EMAIL, "not-the-demo-token")).build());
    assertThrows(AuthenticationException.class, () -> wrong.fetch(deal, context("zendesk")));
  }

  private static SourceContext context(String system) {
    return SourceContext.counting(system, Instant.now().plusSeconds(60), 100, Clock.systemUTC(), call -> { });
  }
}
