package org.handoffbrief.samples;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.handoffbrief.HandoffBriefBuilder;
import org.handoffbrief.connector.salesforce.SalesforceAuth;
import org.handoffbrief.connector.salesforce.SalesforceConfig;
import org.handoffbrief.connector.salesforce.SalesforceConnector;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.HandoffBrief;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the real Salesforce connector and the real {@link org.handoffbrief.Handoff}
 * against the demo company's org, served on loopback by {@link DemoSalesforce}.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = HandoffSamples.Version.class, name = "demo", sortOptions = false,
    description = {
        "Makes the brief for the demo deal (Meridian Health, Closed Won 2026-03-27) with the real Salesforce "
            + "connector, talking SOAP to an embedded server on 127.0.0.1 that holds the demo company's org.",
        "Writes brief.json, brief.md and brief.html and prints their paths."})
final class DemoCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write the brief files (default: the current directory).")
  Path out = Path.of("");

  DemoCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    // Every demo system on its own loopback server; closed in reverse order however the run ends.
    var open = new java.util.ArrayDeque<AutoCloseable>();
    HandoffBrief brief;
    try {
      DemoSalesforce org = started(open, DemoSalesforce.start());
      terminal.err().println("Demo Salesforce org for Northwind Analytics at " + org.loginUrl()
          + " (JWT bearer flow, key pair made for this run)");
      // The same calls a host makes: a config, a connector from it, a Handoff around it.
      SalesforceConfig config = SalesforceConfig.builder()
          .loginUrl(org.loginUrl())
          .auth(SalesforceAuth.jwtBearer(DemoSalesforce.CLIENT_ID, DemoSalesforce.USERNAME, org.privateKey()))
          .vendorDomains(DemoSalesforce.VENDOR_DOMAINS)
          .opportunityFields(DemoSalesforce.OPPORTUNITY_FIELDS)
          .accountFields(DemoSalesforce.ACCOUNT_FIELDS)
          .build();
      HandoffBriefBuilder builder = HandoffBriefBuilder.create().resolver(SalesforceConnector.create(config));
      DemoZendesk zendesk = started(open, DemoZendesk.start());
      builder.connector(zendesk.connector());
      terminal.err().println("Demo Zendesk account at " + zendesk.baseUrl());
      DemoGong gong = started(open, DemoGong.start());
      builder.connector(gong.connector());
      terminal.err().println("Demo Gong workspace at " + gong.baseUrl());
      DemoSlack slack = started(open, DemoSlack.start());
      builder.connector(slack.connector());
      terminal.err().println("Demo Slack workspace at " + slack.baseUrl());
      DemoGoogle google = started(open, DemoGoogle.start());
      builder.connector(google.gmailConnector()).connector(google.calendarConnector());
      terminal.err().println("Demo Google Workspace (Gmail, Calendar) at " + google.baseUrl());
      DemoOutlook outlook = started(open, DemoOutlook.start());
      builder.connector(outlook.connector());
      terminal.err().println("Demo Microsoft 365 tenant (Outlook via Graph) at " + outlook.baseUrl());
      brief = BriefRun.run(terminal, builder, DealRef.of(DemoSalesforce.OPPORTUNITY_ID), out);
    } finally {
      while (!open.isEmpty()) {
        try {
          open.pop().close();
        } catch (Exception e) {
          terminal.err().println("could not stop a demo server: " + e.getMessage());
        }
      }
    }
    return HandoffSamples.exitCode(brief);
  }

  private static <T extends AutoCloseable> T started(java.util.Deque<AutoCloseable> open, T system) {
    open.push(system);
    return system;
  }
}
