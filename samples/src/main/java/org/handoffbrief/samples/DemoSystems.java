package org.handoffbrief.samples;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.handoffbrief.Handoff;
import org.handoffbrief.connector.salesforce.SalesforceAuth;
import org.handoffbrief.connector.salesforce.SalesforceConfig;
import org.handoffbrief.connector.salesforce.SalesforceConnector;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.testing.FakeVendor;
import org.handoffbrief.writeback.salesforce.SalesforceWriteback;
import org.handoffbrief.writeback.salesforce.WritebackConfig;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.testing.FakeSalesforce;

/**
 * The demo company's six systems, each on its own loopback server, and the builder a host would
 * make around them: the real Salesforce resolver and the real connectors of Zendesk, Gong, Slack,
 * Gmail, Google Calendar and Outlook. {@code demo} runs it once; the reliability tests inject a
 * fault into one server ({@link FakeVendor#inject}) and run the same path.
 */
final class DemoSystems implements AutoCloseable {
  final FakeSalesforce salesforce;
  final DemoZendesk zendesk;
  final DemoGong gong;
  final DemoSlack slack;
  final DemoGoogle google;
  final DemoOutlook outlook;

  /** Servers, then connectors made by {@link #builder}; closed last first. */
  private final Deque<AutoCloseable> open;

  private DemoSystems(Deque<AutoCloseable> open, FakeSalesforce salesforce, DemoZendesk zendesk, DemoGong gong,
      DemoSlack slack, DemoGoogle google, DemoOutlook outlook) {
    this.open = open;
    this.salesforce = salesforce;
    this.zendesk = zendesk;
    this.gong = gong;
    this.slack = slack;
    this.google = google;
    this.outlook = outlook;
  }

  /**
   * Starts every demo system on 127.0.0.1 as it was at close, saying where on {@code log}.
   *
   * @throws RuntimeException when one cannot start; those already started are stopped
   */
  static DemoSystems start(PrintStream log) {
    return start(log, DemoMoment.AT_CLOSE);
  }

  /**
   * Starts every demo system on 127.0.0.1 as it is at {@code moment}, saying where on {@code log}.
   * The org's writable state always starts empty.
   *
   * @throws RuntimeException when one cannot start; those already started are stopped
   */
  static DemoSystems start(PrintStream log, DemoMoment moment) {
    return start(log, moment, null);
  }

  /**
   * Starts every demo system as it is at {@code moment}; the org keeps what is written in
   * {@code orgState} between runs (null: it starts empty).
   */
  static DemoSystems start(PrintStream log, DemoMoment moment, java.nio.file.Path orgState) {
    return start(log, moment, orgState, null);
  }

  /**
   * Starts every demo system as it is at {@code moment}; the org and the Slack workspace keep
   * what is written and posted in {@code orgState} and {@code slackState} between runs (null: they
   * start empty).
   */
  static DemoSystems start(PrintStream log, DemoMoment moment, java.nio.file.Path orgState,
      java.nio.file.Path slackState) {
    var open = new ArrayDeque<AutoCloseable>();
    try {
      if (moment != DemoMoment.AT_CLOSE) {
        log.println("Demo systems as they are " + moment.label() + " (2026-03-27)");
      }
      FakeSalesforce org = started(open, () -> DemoSalesforce.start(DemoOrgSchema.Metadata.DEPLOYED, orgState));
      log.println("Demo Salesforce org for Northwind Analytics at " + org.loginUrl()
          + " (JWT bearer flow, key pair made for this run)");
      DemoZendesk zendesk = started(open, () -> DemoZendesk.start(moment));
      log.println("Demo Zendesk account at " + zendesk.baseUrl());
      DemoGong gong = started(open, DemoGong::start);
      log.println("Demo Gong workspace at " + gong.baseUrl());
      DemoSlack slack = started(open, () -> DemoSlack.start(slackState));
      log.println("Demo Slack workspace at " + slack.baseUrl());
      DemoGoogle google = started(open, () -> DemoGoogle.start(moment));
      log.println("Demo Google Workspace (Gmail, Calendar) at " + google.baseUrl());
      DemoOutlook outlook = started(open, DemoOutlook::start);
      log.println("Demo Microsoft 365 tenant (Outlook via Graph) at " + outlook.baseUrl());
      return new DemoSystems(open, org, zendesk, gong, slack, google, outlook);
    } catch (RuntimeException e) {
      closeAll(open, log);
      throw e;
    }
  }

  /**
   * A builder with a fresh resolver and fresh connectors for every system, made the way a host
   * makes them: a config, a connector from it. They are closed with this object.
   */
  Handoff.Builder builder() {
    return builder(org.handoffbrief.connector.slack.SlackConfig.DEFAULT_REQUESTS_PER_MINUTE);
  }

  /**
   * {@link #builder()} with the Slack connector paced at {@code slackRequestsPerMinute}: Slack's
   * rate is what bounds a batch of the demo week, and a test counting outcomes need not wait for it.
   */
  Handoff.Builder builder(int slackRequestsPerMinute) {
    Handoff.Builder builder = Handoff.builder()
        .resolver(owned(SalesforceConnector.create(salesforceConfig())));
    for (SourceConnector c : new SourceConnector[] {zendesk.connector(), gong.connector(),
        slack.connector(slackRequestsPerMinute),
        google.gmailConnector(), google.calendarConnector(), outlook.connector()}) {
      builder.connector(owned(c));
    }
    return builder;
  }

  /**
   * The write-back to the demo org, as a host makes it: the same Salesforce config as the
   * resolver, the project's default mapping (the demo org has the shipped metadata deployed).
   */
  SalesforceWriteback writeback(BriefStore store) {
    // Writes wait for the AE's confirmation: the plan is approved when the review is.
    return SalesforceWriteback.builder().salesforce(salesforceConfig()).store(store)
        .config(WritebackConfig.builder().approvalRequired(true).build()).build();
  }

  /** The demo org's Salesforce config, as a host makes it: what the resolver, the write-back and the batch's range read sign in with. */
  SalesforceConfig salesforceConfig() {
    return SalesforceConfig.builder()
        .loginUrl(salesforce.loginUrl())
        .auth(SalesforceAuth.jwtBearer(DemoSalesforce.CLIENT_ID, DemoSalesforce.USERNAME, salesforce.privateKey()))
        .vendorDomains(DemoSalesforce.VENDOR_DOMAINS)
        .opportunityFields(DemoSalesforce.OPPORTUNITY_FIELDS)
        .accountFields(DemoSalesforce.ACCOUNT_FIELDS)
        // The write-back's own Tasks are not evidence for the next brief, as a host sets it up.
        .writebackKeyField(WritebackConfig.ofDefaults().taskKeyField())
        .build();
  }

  private <T extends AutoCloseable> T owned(T connector) {
    synchronized (open) {
      open.push(connector);
    }
    return connector;
  }

  /** Closes the connectors made, then stops the servers; a failure to stop one is printed, not thrown. */
  @Override
  public void close() {
    closeAll(open, System.err);
  }

  private static void closeAll(Deque<AutoCloseable> open, PrintStream log) {
    synchronized (open) {
      while (!open.isEmpty()) {
        try {
          open.pop().close();
        } catch (Exception e) {
          log.println("could not stop a demo system: " + TerminalText.safe(e.getMessage()));
        }
      }
    }
  }

  private static <T extends AutoCloseable> T started(Deque<AutoCloseable> open, Supplier<T> start) {
    T system = start.get();
    open.push(system);
    return system;
  }
}
