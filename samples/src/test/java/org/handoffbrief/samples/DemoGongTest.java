package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.connector.gong.GongConfig;
import org.handoffbrief.connector.gong.GongConnector;
import org.handoffbrief.connector.salesforce.SalesforceAuth;
import org.handoffbrief.connector.salesforce.SalesforceConfig;
import org.handoffbrief.connector.salesforce.SalesforceConnector;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.spi.SourceContext;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.testing.FakeSalesforce;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoGongTest {

  static DealContext deal;

  @BeforeAll
  static void resolveTheDemoDeal() {
    try (FakeSalesforce org = DemoSalesforce.start()) {
      var config = SalesforceConfig.builder().loginUrl(org.loginUrl())
          .auth(SalesforceAuth.jwtBearer(DemoSalesforce.CLIENT_ID, DemoSalesforce.USERNAME, org.privateKey()))
          .vendorDomains(DemoSalesforce.VENDOR_DOMAINS).build();
      deal = SalesforceConnector.create(config).resolve(DealRef.of(DemoSalesforce.OPPORTUNITY_ID), context("salesforce"))
          .context();
    }
  }

  @Test
  void theDemoServesMeridiansFourCallsAndTheirMomentsInThreeRequests() {
    try (DemoGong gong = DemoGong.start()) {
      SourceResult r = gong.connector().fetch(deal, context("gong"));

      assertEquals(List.of("gong:call:8100000000000000001", "gong:call:8100000000000000002",
          "gong:call:8100000000000000003", "gong:call:8100000000000000004"),
          r.evidence().stream().filter(e -> e.kind().equals("call")).map(Evidence::id).toList());
      assertEquals(3, gong.requests(), "two pages of calls and one transcript request");
      assertTrue(r.notes().isEmpty(), r.notes().toString());
      String all = String.join("\n", r.evidence().stream().map(Evidence::text).toList());
      assertTrue(all.contains("reporting is manual across three departments"));
      assertTrue(all.contains("Speaker: James Park <james.park@meridianhealth.org>"));
      assertTrue(all.contains("we'll have SSO configured before go-live"));
      assertTrue(all.contains("we can't promise SSO by Q2"));
      assertTrue(all.contains("I'm not sure we needed all 420 seats"));
      assertTrue(r.evidence().stream().noneMatch(e -> e.text().contains("harborview") || e.text().contains("Harborview")),
          "another customer's Dana Okonkwo stays out");
      assertTrue(r.evidence().stream().noneMatch(e -> e.nativeId().startsWith("8100000000000000007")),
          "the November 2025 call is before the window");
      assertTrue(r.evidence().stream().noneMatch(e -> e.nativeId().startsWith("8100000000000000006")),
          "an internal call has no customer party");
    }
  }

  @Test
  void theDemoRefusesAnyOtherKeyAsGongDoes() {
    try (DemoGong gong = DemoGong.start()) {
      var wrong = GongConnector.create(GongConfig.builder().baseUrl(gong.baseUrl())
          .accessKey(DemoGong.ACCESS_KEY, "not-the-secret").build());
      assertThrows(AuthenticationException.class, () -> wrong.fetch(deal, context("gong")));
      assertEquals(1, gong.requests());
    }
  }

  static SourceContext context(String system) {
    return SourceContext.counting(system, Instant.now().plusSeconds(60), 50, Clock.systemUTC(), call -> { });
  }
}
