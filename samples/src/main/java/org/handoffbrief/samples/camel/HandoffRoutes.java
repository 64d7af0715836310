package org.handoffbrief.samples.camel;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.handoffbrief.HandoffException;
import org.handoffbrief.InvalidRequestException;
import org.handoffbrief.camel.HandoffErrors;
import org.handoffbrief.camel.HandoffHeaders;
import org.handoffbrief.trigger.BriefBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's routes in Apache Camel, over the {@code handoff:} component: what a host copies.
 * The beans (a {@code Handoff}, its {@code BriefStore}, {@code BriefReview}, {@code OutboundMessages},
 * {@code SlackReviewPrompt}, {@code SlackDelivery}, {@code SlackInteractions} built with
 * {@code onApproved(approvals)}, the {@code HandoffApprovals}, {@code SalesforceWriteback},
 * {@code SlackRequests} built with {@code interactions(slackInteractions)}, a {@code ClosedWonPoller}
 * and a {@code ClosedWonRange}) are found in the registry by type.
 *
 * <ul>
 *   <li>{@value #OUTBOUND_MESSAGE_PATH}: Salesforce's outbound message endpoint URL. Answers the
 *       Ack once the notification ids are stored, then briefs each firing;</li>
 *   <li>{@value #SLACK_COMMANDS_PATH}: the {@code /handoff} slash command's Request URL;</li>
 *   <li>{@value #SLACK_EVENTS_PATH}: the Event Subscriptions Request URL ({@code app_mention});</li>
 *   <li>{@value #SLACK_INTERACTIVITY_PATH}: the app's one Interactivity Request URL (the review's
 *       Confirm / Flag and the requests' "which one?" buttons);</li>
 *   <li>a timer polls for Closed-Won deals (property {@code handoff.poll.enabled}, default true;
 *       {@code handoff.poll.period}, default 5 minutes);</li>
 *   <li>a weekly batch (quartz cron {@code handoff.batch.cron}, default Fridays 18:00; property
 *       {@code handoff.batch.enabled}) briefs the week's closes and logs the summary;</li>
 *   <li>each deal: brief, review (the AE gets a DM when the brief needs one), and, at once or when
 *       the AE confirms, delivery to Slack and write-back to Salesforce.</li>
 * </ul>
 *
 * <p>The Slack form routes read the raw bytes ({@link RawHttpBody}, {@code useBodyHandler=false}):
 * Slack signs them, and Vert.x's form decoder would refuse a click's 10 KB field.
 */
public class HandoffRoutes extends RouteBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(HandoffRoutes.class);
  /** Where Salesforce posts outbound messages. */
  public static final String OUTBOUND_MESSAGE_PATH = "/salesforce/outbound-message";
  /** Where Slack posts the slash command. */
  public static final String SLACK_COMMANDS_PATH = "/slack/commands";
  /** Where Slack posts events (app mentions). */
  public static final String SLACK_EVENTS_PATH = "/slack/events";
  /** Where Slack posts interactions (button clicks). */
  public static final String SLACK_INTERACTIVITY_PATH = "/slack/interactivity";

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

    // Slack signs the raw body: read the form's bytes as sent (see RawHttpBody). Each answers Slack
    // at once; the search, the brief and the posts in the thread run after.
    from("platform-http:" + SLACK_COMMANDS_PATH + "?httpMethodRestrict=POST&useBodyHandler=false")
        .routeId("slack-command")
        .process(new RawHttpBody())
        .to("handoff:slack-command");
    from("platform-http:" + SLACK_EVENTS_PATH + "?httpMethodRestrict=POST").routeId("slack-events")
        .to("handoff:slack-events");
    from("platform-http:" + SLACK_INTERACTIVITY_PATH + "?httpMethodRestrict=POST&useBodyHandler=false")
        .routeId("slack-interactivity")
        .process(new RawHttpBody())
        .to("handoff:slack-interactions");

    from("handoff:approved").routeId("handoff-approved")
        .to("direct:handoff-deliver");

    from("direct:handoff-deliver").routeId("handoff-deliver")
        .to("handoff:deliver")
        .to("handoff:write-back");

    // The week's closes, 4 at a time through the one Handoff (so its rate limits hold for the run).
    from("quartz:handoff/weekly-batch?cron={{handoff.batch.cron:0+0+18+?+*+FRI}}").routeId("weekly-batch")
        .autoStartup("{{handoff.batch.enabled:true}}")
        .to("direct:handoff-batch");
    from("direct:handoff-batch").routeId("handoff-batch")
        .to("handoff:batch?days=7&concurrency=4")
        // A processor, not ${body.render()}: calling a method from simple needs camel-bean.
        .process(e -> LOG.info("Weekly batch, closed {} to {}:\n{}", e.getMessage().getHeader(HandoffHeaders.FROM),
            e.getMessage().getHeader(HandoffHeaders.TO), e.getMessage().getBody(BriefBatch.Summary.class).render()));
  }
}
