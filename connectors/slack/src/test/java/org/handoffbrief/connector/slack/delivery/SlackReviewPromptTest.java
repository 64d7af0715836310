package org.handoffbrief.connector.slack.delivery;

import static org.handoffbrief.connector.slack.delivery.SlackTestWorkspace.REVIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.review.ReviewState;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.StoredBrief;
import org.handoffbrief.testing.FakeSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackReviewPromptTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-28T16:00:00Z"), ZoneOffset.UTC);

  FakeSlack slack;
  BriefStore store;
  SlackReviewPrompt prompt;

  @BeforeEach
  void setUp() {
    slack = SlackTestWorkspace.start();
    store = BriefStore.inMemory(CLOCK);
    prompt = SlackReviewPrompt.create(SlackTestWorkspace.config(slack, "cs-handoffs"),
        BriefReview.builder(store).clock(CLOCK).build());
  }

  @AfterEach
  void tearDown() {
    prompt.close();
    slack.close();
  }

  @Test
  void theDmShowsStakeholdersCommitmentsOpenItemsAndQualityEachWithCitationsAndTwoButtonsCarryingTheBriefId()
      throws Exception {
    StoredBrief stored = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);

    JsonNode blocks = new ObjectMapper().readTree(prompt.prompt(stored.brief(), stored.briefId(), false).blocksJson());

    assertEquals("Review the handoff brief: Example Co", blocks.get(0).path("text").path("text").asText());
    for (String heading : new String[] {"*Stakeholder map*", "*Commitments and scope*", "*Open items*"}) {
      String text = BlockKitBriefTest.section(blocks, heading);
      assertTrue(text.contains("• Kickoff is on 2 April. <https://mail.example.com/m/"), text);
    }
    assertTrue(BlockKitBriefTest.section(blocks, "*Quality:*").contains("1 of 1 checks passed"));
    assertFalse(blocks.toString().contains("*Deal history*"), "only what the reviewer is asked to check");
    JsonNode buttons = blocks.get(blocks.size() - 1).path("elements");
    assertEquals(SlackReviewPrompt.CONFIRM_ACTION, buttons.get(0).path("action_id").asText());
    assertEquals(SlackReviewPrompt.FLAG_ACTION, buttons.get(1).path("action_id").asText());
    assertEquals(stored.briefId(), buttons.get(0).path("value").asText());
    assertEquals(stored.briefId(), buttons.get(1).path("value").asText());
  }

  @Test
  void aReminderSaysSo() {
    StoredBrief stored = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);

    assertTrue(prompt.prompt(stored.brief(), stored.briefId(), true).blocksJson()
        .contains("Reminder: review the handoff brief: Example Co"));
  }

  /** The reviewer found by email gets one DM and the review starts. */
  @Test
  void sendingFindsTheReviewerByEmailOpensTheirDmPostsItAndStartsTheReview() {
    StoredBrief stored = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);

    SlackReviewPrompt.Sent sent = prompt.send(stored, "a.reviewer@vendor.example.com");

    String dm = slack.directMessages().get(REVIEWER);
    assertEquals(new SlackReviewPrompt.Sent(stored.briefId(), ReviewState.IN_REVIEW, REVIEWER, dm,
        slack.messages(dm).get(0).path("ts").asText()), sent);
    assertEquals("a.reviewer@vendor.example.com", slack.arguments("users.lookupByEmail").get(0).get("email"));
    assertEquals(REVIEWER, slack.arguments("conversations.open").get(0).get("users"));
    var posts = slack.arguments("chat.postMessage");
    assertEquals(1, posts.size());
    assertEquals(dm, posts.get(0).get("channel"));
  }

  /** A brief already waiting for its reviewer gets no second DM when the prompt is sent again (a rerun). */
  @Test
  void sendingAgainWhileTheBriefWaitsForReviewSendsNoSecondDm() {
    StoredBrief stored = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    prompt.send(stored, "a.reviewer@vendor.example.com");

    SlackReviewPrompt.Sent again = prompt.send(stored, "a.reviewer@vendor.example.com");

    assertFalse(again.sent());
    assertEquals(ReviewState.IN_REVIEW, again.state());
    assertEquals(1, slack.arguments("chat.postMessage").size());
  }

  /** Route none is approved at once and nobody is messaged. */
  @Test
  void aBriefThatNeedsNoReviewSendsNoDm() {
    StoredBrief stored = store.save(Briefs.small("Kickoff is on 2 April."), BriefKind.HANDOFF);
    SlackReviewPrompt never = SlackReviewPrompt.create(SlackTestWorkspace.config(slack, "cs-handoffs"),
        BriefReview.builder(store).mode(BriefReview.Mode.NEVER).clock(CLOCK).build());

    SlackReviewPrompt.Sent sent = never.send(stored, "a.reviewer@vendor.example.com");
    never.close();

    assertFalse(sent.sent());
    assertEquals(ReviewState.APPROVED, sent.state());
    assertEquals(0, slack.arguments("chat.postMessage").size());
  }
}
