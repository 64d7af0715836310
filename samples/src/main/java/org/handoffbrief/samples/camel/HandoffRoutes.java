package org.handoffbrief.samples.camel;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.handoffbrief.HandoffException;
import org.handoffbrief.InvalidRequestException;
import org.handoffbrief.camel.HandoffErrors;
import org.handoffbrief.camel.HandoffHeaders;

/**
 * The library's routes in Apache Camel, over the {@code handoff:} component: what a host copies.
 * The beans (a {@code Handoff}, its {@code BriefStore}, {@code BriefReview}, {@code OutboundMessages},
 * {@code SlackReviewPrompt}, {@code SlackDelivery}, {@code SlackInteractions} built with
 * {@code onApproved(approvals)}, the {@code HandoffApprovals}, {@code SalesforceWriteback}, and for
 * the poller a {@code ClosedWonPoller}) are found in the registry by type.
 *
 * <ul>
 *   <li>{@value #OUTBOUND_MESSAGE_PATH}: Salesforce's outbound message endpoint URL. Answers the
 *       Ack once the notification ids are stored, then briefs each firing;</li>
 *   <li>{@value #SLACK_INTERACTIONS_PATH}: the Slack app's Interactivity Request URL (Confirm / Flag);</li>
 *   <li>a timer polls for Closed-Won deals (property {@code handoff.poll.enabled}, default true;
 *       {@code handoff.poll.period}, default 5 minutes);</li>
 *   <li>each deal: brief, review (the AE gets a DM when the brief needs one), and, at once or when
 *       the AE confirms, delivery to Slack and write-back to Salesforce.</li>
 * </ul>
 */
public class HandoffRoutes extends RouteBuilder {
  /** Where Salesforce posts outbound messages. */
  public static final String OUTBOUND_MESSAGE_PATH = "/salesforce/outbound-message";
  /** Where Slack posts interactions. */
  public static final String SLACK_INTERACTIONS_PATH = "/slack/interactions";

  @Override
  public void configure() {
    // A refused request (malformed body, wrong organization) changed nothing: answer 400 with why.
    onException(InvalidRequestException.class).handled(true)
        .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(400))
        .setHeader(Exchange.CONTENT_TYPE, constant("text/plain; charset=utf-8"))
        .setBody(exceptionMessage());
    // A 429, an outage or a deadline may pass: try again before giving up.
    onException(HandoffException.class).onWhen(HandoffErrors.retriable())
        .maximumRedeliveries(3).redeliveryDelay(2000).useExponentialBackOff();

    from("platform-http:" + OUTBOUND_MESSAGE_PATH + "?httpMethodRestrict=POST").routeId("salesforce-outbound-message")
        .to("handoff:outbound-message")
        // The Ack stays the response; the firings were stored before it, so a crash re-fires nothing twice.
        .split(header(HandoffHeaders.FIRED))
          .to("direct:handoff-brief");

    from("timer:closed-won-poller?period={{handoff.poll.period:300000}}").routeId("closed-won-poller")
        .autoStartup("{{handoff.poll.enabled:true}}")
        .to("handoff:poll")
        .split(body())
          .to("direct:handoff-brief");

    from("direct:handoff-brief").routeId("handoff-brief")
        .to("handoff:brief?kind=handoff")
        // This win was briefed already (pushed, then found by the poller; or by another worker): whoever
        // briefed it started its review, delivery and write-back.
        .filter(header(HandoffHeaders.ALREADY_BRIEFED)).stop().end()
        .to("handoff:review?reviewer={{handoff.reviewer}}")
        // A brief that needs the AE's confirmation waits; the approval comes back below.
        .filter(header(HandoffHeaders.AWAITING_REVIEW).isEqualTo(false))
          .to("direct:handoff-deliver");

    // The signature covers the raw form body: keep it as sent (platform-http would turn it into a Map).
    // Known limit: platform-http-vertx 4.22 refuses a form field over Vert.x's default 8 KB
    // (HttpServerOptions.maxFormAttributeSize, not configurable through camel) with a bare 400, and a
    // Confirm click on a long review DM carries more; host this route where that limit can be raised.
    from("platform-http:" + SLACK_INTERACTIONS_PATH + "?httpMethodRestrict=POST&populateBodyWithForm=false")
        .routeId("slack-interactions")
        .to("handoff:slack-interactions");

    from("handoff:approved").routeId("handoff-approved")
        .to("direct:handoff-deliver");

    from("direct:handoff-deliver").routeId("handoff-deliver")
        .to("handoff:deliver")
        .to("handoff:write-back");

    // Next round: the Slack slash command and app mention (platform-http:/slack/commands and
    // /slack/events, through a DealFinder into direct:handoff-brief) and the weekly batch
    // (a quartz cron route over a date range into direct:handoff-brief).
  }
}
