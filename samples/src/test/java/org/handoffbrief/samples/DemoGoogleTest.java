package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.handoffbrief.connector.salesforce.SalesforceAuth;
import org.handoffbrief.connector.salesforce.SalesforceConfig;
import org.handoffbrief.connector.salesforce.SalesforceConnector;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.testing.FakeSalesforce;
import org.handoffbrief.testing.RecordingSourceContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo's Gmail and Calendar, read by the real connectors for the deal the demo org resolves. */
class DemoGoogleTest {

  static DemoGoogle google;
  static DealContext deal;

  @BeforeAll
  static void resolveTheDemoDeal() {
    google = DemoGoogle.start();
    try (FakeSalesforce org = DemoSalesforce.start()) {
      var config = SalesforceConfig.builder().loginUrl(org.loginUrl())
          .auth(SalesforceAuth.jwtBearer(DemoSalesforce.CLIENT_ID, DemoSalesforce.USERNAME, org.privateKey()))
          .vendorDomains(DemoSalesforce.VENDOR_DOMAINS).build();
      deal = SalesforceConnector.create(config).resolve(DealRef.of(DemoSalesforce.OPPORTUNITY_ID),
          new RecordingSourceContext("salesforce", 100)).context();
    }
  }

  @AfterAll
  static void stop() {
    google.close();
  }

  @Test
  void gmailCarriesTheStorysMailAndNothingElse() {
    var calls = new RecordingSourceContext("gmail", 100);
    SourceResult r = google.gmailConnector().fetch(deal, calls);
    Map<String, Evidence> bySubject = r.evidence().stream()
        .collect(Collectors.toMap(e -> e.attribute("subject"), Function.identity()));
    // "Intro from the HIMSS booth" predates the opportunity by 25 days: the default look-back reads it.
    assertEquals(List.of("Data residency redline", "Great to meet you: discovery on Wednesday",
        "Intro from the HIMSS booth", "Meridian Health proposal v2", "ROI timeline follow-up", "Re: Data residency redline",
        "Re: Great to meet you: discovery on Wednesday", "Re: Meridian Health proposal v2",
        "Security review for Northwind", "Tableau pilot", "Training attendees"),
        bySubject.keySet().stream().sorted().toList());
    assertTrue(bySubject.get("Security review for Northwind").text().contains("Our security review takes 6 weeks"));
    assertTrue(bySubject.get("Security review for Northwind").participants().stream()
        .anyMatch(p -> "marcus.hale@meridianhealth.org".equals(p.email())), "the IT security lead, not in the CRM");
    assertTrue(bySubject.get("Re: Data residency redline").text()
        .contains("the legal redline on data residency is still pending"));
    assertFalse(bySubject.get("Re: Meridian Health proposal v2").text().contains("Appendix B covers"),
        "the promise is cited from the proposal, where it was written");
    assertTrue(bySubject.get("Meridian Health proposal v2").text().contains("Appendix B covers the custom SSO"));
    assertTrue(bySubject.get("Re: Great to meet you: discovery on Wednesday").text().contains("I prefer async updates"));
    assertTrue(bySubject.get("Training attendees").text().contains("Zo\u00eb Brandt from our Quality team \u2013"));
    assertTrue(r.evidence().stream().noneMatch(e -> e.text().contains("harborview")));
    // 3 tokens, alex 2 pages + 1 batch, sam 1 page + 1 batch, jordan 1 page (empty)
    assertEquals(9, calls.calls(), calls.operations().toString());
  }

  @Test
  void calendarCarriesTheStorysMeetingsAndNothingElse() {
    var calls = new RecordingSourceContext("google-calendar", 100);
    SourceResult r = google.calendarConnector().fetch(deal, calls);
    assertEquals(List.of("Meridian Health discovery", "ROI review with James Park (CFO)",
        "Security questionnaire walkthrough", "Technical deep dive and demo"),
        r.evidence().stream().map(e -> e.text().lines().findFirst().orElseThrow().substring("Subject: ".length()))
            .sorted().toList());
    Evidence cfo = r.evidence().stream().filter(e -> e.text().contains("CFO")).findFirst().orElseThrow();
    assertTrue(cfo.text().contains("James Park <james.park@meridianhealth.org> (accepted)"), cfo.text());
    assertTrue(cfo.text().contains("When: 2026-03-12 14:00-14:45 America/New_York"), cfo.text());
    // 3 tokens, alex 2 pages, sam 1, jordan 1
    assertEquals(7, calls.calls(), calls.operations().toString());
  }
}
