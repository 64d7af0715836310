package org.handoffbrief.connector.slack.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.handoffbrief.connector.slack.delivery.SlackStubs.TOKEN;
import static org.handoffbrief.connector.slack.delivery.SlackStubs.fixture;
import static org.handoffbrief.connector.slack.delivery.SlackStubs.form;
import static org.handoffbrief.connector.slack.delivery.SlackStubs.method;
import static org.handoffbrief.connector.slack.delivery.SlackStubs.requests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SlackDeliveryTest {
  static final Instant NOW = Instant.parse("2026-03-28T16:00:00Z");
  static final String KEY = "slack:cs-handoffs:006000000000001AAA/handoff";
  static final String TS = "1774710000.000100";

  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  BriefStore store;
  BriefReview review;
  SlackDelivery delivery;

  @BeforeEach
  void setUp() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    store = BriefStore.inMemory(clock);
    review = BriefReview.builder(store).clock(clock).build();
    delivery = SlackDelivery.create(SlackStubs.config(wm, "cs-handoffs"), store, review, clock);
    wm.stubFor(method("chat.postMessage").willReturn(fixture("chat-postMessage.json")));
    wm.stubFor(method("chat.postMessage").withRequestBody(containing("thread_ts"))
        .willReturn(fixture("chat-postMessage-reply.json")));
    wm.stubFor(method("chat.update").willReturn(fixture("chat-update.json")));
    wm.stubFor(method("conversations.list").willReturn(fixture("conversations-list.json")));
  }

  @AfterEach
  void tearDown() {
    delivery.close();
  }

  @Test
  void theFirstDeliveryPostsToTheChannelWithBlocksAndMetadataAndRecordsWhereItIs() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);

    SlackDelivery.Posted posted = delivery.publish(v1, v1.brief(), "Confirmed by A Reviewer, 2026-03-28");

    assertEquals(new SlackDelivery.Posted(KEY, "C0CSHAND01", TS, SlackDelivery.Action.POSTED, null), posted);
    var post = requests(wm, "chat.postMessage");
    assertEquals(1, post.size());
    assertEquals("Bearer " + TOKEN, post.get(0).getHeader("Authorization"));
    Map<String, String> form = form(post.get(0));
    assertEquals("cs-handoffs", form.get("channel"));
    assertTrue(form.get("blocks").contains("Kickoff is on 2 April."));
    assertTrue(form.get("metadata").contains("\"event_type\":\"handoff_brief\""));
    assertTrue(form.get("metadata").contains("\"delivery_key\":\"" + KEY + "\""));
    Delivery d = store.delivery(KEY).orElseThrow();
    assertEquals("C0CSHAND01", d.channel());
    assertEquals(TS, d.messageId());
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
    assertEquals(1, requests(wm, "chat.postMessage").size());
    var update = requests(wm, "chat.update");
    assertEquals(1, update.size());
    assertEquals("C0CSHAND01", form(update.get(0)).get("channel"));
    assertEquals(TS, form(update.get(0)).get("ts"));
  }

  @Test
  void aNewVersionUpdatesTheMessageAndRepliesOnceInItsThreadWithWhatChanged() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    delivery.publish(v1, v1.brief(), null);
    StoredBrief v2 = store.save(Briefs.small("Kickoff moved to 9 April."), BriefKind.HANDOFF);

    SlackDelivery.Posted posted = delivery.publish(v2, v2.brief(), null);
    delivery.publish(v2, v2.brief(), null);

    assertEquals("1774720000.000200", posted.threadReply());
    assertEquals(2, requests(wm, "chat.update").size());
    var replies = requests(wm, "chat.postMessage").stream().filter(r -> form(r).containsKey("thread_ts")).toList();
    assertEquals(1, replies.size(), "one reply per version, however often it is delivered");
    assertEquals(TS, form(replies.get(0)).get("thread_ts"));
    assertTrue(form(replies.get(0)).get("text").startsWith("Updated to version 2."));
    assertEquals(v2.briefId(), store.delivery(KEY).orElseThrow().briefId());
  }

  /** A message someone deleted is posted again once, and the new one is what later deliveries update. */
  @Test
  void aDeletedMessageIsPostedAgainInsteadOfFailingTheDelivery() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    delivery.publish(v1, v1.brief(), null);
    wm.stubFor(method("chat.update").atPriority(1).willReturn(okJson(
        "{\"ok\":false,\"error\":\"message_not_found\"}")));

    SlackDelivery.Posted again = delivery.publish(v1, v1.brief(), null);

    assertEquals(SlackDelivery.Action.POSTED, again.action());
    assertEquals(2, requests(wm, "chat.postMessage").size());
    assertEquals(1, requests(wm, "chat.update").size());
    assertEquals(TS, store.delivery(KEY).orElseThrow().messageId());
  }

  /** Issue 10: update-not-duplicate after a crash between post and store. */
  @Test
  void aPostMadeBeforeACrashIsFoundByItsMetadataAndUpdatedInsteadOfPostedAgain() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    Instant reserved = NOW.minus(Duration.ofMinutes(3));
    store.reserveDelivery(new Delivery(KEY, "cs-handoffs", null, v1.briefId(), reserved)); // then the crash
    wm.stubFor(method("conversations.history").willReturn(fixture("conversations-history-metadata.json")));

    SlackDelivery.Posted posted = delivery.publish(v1, v1.brief(), null);

    assertEquals(SlackDelivery.Action.RECOVERED, posted.action());
    assertEquals(TS, posted.ts());
    assertEquals(0, requests(wm, "chat.postMessage").size());
    assertEquals(1, requests(wm, "chat.update").size());
    Map<String, String> history = form(requests(wm, "conversations.history").get(0));
    assertEquals("C0CSHAND01", history.get("channel"), "the channel's id, looked up by its name");
    assertEquals("1", history.get("include_all_metadata"), "the SDK sends true as 1");
    assertEquals(SlackDelivery.ts(reserved.minus(SlackDeliveryConfig.DEFAULT_RECOVERY_MARGIN)), history.get("oldest"));
    assertEquals(TS, store.delivery(KEY).orElseThrow().messageId());
  }

  @Test
  void aReservationWhosePostNeverHappenedIsPostedOnce() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    store.reserveDelivery(new Delivery(KEY, "cs-handoffs", null, v1.briefId(), NOW.minusSeconds(60)));
    wm.stubFor(method("conversations.history").willReturn(fixture("conversations-history-empty.json")));

    SlackDelivery.Posted posted = delivery.publish(v1, v1.brief(), null);

    assertEquals(SlackDelivery.Action.POSTED, posted.action());
    assertEquals(1, requests(wm, "chat.postMessage").size());
    assertEquals(0, requests(wm, "chat.update").size());
  }

  @Test
  void aRateLimitIsTypedWithSlacksRetryAfter() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    wm.stubFor(method("chat.postMessage").atPriority(1).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "30").withHeader("Content-Type", "application/json")
        .withBody(SlackStubs.read("error-ratelimited.json"))));

    var e = assertThrows(RateLimitException.class, () -> delivery.publish(v1, v1.brief(), null));

    assertEquals(Duration.ofSeconds(30), e.retryAfter().orElseThrow());
    assertFalse(e.getMessage().contains(TOKEN));
  }

  @Test
  void aBotOutsideTheChannelIsTypedWithSlacksErrorAndWhatToDo() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    wm.stubFor(method("chat.postMessage").atPriority(1).willReturn(fixture("error-not_in_channel.json")));

    var e = assertThrows(SlackDeliveryException.class, () -> delivery.publish(v1, v1.brief(), null));

    assertEquals("not_in_channel", e.error());
    assertTrue(e.getMessage().contains("invite it"), e.getMessage());
  }

  @Test
  void aRefusedTokenIsAnAuthenticationFailureThatNeverShowsTheToken() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    wm.stubFor(method("chat.postMessage").atPriority(1).willReturn(fixture("error-invalid_auth.json")));

    var e = assertThrows(AuthenticationException.class, () -> delivery.publish(v1, v1.brief(), null));

    assertFalse(e.getMessage().contains(TOKEN));
    assertTrue(e.getMessage().contains("slackdelivery.botToken"));
  }

  @Test
  void aBriefWaitingForReviewIsNotDelivered() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    store.moveReview(v1.briefId(), null, new ReviewStatus(v1.briefId(), ReviewState.IN_REVIEW, "ae", NOW, null));

    assertThrows(IllegalStateException.class, () -> delivery.deliver(v1));
    assertEquals(0, requests(wm, "chat.postMessage").size());
  }

  /** An approved brief is posted and moved to delivered. */
  @Test
  void anApprovedBriefIsPostedAndMovedToDelivered() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    BriefReview.builder(store).mode(BriefReview.Mode.NEVER).build().start(v1, "ae@vendor.example.com");

    delivery.deliver(v1);

    assertEquals(ReviewState.DELIVERED, review.state(v1.briefId()));
    assertEquals(1, requests(wm, "chat.postMessage").size());
  }

  /** Slack's refusal moves the brief to failed with why. */
  @Test
  void aRefusedPostMovesTheBriefToFailedWithSlacksReason() {
    StoredBrief v1 = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    BriefReview.builder(store).mode(BriefReview.Mode.NEVER).build().start(v1, "ae@vendor.example.com");
    wm.stubFor(method("chat.postMessage").atPriority(1).willReturn(fixture("error-not_in_channel.json")));

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
    assertTrue(form(requests(wm, "chat.postMessage").get(0)).get("blocks").contains("*Review:* Not reviewed"));
  }
}
