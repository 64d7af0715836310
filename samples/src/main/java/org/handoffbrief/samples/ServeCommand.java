package org.handoffbrief.samples;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.handoffbrief.samples.camel.HandoffRoutes;
import org.handoffbrief.store.jdbc.JdbcBriefStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code serve}: the library inside Apache Camel (camel-main, platform-http on Vert.x) over the
 * demo systems, with the routes of {@link HandoffRoutes}, until stopped with Ctrl-C.
 */
@Command(versionProvider = HandoffSamples.Version.class, name = "serve", sortOptions = false,
    description = {
        "Runs the handoff routes inside Apache Camel over the embedded demo systems, on a port, until Ctrl-C.",
        "Register these URLs (behind HTTPS, e.g. a tunnel, for a real org and workspace):",
        "  Salesforce: Setup > Outbound Messages > New (object Opportunity, fields Id, IsWon, StageName) >"
            + " Endpoint URL: https://HOST" + HandoffRoutes.OUTBOUND_MESSAGE_PATH,
        "  Slack app: Slash Commands > /handoff > Request URL: https://HOST" + HandoffRoutes.SLACK_COMMANDS_PATH,
        "  Slack app: Event Subscriptions > Request URL (bot event app_mention): https://HOST"
            + HandoffRoutes.SLACK_EVENTS_PATH,
        "  Slack app: Interactivity & Shortcuts > Request URL: https://HOST" + HandoffRoutes.SLACK_INTERACTIVITY_PATH,
        "Only outbound messages from the demo org (" + DemoSalesforce.ORGANIZATION_ID + ") and Slack requests"
            + " signed with the demo workspace's secret are accepted. The Closed-Won poller runs every 5 minutes"
            + " from the demo deal's win (its first poll fires the demo week's later wins); the weekly batch"
            + " runs Fridays at 18:00 over the week's closes."})
final class ServeCommand implements Callable<Integer> {
  private final Terminal terminal;

  @Mixin
  HelpOptions helpOptions;

  @Option(names = "--port", paramLabel = "PORT", description = "The HTTP port (default: 8080).")
  int port = 8080;

  @Option(names = "--store", paramLabel = "FILE", description = "The brief store: an H2 database file, made when missing "
      + "(default: .handoff/serve), or a jdbc: URL.")
  String store = ".handoff/serve";

  @Option(names = "--no-poll", description = "Leave the Closed-Won poller off.")
  boolean noPoll;

  ServeCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    ExecutorService afterAck = Executors.newFixedThreadPool(2);
    try (JdbcBriefStore briefs = Stores.open(store, terminal);
        DemoSystems demo = DemoSystems.start(terminal.err());
        DemoCamelBeans beans = new DemoCamelBeans(demo, briefs, afterAck)) {
      Main main = new Main();
      beans.beans().forEach(main::bind);
      DemoCamelBeans.properties().forEach((k, v) -> main.addInitialProperty(k, String.valueOf(v)));
      main.addInitialProperty("handoff.poll.enabled", String.valueOf(!noPoll));
      main.configure().addRoutesBuilder(new HandoffRoutes());
      // Ctrl-C waits for in-flight briefs this long, not Camel's default 45 s; an outbound message
      // cut short is redelivered by Salesforce and briefed once.
      main.configure().setShutdownTimeout(10);
      var server = new VertxPlatformHttpServerConfiguration();
      server.setBindPort(port);
      main.addMainListener(new MainListenerSupport() {
        @Override
        public void beforeConfigure(BaseMainSupport configuring) {
          try {
            configuring.getCamelContext().addService(new VertxPlatformHttpServer(server));
          } catch (Exception e) {
            throw new IllegalStateException("the HTTP server on port " + port + " could not be added", e);
          }
        }

        @Override
        public void afterStart(BaseMainSupport started) {
          urls(port).forEach(terminal.out()::println);
          terminal.out().println("Ctrl-C stops.");
        }
      });
      main.run();
      return HandoffSamples.EXIT_OK;
    } finally {
      afterAck.shutdownNow();
    }
  }

  /** What to register where, on this machine's port. */
  static java.util.List<String> urls(int port) {
    String base = "http://localhost:" + port;
    return java.util.List.of(
        "Salesforce outbound message Endpoint URL:     " + base + HandoffRoutes.OUTBOUND_MESSAGE_PATH,
        "Slack slash command /handoff Request URL:     " + base + HandoffRoutes.SLACK_COMMANDS_PATH,
        "Slack Event Subscriptions Request URL:        " + base + HandoffRoutes.SLACK_EVENTS_PATH,
        "Slack Interactivity & Shortcuts Request URL:  " + base + HandoffRoutes.SLACK_INTERACTIVITY_PATH);
  }
}
