package org.handoffbrief.connector.slack.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.handoffbrief.testing.FakeSlack;
import org.handoffbrief.testing.SignedSlackRequest;

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
    return slack.user(person(REVIEWER, "A Reviewer"));
  }

  /** A person of the workspace as {@code users.info} gives it: "A Reviewer" is a.reviewer@vendor.example.com. */
  static ObjectNode person(String id, String realName) {
    String handle = realName.toLowerCase(Locale.ROOT).replace(' ', '.');
    ObjectNode person = JSON.createObjectNode().put("id", id).put("team_id", "T0TEST0001").put("name", handle)
        .put("real_name", realName).put("is_bot", false);
    person.putObject("profile").put("real_name", realName).put("display_name", realName)
        .put("email", handle + "@vendor.example.com");
    return person;
  }

  /** A signed request's headers, as a host passes them to a handler. */
  static Map<String, List<String>> headers(SignedSlackRequest request) {
    Map<String, List<String>> out = new HashMap<>();
    request.headers().forEach((name, value) -> out.put(name, List.of(value)));
    return out;
  }

  /** A signed request's body, as a host passes it to a handler. */
  static byte[] body(SignedSlackRequest request) {
    return request.body().getBytes(StandardCharsets.UTF_8);
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
