package org.handoffbrief.connector.slack.delivery;

import static org.handoffbrief.connector.slack.delivery.SlackTestWorkspace.CHANNEL;
import static org.handoffbrief.connector.slack.delivery.SlackTestWorkspace.REVIEWER;
import static org.handoffbrief.connector.slack.delivery.SlackTestWorkspace.REVIEWER_EMAIL;
import static org.handoffbrief.connector.slack.delivery.SlackTestWorkspace.SECRET;
import static org.handoffbrief.connector.slack.delivery.SlackTestWorkspace.headers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.review.ReviewFeedback;
import org.handoffbrief.review.ReviewState;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.ReviewStatus;
import org.handoffbrief.store.StoredBrief;
import org.handoffbrief.testing.FakeSlack;
import org.handoffbrief.testing.SignedSlackRequest;
import org.handoffbrief.testing.SlackRequestSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackInteractionsTest {
  static final Instant NOW = Instant.parse("2026-03-28T16:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  FakeSlack slack;
  SlackDeliveryConfig config;
  BriefStore store;
  BriefReview review;
  SlackDelivery delivery;
  SlackInteractions interactions;
  final List<Runnable> work = new ArrayList<>();
  final List<StoredBrief> approved = new ArrayList<>();
  StoredBrief brief;

  @BeforeEach
  void setUp() {
    slack = SlackTestWorkspace.start();
    store = BriefStore.inMemory(CLOCK);
    review = BriefReview.builder(store).clock(CLOCK).build();
    config = SlackTestWorkspace.config(slack, CHANNEL);
    delivery = SlackDelivery.create(config, store, review, CLOCK);
    interactions = SlackInteractions.builder(config, store, review, work::add).delivery(delivery)
        .onApproved(approved::add).clock(CLOCK).build();
    brief = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
  }

  @AfterEach
  void tearDown() {
    interactions.close();
    delivery.close();
    slack.close();
  }

  /** Issue 10: signature checks: a valid request is acknowledged at once and its work runs after. */
  @Test
  void aValidlySignedClickIsAcknowledgedAtOnceAndItsWorkIsScheduledAfter() {
    var ack = interactions.handle(signed(NOW, SECRET, confirm()), body(confirm()));

    assertEquals(200, ack.status());
    assertEquals("", ack.body());
    assertEquals(1, work.size(), "the answer is recorded on the host's executor, after the acknowledgement");
  }

  /** Issue 10: signature checks: wrong secret. */
  @Test
  void aRequestSignedWithAnotherSecretIsRefusedAndChangesNothing() {
    var ack = interactions.handle(signed(NOW, "another0secret0entirely00000000", confirm()), body(confirm()));

    assertEquals(401, ack.status());
    assertFalse(ack.body().contains(SECRET));
    assertTrue(work.isEmpty());
  }

  /** Issue 10: signature checks: an altered body fails the signature made over the original. */
  @Test
  void aBodyAlteredAfterSigningIsRefused() {
    var headers = signed(NOW, SECRET, confirm());

    var ack = interactions.handle(headers, body(confirm().replace(brief.briefId(), "006OTHER/handoff/v1")));

    assertEquals(401, ack.status());
    assertTrue(work.isEmpty());
  }

  /** Issue 10: signature checks: stale timestamp (and one from the future). */
  @Test
  void aTimestampMoreThanFiveMinutesOldOrAheadIsRefusedEvenWhenCorrectlySigned() {
    var old = interactions.handle(signed(NOW.minusSeconds(301), SECRET, confirm()), body(confirm()));
    var ahead = interactions.handle(signed(NOW.plusSeconds(301), SECRET, confirm()), body(confirm()));
    var justInside = interactions.handle(signed(NOW.minusSeconds(299), SECRET, confirm()), body(confirm()));

    assertEquals(401, old.status());
    assertEquals(401, ahead.status());
    assertEquals(200, justInside.status());
    assertEquals(1, work.size());
  }

  /** Issue 10: signature checks: replay. */
  @Test
  void aReplayedRequestIsAcknowledgedAndChangesNothing() {
    var headers = signed(NOW, SECRET, confirm());

    var first = interactions.handle(headers, body(confirm()));
    var replay = interactions.handle(headers, body(confirm()));

    assertEquals(200, first.status());
    assertEquals(200, replay.status());
    assertEquals(1, work.size(), "the replay scheduled nothing");
  }

  /** Issue 10: signature checks: missing header. */
  @Test
  void aRequestWithoutTheSignatureOrTheTimestampIsRefused() {
    var noSignature = new java.util.HashMap<>(signed(NOW, SECRET, confirm()));
    noSignature.remove("X-Slack-Signature");
    var noTimestamp = new java.util.HashMap<>(signed(NOW, SECRET, confirm()));
    noTimestamp.remove("X-Slack-Request-Timestamp");

    assertEquals(401, interactions.handle(noSignature, body(confirm())).status());
    assertEquals(401, interactions.handle(noTimestamp, body(confirm())).status());
    assertEquals(401, interactions.handle(Map.of(), body(confirm())).status());
    assertTrue(work.isEmpty());
  }

  @Test
  void headerNamesAreMatchedInAnyCaseAsHostsPassThem() {
    Map<String, List<String>> lower = new java.util.HashMap<>();
    signed(NOW, SECRET, confirm()).forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));

    assertEquals(200, interactions.handle(lower, body(confirm())).status());
  }

  @Test
  void flagAProblemOpensTheModalWithTheClickTriggerListingTheBriefsClaims() throws Exception {
    SignedSlackRequest flag = reviewerClicks(SlackReviewPrompt.FLAG_ACTION);
    interactions.handle(headers(flag), SlackTestWorkspace.body(flag));
    work.forEach(Runnable::run);

    var open = slack.arguments("views.open");
    assertEquals(1, open.size());
    assertEquals(flag.payload().path("trigger_id").asText(), open.get(0).get("trigger_id"));
    JsonNode view = new ObjectMapper().readTree(open.get(0).get("view"));
    assertEquals(SlackInteractions.FLAG_CALLBACK, view.path("callback_id").asText());
    assertEquals(brief.briefId(), view.path("private_metadata").asText());
    JsonNode options = view.path("blocks").get(0).path("element").path("options");
    assertEquals(7, options.size());
    assertEquals("account_snapshot.1", options.get(0).path("value").asText());
    assertEquals(List.of("claim", "wrong", "note"), List.of(view.path("blocks").get(0).path("block_id").asText(),
        view.path("blocks").get(1).path("block_id").asText(), view.path("blocks").get(2).path("block_id").asText()));
  }

  @Test
  void aFlagWithoutSayingWhatIsWrongIsAnsweredWithSlacksFieldErrorsAndRecordsNothing() throws Exception {
    String payload = submission("stakeholders.1", null, null);

    var ack = interactions.handle(signed(NOW, SECRET, payload), body(payload));

    assertEquals(200, ack.status());
    JsonNode answer = new ObjectMapper().readTree(ack.body());
    assertEquals("errors", answer.path("response_action").asText());
    assertTrue(answer.path("errors").has("wrong"));
    assertTrue(work.isEmpty());
  }

  /** Confirm approves, the host's write-back runs, the brief is posted. */
  @Test
  void confirmRecordsTheReviewerByNameApprovesRunsTheHostsWriteBackAndDelivers() {
    SignedSlackRequest confirm = reviewerClicks(SlackReviewPrompt.CONFIRM_ACTION);

    interactions.handle(headers(confirm), SlackTestWorkspace.body(confirm));
    work.forEach(Runnable::run);

    ReviewFeedback answer = store.feedback(brief.briefId()).get(0);
    assertEquals(ReviewFeedback.Kind.CONFIRMED, answer.kind());
    assertEquals("A Reviewer", answer.reviewer(), "the name from users.info");
    assertEquals(List.of(brief), approved);
    assertEquals(ReviewState.DELIVERED, review.state(brief.briefId()));
    assertEquals(1, slack.messages(CHANNEL).size(), "the brief is posted to the channel");
    var dmUpdate = slack.arguments("chat.update");
    assertEquals(1, dmUpdate.size(), "the DM's buttons are replaced by who confirmed");
    assertEquals(confirm.payload().path("channel").path("id").asText(), dmUpdate.get(0).get("channel"));
    assertEquals(confirm.payload().path("container").path("message_ts").asText(), dmUpdate.get(0).get("ts"));
    assertTrue(dmUpdate.get(0).get("text").startsWith("Confirmed by A Reviewer, "));
  }

  /** A flagged claim requests changes and a note is kept. */
  @Test
  void aSubmittedFlagRequestsChangesAndKeepsTheNoteAndNothingIsDelivered() {
    inReview();
    String payload = submission("stakeholders.1", "Left the company in March", "Their successor joins the kickoff");

    var ack = interactions.handle(signed(NOW, SECRET, payload), body(payload));
    work.forEach(Runnable::run);

    assertEquals("", ack.body(), "an empty 200 closes the modal");
    assertEquals(ReviewState.CHANGES_REQUESTED, review.state(brief.briefId()));
    var kinds = store.feedback(brief.briefId()).stream().map(ReviewFeedback::kind).toList();
    assertEquals(List.of(ReviewFeedback.Kind.FLAGGED_CLAIM, ReviewFeedback.Kind.NOTE), kinds);
    assertTrue(approved.isEmpty());
    assertEquals(0, slack.arguments("chat.postMessage").size());
  }

  // ---- requests as Slack sends them

  /** The reviewer clicks {@code actionId} in the DM the review prompt sent them; the brief is in review. */
  private SignedSlackRequest reviewerClicks(String actionId) {
    try (var prompt = SlackReviewPrompt.create(config, review)) {
      prompt.send(brief, REVIEWER_EMAIL);
    }
    String dm = slack.directMessages().get(REVIEWER);
    return slack.interactions(SECRET).at(NOW).click(REVIEWER, dm, slack.messages(dm).get(0).path("ts").asText(),
        actionId);
  }

  private void inReview() {
    store.moveReview(brief.briefId(), null, new ReviewStatus(brief.briefId(), ReviewState.IN_REVIEW,
        "a.reviewer@vendor.example.com", NOW, null));
  }

  private String confirm() {
    return action(SlackReviewPrompt.CONFIRM_ACTION);
  }

  private String action(String actionId) {
    return """
        {"type":"block_actions","user":{"id":"U0REVIEW01","username":"a.reviewer","name":"a.reviewer",
         "team_id":"T0TEAM0001"},"api_app_id":"A0HANDOFF1","token":"legacy-verification-token",
         "container":{"type":"message","message_ts":"1774700000.000100","channel_id":"D0REVIEW01","is_ephemeral":false},
         "trigger_id":"13345224609.738474920.8088930838d88f008e0","team":{"id":"T0TEAM0001","domain":"example"},
         "channel":{"id":"D0REVIEW01","name":"directmessage"},
         "actions":[{"action_id":"%s","block_id":"handoff_review","text":{"type":"plain_text","text":"Confirm"},
           "value":"%s","style":"primary","type":"button","action_ts":"1774713600.112233"}]}
        """.formatted(actionId, brief.briefId());
  }

  private String submission(String claimId, String wrong, String note) {
    return """
        {"type":"view_submission","team":{"id":"T0TEAM0001","domain":"example"},
         "user":{"id":"U0REVIEW01","username":"a.reviewer","name":"a.reviewer","team_id":"T0TEAM0001"},
         "api_app_id":"A0HANDOFF1","trigger_id":"13345224609.738474920.8088930838d88f008e1",
         "view":{"id":"V0FLAG0001","type":"modal","callback_id":"handoff_review_flag","private_metadata":"%s",
          "state":{"values":{
            "claim":{"claim":{"type":"static_select","selected_option":%s}},
            "wrong":{"wrong":{"type":"plain_text_input","value":%s}},
            "note":{"note":{"type":"plain_text_input","value":%s}}}}}}
        """.formatted(brief.briefId(),
        claimId == null ? "null" : "{\"text\":{\"type\":\"plain_text\",\"text\":\"x\"},\"value\":\"" + claimId + "\"}",
        quoted(wrong), quoted(note));
  }

  private static String quoted(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  static byte[] body(String payload) {
    return ("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
  }

  /** The headers Slack sends with an interaction, signed by the kit's {@link SlackRequestSigner} at {@code at}. */
  static Map<String, List<String>> signed(Instant at, String secret, String payload) {
    return SlackTestWorkspace.headers(new SlackRequestSigner(secret).at(at).sign(
        new String(body(payload), StandardCharsets.UTF_8), "application/x-www-form-urlencoded"));
  }
}
