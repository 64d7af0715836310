/**
 * The {@code handoff:} Apache Camel 4 component: the library's triggers, brief, review, Slack
 * delivery and Salesforce write-back as endpoints, so a route reads as the handoff does.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>URI</th><th>body in</th><th>body out, headers</th><th>calls</th></tr>
 *   <tr><td>{@code handoff:outbound-message}</td><td>SOAP bytes</td><td>the exact Ack, with
 *       {@code Content-Type} and status 200; firings in {@link HandoffHeaders#FIRED}</td><td>{@code OutboundMessages}</td></tr>
 *   <tr><td>{@code handoff:poll}</td><td>-</td><td>{@code List<Fired>}</td><td>{@code ClosedWonPoller}</td></tr>
 *   <tr><td>{@code handoff:change-event}</td><td>JSON</td><td>{@code List<Fired>}</td><td>{@code ChangeEvents}</td></tr>
 *   <tr><td>{@code handoff:brief?kind=handoff}</td><td>{@code Fired}, {@code DealRef} or an opportunity id</td>
 *       <td>{@code StoredBrief} ({@code HandoffBrief} without a store); {@link HandoffHeaders#ALREADY_BRIEFED}
 *       true when a {@code Fired}'s win had its brief already (then nothing is briefed)</td><td>{@code Handoff}</td></tr>
 *   <tr><td>{@code handoff:review?reviewer=EMAIL}</td><td>{@code StoredBrief}</td><td>unchanged;
 *       {@link HandoffHeaders#AWAITING_REVIEW}, {@link HandoffHeaders#REVIEW_STATE}</td>
 *       <td>{@code BriefReview}, and {@code SlackReviewPrompt} when bound (the reviewer's DM)</td></tr>
 *   <tr><td>{@code handoff:deliver}</td><td>approved {@code StoredBrief}</td><td>unchanged; {@link HandoffHeaders#RESULT}</td><td>{@code SlackDelivery}</td></tr>
 *   <tr><td>{@code handoff:write-back}</td><td>{@code StoredBrief}</td><td>unchanged; {@link HandoffHeaders#RESULT}</td><td>{@code SalesforceWriteback}</td></tr>
 *   <tr><td>{@code handoff:slack-interactions}</td><td>the request's raw body and headers</td>
 *       <td>the acknowledgement, its status and content type</td><td>{@code SlackRequests} when bound, else {@code SlackInteractions}</td></tr>
 *   <tr><td>{@code handoff:slack-command}, {@code handoff:slack-events}</td><td>the request's raw body and headers</td>
 *       <td>the acknowledgement; the brief is answered in thread after</td><td>{@code SlackRequests}</td></tr>
 *   <tr><td>{@code handoff:batch?days=7&concurrency=4}</td><td>- (range in {@link HandoffHeaders#FROM}, {@link HandoffHeaders#TO})</td>
 *       <td>{@code BriefBatch.Summary}; {@link HandoffHeaders#MORE}</td><td>{@code ClosedWonRange}, {@code Handoff}, {@code BriefStore}</td></tr>
 *   <tr><td>{@code from("handoff:approved")}</td><td>-</td><td>each brief a reviewer approved</td>
 *       <td>{@link HandoffApprovals}, given to {@code SlackInteractions.Builder.onApproved}</td></tr>
 * </table>
 *
 * <p>Every bean is found in the registry by type (one of each), or set on {@link HandoffComponent}.
 * The library keeps no state outside its {@code BriefStore}: workers sharing one store make one
 * brief per deal. Typed exceptions are left on the exchange: see {@link HandoffErrors} for which to
 * retry. The routes, as the sample app's {@code serve} runs them:
 *
 * <pre>{@code
 * onException(InvalidRequestException.class).handled(true)           // malformed, wrong org: nothing stored
 *     .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(400)).setBody(exceptionMessage());
 * onException(HandoffException.class).onWhen(HandoffErrors.retriable())
 *     .maximumRedeliveries(3).redeliveryDelay(2000).useExponentialBackOff();
 *
 * from("platform-http:/salesforce/outbound-message?httpMethodRestrict=POST")
 *     .to("handoff:outbound-message")                                 // the Ack stays the response
 *     .split(header(HandoffHeaders.FIRED)).to("direct:handoff-brief");
 * from("timer:closed-won-poller?period=300000")
 *     .to("handoff:poll").split(body()).to("direct:handoff-brief");
 * from("direct:handoff-brief")
 *     .to("handoff:brief?kind=handoff")
 *     .filter(header(HandoffHeaders.ALREADY_BRIEFED)).stop().end()   // pushed, then polled: done once
 *     .to("handoff:review?reviewer={{handoff.reviewer}}")
 *     .filter(header(HandoffHeaders.AWAITING_REVIEW).isEqualTo(false)).to("direct:handoff-deliver");
 * // Slack signs the raw body: with platform-http (Vert.x), turn its body handler off and read the
 * // bytes (the sample's RawHttpBody); its form decoder drops them and refuses a field over 8 KB.
 * from("platform-http:/slack/commands?httpMethodRestrict=POST&useBodyHandler=false")
 *     .process(new RawHttpBody()).to("handoff:slack-command");        // the brief answered in thread later
 * from("platform-http:/slack/events?httpMethodRestrict=POST").to("handoff:slack-events");
 * from("platform-http:/slack/interactivity?httpMethodRestrict=POST&useBodyHandler=false")
 *     .process(new RawHttpBody()).to("handoff:slack-interactions");   // "which one?", Confirm / Flag
 * from("handoff:approved").to("direct:handoff-deliver");
 * from("direct:handoff-deliver").to("handoff:deliver").to("handoff:write-back");
 * }</pre>
 */
package org.handoffbrief.camel;
