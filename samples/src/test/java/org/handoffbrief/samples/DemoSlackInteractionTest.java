package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.methods.MethodsClient;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.handoffbrief.testing.FakeSlackInteractions;
import org.handoffbrief.testing.SignedSlackRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the demo workspace sends the app when the reviewer clicks a button in the DM or submits
 * the modal: Slack's payloads, form-encoded and signed with the run's signing secret, checked here
 * with an HMAC computed independently of the helper.
 */
class DemoSlackInteractionTest {

  static final String ALEX = "U0ALEX0001";
  static final String DM = "D0ALEX0001";
  static final ObjectMapper JSON = new ObjectMapper();
  static final String REVIEW_BLOCKS = "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"Please review\"}},"
      + "{\"type\":\"actions\",\"block_id\":\"review\",\"elements\":["
      + "{\"type\":\"button\",\"action_id\":\"review_confirm\",\"style\":\"primary\",\"value\":\"brief-7\","
      + "\"text\":{\"type\":\"plain_text\",\"text\":\"Confirm\"}},"
      + "{\"type\":\"button\",\"action_id\":\"review_flag\",\"value\":\"brief-7\","
      + "\"text\":{\"type\":\"plain_text\",\"text\":\"Flag a problem\"}}]}]";
  static final String FLAG_VIEW = "{\"type\":\"modal\",\"callback_id\":\"review_flag\",\"private_metadata\":\"brief-7\","
      + "\"title\":{\"type\":\"plain_text\",\"text\":\"Flag a problem\"},"
      + "\"submit\":{\"type\":\"plain_text\",\"text\":\"Send\"},\"blocks\":["
      + "{\"type\":\"input\",\"block_id\":\"claim\",\"label\":{\"type\":\"plain_text\",\"text\":\"Which claim\"},"
      + "\"element\":{\"type\":\"static_select\",\"action_id\":\"claim\",\"options\":["
      + "{\"text\":{\"type\":\"plain_text\",\"text\":\"Go-live date\"},\"value\":\"claim-1\"},"
      + "{\"text\":{\"type\":\"plain_text\",\"text\":\"Champion\"},\"value\":\"claim-2\"}]}},"
      + "{\"type\":\"input\",\"block_id\":\"wrong\",\"label\":{\"type\":\"plain_text\",\"text\":\"What is wrong\"},"
      + "\"element\":{\"type\":\"plain_text_input\",\"action_id\":\"wrong\",\"multiline\":true}},"
      + "{\"type\":\"input\",\"block_id\":\"note\",\"optional\":true,"
      + "\"label\":{\"type\":\"plain_text\",\"text\":\"Not in any system\"},"
      + "\"element\":{\"type\":\"plain_text_input\",\"action_id\":\"note\"}}]}";

  DemoSlack slack;
  MethodsClient poster;
  String reviewTs;

  @BeforeEach
  void sendTheReviewDm() throws Exception {
    slack = DemoSlack.start();
    poster = DemoSlackWorkspaceTest.clientAt(slack, DemoSlack.POST_TOKEN);
    reviewTs = poster.chatPostMessage(r -> r.channel(ALEX).text("Please review").blocksAsString(REVIEW_BLOCKS)
        .metadataAsString("{\"event_type\":\"handoff_review\",\"event_payload\":{\"brief_id\":\"brief-7\"}}")).getTs();
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  /** Issue 10: the demo answers Confirm through a signed interaction request (as Slack would send it). */
  @Test
  void clickingConfirmSendsABlockActionsPayloadSignedWithTheRunsSigningSecret() throws Exception {
    SignedSlackRequest click = slack.interaction().click(ALEX, DM, reviewTs, "review_confirm");

    assertEquals(independentSignature(slack.signingSecret(), click.timestamp(), click.body()), click.signature());
    assertEquals(click.signature(), click.headers().get("X-Slack-Signature"));
    assertEquals(click.timestamp(), click.headers().get("X-Slack-Request-Timestamp"));
    assertEquals("application/x-www-form-urlencoded", click.headers().get("Content-Type"));
    JsonNode payload = payloadOf(click.body());
    assertEquals(click.payload(), payload, "the body carries exactly the payload");
    assertEquals("block_actions", payload.path("type").asText());
    assertEquals(ALEX, payload.at("/user/id").asText());
    assertEquals("alex.rivera", payload.at("/user/username").asText());
    assertEquals("T0NWA00001", payload.at("/team/id").asText());
    assertEquals(DemoSlack.APP_ID, payload.path("api_app_id").asText());
    assertEquals("message", payload.at("/container/type").asText());
    assertEquals(reviewTs, payload.at("/container/message_ts").asText());
    assertEquals(DM, payload.at("/container/channel_id").asText());
    assertEquals(DM, payload.at("/channel/id").asText());
    JsonNode action = payload.at("/actions/0");
    assertEquals("review_confirm", action.path("action_id").asText());
    assertEquals("review", action.path("block_id").asText());
    assertEquals("brief-7", action.path("value").asText(), "the value the app wrote on the button");
    assertEquals("button", action.path("type").asText());
    assertTrue(action.path("action_ts").asText().matches("\\d+\\.\\d{6}"));
    assertFalse(payload.path("trigger_id").asText().isEmpty());
    assertTrue(payload.path("response_url").asText().startsWith(slack.baseUrl() + "/actions/"));
    assertEquals("Please review", payload.at("/message/text").asText());
    assertTrue(payload.at("/message/metadata").isMissingNode(), "the message as the channel shows it");
  }

  @Test
  void theSignatureCoversTheTimestampSoAnOlderClickSignsDifferently() {
    Instant earlier = Instant.ofEpochSecond(1_774_656_000L);

    SignedSlackRequest stale = slack.interaction().at(earlier).click(ALEX, DM, reviewTs, "review_confirm");

    assertEquals("1774656000", stale.timestamp());
    assertEquals(independentSignature(slack.signingSecret(), "1774656000", stale.body()), stale.signature());
    assertNotEquals(independentSignature(slack.signingSecret(), "1774656001", stale.body()), stale.signature());
  }

  @Test
  void aRequestSignedWithAnotherSecretDoesNotVerifyWithTheRunsSecret() {
    SignedSlackRequest forged = slack.interaction().signedWith("0123456789abcdef0123456789abcdef")
        .click(ALEX, DM, reviewTs, "review_confirm");

    assertNotEquals(independentSignature(slack.signingSecret(), forged.timestamp(), forged.body()), forged.signature());
    assertEquals(independentSignature("0123456789abcdef0123456789abcdef", forged.timestamp(), forged.body()),
        forged.signature());
  }

  @Test
  void aRequestWithoutTheSignatureHeaderLeavesOnlyThatHeaderOut() {
    SignedSlackRequest click = slack.interaction().click(ALEX, DM, reviewTs, "review_confirm");

    Map<String, String> headers = click.headersWithout("X-Slack-Signature");

    assertFalse(headers.containsKey("X-Slack-Signature"));
    assertEquals(click.timestamp(), headers.get("X-Slack-Request-Timestamp"));
  }

  @Test
  void flaggingOpensTheModalWithTheClicksTriggerAndSubmittingSendsItsStateValues() throws Exception {
    String trigger = slack.interaction().click(ALEX, DM, reviewTs, "review_flag").payload().path("trigger_id").asText();
    String viewId = poster.viewsOpen(r -> r.triggerId(trigger).viewAsString(FLAG_VIEW)).getView().getId();

    SignedSlackRequest submit = slack.interaction().submit(ALEX, viewId,
        Map.of("claim", "claim-2", "wrong", "The champion left in March"));

    assertEquals(independentSignature(slack.signingSecret(), submit.timestamp(), submit.body()), submit.signature());
    JsonNode payload = payloadOf(submit.body());
    assertEquals("view_submission", payload.path("type").asText());
    assertEquals(ALEX, payload.at("/user/id").asText());
    assertEquals(viewId, payload.at("/view/id").asText());
    assertEquals("review_flag", payload.at("/view/callback_id").asText());
    assertEquals("brief-7", payload.at("/view/private_metadata").asText());
    JsonNode values = payload.at("/view/state/values");
    assertEquals("static_select", values.at("/claim/claim/type").asText());
    assertEquals("claim-2", values.at("/claim/claim/selected_option/value").asText());
    assertEquals("Champion", values.at("/claim/claim/selected_option/text/text").asText());
    assertEquals("The champion left in March", values.at("/wrong/wrong/value").asText());
    assertTrue(values.at("/note/note/value").isNull(), "an optional input left empty");
    assertFalse(payload.path("trigger_id").asText().equals(trigger), "every interaction brings a new trigger");
  }

  @Test
  void aSubmissionSlackWouldNotLetThroughIsATestMistake() throws Exception {
    String trigger = slack.interaction().click(ALEX, DM, reviewTs, "review_flag").payload().path("trigger_id").asText();
    String viewId = poster.viewsOpen(r -> r.triggerId(trigger).viewAsString(FLAG_VIEW)).getView().getId();
    FakeSlackInteractions person = slack.interaction();

    assertThrows(IllegalArgumentException.class, () -> person.submit(ALEX, viewId, Map.of("claim", "claim-2")),
        "a required input left empty");
    assertThrows(IllegalArgumentException.class, () -> person.submit(ALEX, viewId,
        Map.of("claim", "claim-9", "wrong", "x")), "an option the select does not offer");
    assertThrows(IllegalArgumentException.class, () -> person.click(ALEX, DM, reviewTs, "no_such_button"));
    assertThrows(IllegalArgumentException.class, () -> person.submit(ALEX, "V0NOTOPEN1", Map.of()));
  }

  @Test
  void theSignedRequestReachesTheAppsRequestUrlByteForByte() throws Exception {
    var received = new AtomicReference<Map<String, String>>();
    HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    app.createContext("/slack/interactions", exchange -> {
      var h = exchange.getRequestHeaders();
      received.set(Map.of("timestamp", h.getFirst("X-Slack-Request-Timestamp"),
          "signature", h.getFirst("X-Slack-Signature"), "type", h.getFirst("Content-Type"),
          "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    app.start();
    try {
      SignedSlackRequest click = slack.interaction().click(ALEX, DM, reviewTs, "review_confirm");

      HttpResponse<String> answer = click.postTo(
          URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/slack/interactions"));

      assertEquals(200, answer.statusCode());
      assertEquals(click.body(), received.get().get("body"));
      assertEquals(independentSignature(slack.signingSecret(), received.get().get("timestamp"),
          received.get().get("body")), received.get().get("signature"));
      assertEquals("application/x-www-form-urlencoded", received.get().get("type"));
    } finally {
      app.stop(0);
    }
  }

  @Test
  void whatTheAppPostsToTheResponseUrlIsKept() throws Exception {
    String responseUrl = slack.interaction().click(ALEX, DM, reviewTs, "review_confirm").payload()
        .path("response_url").asText();

    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(responseUrl))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"replace_original\":true,\"text\":\"Confirmed\"}")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals(200, answer.statusCode());
    assertEquals(List.of("Confirmed"), slack.responseUrlPosts().stream().map(p -> p.path("text").asText()).toList());
  }

  @Test
  void theSigningSecretIsInNoToString() {
    SignedSlackRequest click = slack.interaction().click(ALEX, DM, reviewTs, "review_confirm");

    for (Object o : List.of(slack.interaction(), click, slack)) {
      assertFalse(String.valueOf(o).contains(slack.signingSecret()), o.getClass().getSimpleName());
    }
    assertTrue(slack.signingSecret().matches("[0-9a-f]{32}"));
    assertNotEquals(slack.signingSecret(), restartedSecret(), "made at start, never fixed");
  }

  static String restartedSecret() {
    try (DemoSlack other = DemoSlack.start()) {
      return other.signingSecret();
    }
  }

  /** Slack's v0 scheme, written out here apart from the helper's code. */
  static String independentSignature(String secret, String timestamp, String body) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = hmac.doFinal(String.join(":", "v0", timestamp, body).getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(digest);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static JsonNode payloadOf(String body) throws Exception {
    assertTrue(body.startsWith("payload="), body);
    return JSON.readTree(URLDecoder.decode(body.substring("payload=".length()), StandardCharsets.UTF_8));
  }
}
