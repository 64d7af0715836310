package org.handoffbrief.connector.slack.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.handoffbrief.connector.slack.delivery.SlackTestWorkspace.CHANNEL;
import static org.handoffbrief.connector.slack.delivery.SlackTestWorkspace.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.RateLimitException;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.spi.kit.SlackSigning;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.testing.FakeSlack;
import org.handoffbrief.testing.SlackRequestSigner;
import org.handoffbrief.trigger.DealFinder;
import org.handoffbrief.trigger.DealFinder.Match;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackRequestsTest {
  static final Instant NOW = Instant.parse("2026-03-28T16:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String SALES = "C0SALES001";
  static final String MENTION = "1774720000.000200"; // the ts of the mention in app-mention.json

  final FakeSlack slack = SlackTestWorkspace.start();
  final BriefStore store = BriefStore.inMemory(CLOCK);
  final List<Runnable> work = new ArrayList<>();
  final List<String> searched = new CopyOnWriteArrayList<>();
  final List<DealRef> briefed = new CopyOnWriteArrayList<>();
  final List<SlackRequests.Failure> failures = new CopyOnWriteArrayList<>();
  List<Match> matches = List.of(match("006000000000001AAA", "Example & Co", "Platform", "2026-03-20"));
  SlackRequests requests;

  @BeforeEach
  void setUp() {
    slack.channel(SlackTestWorkspace.channel(SALES, "sales", true));
    // The mention app-mention.json tells of, in the channel's past.
    slack.message(SALES, SlackTestWorkspace.JSON.createObjectNode().put("type", "message").put("user", "U0SELLER01")
        .put("text", "<@U0HANDOFF1> brief  Example &amp; Co").put("ts", MENTION));
    requests = handler(store);
  }

  @AfterEach
  void tearDown() {
    requests.close();
    slack.close();
  }

  /** What the bot posted to the sales channel, in order, as the arguments it sent. */
  private List<Map<String, String>> posts() {
    return slack.arguments("chat.postMessage");
  }

  /** Issue 11: a slash command is acknowledged at once and the brief is answered in thread when ready. */
  @Test
  void aSlashCommandIsAcknowledgedBeforeAnyWorkAndEndsWithTheBriefInTheThreadOfItsFirstPost() throws Exception {
    byte[] body = command("brief Example &amp; Co", "13345224609.0001");

    var ack = requests.command(signed(NOW, SECRET, body), body);

    assertEquals(200, ack.status());
    assertEquals("ephemeral", json(ack.body()).path("response_type").asText());
    assertEquals(List.of(), searched, "nothing is searched before Slack has its answer");
    assertEquals(0, posts().size());
    assertEquals(1, work.size(), "the work waits on the host's executor");

    runWork();

    assertEquals(List.of("Example & Co"), searched);
    assertEquals(List.of("006000000000001AAA"), briefed.stream().map(DealRef::opportunityId).toList());
    var posts = posts();
    assertEquals(2, posts.size());
    assertEquals("C0SALES001", posts.get(0).get("channel"));
    assertEquals("Briefing Example & Co...", posts.get(0).get("text"));
    assertNull(posts.get(0).get("thread_ts"), "the first post starts the thread");
    assertEquals(slack.messages(SALES).get(0).path("ts").asText(), posts.get(1).get("thread_ts"), "in the first post's thread");
    assertTrue(posts.get(1).get("blocks").contains("Kickoff is on 2 April."));
    assertEquals(List.of(), failures);
  }

  /** Issue 11: an app mention ({@code @handoff brief ...}) ends with the brief in the mention's thread. */
  @Test
  void anAppMentionEndsWithTheBriefInTheThreadOfTheMention() {
    byte[] body = requestResource("app-mention.json");

    var ack = requests.events(signed(NOW, SECRET, body), body);
    assertEquals(200, ack.status());
    assertEquals(List.of(), briefed);
    runWork();

    assertEquals(List.of("Example & Co"), searched, "the mention and 'brief' are dropped, Slack's &amp; read back");
    assertEquals(1, briefed.size());
    var posts = posts();
    assertEquals(2, posts.size());
    posts.forEach(p -> assertEquals(MENTION, p.get("thread_ts")));
    posts.forEach(p -> assertEquals(SALES, p.get("channel")));
  }

  @Test
  void slacksUrlVerificationChallengeIsAnsweredWithTheChallenge() {
    byte[] body = requestResource("url-verification.json");

    var ack = requests.events(signed(NOW, SECRET, body), body);

    assertEquals(200, ack.status());
    assertEquals("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", ack.body());
    assertTrue(work.isEmpty());
  }

  /** Issue 11: a bad Slack signature is refused with a clear error and changes nothing. */
  @Test
  void aBadSignatureOnEachUrlIsRefusedWithWhyAndStoresOrPostsNothing() {
    byte[] command = command("brief Example Co", "13345224609.0002");
    byte[] event = requestResource("app-mention.json");
    byte[] pick = pick(0);
    var forged = signed(NOW, "another0secret0entirely00000000", command);

    var refused = List.of(requests.command(forged, command),
        requests.events(signed(NOW, "another0secret0entirely00000000", event), event),
        requests.interactivity(signed(NOW, "another0secret0entirely00000000", pick), pick));

    refused.forEach(a -> assertEquals(401, a.status()));
    refused.forEach(a -> assertTrue(a.body().contains("signature does not match"), a.body()));
    refused.forEach(a -> assertFalse(a.body().contains(SECRET)));
    assertTrue(work.isEmpty());
    assertNothingStoredFor(command, event, pick);
  }

  /** Issue 11: a bad Slack signature is refused (stale or missing) and changes nothing. */
  @Test
  void aStaleTimestampOrAMissingSignatureIsRefusedAndStoresNothing() {
    byte[] command = command("brief Example Co", "13345224609.0002");
    byte[] event = requestResource("app-mention.json");

    var stale = requests.command(signed(NOW.minusSeconds(301), SECRET, command), command);
    var unsigned = requests.events(Map.of("X-Slack-Request-Timestamp", List.of(String.valueOf(NOW.getEpochSecond()))),
        event);

    assertEquals(401, stale.status());
    assertTrue(stale.body().contains("outside the five-minute window"), stale.body());
    assertEquals(401, unsigned.status());
    assertTrue(work.isEmpty());
    assertNothingStoredFor(command, event, pick(0));
  }

  @Test
  void aSignedButMalformedBodyIsRefusedWith400AndStoresNothing() {
    byte[] notJson = "{\"type\":".getBytes(StandardCharsets.UTF_8);
    byte[] notACommand = "text=brief+Example+Co".getBytes(StandardCharsets.UTF_8);
    byte[] noPayload = "payload=%7Bbroken".getBytes(StandardCharsets.UTF_8);

    assertEquals(400, requests.events(signed(NOW, SECRET, notJson), notJson).status());
    assertEquals(400, requests.command(signed(NOW, SECRET, notACommand), notACommand).status());
    assertEquals(400, requests.interactivity(signed(NOW, SECRET, noPayload), noPayload).status());
    assertTrue(work.isEmpty());
  }

  /** Issue 11: every trigger dedupes through the store's unique keys, so two workers given the same event make one brief. */
  @Test
  void theSameEventDeliveredTwiceAndToASecondWorkerOnOneStoreMakesOneBriefAndOnePost() {
    byte[] body = requestResource("app-mention.json");
    SlackRequests otherWorker = handler(store);
    var retry = new HashMap<>(signed(NOW.plusSeconds(60), SECRET, body));
    retry.put("X-Slack-Retry-Num", List.of("1"));
    retry.put("X-Slack-Retry-Reason", List.of("http_timeout"));

    var first = requests.events(signed(NOW, SECRET, body), body);
    var slacksRetry = requests.events(retry, body);
    var toTheOtherWorker = otherWorker.events(signed(NOW, SECRET, body), body);
    runWork();
    otherWorker.close();

    List.of(first, slacksRetry, toTheOtherWorker).forEach(a -> assertEquals(200, a.status()));
    assertEquals(1, briefed.size());
    assertEquals(1, posts().stream()
        .filter(p -> p.get("blocks") != null).count(), "one brief posted");
  }

  @Test
  void aSlashCommandSentAgainWithTheSameTriggerIsTakenOnce() {
    byte[] body = command("brief Example Co", "13345224609.0003");

    requests.command(signed(NOW, SECRET, body), body);
    var again = requests.command(signed(NOW.plusSeconds(1), SECRET, body), body);
    runWork();

    assertEquals(200, again.status());
    assertEquals(1, briefed.size());
  }

  /** Issue 11: the account resolved by name, asking back when several match. */
  @Test
  void severalMatchesAreAskedBackInThreadAndAClickBriefsTheChosenDealOnce() throws Exception {
    matches = List.of(match("006000000000011AAA", "Example Co", "Renewal", "2026-03-20"),
        match("006000000000012AAA", "Example Co Logistics", "Platform", "2025-11-02"));
    byte[] mention = requestResource("app-mention.json");
    requests.events(signed(NOW, SECRET, mention), mention);
    runWork();

    assertEquals(List.of(), briefed, "nothing is briefed before the person chooses");
    var asked = posts();
    assertEquals(1, asked.size());
    assertEquals(MENTION, asked.get(0).get("thread_ts"));
    JsonNode buttons = json(asked.get(0).get("blocks")).get(1).path("elements");
    assertEquals(2, buttons.size());
    assertEquals("006000000000012AAA", buttons.get(1).path("value").asText());
    assertEquals("Example Co Logistics: Platform, won 2025-11-02", buttons.get(1).path("text").path("text").asText());

    byte[] click = pick(1);
    assertEquals(200, requests.interactivity(signed(NOW, SECRET, click), click).status());
    byte[] otherButton = pick(0);
    requests.interactivity(signed(NOW, SECRET, otherButton), otherButton);
    runWork();

    assertEquals(List.of("006000000000012AAA"), briefed.stream().map(DealRef::opportunityId).toList());
    assertEquals(DealRef.Trigger.MANUAL, briefed.get(0).trigger());
    var posts = posts();
    assertEquals(3, posts.size());
    assertEquals("Briefing Example Co Logistics: Platform, won 2025-11-02...", posts.get(1).get("text"));
    assertEquals(MENTION, posts.get(2).get("thread_ts"), "the brief is in the request's thread");
  }

  @Test
  void noMatchIsSaidPlainlyAndNothingIsBriefed() {
    matches = List.of();
    byte[] body = command("Nobody Here", "13345224609.0004");
    requests.command(signed(NOW, SECRET, body), body);
    runWork();

    assertEquals(List.of(), briefed);
    var posts = posts();
    assertEquals(1, posts.size());
    assertEquals("No won deal found for an account named \"Nobody Here\".", posts.get(0).get("text"));
  }

  @Test
  void helpOrNothingIsAnsweredAtOnceToTheRequesterAndStoresNothing() throws Exception {
    for (String text : List.of("help", "", "brief")) {
      byte[] body = command(text, "13345224609.0005");
      var ack = requests.command(signed(NOW, SECRET, body), body);
      assertEquals("ephemeral", json(ack.body()).path("response_type").asText());
      assertTrue(json(ack.body()).path("text").asText().contains("/handoff brief"));
    }
    assertTrue(work.isEmpty());
    assertTrue(store.markOnce("slack.request", "command:13345224609.0005", NOW), "help takes no key");
  }

  @Test
  void aMessageFromABotIsNeverARequest() {
    byte[] body = new String(requestResource("app-mention.json"), StandardCharsets.UTF_8)
        .replace("\"user\": \"U0SELLER01\",", "\"bot_id\": \"B0OTHER001\",").getBytes(StandardCharsets.UTF_8);

    assertEquals(200, requests.events(signed(NOW, SECRET, body), body).status());
    assertTrue(work.isEmpty());
  }

  @Test
  void whenTheBotIsNotInTheChannelASlashCommandIsAnsweredThroughItsResponseUrl() throws Exception {
    slack.channel(SlackTestWorkspace.channel(SALES, "sales", false));
    byte[] body = command("brief Example Co", "13345224609.0006");

    requests.command(signed(NOW, SECRET, body), body);
    runWork();

    assertEquals(1, posts().size(), "tried once, then the response_url");
    var answers = slack.responseUrlPosts();
    assertEquals(2, answers.size());
    assertEquals("in_channel", answers.get(1).path("response_type").asText());
    assertTrue(answers.get(1).path("blocks").isArray());
    assertEquals(List.of(), failures);
  }

  @Test
  void aRateLimitAndARefusedTokenAreReportedTypedWithoutTheToken() {
    // Every post is limited, not only the next one: both of this request's posts are refused.
    slack.inject(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "30").withHeader("Content-Type", "application/json")
        .withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));
    byte[] body = command("brief Example Co", "13345224609.0007");
    requests.command(signed(NOW, SECRET, body), body);
    runWork();

    assertEquals(2, failures.size(), "both posts were refused and reported; the brief was still made once");
    var limited = assertInstanceOf(RateLimitException.class, failures.get(0).error());
    assertEquals(Duration.ofSeconds(30), limited.retryAfter().orElseThrow());

    slack.inject(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(okJson(
        "{\"ok\":false,\"error\":\"invalid_auth\"}")));
    byte[] again = command("brief Example Co", "13345224609.0008");
    requests.command(signed(NOW, SECRET, again), again);
    runWork();

    var auth = assertInstanceOf(AuthenticationException.class, failures.get(2).error());
    assertFalse(auth.getMessage().contains(FakeSlack.BOT_TOKEN));
    assertTrue(failures.get(2).request().contains("brief \"Example Co\""), failures.get(2).request());
  }

  @Test
  void theReviewsButtonsReachTheReviewHandlerThroughTheSameInteractivityUrl() {
    var review = BriefReview.builder(store).clock(CLOCK).build();
    var stored = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    var config = SlackTestWorkspace.config(slack, CHANNEL);
    try (var interactions = SlackInteractions.builder(config, store, review, work::add).clock(CLOCK).build();
        var both = SlackRequests.builder(config, store, finder(), briefer(), work::add).interactions(interactions)
            .clock(CLOCK).build()) {
      String flag = """
          {"type":"block_actions","user":{"id":"U0REVIEW01"},"trigger_id":"13345224609.738474920.1",
           "container":{"type":"message","message_ts":"1774700000.000100","channel_id":"D0REVIEW01"},
           "actions":[{"action_id":"%s","value":"%s","type":"button","action_ts":"1774713600.1"}]}
          """.formatted(SlackReviewPrompt.FLAG_ACTION, stored.briefId());
      byte[] body = ("payload=" + URLEncoder.encode(flag, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);

      assertEquals(200, both.interactivity(signed(NOW, SECRET, body), body).status());
      runWork();

      assertEquals(1, slack.arguments("views.open").size());
      assertEquals(List.of(), briefed);
    }
  }

  @Test
  void theAccountNameIsReadFromTheRequestsText() {
    assertEquals("Example & Co", SlackRequests.accountWords("<@U0HANDOFF1|handoff>  brief   Example &amp; Co "));
    assertEquals("Example Co", SlackRequests.accountWords("Example Co"));
    assertEquals("Briefing Partners", SlackRequests.accountWords("Briefing Partners"));
    assertNull(SlackRequests.accountWords("<@U0HANDOFF1> help"));
    assertNull(SlackRequests.accountWords("BRIEF"));
    assertNull(SlackRequests.accountWords(" "));
  }

  // ---- the host, and requests as Slack sends them

  SlackRequests handler(BriefStore on) {
    return SlackRequests.builder(SlackTestWorkspace.config(slack, CHANNEL), on, finder(), briefer(), work::add)
        .onFailure(failures::add).clock(CLOCK).responseUrlPrefix(slack.baseUrl() + "/commands/").build();
  }

  DealFinder finder() {
    return words -> {
      searched.add(words);
      return matches;
    };
  }

  java.util.function.Function<DealRef, org.handoffbrief.model.HandoffBrief> briefer() {
    return ref -> {
      briefed.add(ref);
      return Briefs.small("Kickoff is on 2 April.");
    };
  }

  /** Runs the held work, and the work it schedules, as the host's pool would. */
  void runWork() {
    while (!work.isEmpty()) {
      work.remove(0).run();
    }
  }

  /** Each refused request left no key behind: the same request, signed, is still taken. */
  void assertNothingStoredFor(byte[] command, byte[] event, byte[] pick) {
    assertEquals(200, requests.command(signed(NOW, SECRET, command), command).status());
    assertEquals(200, requests.events(signed(NOW, SECRET, event), event).status());
    assertEquals(200, requests.interactivity(signed(NOW, SECRET, pick), pick).status());
    assertEquals(3, work.size());
    assertEquals(0, posts().size());
  }

  static Match match(String id, String account, String opportunity, String closed) {
    return new Match(new DealRef(id, DealRef.Trigger.MANUAL, NOW, false), account, opportunity,
        LocalDate.parse(closed));
  }

  byte[] command(String text, String trigger) {
    Map<String, String> f = new java.util.LinkedHashMap<>();
    f.put("token", "legacy-verification-token");
    f.put("team_id", "T0TEAM0001");
    f.put("channel_id", "C0SALES001");
    f.put("channel_name", "sales");
    f.put("user_id", "U0SELLER01");
    f.put("command", "/handoff");
    f.put("text", text);
    f.put("api_app_id", "A0HANDOFF1");
    f.put("response_url", slack.baseUrl() + "/commands/T0TEAM0001/1/fake");
    f.put("trigger_id", trigger);
    return f.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
  }

  /** A click on the n-th "which one?" button of the question asked in the mention's thread. */
  static byte[] pick(int n) {
    String[] ids = {"006000000000011AAA", "006000000000012AAA"};
    String[] labels = {"Example Co: Renewal, won 2026-03-20", "Example Co Logistics: Platform, won 2025-11-02"};
    String payload = """
        {"type":"block_actions","user":{"id":"U0SELLER01","username":"a.seller","team_id":"T0TEAM0001"},
         "api_app_id":"A0HANDOFF1","token":"legacy-verification-token","trigger_id":"13345224609.1.2",
         "container":{"type":"message","message_ts":"1774720001.000300","channel_id":"C0SALES001","is_ephemeral":false},
         "team":{"id":"T0TEAM0001","domain":"example"},"channel":{"id":"C0SALES001","name":"sales"},
         "message":{"type":"message","ts":"1774720001.000300","thread_ts":"1774720000.000200","bot_id":"B0HANDOFF1"},
         "actions":[{"action_id":"handoff_request_pick_%d","block_id":"handoff_request_pick",
           "text":{"type":"plain_text","text":"%s"},"value":"%s","type":"button","action_ts":"1774720100.000400"}]}
        """.formatted(n, labels[n], ids[n]);
    return ("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
  }

  /** The headers Slack sends, signed as the kit's {@link SlackRequestSigner} signs. */
  static Map<String, List<String>> signed(Instant at, String secret, byte[] body) {
    String ts = String.valueOf(at.getEpochSecond());
    return Map.of(SlackSigning.TIMESTAMP_HEADER, List.of(ts), SlackSigning.SIGNATURE_HEADER,
        List.of(new SlackRequestSigner(secret).signature(ts, new String(body, StandardCharsets.UTF_8))));
  }

  static JsonNode json(String s) throws IOException {
    return new ObjectMapper().readTree(s);
  }

  static byte[] requestResource(String name) {
    try (InputStream in = SlackRequestsTest.class.getResourceAsStream("/slack/requests/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
