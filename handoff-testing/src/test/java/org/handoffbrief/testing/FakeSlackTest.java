package org.handoffbrief.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.handoffbrief.spi.kit.SlackSigning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeSlackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String CHANNEL = "C0TEST0001";

  private final FakeSlack slack = FakeSlack.start();

  @AfterEach
  void stop() {
    slack.close();
  }

  @Test
  void aCallWithoutATokenIsNotAuthedAndAnotherTokenIsInvalidAuth() throws Exception {
    JsonNode none = call(null, "auth.test", Map.of());
    JsonNode wrong = call("xoxb-test-token-not-this-one", "auth.test", Map.of());
    JsonNode right = call(slack.botToken(), "auth.test", Map.of());

    assertEquals("not_authed", none.path("error").asText());
    assertFalse(wrong.path("ok").asBoolean());
    assertEquals("invalid_auth", wrong.path("error").asText());
    assertTrue(right.path("ok").asBoolean());
  }

  @Test
  void aTokenWithoutTheMethodsScopeGetsMissingScope() throws Exception {
    slack.token("xoxb-test-reader-not-a-secret", FakeSlack.READ_SCOPES);

    JsonNode post = call("xoxb-test-reader-not-a-secret", "chat.postMessage", Map.of("channel", CHANNEL, "text", "x"));

    assertEquals("missing_scope", post.path("error").asText());
    assertEquals("chat:write", post.path("needed").asText());
  }

  @Test
  void historyIsReadNewestFirstAPageAtATimeFollowingNextCursor() throws Exception {
    seedChannel(5);
    slack.pageCap(2);

    List<String> seen = new ArrayList<>();
    String cursor = "";
    int pages = 0;
    do {
      JsonNode page = call(slack.botToken(), "conversations.history", Map.of("channel", CHANNEL, "cursor", cursor));
      page.path("messages").forEach(m -> seen.add(m.path("ts").asText()));
      cursor = page.path("response_metadata").path("next_cursor").asText();
      pages++;
    } while (!cursor.isEmpty());

    assertEquals(3, pages);
    assertEquals(List.of("1700000005.000100", "1700000004.000100", "1700000003.000100", "1700000002.000100",
        "1700000001.000100"), seen);
  }

  @Test
  void historyKeepsOnlyMessagesBetweenOldestAndLatestAndLeavesRepliesToTheirThread() throws Exception {
    seedChannel(5);
    slack.message(CHANNEL, message("1700000003.000200", "1700000003.000100"));

    JsonNode page = call(slack.botToken(), "conversations.history",
        Map.of("channel", CHANNEL, "oldest", "1700000002.000100", "latest", "1700000004.000100", "inclusive", "true"));
    JsonNode thread = call(slack.botToken(), "conversations.replies", Map.of("channel", CHANNEL, "ts", "1700000003.000100"));

    assertEquals(List.of("1700000004.000100", "1700000003.000100", "1700000002.000100"), ts(page));
    assertEquals(List.of("1700000003.000100", "1700000003.000200"), ts(thread), "the parent first, then its reply");
  }

  @Test
  void aChannelTheBotIsNotInIsNotReadAndAPostIsReadBack() throws Exception {
    seedChannel(0);
    slack.channel(JSON.readTree("{\"id\":\"C0TEST0002\",\"name\":\"elsewhere\",\"is_member\":false}"));

    JsonNode outside = call(slack.botToken(), "conversations.history", Map.of("channel", "C0TEST0002"));
    JsonNode posted = call(slack.botToken(), "chat.postMessage", Map.of("channel", "#deal-room", "text", "hello"));

    assertEquals("not_in_channel", outside.path("error").asText());
    assertTrue(posted.path("ok").asBoolean(), posted.toString());
    assertEquals("hello", slack.messages(CHANNEL).get(0).path("text").asText());
  }

  @Test
  void theArgumentsOfEachCallAreReadBackAsTheAppSentThem() throws Exception {
    seedChannel(0);

    call(slack.botToken(), "chat.postMessage", Map.of("channel", "#deal-room", "text", "one"));
    call("xoxb-test-unknown-token", "chat.postMessage", Map.of("channel", "#deal-room", "text", "two"));

    assertEquals(List.of("one", "two"), slack.arguments("chat.postMessage").stream().map(a -> a.get("text")).toList());
    assertEquals("#deal-room", slack.arguments("chat.postMessage").get(0).get("channel"));
  }

  @Test
  void theBotUpdatesAMessageItPostedBeforeTheFakeStarted() throws Exception {
    seedChannel(1);

    JsonNode updated = call(slack.botToken(), "chat.update", Map.of("channel", CHANNEL, "ts", "1700000001.000100",
        "text", "changed"));

    assertTrue(updated.path("ok").asBoolean(), updated.toString());
    assertEquals("changed", updated.path("message").path("text").asText());
  }

  @Test
  void whatAnAppPostsToASlashCommandsResponseUrlIsReadBack() throws Exception {
    seedChannel(0);
    slack.user(JSON.readTree("{\"id\":\"U0TEST0001\",\"team_id\":\"T0TEST0001\",\"name\":\"a.person\"}"));
    var command = slack.interactions("test-signing-secret-not-a-secret").command("U0TEST0001", CHANNEL, "/handoff", "x");
    String responseUrl = java.net.URLDecoder.decode(command.body().replaceFirst(".*response_url=([^&]*).*", "$1"),
        StandardCharsets.UTF_8);

    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(responseUrl))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"done\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, answer.statusCode());
    assertEquals("done", slack.responseUrlPosts().get(0).path("text").asText());
  }

  @Test
  void aRateLimitIsAnsweredOnceWithRetryAfter() throws Exception {
    slack.rateLimitOnce("auth.test", 7);

    HttpResponse<String> limited = send(slack.botToken(), "auth.test", Map.of());
    HttpResponse<String> next = send(slack.botToken(), "auth.test", Map.of());

    assertEquals(429, limited.statusCode());
    assertEquals("7", limited.headers().firstValue("Retry-After").orElseThrow());
    assertEquals("ratelimited", JSON.readTree(limited.body()).path("error").asText());
    assertEquals(200, next.statusCode());
  }

  @Test
  void aSignedRequestCarriesTheSignatureTheSlackModuleChecks() {
    var signer = new SlackRequestSigner("test-signing-secret-not-a-secret").at(Instant.ofEpochSecond(1700000000));

    SignedSlackRequest r = signer.sign("command=%2Fhandoff&text=status", "application/x-www-form-urlencoded");

    assertEquals("1700000000", r.timestamp());
    assertEquals(SlackSigning.signature("test-signing-secret-not-a-secret".getBytes(StandardCharsets.UTF_8),
        "1700000000", r.body().getBytes(StandardCharsets.UTF_8)), r.headers().get(SlackSigning.SIGNATURE_HEADER));
    assertTrue(r.signature().startsWith("v0=") && r.signature().length() == 67, r.signature());
    assertNotEquals(r.signature(), signer.signedWith("test-other-secret").sign(r.body(), r.contentType()).signature());
    assertFalse(signer.toString().contains("test-signing-secret"), "the secret is never shown");
  }

  private void seedChannel(int messages) throws Exception {
    slack.channel(JSON.readTree("{\"id\":\"" + CHANNEL + "\",\"name\":\"deal-room\",\"is_member\":true}"));
    for (int i = 1; i <= messages; i++) {
      slack.message(CHANNEL, message("170000000" + i + ".000100", null));
    }
  }

  private static JsonNode message(String ts, String threadTs) {
    var m = JSON.createObjectNode().put("type", "message").put("user", "U0TEST0001").put("text", "m " + ts)
        .put("ts", ts);
    return threadTs == null ? m : m.put("thread_ts", threadTs);
  }

  private static List<String> ts(JsonNode answer) {
    List<String> out = new ArrayList<>();
    answer.path("messages").forEach(m -> out.add(m.path("ts").asText()));
    return out;
  }

  private JsonNode call(String token, String method, Map<String, String> form) throws Exception {
    return JSON.readTree(send(token, method, form).body());
  }

  private HttpResponse<String> send(String token, String method, Map<String, String> form) throws Exception {
    String body = form.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    var request = HttpRequest.newBuilder(URI.create(slack.baseUrl() + "/api/" + method))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

}
