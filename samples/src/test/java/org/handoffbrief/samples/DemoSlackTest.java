package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.handoffbrief.connector.salesforce.SalesforceAuth;
import org.handoffbrief.connector.salesforce.SalesforceConfig;
import org.handoffbrief.connector.salesforce.SalesforceConnector;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.spi.SourceContext;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.testing.FakeSalesforce;
import org.handoffbrief.testing.RecordingSourceContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo's Slack workspace read by the real connector for the deal the demo org resolves. */
class DemoSlackTest {

  static SourceResult result;
  static int calls;
  static int requests;

  @BeforeAll
  static void readTheDemoWorkspace() {
    DealContext deal;
    try (FakeSalesforce org = DemoSalesforce.start()) {
      SalesforceConfig config = SalesforceConfig.builder().loginUrl(org.loginUrl())
          .auth(SalesforceAuth.jwtBearer(DemoSalesforce.CLIENT_ID, DemoSalesforce.USERNAME, org.privateKey()))
          .vendorDomains(DemoSalesforce.VENDOR_DOMAINS).build();
      deal = SalesforceConnector.create(config).resolve(DealRef.of(DemoSalesforce.OPPORTUNITY_ID), context(200))
          .context();
    }
    try (DemoSlack slack = DemoSlack.start()) {
      var ctx = context(200);
      result = slack.connector().fetch(deal, ctx);
      calls = ctx.calls();
      requests = slack.fake().requests();
    }
  }

  @Test
  void theStorysSlackMomentsAreRead() {
    assertEquals(List.of(), result.notes());
    assertEquals(18, calls, "auth.test, 2 list pages, 4 history pages, 4 threads, 7 people");
    assertEquals(calls, requests);
    assertTrue(text("1772984520.000100").contains("legacy Lawson ERP integration"));
    assertTrue(text("1770750300.000100").contains("we're replacing their Tableau pilot"));
    Evidence late = evidence("1774539900.000100");
    assertEquals("1770750300.000100", late.attribute("threadTs"), "the Mar 26 reply to the Feb thread");
    Evidence question = evidence("1773173700.000100");
    assertEquals("dana.okonkwo@meridianhealth.org", question.author().email());
    assertEquals("customer", question.attribute("side"));
  }

  @Test
  void theDiscountApprovalIsInternalOnlyAndNoiseStaysOut() {
    assertTrue(evidence("1773911400.000100").internalOnly());
    assertTrue(result.evidence().stream().noneMatch(e -> e.text().contains("Harborview Clinic")));
    assertTrue(result.evidence().stream().noneMatch(e -> e.text().contains("has joined the channel")));
    assertTrue(result.evidence().stream().noneMatch(e -> e.text().contains("moved to Negotiation")));
    assertFalse(result.evidence().stream().anyMatch(e -> "dana.okonkwo@harborview-clinic.org".equals(e.author().email())));
    assertEquals(12, result.evidence().size());
  }

  static Evidence evidence(String ts) {
    return result.evidence().stream().filter(e -> ts.equals(e.attribute("ts"))).findFirst()
        .orElseThrow(() -> new AssertionError("no Slack message " + ts));
  }

  static String text(String ts) {
    return evidence(ts).text();
  }

  static SourceContext context(int budget) {
    return new RecordingSourceContext("demo", budget);
  }
}
