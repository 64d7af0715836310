package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.handoffbrief.camel.HandoffHeaders;
import org.handoffbrief.connector.salesforce.trigger.OutboundMessages;
import org.handoffbrief.connector.slack.delivery.SlackReviewPrompt;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.samples.camel.HandoffRoutes;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.OutboxWrite;
import org.handoffbrief.store.StoredBrief;
import org.handoffbrief.testing.SalesforceOutboundMessage;
import org.handoffbrief.testing.SignedSlackRequest;
import org.handoffbrief.trigger.BriefBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Camel sample's routes over the demo systems: an outbound message in, a brief delivered and
 * written back; Slack requests over HTTP; the weekly batch and the poller once each.
 */
class CamelSampleTest extends CamelTestSupport {
  private static final String AE_DM = "D0ALEX0001";

  /** A free port for this test's HTTP routes, released after it (the finder's own reservation, not a socket). */
  @RegisterExtension
  final AvailablePortFinder.Port port = AvailablePortFinder.find();
  final HttpClient http = HttpClient.newHttpClient();
  final BriefStore store = BriefStore.inMemory();
  final ExecutorService afterAck = Executors.newSingleThreadExecutor();
  DemoSystems demo;
  DemoCamelBeans beans;

  @Override
  protected CamelContext createCamelContext() throws Exception {
    CamelContext context = super.createCamelContext();
    var server = new VertxPlatformHttpServerConfiguration();
    server.setBindPort(port.getPort());
    context.addService(new VertxPlatformHttpServer(server));
    var props = new Properties();
    props.putAll(DemoCamelBeans.properties());
    context.getPropertiesComponent().setInitialProperties(props);
    return context;
  }

  @Override
  protected void bindToRegistry(Registry registry) {
    demo = DemoSystems.start(new PrintStream(PrintStream.nullOutputStream()));
    beans = new DemoCamelBeans(demo, store, afterAck);
    beans.beans().forEach(registry::bind);
  }

  @Override
  protected RoutesBuilder createRouteBuilder() {
    return new HandoffRoutes();
  }

  @AfterEach
  void stopDemo() {
    afterAck.shutdownNow();
    beans.close();
    demo.close();
  }

  /** Issue 11: the Camel sample starts, fires on the demo data and delivers a brief. */
  @Test
  void aClosedWonOutboundMessageIsBriefedConfirmedInSlackDeliveredAndWrittenToTheDemoOrg() throws Exception {
    HttpResponse<String> ack = post(HandoffRoutes.OUTBOUND_MESSAGE_PATH, "text/xml; charset=utf-8",
        demoDealWon(DemoSalesforce.ORGANIZATION_ID));
    HttpResponse<String> retry = post(HandoffRoutes.OUTBOUND_MESSAGE_PATH, "text/xml; charset=utf-8",
        demoDealWon(DemoSalesforce.ORGANIZATION_ID));

    assertEquals(200, ack.statusCode());
    assertEquals(OutboundMessages.ACK, ack.body());
    assertEquals(OutboundMessages.ACK, retry.body());
    StoredBrief stored = store.latest(DemoSalesforce.OPPORTUNITY_ID, BriefKind.HANDOFF).orElseThrow();
    assertEquals(1, store.history(DemoSalesforce.OPPORTUNITY_ID).size(), "one brief for two deliveries");
    List<JsonNode> dms = demo.slack.messages(AE_DM);
    assertEquals(1, dms.size(), "the AE is asked once");
    assertEquals(0, posts(), "nothing reaches customer success before the AE confirms");

    SignedSlackRequest click = demo.slack.interaction().click(SlackReviewStep.AE_USER, AE_DM,
        dms.get(0).path("ts").asText(), SlackReviewPrompt.CONFIRM_ACTION);
    assertTrue(click.body().length() > 8192, "a click carries more than Vert.x's default 8 KB form field");
    HttpResponse<String> answered = click.postTo(URI.create(url(HandoffRoutes.SLACK_INTERACTIVITY_PATH)));
    assertEquals(200, answered.statusCode(), answered::body);
    // The approval's route runs after Slack was answered: let that work finish.
    afterAck.shutdown();
    assertTrue(afterAck.awaitTermination(60, TimeUnit.SECONDS), "the approval's work did not finish");

    assertEquals(1, posts(), "one brief posted in #cs-handoffs");
    List<OutboxWrite> writes = store.writes("salesforce:" + stored.briefId());
    assertEquals(11, writes.size());
    assertTrue(writes.stream().allMatch(w -> w.status() == OutboxWrite.Status.DONE), writes::toString);
    assertTrue(demo.salesforce.calls("create") + demo.salesforce.calls("upsert") > 0, "the demo org was written to");
  }

  @Test
  void anOutboundMessageFromAnotherOrgIsAnswered400AndBriefsNothing() throws Exception {
    HttpResponse<String> refused = post(HandoffRoutes.OUTBOUND_MESSAGE_PATH, "text/xml; charset=utf-8",
        demoDealWon("00D000000000001"));

    assertEquals(400, refused.statusCode());
    assertEquals(0, store.history(DemoSalesforce.OPPORTUNITY_ID).size());
    assertEquals(0, demo.slack.messages(AE_DM).size());
  }

  /** Issue 11: a manual request in Slack (slash command) is acknowledged and the brief lands in the thread. */
  @Test
  void aSignedSlashCommandOverHttpIsAcknowledgedAndTheBriefLandsInTheThread() throws Exception {
    var command = demo.slack.interaction().command(SlackReviewStep.AE_USER, DemoSlack.CS_CHANNEL, "/handoff",
        "brief " + DemoSalesforce.ACCOUNT_NAME);

    HttpResponse<String> ack = command.postTo(URI.create(url(HandoffRoutes.SLACK_COMMANDS_PATH)));
    finishAfterAck();

    assertEquals(200, ack.statusCode(), ack.body());
    List<JsonNode> said = demo.slack.messages(DemoSlack.CS_CHANNEL);
    assertEquals(1, said.size(), "one message starts the thread");
    assertEquals(1, repliesIn(said.get(0).path("ts").asText()), "the brief, answered in the thread");
    assertEquals(1, store.history(DemoSalesforce.OPPORTUNITY_ID).size(), "one brief made");
  }

  /** Issue 11: a manual request in Slack (app mention) is acknowledged and the brief lands in its thread. */
  @Test
  void aSignedAppMentionOverHttpIsAcknowledgedAndTheBriefLandsInItsThread() throws Exception {
    var mention = demo.slack.interaction().mention(SlackReviewStep.AE_USER, DemoSlack.CS_CHANNEL,
        "brief " + DemoSalesforce.ACCOUNT_NAME.toLowerCase(java.util.Locale.ROOT));

    HttpResponse<String> ack = mention.postTo(URI.create(url(HandoffRoutes.SLACK_EVENTS_PATH)));
    HttpResponse<String> retried = mention.postTo(URI.create(url(HandoffRoutes.SLACK_EVENTS_PATH)));
    finishAfterAck();

    assertEquals(200, ack.statusCode(), ack.body());
    assertEquals(200, retried.statusCode(), retried.body());
    String thread = mention.payload().path("event").path("ts").asText();
    assertTrue(repliesIn(thread) >= 1, "the brief is answered in the mention's thread");
    assertEquals(1, store.history(DemoSalesforce.OPPORTUNITY_ID).size(), "one brief for a mention sent twice");
  }

  /** Issue 11: a bad Slack signature is refused with a clear error and changes nothing. */
  @Test
  void aSlashCommandWithABadSignatureIsAnswered401AndPostsNothing() throws Exception {
    var forged = demo.slack.interaction().signedWith("test-secret-not-the-apps").command(SlackReviewStep.AE_USER,
        DemoSlack.CS_CHANNEL, "/handoff", "brief " + DemoSalesforce.ACCOUNT_NAME);

    HttpResponse<String> refused = forged.postTo(URI.create(url(HandoffRoutes.SLACK_COMMANDS_PATH)));
    finishAfterAck();

    assertEquals(401, refused.statusCode());
    assertEquals(0, demo.slack.messages(DemoSlack.CS_CHANNEL).size());
    assertEquals(0, store.history(DemoSalesforce.OPPORTUNITY_ID).size());
  }

  /**
   * Issue 11: the weekly batch route briefs a range's closes through one Handoff and ends with the
   * summary. One day of the demo week keeps it short; a second run skips every deal as done.
   */
  @Test
  void theBatchRouteBriefsADaysClosesAndASecondRunSkipsThemAll() {
    java.time.LocalDate day = java.time.LocalDate.parse("2026-03-27");
    long closes = DemoWeek.wins().stream().filter(w -> w.closeDate().equals(day)).count();

    BriefBatch.Summary first = batch(day);
    BriefBatch.Summary second = batch(day);

    assertTrue(closes > 1, "the day has several closes");
    assertEquals(closes, first.count(BriefBatch.Result.BUILT), first::render);
    assertEquals(0, first.count(BriefBatch.Result.FAILED), first::render);
    assertEquals(closes, second.count(BriefBatch.Result.SKIPPED), second::render);
  }

  /** Issue 11: the poller route reads the demo org's won deals since its start and fires each once. */
  @Test
  void thePollerFiresTheWinsSinceItsStartOnceEach() {
    long since = DemoWeek.wins().stream()
        .filter(w -> !java.time.Instant.parse(w.wonAt()).isBefore(DemoWeek.demoDealWonAt())).count();

    List<?> first = template.requestBody("handoff:poll", null, List.class);
    List<?> second = template.requestBody("handoff:poll", null, List.class);

    assertEquals(since, first.size());
    assertEquals(0, second.size(), "a second poll fires nothing again");
  }

  private BriefBatch.Summary batch(java.time.LocalDate day) {
    return template.request("direct:handoff-batch", e -> {
      e.getMessage().setHeader(HandoffHeaders.FROM, day);
      e.getMessage().setHeader(HandoffHeaders.TO, day.toString());
    }).getMessage().getBody(BriefBatch.Summary.class);
  }

  private long repliesIn(String thread) {
    return demo.slack.replies(DemoSlack.CS_CHANNEL, thread).size();
  }

  /** Slack was answered at once; the search, the brief and the posts ran after: let them finish. */
  private void finishAfterAck() throws InterruptedException {
    afterAck.shutdown();
    assertTrue(afterAck.awaitTermination(60, TimeUnit.SECONDS), "the work after the acknowledgement did not finish");
  }

  private int posts() {
    return (int) demo.slack.messages(DemoSlack.CS_CHANNEL).stream()
        .filter(m -> !m.hasNonNull("thread_ts") || m.path("thread_ts").asText().equals(m.path("ts").asText()))
        .count();
  }

  private String url(String path) {
    return "http://localhost:" + port.getPort() + path;
  }

  private HttpResponse<String> post(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The outbound message {@code org} sends when the demo deal is won, as Salesforce posts it. */
  private static String demoDealWon(String org) {
    return SalesforceOutboundMessage.won(org, "04lHs00000Nt1aAAAR", DemoSalesforce.OPPORTUNITY_ID, null);
  }
}
