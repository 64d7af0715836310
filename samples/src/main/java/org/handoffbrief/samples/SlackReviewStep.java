package org.handoffbrief.samples;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.handoffbrief.connector.slack.delivery.SlackDelivery;
import org.handoffbrief.connector.slack.delivery.SlackDeliveryConfig;
import org.handoffbrief.connector.slack.delivery.SlackInteractions;
import org.handoffbrief.connector.slack.delivery.SlackReviewPrompt;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.review.ReviewState;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.Delivery;
import org.handoffbrief.store.StoredBrief;
import org.handoffbrief.testing.SignedSlackRequest;

/**
 * The demo's review and delivery in Slack, the way a host wires them: the AE gets a DM with the
 * stakeholder map, commitments and open items and Confirm / Flag buttons; the demo plays the AE
 * and clicks Confirm, which reaches the app as Slack sends it (a signed interaction request the
 * app verifies); the approved brief is posted to {@code #cs-handoffs}. A brief delivered before
 * is delivered again by updating its message, never by a second post.
 */
final class SlackReviewStep {
  /** The demo's AE, who closed the deal and reviews its brief. */
  static final String AE_EMAIL = "alex.rivera@northwind-analytics.com";
  /** The AE's Slack user: who clicks Confirm in the demo. */
  static final String AE_USER = "U0ALEX0001";

  private SlackReviewStep() {}

  /**
   * Reviews and delivers {@code stored}; prints what happened.
   *
   * @return the brief as the CSM receives it, with the review's outcome
   */
  static HandoffBrief run(Terminal terminal, DemoSlack slack, BriefStore store, BriefReview review,
      StoredBrief stored) {
    SlackDeliveryConfig config = config(slack);
    ExecutorService afterAck = Executors.newSingleThreadExecutor();
    try (SlackDelivery delivery = SlackDelivery.create(config, store, review);
        SlackReviewPrompt prompt = SlackReviewPrompt.create(config, review);
        SlackInteractions interactions = SlackInteractions.builder(config, store, review, afterAck)
            .delivery(delivery).build()) {
      ReviewState state = review.state(stored.briefId());
      if (state == ReviewState.DRAFT) {
        SlackReviewPrompt.Sent sent = prompt.send(stored, AE_EMAIL);
        if (sent.sent()) {
          terminal.out().println("Review: DM sent to " + AE_EMAIL + " (" + sent.userId() + ") with Confirm / Flag");
          // The AE clicks Confirm; Slack signs the request, the app verifies it and answers at once.
          SignedSlackRequest click = slack.interaction().click(AE_USER, sent.channel(), sent.ts(),
              SlackReviewPrompt.CONFIRM_ACTION);
          SlackInteractions.Acknowledgement ack = interactions.handle(headers(click.headers()),
              click.body().getBytes(StandardCharsets.UTF_8));
          terminal.out().println("Review: Confirm clicked; the signed request was verified and answered "
              + ack.status());
          finish(afterAck);
        }
      } else if (state == ReviewState.APPROVED || state == ReviewState.DELIVERED || state == ReviewState.FAILED) {
        SlackDelivery.Posted again = delivery.deliver(stored);
        terminal.out().println("Delivery: " + again.action().name().toLowerCase(java.util.Locale.ROOT) + " the message"
            + " in #cs-handoffs (ts " + again.ts() + ")" + (again.threadReply() != null ? "; what changed posted in"
            + " its thread" : ""));
      }
      HandoffBrief reviewed = review.reviewed(stored);
      terminal.out().println("Review: " + TerminalText.safe(reviewed.review() != null ? reviewed.review().outcome()
          : "not started"));
      store.delivery(delivery.deliveryKey(stored)).filter(Delivery::posted).ifPresent(d -> terminal.out().println(
          "Posted: #cs-handoffs ts " + d.messageId() + " shows " + d.briefId()));
      return reviewed;
    } finally {
      afterAck.shutdownNow();
    }
  }

  /** The demo app's Slack settings: posting to {@code #cs-handoffs}, verifying with the workspace's signing secret. */
  static SlackDeliveryConfig config(DemoSlack slack) {
    return SlackDeliveryConfig.builder().baseUrl(slack.baseUrl()).botToken(DemoSlack.POST_TOKEN)
        .channel(DemoSlack.CS_CHANNEL).signingSecret(slack.signingSecret())
        .briefLink("https://handoff.northwind-analytics.com/briefs/{briefId}").build();
  }

  /** The work Slack's three seconds left for later: the demo waits for it before it goes on. */
  private static void finish(ExecutorService afterAck) {
    afterAck.shutdown();
    try {
      if (!afterAck.awaitTermination(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the review's work after the acknowledgement did not finish in 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the review's work finished", e);
    }
  }

  private static Map<String, List<String>> headers(Map<String, String> single) {
    return single.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
  }
}
