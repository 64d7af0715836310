package org.handoffbrief.samples;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.handoffbrief.Handoff;
import org.handoffbrief.camel.HandoffApprovals;
import org.handoffbrief.connector.salesforce.SalesforceSession;
import org.handoffbrief.connector.salesforce.trigger.ClosedWonPoller;
import org.handoffbrief.connector.salesforce.trigger.ClosedWonRange;
import org.handoffbrief.connector.salesforce.trigger.OutboundMessages;
import org.handoffbrief.connector.salesforce.trigger.SalesforceDealFinder;
import org.handoffbrief.connector.slack.delivery.SlackDelivery;
import org.handoffbrief.connector.slack.delivery.SlackDeliveryConfig;
import org.handoffbrief.connector.slack.delivery.SlackInteractions;
import org.handoffbrief.connector.slack.delivery.SlackRequests;
import org.handoffbrief.connector.slack.delivery.SlackReviewPrompt;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.store.BriefStore;

/**
 * The beans {@link org.handoffbrief.samples.camel.HandoffRoutes} finds in the Camel registry, made
 * over the demo systems the way a host makes them over its own: one of each, sharing one store.
 * The poller starts from the demo deal's win (a real one looks back a day), so its first poll
 * fires the demo week's wins from then on, each once.
 */
final class DemoCamelBeans implements AutoCloseable {
  /** Who confirms the demo deal's brief: its AE. */
  static final String REVIEWER = SlackReviewStep.AE_EMAIL;

  private final Map<String, Object> beans = new LinkedHashMap<>();
  private final Deque<AutoCloseable> owned = new ArrayDeque<>();

  /**
   * @param afterAck where Slack interactions do their work after answering Slack (the approval's route runs there)
   */
  DemoCamelBeans(DemoSystems demo, BriefStore store, Executor afterAck) {
    SlackDeliveryConfig slack = SlackReviewStep.config(demo.slack);
    BriefReview review = BriefReview.builder(store).build();
    HandoffApprovals approvals = new HandoffApprovals();
    beans.put("store", store);
    beans.put("review", review);
    beans.put("approvals", approvals);
    beans.put("handoff", owned(demo.builder().store(store).build()));
    beans.put("outboundMessages", new OutboundMessages(List.of(DemoSalesforce.ORGANIZATION_ID), store,
        Clock.systemUTC()));
    beans.put("reviewPrompt", owned(SlackReviewPrompt.create(slack, review)));
    beans.put("delivery", owned(SlackDelivery.create(slack, store, review)));
    // No delivery here: the handoff:approved route delivers, then writes back.
    SlackInteractions interactions = owned(SlackInteractions.builder(slack, store, review, afterAck)
        .onApproved(approvals).build());
    beans.put("interactions", interactions);
    beans.put("writeback", owned(demo.writeback(store)));
    Handoff handoff = (Handoff) beans.get("handoff");
    SalesforceSession session = owned(SalesforceSession.create(demo.salesforceConfig()));
    // A slash command or a mention: the account found by name in the demo org, the brief in the thread.
    beans.put("requests", owned(SlackRequests.builder(slack, store, SalesforceDealFinder.create(session),
            handoff::brief, afterAck)
        .interactions(interactions).responseUrlPrefix(demo.slack.baseUrl().toString()).build()));
    beans.put("range", owned(ClosedWonRange.using(session)));
    beans.put("poller", owned(ClosedWonPoller.builder().session(session).store(store)
        .lookback(Duration.between(DemoWeek.demoDealWonAt(), Clock.systemUTC().instant())).build()));
  }

  /** The beans by name, to bind in a registry. */
  Map<String, Object> beans() {
    return beans;
  }

  /** The properties the routes read for the demo. */
  static Map<String, Object> properties() {
    return Map.of("handoff.reviewer", REVIEWER, "handoff.poll.enabled", "false");
  }

  private <T extends AutoCloseable> T owned(T closeable) {
    owned.push(closeable);
    return closeable;
  }

  @Override
  public void close() {
    while (!owned.isEmpty()) {
      try {
        owned.pop().close();
      } catch (Exception e) {
        // Closing releases HTTP clients; one that fails to close must not keep the others open.
        System.err.println("warning: could not close " + e.getMessage());
      }
    }
  }
}
