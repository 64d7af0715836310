package org.handoffbrief.samples;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.handoffbrief.connector.salesforce.trigger.ChangeEvents;
import org.handoffbrief.connector.salesforce.trigger.OutboundMessages;
import org.handoffbrief.connector.slack.delivery.SlackReviewPrompt;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.samples.camel.HandoffRoutes;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.OutboxWrite;
import org.handoffbrief.store.StoredBrief;
import org.handoffbrief.store.jdbc.JdbcBriefStore;
import org.handoffbrief.testing.SalesforceOutboundMessage;
import org.handoffbrief.testing.SignedSlackRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out is the engine's job and the library keeps no state outside its store: two Camel
 * contexts, each with its own {@link HandoffRoutes}, {@code Handoff}, connectors and beans, share one
 * store and the demo systems, and are given the same events at once.
 */
class TwoEnginesTest {
  private static final String AE_DM = "D0ALEX0001";
  private static final int HANDOFF_WRITES = 11;
  private static final String OPPORTUNITY = DemoSalesforce.OPPORTUNITY_ID;

  @TempDir
  Path dir;

  /** Issue 11: two engines on one (PostgreSQL) store make one brief per deal, and one set of writes. */
  @Test
  void twoCamelContextsOnOnePostgresStoreGivenTheSameEventsMakeOneBriefOneReviewOnePostAndOneWriteBack()
      throws Exception {
    PostgresSchema postgres = PostgresSchema.create();
    try (JdbcBriefStore a = postgres.open(); JdbcBriefStore b = postgres.open()) {
      twoEnginesMakeOneOfEach(a, b);
    } finally {
      postgres.drop();
    }
  }

  /** Issue 11: the same on one H2 file, which one process opens: both contexts share its store instance. */
  @Test
  void twoCamelContextsSharingOneH2FileStoreMakeOneOfEach() throws Exception {
    try (JdbcBriefStore store = JdbcBriefStore.h2File(dir.resolve("briefs"))) {
      twoEnginesMakeOneOfEach(store, store);
    }
  }

  private void twoEnginesMakeOneOfEach(BriefStore storeA, BriefStore storeB) throws Exception {
    Path orgState = dir.resolve("org.json");
    try (DemoSystems demo = DemoSystems.start(new PrintStream(PrintStream.nullOutputStream()), DemoMoment.AT_CLOSE,
        orgState);
        Engine a = new Engine(demo, storeA);
        Engine b = new Engine(demo, storeB)) {
      // Salesforce's outbound message, to both engines at once, and its retry to each.
      String message = SalesforceOutboundMessage.won(DemoSalesforce.ORGANIZATION_ID, "04lHs00000Nt1aAAAR",
            DemoSalesforce.OPPORTUNITY_ID, DemoWeek.DEMO_DEAL_WON_AT);
      for (HttpResponse<String> ack : concurrently(() -> a.post(message), () -> b.post(message),
          () -> a.post(message), () -> b.post(message))) {
        assertEquals(200, ack.statusCode(), ack::body);
        assertEquals(OutboundMessages.ACK, ack.body());
      }
      // The same win as a change event (a host subscribed to CDC too), to both engines at once.
      String changeEvent = changeEvent();
      concurrently(() -> a.changeEvent(changeEvent), () -> b.changeEvent(changeEvent));

      StoredBrief stored = storeA.latest(OPPORTUNITY, BriefKind.HANDOFF).orElseThrow();
      assertEquals(1, briefsComputed(demo), "the deal was briefed once by one engine, for both triggers");
      assertEquals(1, storeB.history(OPPORTUNITY).size(), "one brief for the deal");
      List<JsonNode> dms = demo.slack.messages(AE_DM);
      assertEquals(1, dms.size(), "one review DM to the AE");
      assertEquals(0, posts(demo), "nothing reaches customer success before the AE confirms");

      // The AE's Confirm click, given to both engines (as a retry would be).
      SignedSlackRequest click = demo.slack.interaction().click(SlackReviewStep.AE_USER, AE_DM,
          dms.get(0).path("ts").asText(), SlackReviewPrompt.CONFIRM_ACTION);
      for (Exchange answered : concurrently(() -> a.interaction(click), () -> b.interaction(click))) {
        assertEquals(200, answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
      }
      a.finishWorkAfterAck();
      b.finishWorkAfterAck();

      assertEquals(1, demo.slack.messages(AE_DM).size(), "still one review DM");
      assertEquals(1, posts(demo), "one brief posted in #cs-handoffs");
      List<OutboxWrite> writes = storeB.writes("salesforce:" + stored.briefId());
      assertEquals(HANDOFF_WRITES, writes.size());
      assertTrue(writes.stream().allMatch(w -> w.status() == OutboxWrite.Status.DONE), writes::toString);
      assertEquals(List.of(stored.briefId()), storeA.history(OPPORTUNITY).stream().map(StoredBrief::briefId).toList());
    }
    assertEquals(HANDOFF_WRITES, orgRecords(orgState), "records written to the demo org: one set");
  }

  /** One engine: its own context, HTTP port, Handoff, connectors and beans, over a store it is given. */
  private static final class Engine implements AutoCloseable {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AvailablePortFinder.Port port = AvailablePortFinder.find();
    private final ExecutorService afterAck = Executors.newSingleThreadExecutor();
    private final DemoCamelBeans beans;
    private final CamelContext context = new DefaultCamelContext();
    private final ProducerTemplate template;

    Engine(DemoSystems demo, BriefStore store) throws Exception {
      beans = new DemoCamelBeans(demo, store, afterAck);
      var server = new VertxPlatformHttpServerConfiguration();
      server.setBindPort(port.getPort());
      context.addService(new VertxPlatformHttpServer(server));
      var props = new Properties();
      props.putAll(DemoCamelBeans.properties());
      context.getPropertiesComponent().setInitialProperties(props);
      beans.beans().forEach(context.getRegistry()::bind);
      context.getRegistry().bind("changeEvents", new ChangeEvents(store, Clock.systemUTC()));
      context.addRoutes(new HandoffRoutes());
      // What a host's CDC subscriber route ends in.
      context.addRoutes(new RouteBuilder() {
        @Override
        public void configure() {
          from("direct:change-event").to("handoff:change-event").split(body()).to("direct:handoff-brief");
        }
      });
      context.start();
      template = context.createProducerTemplate();
    }

    HttpResponse<String> post(String outboundMessage) throws IOException, InterruptedException {
      return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port.getPort() + HandoffRoutes.OUTBOUND_MESSAGE_PATH))
          .header("Content-Type", "text/xml; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(outboundMessage))
          .build(), HttpResponse.BodyHandlers.ofString());
    }

    Exchange changeEvent(String json) {
      Exchange done = template.send("direct:change-event", e -> e.getMessage().setBody(json));
      if (done.getException() != null) {
        throw new AssertionError("the change event failed", done.getException());
      }
      return done;
    }

    /** Sent to the endpoint the Slack route calls (over HTTP Vert.x refuses a form field this long; see HandoffRoutes). */
    Exchange interaction(SignedSlackRequest click) {
      return template.send("handoff:slack-interactions", e -> {
        click.headers().forEach(e.getMessage()::setHeader);
        e.getMessage().setBody(click.body().getBytes(StandardCharsets.UTF_8));
      });
    }

    /** Lets the work Slack interactions do after answering (the approval's delivery and write-back) finish. */
    void finishWorkAfterAck() throws InterruptedException {
      afterAck.shutdown();
      assertTrue(afterAck.awaitTermination(60, TimeUnit.SECONDS), "the approval's work did not finish");
    }

    @Override
    public void close() {
      context.stop();
      afterAck.shutdownNow();
      beans.close();
      port.release();
    }
  }

  @SafeVarargs
  private static <T> List<T> concurrently(Callable<T>... calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.length);
    try {
      var out = new ArrayList<T>();
      var tasks = new ArrayList<Callable<T>>(); // copied one by one: handing the generic array on is heap pollution
      for (Callable<T> call : calls) {
        tasks.add(call);
      }
      for (Future<T> f : pool.invokeAll(tasks)) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** How many briefs were computed: each reads the opportunity from the demo org once. */
  private static int briefsComputed(DemoSystems demo) {
    return demo.salesforce.requests(postRequestedFor(urlMatching("/services/Soap/.*"))
        .withRequestBody(matchingXPath("//*[local-name()='queryString'][contains(text(), 'FROM Opportunity WHERE Id')]")));
  }

  private static int posts(DemoSystems demo) {
    return (int) demo.slack.messages(DemoSlack.CS_CHANNEL).stream()
        .filter(m -> !m.hasNonNull("thread_ts") || m.path("thread_ts").asText().equals(m.path("ts").asText()))
        .count();
  }

  private static int orgRecords(Path orgState) throws IOException {
    if (!Files.exists(orgState)) {
      return 0;
    }
    int n = 0;
    for (JsonNode type : new ObjectMapper().readTree(orgState.toFile()).path("records")) {
      n += type.size();
    }
    return n;
  }

  /** The demo deal's stage change to Closed Won as an OpportunityChangeEvent, committed a second after it. */
  private static String changeEvent() {
    long committed = Instant.parse(DemoWeek.DEMO_DEAL_WON_AT).plusSeconds(1).toEpochMilli();
    return """
        {"ChangeEventHeader": {"entityName": "Opportunity", "recordIds": ["%s"], "changeType": "UPDATE",
          "transactionKey": "0002343d-9d90-e395-ed20-cf416ba652ad", "sequenceNumber": 1,
          "commitTimestamp": %d, "changedFields": ["StageName", "IsWon", "LastModifiedDate"]},
         "StageName": "Closed Won", "IsWon": true}
        """.formatted(OPPORTUNITY, committed);
  }

  /**
   * A new schema on the PostgreSQL server the tests are given ({@code HANDOFF_TEST_POSTGRES_URL},
   * {@code _USER}, {@code _PASSWORD}; {@code .ci/postgres.sh start} makes one). Without a URL the
   * test is skipped, unless {@code HANDOFF_TEST_POSTGRES_REQUIRED=true}: then it fails.
   */
  private record PostgresSchema(String url, String user, String password, String schema) {
    static PostgresSchema create() {
      String url = System.getenv("HANDOFF_TEST_POSTGRES_URL");
      if (url == null || url.isBlank()) {
        if ("true".equalsIgnoreCase(System.getenv("HANDOFF_TEST_POSTGRES_REQUIRED"))) {
          fail("HANDOFF_TEST_POSTGRES_REQUIRED=true but HANDOFF_TEST_POSTGRES_URL is not set; "
              + "start a server with .ci/postgres.sh start and source its env file");
        }
        assumeTrue(false, "HANDOFF_TEST_POSTGRES_URL is not set: PostgreSQL test skipped (.ci/postgres.sh start)");
      }
      byte[] random = new byte[6];
      new SecureRandom().nextBytes(random);
      var s = new PostgresSchema(url, System.getenv("HANDOFF_TEST_POSTGRES_USER"),
          System.getenv("HANDOFF_TEST_POSTGRES_PASSWORD"), "t_" + HexFormat.of().formatHex(random));
      s.execute("CREATE SCHEMA " + s.schema);
      return s;
    }

    /** A store on the schema, as each worker opens its own. */
    JdbcBriefStore open() {
      return JdbcBriefStore.open(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password);
    }

    void drop() {
      execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private void execute(String sql) {
      try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
        st.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot run '" + sql + "' (SQLState " + e.getSQLState() + ")", e);
      }
    }

    @Override
    public String toString() {
      return "PostgresSchema[" + schema + "]";  // never the password
    }
  }
}
