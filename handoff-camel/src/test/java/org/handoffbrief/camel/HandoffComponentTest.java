package org.handoffbrief.camel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.handoffbrief.Handoff;
import org.handoffbrief.InvalidRequestException;
import org.handoffbrief.connector.salesforce.SalesforceAuth;
import org.handoffbrief.connector.salesforce.SalesforceConfig;
import org.handoffbrief.connector.salesforce.SalesforceConnector;
import org.handoffbrief.connector.salesforce.trigger.ClosedWonPoller;
import org.handoffbrief.connector.salesforce.trigger.OutboundMessages;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.review.ReviewState;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.StoredBrief;
import org.handoffbrief.testing.SalesforceOutboundMessage;
import org.handoffbrief.trigger.Fired;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code handoff:} endpoints in routes as a Camel user writes them: an outbound-message
 * endpoint on platform-http, a poll route, a brief and its review, against WireMock serving the
 * Salesforce Partner API and an in-memory store.
 */
class HandoffComponentTest extends CamelTestSupport {
  static final String SOAP = "/services/Soap/u/65.0";
  static final String ORG = "00D8c00000OrGid";
  static final String OTHER_ORG = "00D8c00000OtHer";
  /** The opportunity of the query-opportunity fixture: Closed Won. */
  static final String WON = "0068c00000MeRdHAAV";
  /** When the fixture opportunity was won, as Salesforce stamps it. */
  static final String WON_AT = "2026-03-27T18:01:00.000Z";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-27T18:30:00Z"), ZoneOffset.UTC);

  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  /** A free port for this test's HTTP routes, released after it (the finder's own reservation, not a socket). */
  @RegisterExtension
  final AvailablePortFinder.Port port = AvailablePortFinder.find();
  final HttpClient http = HttpClient.newHttpClient();
  final BriefStore store = BriefStore.inMemory(CLOCK);
  SalesforceConfig salesforce;
  Handoff handoff;
  ClosedWonPoller poller;

  @BeforeEach
  void salesforceAnswers() {
    wm.stubFor(query("SELECT TimeZoneSidKey FROM Organization").willReturn(xml(resource("query-organization.xml"))));
    wm.stubFor(query("FROM Opportunity WHERE Id").willReturn(xml(resource("query-opportunity.xml"))));
    wm.stubFor(post(urlEqualTo(SOAP)).withRequestBody(matchingXPath("//*[local-name()='queryMore']"))
        .willReturn(xml(resource("querymore-tasks.xml"))));
  }

  @AfterEach
  void closeLibrary() {
    if (handoff != null) {
      handoff.close();
    }
  }

  @Override
  protected CamelContext createCamelContext() throws Exception {
    CamelContext context = super.createCamelContext();
    var server = new VertxPlatformHttpServerConfiguration();
    server.setBindPort(port.getPort());
    context.addService(new VertxPlatformHttpServer(server));
    return context;
  }

  @Override
  protected void bindToRegistry(Registry registry) {
    salesforce = SalesforceConfig.builder().loginUrl(URI.create(wm.baseUrl()))
        .auth(SalesforceAuth.session(URI.create(wm.baseUrl()), "00D8c00000OrGid!FAKE.session")).build();
    handoff = Handoff.builder().resolver(SalesforceConnector.create(salesforce)).store(store).clock(CLOCK).build();
    poller = ClosedWonPoller.builder().salesforce(salesforce).store(store).clock(CLOCK).build();
    registry.bind("handoff", handoff);
    registry.bind("store", store);
    registry.bind("review", BriefReview.builder(store).mode(BriefReview.Mode.NEVER).clock(CLOCK).build());
    registry.bind("outboundMessages", new OutboundMessages(List.of(ORG), store, CLOCK));
    registry.bind("poller", poller);
  }

  @Override
  protected RoutesBuilder createRouteBuilder() {
    return new RouteBuilder() {
      @Override
      public void configure() {
        onException(InvalidRequestException.class).handled(true)
            .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(400))
            .setHeader(Exchange.CONTENT_TYPE, constant("text/plain; charset=utf-8"))
            .setBody(exceptionMessage());

        from("platform-http:/salesforce/outbound-message?httpMethodRestrict=POST")
            .to("handoff:outbound-message")
            .split(header(HandoffHeaders.FIRED))
              .to("handoff:brief?kind=handoff")
              .to("handoff:review")
              .to("mock:briefs");

        from("direct:poll").to("handoff:poll").split(body()).to("mock:fired");
      }
    };
  }

  /** Issue 11: a duplicated outbound message produces one brief (here through a Camel route). */
  @Test
  void aDuplicatedOutboundMessageThroughTheRouteIsAckedTwiceAndMakesOneBrief() throws Exception {
    MockEndpoint briefs = getMockEndpoint("mock:briefs");
    briefs.expectedMessageCount(1);

    HttpResponse<String> first = postOutbound(outboundMessage(ORG, "04l8c00000Nt1aAAAR", WON));
    HttpResponse<String> retry = postOutbound(outboundMessage(ORG, "04l8c00000Nt1aAAAR", WON));

    briefs.assertIsSatisfied();
    assertEquals(200, first.statusCode());
    assertEquals(OutboundMessages.ACK, first.body());
    assertTrue(first.headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
    assertEquals(200, retry.statusCode());
    assertEquals(OutboundMessages.ACK, retry.body());
    assertEquals(1, store.history(WON).size());
    StoredBrief stored = briefs.getReceivedExchanges().get(0).getMessage().getBody(StoredBrief.class);
    assertEquals(WON, stored.opportunityId());
    assertEquals(ReviewState.APPROVED,
        briefs.getReceivedExchanges().get(0).getMessage().getHeader(HandoffHeaders.REVIEW_STATE));
    assertEquals(Boolean.FALSE,
        briefs.getReceivedExchanges().get(0).getMessage().getHeader(HandoffHeaders.AWAITING_REVIEW));
  }

  /** Issue 11: a wrong organization id is refused with a clear error and changes nothing. */
  @Test
  void aMessageFromAnotherOrganizationIsAnswered400AndChangesNothing() throws Exception {
    HttpResponse<String> refused = postOutbound(outboundMessage(OTHER_ORG, "04l8c00000Nt1aAAAR", WON));

    assertEquals(400, refused.statusCode());
    assertTrue(refused.body().contains("not configured"), refused.body());
    assertEquals(0, store.history(WON).size());
    // Nothing was marked: the same notification from the right org is still new.
    assertEquals(200, postOutbound(outboundMessage(ORG, "04l8c00000Nt1aAAAR", WON)).statusCode());
    assertEquals(1, store.history(WON).size());
  }

  /** Issue 11: a malformed SOAP body is refused with a clear error and changes nothing. */
  @Test
  void aMalformedBodyIsAnswered400WithoutTheSessionIdAndChangesNothing() throws Exception {
    String cut = outboundMessage(ORG, "04l8c00000Nt1aAAAR", WON);
    HttpResponse<String> refused = postOutbound(cut.substring(0, cut.length() / 2));

    assertEquals(400, refused.statusCode());
    assertTrue(refused.body().contains("not well-formed XML"), refused.body());
    assertFalse(refused.body().contains("FAKE"), refused.body());
    assertEquals(0, store.history(WON).size());
  }

  @Test
  void theOutboundMessageEndpointLeavesTheTypedExceptionOnTheExchangeForOnException() {
    Exchange failed = template.send("handoff:outbound-message", e -> e.getMessage().setBody(
        outboundMessage(OTHER_ORG, "04l8c00000Nt1aAAAR", WON).getBytes(StandardCharsets.UTF_8)));

    assertInstanceOf(InvalidRequestException.class, failed.getException());
  }

  /** Issue 11: every trigger dedupes through the store: two polls over the same window fire each won deal once. */
  @Test
  void thePollRouteFiresEachWonDealOnce() throws Exception {
    wm.stubFor(query("WHERE IsWon = true").willReturn(xml(page("006000000000001AAA", "006000000000002AAA"))));
    MockEndpoint fired = getMockEndpoint("mock:fired");
    fired.expectedMessageCount(2);

    template.sendBody("direct:poll", null);
    template.sendBody("direct:poll", null);

    fired.assertIsSatisfied();
    assertEquals(List.of("006000000000001AAA", "006000000000002AAA"), fired.getReceivedExchanges().stream()
        .map(e -> e.getMessage().getBody(Fired.class).ref().opportunityId()).toList());
  }

  /**
   * Issue 11: two triggers given the same win make one brief: the outbound message briefs it, the
   * poller (the backstop) finds it again and its firing comes out already briefed, computed once.
   */
  @Test
  void anOutboundMessageThenThePollerForTheSameWinMakeOneBrief() throws Exception {
    getMockEndpoint("mock:briefs").expectedMessageCount(1);
    postOutbound(outboundMessage(ORG, "04l8c00000Nt1aAAAR", WON, WON_AT));
    getMockEndpoint("mock:briefs").assertIsSatisfied();
    wm.stubFor(query("WHERE IsWon = true").willReturn(xml(pageWonAt(WON_AT, WON))));

    List<Exchange> polled = briefEach(template.requestBody("handoff:poll", null, List.class));

    assertEquals(1, polled.size(), "the poller fired the win");
    assertEquals(Boolean.TRUE, polled.get(0).getMessage().getHeader(HandoffHeaders.ALREADY_BRIEFED));
    assertEquals(store.latest(WON, org.handoffbrief.model.BriefKind.HANDOFF).orElseThrow(),
        polled.get(0).getMessage().getBody(StoredBrief.class), "the stored brief is handed on");
    assertEquals(1, briefsComputed(), "the win was briefed once");
    assertEquals(1, store.history(WON).size());
  }

  /** Issue 11: a push firing whose worker died after the ack, before briefing, is briefed by the poller. */
  @Test
  void thePollerRecoversAPushFiringWhoseWorkerDiedBeforeBriefing() throws Exception {
    Exchange acked = template.send("handoff:outbound-message", e -> e.getMessage().setBody(
        outboundMessage(ORG, "04l8c00000Nt1aAAAR", WON, WON_AT).getBytes(StandardCharsets.UTF_8)));
    assertEquals(1, acked.getMessage().getHeader(HandoffHeaders.FIRED, List.class).size(), "fired, then lost");
    wm.stubFor(query("WHERE IsWon = true").willReturn(xml(pageWonAt(WON_AT, WON))));

    List<Exchange> polled = briefEach(template.requestBody("handoff:poll", null, List.class));

    assertEquals(Boolean.FALSE, polled.get(0).getMessage().getHeader(HandoffHeaders.ALREADY_BRIEFED));
    assertEquals(1, briefsComputed());
    assertEquals(1, store.history(WON).size());
  }

  /**
   * Issue 11: a brief stored by a worker that died before its review started is handed on by the
   * next firing of the same win to finish its route, and not briefed again; once its review has
   * started, later firings stop.
   */
  @Test
  void aBriefWhoseReviewNeverStartedIsHandedOnToFinishNotBriefedAgain() throws Exception {
    Exchange acked = template.send("handoff:outbound-message", e -> e.getMessage().setBody(
        outboundMessage(ORG, "04l8c00000Nt1aAAAR", WON, WON_AT).getBytes(StandardCharsets.UTF_8)));
    briefEach(acked.getMessage().getHeader(HandoffHeaders.FIRED, List.class));   // briefed; died before review
    wm.stubFor(query("WHERE IsWon = true").willReturn(xml(pageWonAt(WON_AT, WON))));

    Exchange polled = briefEach(template.requestBody("handoff:poll", null, List.class)).get(0);

    assertEquals(Boolean.FALSE, polled.getMessage().getHeader(HandoffHeaders.ALREADY_BRIEFED), "carried on");
    StoredBrief stored = store.latest(WON, org.handoffbrief.model.BriefKind.HANDOFF).orElseThrow();
    assertEquals(stored, polled.getMessage().getBody(StoredBrief.class), "the stored brief, not a new one");
    assertEquals(1, briefsComputed());

    template.send("handoff:review", e -> e.getMessage().setBody(stored));
    Exchange later = briefEach(acked.getMessage().getHeader(HandoffHeaders.FIRED, List.class)).get(0);
    assertEquals(Boolean.TRUE, later.getMessage().getHeader(HandoffHeaders.ALREADY_BRIEFED), "review started: stop");
    assertEquals(1, briefsComputed());
  }

  /** Issue 11: a deal reopened and won again after its brief is briefed again. */
  @Test
  void aDealWonAgainAfterItsBriefIsBriefedAgain() throws Exception {
    getMockEndpoint("mock:briefs").expectedMessageCount(1);
    postOutbound(outboundMessage(ORG, "04l8c00000Nt1aAAAR", WON, WON_AT));
    getMockEndpoint("mock:briefs").assertIsSatisfied();
    // Won again after the brief was stored (the clock's now): a new win, a new moment.
    String wonAgain = CLOCK.instant().plusSeconds(60).toString();
    wm.stubFor(query("WHERE IsWon = true").willReturn(xml(pageWonAt(wonAgain, WON))));

    List<Exchange> polled = briefEach(template.requestBody("handoff:poll", null, List.class));

    assertEquals(Boolean.FALSE, polled.get(0).getMessage().getHeader(HandoffHeaders.ALREADY_BRIEFED));
    assertEquals(2, briefsComputed(), "once per win");
  }

  @Test
  void aDealAskedForByIdIsBriefedEvenWhenItsWinHasItsBrief() throws Exception {
    template.send("handoff:brief", e -> e.getMessage().setBody(WON));
    Exchange again = template.send("handoff:brief", e -> e.getMessage().setBody(WON));

    assertEquals(Boolean.FALSE, again.getMessage().getHeader(HandoffHeaders.ALREADY_BRIEFED));
    assertEquals(2, briefsComputed(), "someone asking is always answered with a fresh brief");
  }

  @Test
  void aBriefCanBeAskedForByOpportunityIdAndComesBackStored() throws Exception {
    Exchange out = template.send("handoff:brief", e -> e.getMessage().setBody(WON));

    StoredBrief stored = out.getMessage().getMandatoryBody(StoredBrief.class);
    assertEquals(stored.briefId(), out.getMessage().getHeader(HandoffHeaders.BRIEF_ID));
    assertEquals(1, stored.version());
  }

  @Test
  void anUnknownOperationIsRefusedNamingTheOnesThereAre() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> context.getEndpoint("handoff:breif"));
    assertTrue(rootMessage(e).contains("handoff:brief"), rootMessage(e));
  }

  // ---- helpers

  /** Each firing through {@code handoff:brief}, as the route's split does. */
  private List<Exchange> briefEach(List<?> fired) {
    return fired.stream().map(f -> template.send("handoff:brief?kind=handoff", e -> e.getMessage().setBody(f)))
        .toList();
  }

  /** How many briefs were computed: each reads the opportunity once. */
  private int briefsComputed() {
    return wm.countRequestsMatching(postRequestedFor(urlEqualTo(SOAP))
        .withRequestBody(containing("FROM Opportunity WHERE Id")).build()).getCount();
  }

  HttpResponse<String> postOutbound(String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port.getPort() + "/salesforce/outbound-message"))
        .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** An Opportunity outbound message as Salesforce sends it, with one won notification. */
  static String outboundMessage(String org, String notificationId, String opportunityId) {
    return SalesforceOutboundMessage.won(org, notificationId, opportunityId, null);
  }

  /** The same, carrying the opportunity's {@code LastStageChangeDate} when {@code wonAt} is given. */
  static String outboundMessage(String org, String notificationId, String opportunityId, String wonAt) {
    return SalesforceOutboundMessage.won(org, notificationId, opportunityId, wonAt);
  }

  /** A Partner API queryResponse with these won opportunities, as the poller's query is answered. */
  static String page(String... ids) {
    return pageWonAt("2026-03-27T18:01:00.000Z", ids);
  }

  /** The same, each won at {@code lastStageChange}. */
  static String pageWonAt(String lastStageChange, String... ids) {
    var records = new StringBuilder();
    for (String id : ids) {
      records.append("""
          <records xsi:type="sf:sObject"><sf:type>Opportunity</sf:type><sf:Id>%1$s</sf:Id><sf:Id>%1$s</sf:Id>\
          <sf:AccountId>001000000000001AAA</sf:AccountId><sf:StageName>Closed Won</sf:StageName>\
          <sf:IsWon>true</sf:IsWon><sf:CloseDate>2026-03-27</sf:CloseDate>\
          <sf:LastStageChangeDate>%2$s</sf:LastStageChangeDate>\
          <sf:SystemModstamp>2026-03-27T18:01:05.000Z</sf:SystemModstamp></records>
          """.formatted(id, lastStageChange));
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" \
        xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
        xmlns:sf="urn:sobject.partner.soap.sforce.com">
         <soapenv:Body><queryResponse><result xsi:type="QueryResult"><done>true</done>\
        <queryLocator xsi:nil="true"/>%s<size>%d</size></result></queryResponse></soapenv:Body>
        </soapenv:Envelope>""".formatted(records, ids.length);
  }

  static com.github.tomakehurst.wiremock.client.MappingBuilder query(String soqlPart) {
    return post(urlEqualTo(SOAP)).withRequestBody(matchingXPath("//*[local-name()='query']"))
        .withRequestBody(containing(soqlPart));
  }

  static ResponseDefinitionBuilder xml(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body);
  }

  String resource(String name) {
    try (InputStream in = getClass().getResourceAsStream("/salesforce/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("INSTANCE_URL", wm.baseUrl());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
