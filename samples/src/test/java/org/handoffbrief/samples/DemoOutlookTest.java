package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.handoffbrief.connector.salesforce.SalesforceAuth;
import org.handoffbrief.connector.salesforce.SalesforceConfig;
import org.handoffbrief.connector.salesforce.SalesforceConnector;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.testing.FakeSalesforce;
import org.handoffbrief.testing.RecordingSourceContext;
import org.junit.jupiter.api.Test;

class DemoOutlookTest {

  @Test
  void theSesMailboxGivesTheDealsMailAndMeetingsAndNothingElse() {
    DealContext deal;
    try (FakeSalesforce org = DemoSalesforce.start()) {
      SalesforceConfig config = SalesforceConfig.builder().loginUrl(org.loginUrl())
          .auth(SalesforceAuth.jwtBearer(DemoSalesforce.CLIENT_ID, DemoSalesforce.USERNAME, org.privateKey()))
          .vendorDomains(DemoSalesforce.VENDOR_DOMAINS).build();
      deal = SalesforceConnector.create(config).resolve(DealRef.of(DemoSalesforce.OPPORTUNITY_ID), new RecordingSourceContext("salesforce", 100))
          .context();
    }
    var context = new RecordingSourceContext("outlook", 100);
    SourceResult r;
    try (DemoOutlook tenant = DemoOutlook.start()) {
      r = tenant.connector().fetch(deal, context);
      assertEquals(4, tenant.fake.requests(), "token, two pages of mail, one of calendar");
    }

    assertEquals(List.of("outlook:message", "outlook:event", "outlook:message", "outlook:event", "outlook:message",
        "outlook:message", "outlook:message", "outlook:event"), r.evidence().stream().map(e -> e.system() + ":" + e.kind())
        .toList());
    assertEquals(List.of(), r.notes());
    assertEquals(4, context.calls());
    String all = String.join("\n---\n", r.evidence().stream().map(Evidence::text).toList());
    assertTrue(all.contains("We will deliver the Lawson ERP connector spec by end of April"), all);
    assertTrue(all.contains("Subject: Meridian Health technical deep dive\nStart: 2026-02-06 16:00 UTC"), all);
    assertTrue(all.contains("Subject: Security review kickoff: Northwind Analytics"), all);
    // Before the opportunity was created, within the default 30-day look-back: the customer's intro mail and call.
    assertTrue(all.contains("Dana asked me to connect with you before your team's first call."), all);
    assertTrue(all.contains("Subject: Meridian Health: intro call"), all);
    for (String noise : List.of("Harborview", "harborview", "Contoso", "visitor badge", "Kickoff scheduling",
        "Deal review", "CONFIDENTIALITY", "From: Priya Raman <priya.raman@meridianhealth.org>\nSent", "Sent from my iPhone",
        "Microsoft Teams meeting", "> Thanks")) {
      assertTrue(!all.contains(noise), "noise entered the brief: " + noise);
    }
  }
}
