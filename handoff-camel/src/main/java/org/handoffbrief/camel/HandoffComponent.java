package org.handoffbrief.camel;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.handoffbrief.Handoff;
import org.handoffbrief.connector.salesforce.trigger.ChangeEvents;
import org.handoffbrief.connector.salesforce.trigger.ClosedWonPoller;
import org.handoffbrief.connector.salesforce.trigger.ClosedWonRange;
import org.handoffbrief.connector.salesforce.trigger.OutboundMessages;
import org.handoffbrief.connector.slack.delivery.SlackDelivery;
import org.handoffbrief.connector.slack.delivery.SlackInteractions;
import org.handoffbrief.connector.slack.delivery.SlackRequests;
import org.handoffbrief.connector.slack.delivery.SlackReviewPrompt;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.writeback.salesforce.SalesforceWriteback;

/**
 * The {@code handoff:} Camel component: the library's triggers, brief, review, Slack delivery and
 * Salesforce write-back as endpoints (see the package documentation for a full route set).
 *
 * <p>Each endpoint finds what it calls ({@link Handoff}, {@link BriefStore}, {@link OutboundMessages},
 * ...) in the Camel registry by type, so binding one of each is the whole configuration; a bean set
 * on this component wins over the registry (for a context holding two of a kind). An exchange reaching
 * an endpoint whose bean is missing fails naming the bean (looked up per exchange, so a route
 * with {@code autoStartup(false)} needs none of its beans).
 */
@org.apache.camel.spi.annotations.Component("handoff")
public class HandoffComponent extends DefaultComponent {
  private Handoff handoff;
  private BriefStore store;
  private BriefReview review;
  private SlackReviewPrompt reviewPrompt;
  private SlackDelivery delivery;
  private SlackInteractions interactions;
  private HandoffApprovals approvals;
  private SalesforceWriteback writeback;
  private ClosedWonPoller poller;
  private OutboundMessages outboundMessages;
  private ChangeEvents changeEvents;
  private SlackRequests requests;
  private ClosedWonRange range;

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
    var endpoint = new HandoffEndpoint(uri, this, HandoffOperation.ofUri(remaining));
    setProperties(endpoint, parameters);
    return endpoint;
  }

  /** The bean set here, else the registry's only bean of {@code type}; fails naming what is missing. */
  <T> T required(Class<T> type, T set, HandoffOperation operation) {
    T found = optional(type, set);
    if (found == null) {
      throw new IllegalStateException("handoff:" + operation.uriName() + " needs a " + type.getSimpleName()
          + ": bind exactly one in the Camel registry, or set it on the handoff component");
    }
    return found;
  }

  /** The bean set here, else the registry's only bean of {@code type}, else null. */
  <T> T optional(Class<T> type, T set) {
    return set != null ? set : getCamelContext().getRegistry().findSingleByType(type);
  }

  /** The brief maker; by default the registry's {@link Handoff}. */
  public Handoff getHandoff() {
    return handoff;
  }

  public void setHandoff(Handoff handoff) {
    this.handoff = handoff;
  }

  /** The store shared with the {@link Handoff}; by default the registry's {@link BriefStore}. */
  public BriefStore getStore() {
    return store;
  }

  public void setStore(BriefStore store) {
    this.store = store;
  }

  /** The review; by default the registry's {@link BriefReview}. */
  public BriefReview getReview() {
    return review;
  }

  public void setReview(BriefReview review) {
    this.review = review;
  }

  /** The Slack DM asking the reviewer; optional: without it {@code handoff:review} only starts the review. */
  public SlackReviewPrompt getReviewPrompt() {
    return reviewPrompt;
  }

  public void setReviewPrompt(SlackReviewPrompt reviewPrompt) {
    this.reviewPrompt = reviewPrompt;
  }

  /** The Slack delivery of {@code handoff:deliver}. */
  public SlackDelivery getDelivery() {
    return delivery;
  }

  public void setDelivery(SlackDelivery delivery) {
    this.delivery = delivery;
  }

  /** The Slack interactivity handler of {@code handoff:slack-interactions}. */
  public SlackInteractions getInteractions() {
    return interactions;
  }

  public void setInteractions(SlackInteractions interactions) {
    this.interactions = interactions;
  }

  /** The approvals {@code handoff:approved} consumes; by default the registry's, else one made here. */
  public HandoffApprovals getApprovals() {
    return approvals;
  }

  public void setApprovals(HandoffApprovals approvals) {
    this.approvals = approvals;
  }

  /** The write-back of {@code handoff:write-back}. */
  public SalesforceWriteback getWriteback() {
    return writeback;
  }

  public void setWriteback(SalesforceWriteback writeback) {
    this.writeback = writeback;
  }

  /** The Closed-Won poller of {@code handoff:poll}. */
  public ClosedWonPoller getPoller() {
    return poller;
  }

  public void setPoller(ClosedWonPoller poller) {
    this.poller = poller;
  }

  /** The outbound message receiver of {@code handoff:outbound-message}. */
  public OutboundMessages getOutboundMessages() {
    return outboundMessages;
  }

  public void setOutboundMessages(OutboundMessages outboundMessages) {
    this.outboundMessages = outboundMessages;
  }

  /** The change event reader of {@code handoff:change-event}. */
  public ChangeEvents getChangeEvents() {
    return changeEvents;
  }

  public void setChangeEvents(ChangeEvents changeEvents) {
    this.changeEvents = changeEvents;
  }

  /** The Slack manual requests of {@code handoff:slack-command}, {@code handoff:slack-events} (and the interactivity URL). */
  public SlackRequests getRequests() {
    return requests;
  }

  public void setRequests(SlackRequests requests) {
    this.requests = requests;
  }

  /** The date-range read of {@code handoff:batch}. */
  public ClosedWonRange getRange() {
    return range;
  }

  public void setRange(ClosedWonRange range) {
    this.range = range;
  }
}
