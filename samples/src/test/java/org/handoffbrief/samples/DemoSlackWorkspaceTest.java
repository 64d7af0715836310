package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo Slack workspace takes a delivery's and a review's Web API calls from the real
 * slack-api-client (form bodies, Bearer token) and from a plain JSON body, answering in Slack's
 * wire format: what it keeps, what it refuses, and which token may do what.
 */
class DemoSlackWorkspaceTest {

  static final String ALEX = "U0ALEX0001";
  static final ObjectMapper JSON = new ObjectMapper();

  DemoSlack slack;
  MethodsClient poster;
  MethodsClient reader;

  @BeforeEach
  void start() {
    slack = DemoSlack.start();
    poster = client(DemoSlack.POST_TOKEN);
    reader = client(DemoSlack.BOT_TOKEN);
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  @Test
  void aPostToTheCsChannelAnswersItsChannelAndTsAndKeepsBlocksAndMetadata() throws Exception {
    ChatPostMessageResponse posted = post("#cs-handoffs", blocks(section("Account: Example Co")), "k-1");

    assertTrue(posted.isOk(), posted.getError());
    assertEquals(DemoSlack.CS_CHANNEL, posted.getChannel());
    assertTrue(posted.getTs().matches("\\d+\\.\\d{6}"), posted.getTs());
    assertEquals(posted.getTs(), posted.getMessage().getTs());
    List<JsonNode> kept = slack.messages(DemoSlack.CS_CHANNEL);
    assertEquals(1, kept.size());
    assertEquals("Account: Example Co", kept.get(0).at("/blocks/0/text/text").asText());
    assertEquals("k-1", kept.get(0).at("/metadata/event_payload/delivery_key").asText());
    assertEquals(1, slack.calls("chat.postMessage"));
  }

  @Test
  void aReplyInTheThreadIsKeptAsAReplyAndCountedOnItsParent() throws Exception {
    String ts = post(DemoSlack.CS_CHANNEL, blocks(section("v1")), "k-1").getTs();

    var reply = poster.chatPostMessage(r -> r.channel(DemoSlack.CS_CHANNEL).threadTs(ts).text("What changed: 2 items"));

    assertTrue(reply.isOk(), reply.getError());
    assertEquals(1, slack.messages(DemoSlack.CS_CHANNEL).size(), "a reply is not a second top-level message");
    assertEquals(List.of("What changed: 2 items"),
        slack.replies(DemoSlack.CS_CHANNEL, ts).stream().map(m -> m.path("text").asText()).toList());
    assertEquals(1, slack.messages(DemoSlack.CS_CHANNEL).get(0).path("reply_count").asInt());
  }

  @Test
  void anUpdateChangesTheSameMessageAndAnUnknownTsIsMessageNotFound() throws Exception {
    String ts = post(DemoSlack.CS_CHANNEL, blocks(section("v1")), "k-1").getTs();

    var updated = poster.chatUpdate(r -> r.channel(DemoSlack.CS_CHANNEL).ts(ts).blocksAsString(blocks(section("v2"))));
    var unknown = poster.chatUpdate(r -> r.channel(DemoSlack.CS_CHANNEL).ts("1700000000.000001").text("x"));

    assertTrue(updated.isOk(), updated.getError());
    assertEquals(ts, updated.getTs());
    assertEquals(1, slack.messages(DemoSlack.CS_CHANNEL).size());
    assertEquals("v2", slack.messages(DemoSlack.CS_CHANNEL).get(0).at("/blocks/0/text/text").asText());
    assertEquals("k-1", slack.messages(DemoSlack.CS_CHANNEL).get(0).at("/metadata/event_payload/delivery_key").asText(),
        "an update that sends no metadata keeps the message's");
    assertFalse(unknown.isOk());
    assertEquals("message_not_found", unknown.getError());
    assertEquals(1, slack.updates());
  }

  @Test
  void openingADmWithAPersonAnswersTheirImChannelOnceOpenAndThenAlreadyOpen() throws Exception {
    var first = poster.conversationsOpen(r -> r.users(List.of(ALEX)));
    var again = poster.conversationsOpen(r -> r.users(List.of(ALEX)));
    var nobody = poster.conversationsOpen(r -> r.users(List.of("U0NOBODY01")));
    var dm = poster.chatPostMessage(r -> r.channel(first.getChannel().getId()).text("Please review"));

    assertTrue(first.isOk(), first.getError());
    assertEquals("D0ALEX0001", first.getChannel().getId());
    assertTrue(again.isAlreadyOpen());
    assertEquals("user_not_found", nobody.getError());
    assertTrue(dm.isOk(), dm.getError());
    assertEquals(Map.of(ALEX, "D0ALEX0001"), slack.directMessages());
    assertEquals(1, slack.messages("D0ALEX0001").size());
  }

  @Test
  void aPostToAUserIdLandsInTheirDmWithTheApp() throws Exception {
    var dm = poster.chatPostMessage(r -> r.channel(ALEX).text("Please review"));

    assertEquals("D0ALEX0001", dm.getChannel());
    assertEquals(1, slack.messages("D0ALEX0001").size());
  }

  @Test
  void aPostWhereTheBotIsNoMemberOrToNoChannelIsRefusedLikeSlack() throws Exception {
    assertEquals("not_in_channel", poster.chatPostMessage(r -> r.channel("C0RANDOM01").text("x")).getError());
    assertEquals("channel_not_found", poster.chatPostMessage(r -> r.channel("C0NOWHERE1").text("x")).getError());
    assertEquals("no_text", poster.chatPostMessage(r -> r.channel(DemoSlack.CS_CHANNEL)).getError());
    assertEquals(0, slack.messages(DemoSlack.CS_CHANNEL).size());
  }

  @Test
  void theInternalPeopleAreFoundByEmailAndACustomerIsNot() throws Exception {
    var alex = poster.usersLookupByEmail(r -> r.email("Alex.Rivera@northwind-analytics.com"));
    var customer = poster.usersLookupByEmail(r -> r.email("priya.raman@meridianhealth.org"));
    var unknown = poster.usersLookupByEmail(r -> r.email("nobody@northwind-analytics.com"));

    assertTrue(alex.isOk(), alex.getError());
    assertEquals(ALEX, alex.getUser().getId());
    assertEquals("Alex Rivera", alex.getUser().getRealName());
    assertEquals("users_not_found", customer.getError(), "a Slack Connect guest belongs to another team");
    assertEquals("users_not_found", unknown.getError());
  }

  @Test
  void usersInfoAnswersEitherTokenAndUserNotFoundOtherwise() throws Exception {
    assertEquals("Alex Rivera", poster.usersInfo(r -> r.user(ALEX)).getUser().getRealName());
    assertEquals("Alex Rivera", reader.usersInfo(r -> r.user(ALEX)).getUser().getRealName());
    assertEquals("user_not_found", poster.usersInfo(r -> r.user("U0NOBODY01")).getError());
  }

  @Test
  void theHistoryWithAllMetadataFindsAPostByItsDeliveryKey() throws Exception {
    post(DemoSlack.CS_CHANNEL, blocks(section("one")), "k-1");
    String second = post(DemoSlack.CS_CHANNEL, blocks(section("two")), "k-2").getTs();

    var withMetadata = reader.conversationsHistory(r -> r.channel(DemoSlack.CS_CHANNEL).includeAllMetadata(true));
    var without = reader.conversationsHistory(r -> r.channel(DemoSlack.CS_CHANNEL));

    assertTrue(withMetadata.isOk(), withMetadata.getError());
    Message found = withMetadata.getMessages().stream()
        .filter(m -> m.getMetadata() != null && "k-2".equals(m.getMetadata().getEventPayload().get("delivery_key")))
        .findFirst().orElseThrow();
    assertEquals(second, found.getTs());
    assertEquals("handoff_brief", found.getMetadata().getEventType());
    assertEquals(second, withMetadata.getMessages().get(0).getTs(), "newest first, as Slack lists history");
    assertTrue(without.getMessages().stream().allMatch(m -> m.getMetadata() == null),
        "metadata only when include_all_metadata is asked for");
  }

  @Test
  void theHistoryPagesWithACursor() throws Exception {
    for (int i = 0; i < 3; i++) {
      post(DemoSlack.CS_CHANNEL, blocks(section("m" + i)), "k-" + i);
    }

    var first = reader.conversationsHistory(r -> r.channel(DemoSlack.CS_CHANNEL).limit(2));
    var second = reader.conversationsHistory(r -> r.channel(DemoSlack.CS_CHANNEL).limit(2)
        .cursor(first.getResponseMetadata().getNextCursor()));

    assertEquals(2, first.getMessages().size());
    assertTrue(first.isHasMore());
    assertEquals(1, second.getMessages().size());
    assertEquals("", second.getResponseMetadata().getNextCursor());
  }

  /** The posting token may differ from the reading one: each gets missing_scope outside its scopes. */
  @Test
  void aCallOutsideTheTokensScopesIsMissingScopeNamingWhatItNeeds() throws Exception {
    var postingReads = poster.conversationsHistory(r -> r.channel(DemoSlack.CS_CHANNEL));
    var readingPosts = reader.chatPostMessage(r -> r.channel(DemoSlack.CS_CHANNEL).text("x"));
    var readingOpensDm = reader.conversationsOpen(r -> r.users(List.of(ALEX)));

    assertEquals("missing_scope", postingReads.getError());
    assertEquals("channels:history", postingReads.getNeeded());
    assertEquals("chat:write,im:write,users:read,users:read.email", postingReads.getProvided());
    assertEquals("missing_scope", readingPosts.getError());
    assertEquals("chat:write", readingPosts.getNeeded());
    assertEquals("im:write", readingOpensDm.getNeeded());
    assertEquals(0, slack.messages(DemoSlack.CS_CHANNEL).size());
    assertTrue(slack.directMessages().isEmpty());
  }

  @Test
  void aWrongTokenIsInvalidAuthAndNoTokenIsNotAuthed() throws Exception {
    var wrong = client("xoxb-FAKE-not-the-demos").chatPostMessage(r -> r.channel(DemoSlack.CS_CHANNEL).text("x"));
    HttpResponse<String> none = raw("chat.postMessage", null, "application/x-www-form-urlencoded",
        "channel=C0CSHAND01&text=x");

    assertEquals("invalid_auth", wrong.getError());
    assertEquals("{\"ok\":false,\"error\":\"not_authed\"}", none.body());
    assertEquals(200, none.statusCode(), "Slack answers errors with HTTP 200");
    assertEquals(0, slack.messages(DemoSlack.CS_CHANNEL).size());
  }

  @Test
  void aMessageOverSlacksBlockLimitsIsRefusedWithInvalidBlocks() throws Exception {
    String tooMany = blocks(java.util.stream.IntStream.range(0, 51).mapToObj(i -> section("s" + i))
        .toArray(String[]::new));
    String longHeader = blocks("{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + "h".repeat(151)
        + "\"}}");
    String longSection = blocks(section("x".repeat(3001)));

    ChatPostMessageResponse many = post(DemoSlack.CS_CHANNEL, tooMany, "k");
    ChatPostMessageResponse header = post(DemoSlack.CS_CHANNEL, longHeader, "k");
    ChatPostMessageResponse section = post(DemoSlack.CS_CHANNEL, longSection, "k");
    ChatPostMessageResponse fifty = post(DemoSlack.CS_CHANNEL, blocks(java.util.stream.IntStream.range(0, 50)
        .mapToObj(i -> section("s" + i)).toArray(String[]::new)), "k");

    assertEquals("invalid_blocks", many.getError());
    assertEquals(List.of("must be less than 51 items [json-pointer:/blocks]"), many.getErrors());
    assertEquals(List.of("must be less than 151 characters [json-pointer:/blocks/0/text/text]"), header.getErrors());
    assertEquals(List.of("must be less than 3001 characters [json-pointer:/blocks/0/text/text]"), section.getErrors());
    assertTrue(fifty.isOk(), "50 blocks is inside the limit");
    assertEquals(1, slack.messages(DemoSlack.CS_CHANNEL).size());
  }

  @Test
  void aJsonBodyPostsLikeAForm() throws Exception {
    String body = "{\"channel\":\"C0CSHAND01\",\"text\":\"fallback\",\"blocks\":" + blocks(section("json"))
        + ",\"metadata\":{\"event_type\":\"handoff_brief\",\"event_payload\":{\"delivery_key\":\"k-json\"}}}";

    JsonNode answer = JSON.readTree(raw("chat.postMessage", DemoSlack.POST_TOKEN, "application/json; charset=utf-8",
        body).body());

    assertTrue(answer.path("ok").asBoolean(), answer.toString());
    assertEquals("C0CSHAND01", answer.path("channel").asText());
    JsonNode kept = slack.messages(DemoSlack.CS_CHANNEL).get(0);
    assertEquals("json", kept.at("/blocks/0/text/text").asText());
    assertEquals("k-json", kept.at("/metadata/event_payload/delivery_key").asText());
  }

  @Test
  void aModalOpensOnceForATriggerAndAnUnknownTriggerIsExpired() throws Exception {
    String trigger = clickReview();
    String view = "{\"type\":\"modal\",\"callback_id\":\"flag\",\"private_metadata\":\"brief-1\","
        + "\"title\":{\"type\":\"plain_text\",\"text\":\"Flag a problem\"},"
        + "\"submit\":{\"type\":\"plain_text\",\"text\":\"Send\"},\"blocks\":[{\"type\":\"input\",\"block_id\":\"what\","
        + "\"label\":{\"type\":\"plain_text\",\"text\":\"What is wrong\"},"
        + "\"element\":{\"type\":\"plain_text_input\",\"action_id\":\"text\"}}]}";

    var opened = poster.viewsOpen(r -> r.triggerId(trigger).viewAsString(view));
    var again = poster.viewsOpen(r -> r.triggerId(trigger).viewAsString(view));
    var unknown = poster.viewsOpen(r -> r.triggerId("1700000000.1.abc").viewAsString(view));

    assertTrue(opened.isOk(), opened.getError());
    assertEquals("brief-1", opened.getView().getPrivateMetadata());
    assertEquals(opened.getView().getId(), slack.views().get(0).path("id").asText());
    assertEquals("exchanged_trigger_id", again.getError());
    assertEquals("expired_trigger_id", unknown.getError());
    assertEquals(1, slack.views().size());
  }

  @Test
  void aModalWithATitleOverTwentyFourCharactersIsRefused() throws Exception {
    String trigger = clickReview();

    var opened = poster.viewsOpen(r -> r.triggerId(trigger).viewAsString(
        "{\"type\":\"modal\",\"title\":{\"type\":\"plain_text\",\"text\":\"" + "t".repeat(25) + "\"},\"blocks\":[]}"));

    assertEquals("invalid_arguments", opened.getError());
    assertTrue(slack.views().isEmpty());
  }

  @Test
  void whatWasPostedOutlivesTheServerWithAStateFileSoASecondRunUpdatesIt(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("slack.json");
    String ts;
    try (DemoSlack first = DemoSlack.start(state)) {
      poster = clientAt(first, DemoSlack.POST_TOKEN);
      ts = post(DemoSlack.CS_CHANNEL, blocks(section("v1")), "k-1").getTs();
    }
    try (DemoSlack second = DemoSlack.start(state)) {
      poster = clientAt(second, DemoSlack.POST_TOKEN);
      var updated = poster.chatUpdate(r -> r.channel(DemoSlack.CS_CHANNEL).ts(ts).blocksAsString(blocks(section("v2"))));

      assertTrue(updated.isOk(), updated.getError());
      assertEquals(1, second.messages(DemoSlack.CS_CHANNEL).size());
      assertEquals(1, second.updates());
      assertEquals(0, second.calls("chat.postMessage"));
    }
    assertTrue(Files.readString(state).contains("v2"));
  }

  @Test
  void withoutAStateFileEveryStartIsEmpty() {
    assertTrue(slack.messages(DemoSlack.CS_CHANNEL).isEmpty());
    assertNull(slack.directMessages().get(ALEX));
  }

  // ---- helpers ----

  /** Posts a DM with a review button, clicks it, and answers the payload's trigger id. */
  String clickReview() throws Exception {
    String ts = poster.chatPostMessage(r -> r.channel(ALEX).blocksAsString(
        "[{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"action_id\":\"flag\",\"value\":\"brief-1\","
            + "\"text\":{\"type\":\"plain_text\",\"text\":\"Flag a problem\"}}]}]")).getTs();
    return slack.interaction().click(ALEX, "D0ALEX0001", ts, "flag").payload().path("trigger_id").asText();
  }

  ChatPostMessageResponse post(String channel, String blocks, String deliveryKey) throws Exception {
    return poster.chatPostMessage(r -> r.channel(channel).text("Handoff brief").blocksAsString(blocks)
        .metadataAsString("{\"event_type\":\"handoff_brief\",\"event_payload\":{\"delivery_key\":\"" + deliveryKey
            + "\"}}"));
  }

  static String blocks(String... blocks) {
    return "[" + String.join(",", blocks) + "]";
  }

  static String section(String text) {
    return "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"" + text + "\"}}";
  }

  MethodsClient client(String token) {
    return clientAt(slack, token);
  }

  static MethodsClient clientAt(DemoSlack workspace, String token) {
    var config = new SlackConfig();
    config.setStatsEnabled(false);
    config.setMethodsEndpointUrlPrefix(workspace.baseUrl() + "/api/");
    return Slack.getInstance(config).methods(token);
  }

  HttpResponse<String> raw(String method, String token, String contentType, String body) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(slack.baseUrl() + "/api/" + method))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
