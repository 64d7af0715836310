package org.handoffbrief.samples;

import java.net.URI;
import java.util.List;
import org.handoffbrief.connector.microsoft.OutlookConfig;
import org.handoffbrief.connector.microsoft.OutlookConnector;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.testing.FakeOutlook;

/**
 * The demo company's Microsoft 365 tenant: the test kit's {@link FakeOutlook} loaded with the SE
 * Sam Chen's mailbox (two pages) and calendar from the fixtures under {@code demo/outlook/}, and
 * the real Outlook connector pointed at it. The mailbox holds the Meridian Health moments that live
 * in mail and calendar (the Feb 6 technical deep dive, the Mar 8 Lawson ERP thread with Priya Raman
 * and Tom Becker and the SE's spec promise, the security review kickoff) and noise the connector
 * must drop: another customer's mail and meetings, a Harborview Clinic "Dana Okonkwo", a
 * visitor-badge robot, items before and after the sales cycle, an internal-only meeting.
 */
final class DemoOutlook implements AutoCloseable {

  /** The mailbox the demo reads: the SE's (the AE's mail is the Gmail demo's). */
  static final String MAILBOX = "sam.chen@northwind-analytics.com";

  private static final String FIXTURES = "/demo/outlook/";

  /** The running fake, for a test that injects a fault or counts requests. */
  final FakeOutlook fake;

  private DemoOutlook(FakeOutlook fake) {
    this.fake = fake;
  }

  /** Starts the tenant on 127.0.0.1 on a free port. */
  static DemoOutlook start() {
    FakeOutlook fake = FakeOutlook.start();
    try {
      fake.messages(MAILBOX, DemoFixtures.read(FIXTURES + "messages-1.json"), DemoFixtures.read(FIXTURES + "messages-2.json"));
      fake.calendarView(MAILBOX, DemoFixtures.read(FIXTURES + "calendar-view.json"));
    } catch (RuntimeException e) {
      fake.close();
      throw e;
    }
    return new DemoOutlook(fake);
  }

  /** Stands in for both {@code https://login.microsoftonline.com} and {@code https://graph.microsoft.com}. */
  URI baseUrl() {
    return fake.graphUrl();
  }

  /** The real Outlook connector, pointed at this tenant and reading Sam Chen's mailbox. */
  SourceConnector connector() {
    return OutlookConnector.create(OutlookConfig.builder()
        .tenantId(fake.tenantId())
        .clientId(fake.clientId())
        .clientSecret(fake.clientSecret())
        .authorityUrl(fake.authorityUrl())
        .graphUrl(fake.graphUrl())
        .mailboxes(List.of(MAILBOX))
        .build());
  }

  @Override
  public void close() {
    fake.close();
  }
}
