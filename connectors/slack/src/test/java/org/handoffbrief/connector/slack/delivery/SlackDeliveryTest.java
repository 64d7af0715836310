package org.handoffbrief.connector.slack.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.handoffbrief.connector.slack.delivery.SlackTestWorkspace.CHANNEL;
import static org.handoffbrief.connector.slack.delivery.SlackTestWorkspace.JSON;
import static org.handoffbrief.connector.slack.delivery.SlackTestWorkspace.channel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.RateLimitException;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.review.ReviewState;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.Delivery;
import org.handoffbrief.store.ReviewStatus;
import org.handoffbrief.store.StoredBrief;
import org.handoffbrief.testing.FakeSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackDeliveryTest {
  static final Instant NOW = Instant.parse("2026-03-28T16:00:00Z");
  static final String KEY = "slack:cs-handoffs:006000000000001AAA/handoff";

  FakeSlack slack;
  BriefStore store;
  BriefReview review;
  SlackDelivery delivery;

  @BeforeEach
  void setUp() {
    slack = SlackTestWorkspace.start();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    store = BriefStore.inMemory(clock);
    review = BriefReview.builder(store).clock(clock).build();
    delivery = SlackDelivery.create(config(slack.botToken(), "cs-handoffs"), store, review, clock);
  }

  @AfterEach
  void tearDown() {
    delivery.close();
    slack.close();
  }

  private SlackDeliveryConfig config(String token, String channel) {
    return SlackTestWorkspace.config(slack, token, channel);
  }

  /** The ts of the one message the bot posted to the channel. */
  private String postedTs() {
    assertEquals(1, slack.messages(CHANNEL).size());
    return slack.messages(CHANNEL).get(0).path("ts").asText();
  }

  @Test
  void theFirstDeliveryPostsToTheChannelWithBlocksAndMetadataAndRecordsWhereItIs() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);

    SlackDelivery.Posted posted = delivery.publish(v1, v1.brief(), "Confirmed by A Reviewer, 2026-03-28");

    String ts = postedTs();
    assertEquals(new SlackDelivery.Posted(KEY, CHANNEL, ts, SlackDelivery.Action.POSTED, null), posted);
    assertEquals(1, slack.arguments("chat.postMessage").size());
    assertEquals("Bearer " + FakeSlack.BOT_TOKEN, slack.received(postRequestedFor(urlPathEqualTo(
        "/api/chat.postMessage"))).get(0).getHeader("Authorization"));
    Map<String, String> form = slack.arguments("chat.postMessage").get(0);
    assertEquals("cs-handoffs", form.get("channel"));
    assertTrue(form.get("blocks").contains("Kickoff is on 2 April."));
    assertTrue(form.get("metadata").contains("\"event_type\":\"handoff_brief\""));
    assertTrue(form.get("metadata").contains("\"delivery_key\":\"" + KEY + "\""));
    Delivery d = store.delivery(KEY).orElseThrow();
    assertEquals(CHANNEL, d.channel());
    assertEquals(ts, d.messageId());
    assertEquals(v1.briefId(), d.briefId());
  }

  /** Issue 10: update-not-duplicate across two runs. */
  @Test
  void deliveringTheSameBriefTwicePostsOnceAndUpdatesOnceWithoutAThreadReply() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);

    delivery.publish(v1, v1.brief(), null);
    SlackDelivery.Posted again = delivery.publish(v1, v1.brief(), null);

    assertEquals(SlackDelivery.Action.UPDATED, again.action());
    assertNull(again.threadReply());
    assertEquals(1, slack.arguments("chat.postMessage").size());
    var update = slack.arguments("chat.update");
    assertEquals(1, update.size());
    assertEquals(CHANNEL, update.get(0).get("channel"));
    assertEquals(postedTs(), update.get(0).get("ts"));
  }

  @Test
  void aNewVersionUpdatesTheMessageAndRepliesOnceInItsThreadWithWhatChanged() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    delivery.publish(v1, v1.brief(), null);
    StoredBrief v2 = store.save(Briefs.small("Kickoff moved to 9 April."), BriefKind.HANDOFF);

    SlackDelivery.Posted posted = delivery.publish(v2, v2.brief(), null);
    delivery.publish(v2, v2.brief(), null);

    String ts = postedTs();
    assertEquals(slack.replies(CHANNEL, ts).get(0).path("ts").asText(), posted.threadReply());
    assertEquals(2, slack.arguments("chat.update").size());
    var replies = slack.arguments("chat.postMessage").stream().filter(r -> r.containsKey("thread_ts")).toList();
    assertEquals(1, replies.size(), "one reply per version, however often it is delivered");
    assertEquals(ts, replies.get(0).get("thread_ts"));
    assertTrue(replies.get(0).get("text").startsWith("Updated to version 2."));
    assertEquals(v2.briefId(), store.delivery(KEY).orElseThrow().briefId());
  }

  /** A message someone deleted is posted again once, and the new one is what later deliveries update. */
  @Test
  void aDeletedMessageIsPostedAgainInsteadOfFailingTheDelivery() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    delivery.publish(v1, v1.brief(), null);
    // Slack has no message by that ts any more: someone deleted it.
    slack.inject(post(urlPathEqualTo("/api/chat.update")).willReturn(okJson(
        "{\"ok\":false,\"error\":\"message_not_found\"}")));

    SlackDelivery.Posted again = delivery.publish(v1, v1.brief(), null);

    assertEquals(SlackDelivery.Action.POSTED, again.action());
    assertEquals(2, slack.arguments("chat.postMessage").size());
    assertEquals(1, slack.arguments("chat.update").size());
    assertEquals(slack.messages(CHANNEL).get(1).path("ts").asText(), again.ts());
    assertEquals(again.ts(), store.delivery(KEY).orElseThrow().messageId());
  }

  /** Issue 10: update-not-duplicate after a crash between post and store. */
  @Test
  void aPostMadeBeforeACrashIsFoundByItsMetadataAndUpdatedInsteadOfPostedAgain() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    Instant reserved = NOW.minus(Duration.ofMinutes(3));
    store.reserveDelivery(new Delivery(KEY, "cs-handoffs", null, v1.briefId(), reserved)); // then the crash
    // The channel since: our post, another deal's post, then a person talking.
    String ours = SlackDelivery.ts(reserved.plusSeconds(1));
    slack.message(CHANNEL, botPost(ours, "slack:cs-handoffs:006000000000001AAA/handoff", "006000000000001AAA/handoff/v1"));
    slack.message(CHANNEL, botPost(SlackDelivery.ts(reserved.plusSeconds(2)), "slack:cs-handoffs:006000000000009AAA/handoff",
        "006000000000009AAA/handoff/v1"));
    slack.message(CHANNEL, JSON.createObjectNode().put("type", "message").put("text", "A person talking in the channel")
        .put("user", "U0PERSON01").put("ts", SlackDelivery.ts(reserved.plusSeconds(3))));

    SlackDelivery.Posted posted = delivery.publish(v1, v1.brief(), null);

    assertEquals(SlackDelivery.Action.RECOVERED, posted.action());
    assertEquals(ours, posted.ts());
    assertEquals(0, slack.arguments("chat.postMessage").size());
    assertEquals(1, slack.arguments("chat.update").size());
    Map<String, String> history = slack.arguments("conversations.history").get(0);
    assertEquals(CHANNEL, history.get("channel"), "the channel's id, looked up by its name");
    assertEquals("1", history.get("include_all_metadata"), "the SDK sends true as 1");
    assertEquals(SlackDelivery.ts(reserved.minus(SlackDeliveryConfig.DEFAULT_RECOVERY_MARGIN)), history.get("oldest"));
    assertEquals(ours, store.delivery(KEY).orElseThrow().messageId());
  }

  /** A message the bot posted, carrying a delivery's metadata as {@code conversations.history} shows it. */
  private static ObjectNode botPost(String ts, String deliveryKey, String briefId) {
    ObjectNode m = JSON.createObjectNode().put("type", "message").put("subtype", "bot_message")
        .put("text", "Handoff brief").put("ts", ts).put("bot_id", "B0TESTBOT1");
    m.putObject("metadata").put("event_type", "handoff_brief").putObject("event_payload")
        .put("delivery_key", deliveryKey).put("brief_id", briefId);
    return m;
  }

  @Test
  void aReservationWhosePostNeverHappenedIsPostedOnce() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    store.reserveDelivery(new Delivery(KEY, "cs-handoffs", null, v1.briefId(), NOW.minusSeconds(60)));

    SlackDelivery.Posted posted = delivery.publish(v1, v1.brief(), null);

    assertEquals(SlackDelivery.Action.POSTED, posted.action());
    assertEquals(1, slack.arguments("conversations.history").size(), "the channel's history was searched first");
    assertEquals(1, slack.arguments("chat.postMessage").size());
    assertEquals(0, slack.arguments("chat.update").size());
  }

  @Test
  void aRateLimitIsTypedWithSlacksRetryAfter() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    slack.rateLimitOnce("chat.postMessage", 30);

    var e = assertThrows(RateLimitException.class, () -> delivery.publish(v1, v1.brief(), null));

    assertEquals(Duration.ofSeconds(30), e.retryAfter().orElseThrow());
    assertFalse(e.getMessage().contains(FakeSlack.BOT_TOKEN));
  }

  @Test
  void aBotOutsideTheChannelIsTypedWithSlacksErrorAndWhatToDo() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    slack.channel(channel(CHANNEL, "cs-handoffs", false));

    var e = assertThrows(SlackDeliveryException.class, () -> delivery.publish(v1, v1.brief(), null));

    assertEquals("not_in_channel", e.error());
    assertTrue(e.getMessage().contains("invite it"), e.getMessage());
  }

  @Test
  void aRefusedTokenIsAnAuthenticationFailureThatNeverShowsTheToken() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    String revoked = "xoxb-test-revoked-token-not-a-secret";
    delivery.close();
    delivery = SlackDelivery.create(config(revoked, "cs-handoffs"), store, review, Clock.fixed(NOW, ZoneOffset.UTC));

    var e = assertThrows(AuthenticationException.class, () -> delivery.publish(v1, v1.brief(), null));

    assertFalse(e.getMessage().contains(revoked));
    assertTrue(e.getMessage().contains("slackdelivery.botToken"));
  }

  @Test
  void aBriefWaitingForReviewIsNotDelivered() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    store.moveReview(v1.briefId(), null, new ReviewStatus(v1.briefId(), ReviewState.IN_REVIEW, "ae", NOW, null));

    assertThrows(IllegalStateException.class, () -> delivery.deliver(v1));
    assertEquals(0, slack.arguments("chat.postMessage").size());
  }

  /** An approved brief is posted and moved to delivered. */
  @Test
  void anApprovedBriefIsPostedAndMovedToDelivered() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    BriefReview.builder(store).mode(BriefReview.Mode.NEVER).build().start(v1, "ae@vendor.example.com");

    delivery.deliver(v1);

    assertEquals(ReviewState.DELIVERED, review.state(v1.briefId()));
    assertEquals(1, slack.arguments("chat.postMessage").size());
  }

  /** Slack's refusal moves the brief to failed with why. */
  @Test
  void aRefusedPostMovesTheBriefToFailedWithSlacksReason() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    BriefReview.builder(store).mode(BriefReview.Mode.NEVER).build().start(v1, "ae@vendor.example.com");
    slack.channel(channel(CHANNEL, "cs-handoffs", false));

    assertThrows(SlackDeliveryException.class, () -> delivery.deliver(v1));

    ReviewStatus s = store.reviewStatus(v1.briefId()).orElseThrow();
    assertEquals(ReviewState.FAILED, s.state());
    assertTrue(s.note().contains("not_in_channel"), s.note());
  }

  /** Issue 10: the time-out path: delivered marked "not reviewed". */
  @Test
  void aReviewThatTimedOutIsDeliveredMarkedNotReviewed() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    store.moveReview(v1.briefId(), null, new ReviewStatus(v1.briefId(), ReviewState.IN_REVIEW, "ae", NOW, null));

    delivery.deliverNotReviewed(v1);

    assertEquals(ReviewState.DELIVERED, review.state(v1.briefId()));
    assertTrue(slack.arguments("chat.postMessage").get(0).get("blocks").contains("*Review:* Not reviewed"));
  }
}
