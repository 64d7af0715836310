package org.handoffbrief.connector.slack.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.handoffbrief.testing.FakeSlack;

/**
 * The workspace the delivery tests run against: the kit's {@link FakeSlack} seeded, as Slack's own
 * answers carry them, with a channel the bot is in, one it is not needed in, and a reviewer.
 */
final class SlackTestWorkspace {
  static final String SECRET = "test-signing-secret-not-a-secret";
  static final String CHANNEL = "C0CSHAND01";
  static final String REVIEWER = "U0REVIEW01";
  static final String REVIEWER_EMAIL = "a.reviewer@vendor.example.com";
  static final ObjectMapper JSON = new ObjectMapper();

  private SlackTestWorkspace() {}

  /** A started workspace with {@code #general}, {@code #cs-handoffs} (the bot in both) and the reviewer. */
  static FakeSlack start() {
    FakeSlack slack = FakeSlack.start();
    slack.channel(channel("C0GENERAL1", "general", true)).channel(channel(CHANNEL, "cs-handoffs", true));
    ObjectNode reviewer = JSON.createObjectNode().put("id", REVIEWER).put("team_id", "T0TEST0001")
        .put("name", "a.reviewer").put("real_name", "A Reviewer").put("is_bot", false);
    reviewer.putObject("profile").put("real_name", "A Reviewer").put("display_name", "A Reviewer")
        .put("email", REVIEWER_EMAIL);
    return slack.user(reviewer);
  }

  static SlackDeliveryConfig config(FakeSlack slack, String channel) {
    return config(slack, slack.botToken(), channel);
  }

  static SlackDeliveryConfig config(FakeSlack slack, String token, String channel) {
    return SlackDeliveryConfig.builder().baseUrl(slack.baseUrl()).botToken(token).channel(channel)
        .signingSecret(SECRET).briefLink("https://briefs.example.com/b/{briefId}").build();
  }

  /** A public conversation as {@code conversations.list} lists it. */
  static ObjectNode channel(String id, String name, boolean member) {
    return JSON.createObjectNode().put("id", id).put("name", name).put("is_channel", true).put("is_private", false)
        .put("is_archived", false).put("is_member", member);
  }
}
