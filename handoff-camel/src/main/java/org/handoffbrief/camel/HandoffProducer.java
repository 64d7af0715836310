package org.handoffbrief.camel;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.handoffbrief.Handoff;
import org.handoffbrief.connector.salesforce.trigger.ChangeEvents;
import org.handoffbrief.connector.salesforce.trigger.ClosedWonPoller;
import org.handoffbrief.connector.salesforce.trigger.ClosedWonRange;
import org.handoffbrief.connector.salesforce.trigger.OutboundMessages;
import org.handoffbrief.connector.slack.delivery.SlackDelivery;
import org.handoffbrief.connector.slack.delivery.SlackInteractions;
import org.handoffbrief.connector.slack.delivery.SlackRequests;
import org.handoffbrief.connector.slack.delivery.SlackReviewPrompt;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.review.ReviewState;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.StoredBrief;
import org.handoffbrief.trigger.AlreadyBriefed;
import org.handoffbrief.trigger.BriefBatch;
import org.handoffbrief.trigger.Fired;
import org.handoffbrief.writeback.salesforce.SalesforceWriteback;

/**
 * Calls the library for one {@link HandoffOperation}. The library's typed exceptions are left as
 * the exchange's exception, so a route's {@code onException} and redelivery decide (see
 * {@link HandoffErrors}).
 */
final class HandoffProducer extends DefaultProducer {
  private final HandoffEndpoint endpoint;
  private final HandoffOperation operation;
  private final HandoffComponent beans;

  HandoffProducer(HandoffEndpoint endpoint) {
    super(endpoint);
    this.endpoint = endpoint;
    this.operation = endpoint.getOperation();
    this.beans = endpoint.getComponent();
  }

  @Override
  public void process(Exchange exchange) throws Exception {
    Message in = exchange.getMessage();
    switch (operation) {
      case OUTBOUND_MESSAGE -> {
        OutboundMessages.Receipt receipt = outboundMessages().receive(in.getMandatoryBody(byte[].class));
        in.setHeader(HandoffHeaders.FIRED, receipt.fired());
        in.setHeader(HandoffHeaders.NOTIFICATIONS, receipt.notifications());
        in.setHeader(HandoffHeaders.REPEATED, receipt.repeated());
        answer(in, 200, OutboundMessages.ACK_CONTENT_TYPE, receipt.ackBody());
      }
      case POLL -> in.setBody(poller().poll().fired());
      case CHANGE_EVENT -> in.setBody(changeEvents().fired(in.getMandatoryBody(String.class)));
      case BRIEF -> brief(exchange, in);
      case REVIEW -> review(in);
      case DELIVER -> in.setHeader(HandoffHeaders.RESULT, delivery().deliver(stored(exchange)));
      case WRITE_BACK -> in.setHeader(HandoffHeaders.RESULT, writeback().run(stored(exchange)));
      case SLACK_INTERACTIONS -> {
        // One Interactivity URL per Slack app: the requests' "which one?" buttons and the review's clicks.
        SlackRequests requests = beans.optional(SlackRequests.class, beans.getRequests());
        byte[] body = in.getMandatoryBody(byte[].class);
        answer(in, requests != null ? requests.interactivity(headers(in), body)
            : interactions().handle(headers(in), body));
      }
      case SLACK_COMMAND -> answer(in, requests().command(headers(in), in.getMandatoryBody(byte[].class)));
      case SLACK_EVENTS -> answer(in, requests().events(headers(in), in.getMandatoryBody(byte[].class)));
      case BATCH -> batch(in);
      case APPROVED -> throw new IllegalStateException("handoff:approved has no producer");
    }
  }

  private void brief(Exchange exchange, Message in) throws InvalidPayloadException {
    Object body = in.getBody();
    BriefStore store = beans.optional(BriefStore.class, beans.getStore());
    // A firing whose win already has its brief (the same win pushed, then found by the poller as the
    // backstop) is not briefed twice. A DealRef or an id is someone asking: always briefed.
    if (body instanceof Fired fired && store != null) {
      StoredBrief done = AlreadyBriefed.find(store, fired, endpoint.getKind()).orElse(null);
      if (done != null) {
        // Its review started: whoever briefed it carries it on. Not started: that worker died between
        // the brief and its review, so this firing hands the stored brief on to finish the route
        // (review, delivery and write-back are each once per brief), without briefing it again.
        handOn(in, done, store.reviewStatus(done.briefId()).isPresent());
        return;
      }
    }
    HandoffBrief made = handoff().brief(ref(exchange, body), endpoint.getKind());
    // With a store the Handoff saved the brief as the next version of its kind: hand on that version,
    // which carries the id review, delivery and write-back need.
    StoredBrief stored = store == null ? null : store.latest(made.opportunityId(), endpoint.getKind()).orElse(null);
    if (stored == null) {
      in.setHeader(HandoffHeaders.OPPORTUNITY_ID, made.opportunityId());
      in.setHeader(HandoffHeaders.ALREADY_BRIEFED, false);
      in.setBody(made);
    } else {
      handOn(in, stored, false);
    }
  }

  private static void handOn(Message in, StoredBrief stored, boolean alreadyBriefed) {
    in.setHeader(HandoffHeaders.OPPORTUNITY_ID, stored.opportunityId());
    in.setHeader(HandoffHeaders.BRIEF_ID, stored.briefId());
    in.setHeader(HandoffHeaders.ALREADY_BRIEFED, alreadyBriefed);
    in.setBody(stored);
  }

  private static DealRef ref(Exchange exchange, Object body) throws InvalidPayloadException {
    if (body instanceof Fired fired) {
      return fired.ref();
    }
    if (body instanceof DealRef ref) {
      return ref;
    }
    if (body instanceof String id && !id.isBlank()) {
      return DealRef.of(id.strip());
    }
    throw new InvalidPayloadException(exchange, Fired.class);
  }

  private void review(Message in) throws InvalidPayloadException {
    StoredBrief stored = in.getMandatoryBody(StoredBrief.class);
    String reviewer = in.getHeader(HandoffHeaders.REVIEWER, endpoint.getReviewer(), String.class);
    // An empty property placeholder ({{handoff.reviewer:}}) names nobody.
    reviewer = reviewer == null || reviewer.isBlank() ? null : reviewer.strip();
    SlackReviewPrompt prompt = beans.optional(SlackReviewPrompt.class, beans.getReviewPrompt());
    ReviewState state = prompt != null && reviewer != null
        ? prompt.send(stored, reviewer).state()
        : review().start(stored, reviewer);
    in.setHeader(HandoffHeaders.REVIEW_STATE, state);
    in.setHeader(HandoffHeaders.AWAITING_REVIEW, state == ReviewState.IN_REVIEW);
  }

  private void batch(Message in) {
    LocalDate today = LocalDate.now(Clock.systemUTC());
    LocalDate to = date(in, HandoffHeaders.TO, today);
    LocalDate from = date(in, HandoffHeaders.FROM, to.minusDays(endpoint.getDays() - 1L));
    ClosedWonRange.Closes closes = range().read(from, to);
    BriefStore store = beans.required(BriefStore.class, beans.getStore(), operation);
    // One BriefBatch per run through the one Handoff: its rate limiters are shared by every brief of the run.
    BriefBatch.Summary summary = BriefBatch.builder(handoff(), store).kind(endpoint.getKind())
        .concurrency(endpoint.getConcurrency()).build().run(closes.fired());
    in.setHeader(HandoffHeaders.FROM, from);
    in.setHeader(HandoffHeaders.TO, to);
    in.setHeader(HandoffHeaders.MORE, closes.more());
    in.setBody(summary);
  }

  /** A date header as a {@code LocalDate} or ISO text ({@code 2026-03-23}); the fallback when absent. */
  private static LocalDate date(Message in, String header, LocalDate fallback) {
    Object value = in.getHeader(header);
    if (value == null) {
      return fallback;
    }
    if (value instanceof LocalDate date) {
      return date;
    }
    try {
      return LocalDate.parse(value.toString().strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(header + " must be a date like 2026-03-23, was '" + value + "'", e);
    }
  }

  private static StoredBrief stored(Exchange exchange) throws InvalidPayloadException {
    return exchange.getMessage().getMandatoryBody(StoredBrief.class);
  }

  /** The body, content type and status a platform-http (or servlet) route answers with. */
  private static void answer(Message in, int status, String contentType, String body) {
    in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    in.setHeader(Exchange.CONTENT_TYPE, contentType);
    in.setBody(body);
  }

  private static void answer(Message in, SlackInteractions.Acknowledgement ack) {
    answer(in, ack.status(), ack.contentType(), ack.body());
  }

  /** Camel's headers as the HTTP request's: each value as text, so the Slack signature check reads them. */
  private static Map<String, List<String>> headers(Message in) {
    var out = new LinkedHashMap<String, List<String>>();
    in.getHeaders().forEach((name, value) -> {
      if (value instanceof CharSequence || value instanceof Number) {
        out.put(name, List.of(value.toString()));
      }
    });
    return out;
  }

  private Handoff handoff() {
    return beans.required(Handoff.class, beans.getHandoff(), operation);
  }

  private BriefReview review() {
    return beans.required(BriefReview.class, beans.getReview(), operation);
  }

  private SlackDelivery delivery() {
    return beans.required(SlackDelivery.class, beans.getDelivery(), operation);
  }

  private SlackInteractions interactions() {
    return beans.required(SlackInteractions.class, beans.getInteractions(), operation);
  }

  private SlackRequests requests() {
    return beans.required(SlackRequests.class, beans.getRequests(), operation);
  }

  private ClosedWonRange range() {
    return beans.required(ClosedWonRange.class, beans.getRange(), operation);
  }

  private SalesforceWriteback writeback() {
    return beans.required(SalesforceWriteback.class, beans.getWriteback(), operation);
  }

  private ClosedWonPoller poller() {
    return beans.required(ClosedWonPoller.class, beans.getPoller(), operation);
  }

  private OutboundMessages outboundMessages() {
    return beans.required(OutboundMessages.class, beans.getOutboundMessages(), operation);
  }

  private ChangeEvents changeEvents() {
    return beans.required(ChangeEvents.class, beans.getChangeEvents(), operation);
  }
}
