package org.handoffbrief.connector.slack.delivery;

import static org.handoffbrief.connector.slack.delivery.SlackInteractionsTest.body;
import static org.handoffbrief.connector.slack.delivery.SlackInteractionsTest.signed;
import static org.handoffbrief.connector.slack.delivery.SlackTestWorkspace.SECRET;
import static org.handoffbrief.connector.slack.delivery.SlackTestWorkspace.headers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.handoffbrief.audit.AuditQuestion;
import org.handoffbrief.audit.SpotCheck;
import org.handoffbrief.audit.Verdict;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.review.ReviewState;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.ReviewStatus;
import org.handoffbrief.store.StoredBrief;
import org.handoffbrief.testing.FakeSlack;
import org.handoffbrief.testing.FakeSlackInteractions;
import org.handoffbrief.testing.SignedSlackRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackSpotCheckTest {
  static final Instant NOW = Instant.parse("2026-03-28T16:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String WEEK = "2026-W13";

  static final String MANAGER = "U0MANAGER1";

  FakeSlack workspace;
  FakeSlackInteractions people;
  BriefStore store;
  SlackSpotCheck slack;
  SlackInteractions interactions;
  final List<Runnable> work = new ArrayList<>();
  List<AuditQuestion> questions;

  @BeforeEach
  void setUp() {
    workspace = SlackTestWorkspace.start();
    workspace.user(SlackTestWorkspace.person(MANAGER, "A Manager")).user(SlackTestWorkspace.person("U0CSM00001", "A Csm"));
    people = workspace.interactions(SECRET).at(NOW);
    store = BriefStore.inMemory(CLOCK);
    StoredBrief brief = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    store.moveReview(brief.briefId(), null, new ReviewStatus(brief.briefId(), ReviewState.APPROVED, "policy",
        NOW.minusSeconds(60), null));
    store.moveReview(brief.briefId(), ReviewState.APPROVED, new ReviewStatus(brief.briefId(),
        ReviewState.DELIVERED, "worker", NOW.minusSeconds(60), null));
    SpotCheck spotCheck = SpotCheck.builder(store).seed(7).clock(CLOCK).build();
    questions = spotCheck.sample(WEEK);
    SlackDeliveryConfig config = SlackTestWorkspace.config(workspace, SlackTestWorkspace.CHANNEL);
    slack = SlackSpotCheck.create(config, spotCheck, store, CLOCK);
    interactions = SlackInteractions.builder(config, store, BriefReview.builder(store).clock(CLOCK).build(),
        work::add).spotCheck(slack).clock(CLOCK).build();
  }

  @AfterEach
  void tearDown() {
    interactions.close();
    slack.close();
    workspace.close();
  }

  /** Issue 12: the Slack flow: each question is sent once; a rerun sends only what is unsent. */
  @Test
  void eachQuestionIsSentOnceAndARerunSendsNothingMore() throws Exception {
    var first = slack.send(WEEK, "U0MANAGER1", q -> "U0CSM00001");
    var again = slack.send(WEEK, "U0MANAGER1", q -> "U0CSM00001");

    assertEquals(4, questions.size(), "three citations and one 'missed' question");
    assertEquals(4, first.sent().size());
    assertEquals(List.of(), again.sent());
    assertEquals(4, again.skipped().size());
    assertEquals(4, workspace.arguments("chat.postMessage").size());
    var opened = workspace.arguments("conversations.open").stream().map(r -> r.get("users")).toList();
    assertEquals(List.of("U0MANAGER1", "U0MANAGER1", "U0MANAGER1", "U0CSM00001"), opened);
    JsonNode blocks = new ObjectMapper().readTree(workspace.arguments("chat.postMessage").get(0).get("blocks"));
    assertTrue(blocks.get(2).path("text").path("text").asText().startsWith("> "), "the quote is a quote block");
    assertTrue(blocks.get(3).toString().contains("https://mail.example.com/m/"), "the link is shown");
    var buttons = blocks.get(4).path("elements");
    assertEquals(List.of("Supports", "Does not support", "Unsure"), List.of(buttons.get(0).path("text")
        .path("text").asText(), buttons.get(1).path("text").path("text").asText(), buttons.get(2).path("text")
        .path("text").asText()));
    assertEquals(questions.get(0).questionId(), buttons.get(0).path("value").asText());
  }

  @Test
  void aReminderAsksOnlyAboutUnansweredQuestionsAndOnlyOnce() {
    slack.send(WEEK, "U0MANAGER1", q -> null);
    click(SlackSpotCheck.ACTION_PREFIX + "supports", questions.get(0).questionId());

    var reminded = slack.remind(WEEK, "U0MANAGER1", q -> null);
    var again = slack.remind(WEEK, "U0MANAGER1", q -> null);

    assertEquals(3, reminded.sent().size());
    assertEquals(List.of(), again.sent());
  }

  /** Issue 12: the Slack flow with signed interactions: a click records the answer once. */
  @Test
  void aSignedClickRecordsTheAnswerOnceAndTheDmShowsWhoGaveIt() {
    String q = questions.get(0).questionId();
    slack.send(WEEK, MANAGER, x -> null);

    // Two clicks before the DM changes: the second one finds the question answered.
    SignedSlackRequest supports = click(people, SlackSpotCheck.ACTION_PREFIX + "supports", q);
    SignedSlackRequest unsure = click(people, SlackSpotCheck.ACTION_PREFIX + "unsure", q);
    handle(supports);
    handle(unsure);

    var answer = store.auditAnswer(q).orElseThrow();
    assertEquals(Verdict.SUPPORTS, answer.verdict(), "the first answer is final");
    assertEquals("A Manager", answer.answeredBy(), "the name users.info gives the one who clicked");
    assertEquals(1, store.answers(WEEK).size());
    var updates = workspace.arguments("chat.update");
    assertEquals("Recorded: Supports, by A Manager, 2026-03-28.", updates.get(0).get("text"));
    assertEquals("Already answered: Supports, by A Manager, 2026-03-28.", updates.get(1).get("text"));
    assertEquals(workspace.directMessages().get(MANAGER), updates.get(0).get("channel"));
  }

  /** Issue 12: the Slack flow with signed interactions: a replayed click changes nothing. */
  @Test
  void aReplayedClickSchedulesNothing() {
    slack.send(WEEK, MANAGER, q -> null);
    SignedSlackRequest click = click(people, SlackSpotCheck.ACTION_PREFIX + "supports", questions.get(0).questionId());

    interactions.handle(headers(click), SlackTestWorkspace.body(click));
    interactions.handle(headers(click), SlackTestWorkspace.body(click));

    assertEquals(1, work.size());
  }

  /** Issue 12: the Slack flow with signed interactions: a bad signature records nothing. */
  @Test
  void aClickWithABadSignatureIsRefusedAndRecordsNothing() {
    slack.send(WEEK, MANAGER, q -> null);
    SignedSlackRequest forged = click(people.signedWith("test-another-secret-not-a-secret"),
        SlackSpotCheck.ACTION_PREFIX + "does_not_support", questions.get(0).questionId());

    var ack = interactions.handle(headers(forged), SlackTestWorkspace.body(forged));
    work.forEach(Runnable::run);

    assertEquals(401, ack.status());
    assertTrue(work.isEmpty());
    assertTrue(store.answers(WEEK).isEmpty());
    assertTrue(store.claimMarks(questions.get(0).briefId()).isEmpty());
  }

  /** Issue 12: the Slack flow: "does not support" marks the claim in the stored brief. */
  @Test
  void doesNotSupportMarksTheClaimAndCountsAGateFailure() {
    AuditQuestion q = questions.get(0);
    slack.send(WEEK, MANAGER, x -> null);

    click(SlackSpotCheck.ACTION_PREFIX + "does_not_support", q.questionId());

    var marks = store.claimMarks(q.briefId());
    assertEquals(1, marks.size());
    assertEquals(q.claimId(), marks.get(0).claimId());
    assertEquals(Verdict.DOES_NOT_SUPPORT, store.auditAnswer(q.questionId()).orElseThrow().verdict());
  }

  /** Issue 12: the Slack flow: the CSM's modal submission is stored. */
  @Test
  void theAnswerButtonOpensAModalWhoseSubmissionStoresTheCsmsText() throws Exception {
    AuditQuestion missed = questions.get(3);
    slack.send(WEEK, MANAGER, q -> null);

    String trigger = click(SlackSpotCheck.MISSED_ACTION, missed.questionId()).payload().path("trigger_id").asText();
    JsonNode view = new ObjectMapper().readTree(workspace.arguments("views.open").get(0).get("view"));
    String viewId = workspace.views().get(0).path("id").asText();
    SignedSlackRequest submission = people.submit(MANAGER, viewId, java.util.Map.of("missed", "The renewal date we agreed"));
    var ack = interactions.handle(headers(submission), SlackTestWorkspace.body(submission));
    work.forEach(Runnable::run);

    assertEquals(SlackSpotCheck.MISSED_CALLBACK, view.path("callback_id").asText());
    assertEquals(trigger, workspace.arguments("views.open").get(0).get("trigger_id"), "the click's trigger opens it");
    assertEquals("", ack.body(), "an empty 200 closes the modal");
    var answer = store.auditAnswer(missed.questionId()).orElseThrow();
    assertEquals("The renewal date we agreed", answer.note());
    assertNull(answer.verdict());
    assertEquals(1, workspace.arguments("chat.update").size(), "the question's DM shows it was answered");
  }

  @Test
  void aBlankModalAnswerIsRefusedInTheModalAndRecordsNothing() throws Exception {
    String meta = "{\"q\":\"" + questions.get(3).questionId() + "\",\"channel\":\"D0REVIEW01\",\"ts\":\"1.2\"}";
    String submission = submission(meta, "   ");

    var ack = interactions.handle(signed(NOW, SECRET, submission), body(submission));

    assertEquals("errors", new ObjectMapper().readTree(ack.body()).path("response_action").asText());
    assertTrue(work.isEmpty());
  }

  // ---- requests as Slack sends them

  /** The manager clicks {@code actionId} under the question's DM, as the app posted it; its work runs. */
  private SignedSlackRequest click(String actionId, String questionId) {
    return handle(click(people, actionId, questionId));
  }

  private SignedSlackRequest handle(SignedSlackRequest click) {
    interactions.handle(headers(click), SlackTestWorkspace.body(click));
    work.forEach(Runnable::run);
    work.clear();
    return click;
  }

  /** A click on {@code actionId} in the DM message that asks {@code questionId}, as Slack sends it. */
  private SignedSlackRequest click(FakeSlackInteractions by, String actionId, String questionId) {
    for (String user : workspace.directMessages().keySet()) {
      String dm = workspace.directMessages().get(user);
      for (JsonNode m : workspace.messages(dm)) {
        if (m.path("blocks").toString().contains("\"value\":\"" + questionId + "\"")) {
          return by.click(user, dm, m.path("ts").asText(), actionId);
        }
      }
    }
    throw new AssertionError("no DM asks " + questionId);
  }

  private static String submission(String privateMetadata, String text) throws Exception {
    var json = new ObjectMapper();
    return """
        {"type":"view_submission","team":{"id":"T0TEAM0001","domain":"example"},
         "user":{"id":"U0REVIEW01","username":"a.reviewer","name":"a.reviewer","team_id":"T0TEAM0001"},
         "api_app_id":"A0HANDOFF1","trigger_id":"13345224609.738474920.8088930838d88f008e1",
         "view":{"id":"V0MISSED01","type":"modal","callback_id":"handoff_audit_missed","private_metadata":%s,
          "state":{"values":{"missed":{"missed":{"type":"plain_text_input","value":%s}}}}}}
        """.formatted(json.writeValueAsString(privateMetadata), json.writeValueAsString(text));
  }
}
