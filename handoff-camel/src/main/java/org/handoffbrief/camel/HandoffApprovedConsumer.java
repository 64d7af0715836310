package org.handoffbrief.camel;

import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.handoffbrief.store.StoredBrief;

/**
 * {@code from("handoff:approved")}: each brief a reviewer approved in Slack, as the body, on the
 * thread that handled the click (after Slack was answered). A route that fails makes the approval
 * fail, which {@code SlackInteractions} logs; the brief stays approved in the store.
 */
final class HandoffApprovedConsumer extends DefaultConsumer {
  private final Consumer<StoredBrief> listener = this::approved;
  private HandoffApprovals approvals;

  HandoffApprovedConsumer(HandoffEndpoint endpoint, Processor processor) {
    super(endpoint, processor);
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    HandoffComponent component = ((HandoffEndpoint) getEndpoint()).getComponent();
    approvals = component.optional(HandoffApprovals.class, component.getApprovals());
    if (approvals == null) {
      throw new IllegalStateException("handoff:approved needs a HandoffApprovals: bind one in the Camel registry"
          + " and pass it to SlackInteractions.Builder.onApproved(...)");
    }
    approvals.subscribe(listener);
  }

  @Override
  protected void doStop() throws Exception {
    if (approvals != null) {
      approvals.unsubscribe(listener);
    }
    super.doStop();
  }

  private void approved(StoredBrief brief) {
    Exchange exchange = createExchange(false);
    exchange.getMessage().setBody(brief);
    exchange.getMessage().setHeader(HandoffHeaders.BRIEF_ID, brief.briefId());
    exchange.getMessage().setHeader(HandoffHeaders.OPPORTUNITY_ID, brief.opportunityId());
    try {
      getProcessor().process(exchange);
    } catch (Exception e) {
      exchange.setException(e);
    }
    Exception failed = exchange.getException();
    releaseExchange(exchange, false);
    if (failed != null) {
      throw new IllegalStateException("the handoff:approved route failed for brief " + brief.briefId() + ": "
          + failed.getMessage(), failed);
    }
  }
}
