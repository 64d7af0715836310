package org.handoffbrief.connector.microsoft;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.handoffbrief.connector.microsoft.OutlookConnectorTest.ALEX;
import static org.handoffbrief.connector.microsoft.OutlookConnectorTest.ALEX_CAL;
import static org.handoffbrief.connector.microsoft.OutlookConnectorTest.ALEX_MAIL;
import static org.handoffbrief.connector.microsoft.OutlookConnectorTest.SAM;
import static org.handoffbrief.connector.microsoft.OutlookConnectorTest.SAM_CAL;
import static org.handoffbrief.connector.microsoft.OutlookConnectorTest.SAM_MAIL;
import static org.handoffbrief.connector.microsoft.OutlookConnectorTest.deal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;
import org.handoffbrief.DeadlineExceededException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.SourceFailure;
import org.handoffbrief.spi.RetryPolicy;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.testing.FakeOutlook;
import org.handoffbrief.testing.RecordingSourceContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Outlook under the faults issue 8 names: each test serves Graph's wire format with one fault. */
@Tag("reliability")
class OutlookFaultsTest {

  static FakeOutlook outlook;

  @BeforeEach
  void startTenant() {
    outlook = FakeOutlook.start();
  }

  @AfterEach
  void stopTenant() {
    outlook.close();
  }

  /** Another server on this machine: where a hostile next link points. */
  @RegisterExtension
  static WireMockExtension elsewhere = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  /** Issue 8 item 4: an empty 200 on the mail search is not an empty mailbox; the calendar is still read. */
  @Test
  void anEmptyAnswerToTheMailSearchIsUnreadAndTheCalendarIsStillRead() {
    stubAll();
    outlook.inject(get(urlPathEqualTo(ALEX_MAIL)).atPriority(1).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")));
    outlook.inject(get(urlPathEqualTo(SAM_MAIL)).atPriority(1).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")));

    SourceResult r = connector(b -> { }).fetch(deal(), new RecordingSourceContext());

    assertTrue(r.partial());
    assertEquals(2, r.unread().size(), r.unread().toString());
    assertTrue(r.unread().get(0).startsWith("Outlook mail of " + ALEX + " was not read: Microsoft Graph answered"
        + " GET /users/{id}/messages with no value list"), r.unread().get(0));
    assertEquals(2, r.evidence().stream().filter(e -> e.kind().equals(OutlookConnector.EVENT)).count(),
        "both meetings are read although no mail could be");
    assertEquals(1, outlook.received(getRequestedFor(urlPathEqualTo(ALEX_MAIL))).size(), "a bad answer is not asked again");
  }

  /** Issue 8 item 4: a page without Graph's {@code value} list is not read as "no messages". */
  @Test
  void aPageWithoutAValueListIsUnreadNotAnEmptyMailbox() {
    stubAll();
    outlook.inject(get(urlPathEqualTo(SAM_MAIL)).atPriority(1).willReturn(json(200,
        "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users('sam')/messages\"}")));

    SourceResult r = connector(b -> { }).fetch(deal(), new RecordingSourceContext());

    assertEquals(List.of("Outlook mail of " + SAM + " was not read: Microsoft Graph answered GET /users/{id}/messages"
        + " with no value list (an empty body or another object), not a page of the collection."), r.unread());
    assertEquals(4, OutlookConnectorTest.items(r), "alex's mail and both calendars");
  }

  /** Issue 8 item 4: when every calendar fails the mail is kept, and the source says the calendars are missing. */
  @Test
  void whenEveryCalendarFailsTheMailIsKeptAndTheSourceIsPartial() {
    stubAll();
    outlook.inject(get(urlPathEqualTo(ALEX_CAL)).atPriority(1).willReturn(json(503, "{\"error\":{\"code\":\"x\"}}")));
    outlook.inject(get(urlPathEqualTo(SAM_CAL)).atPriority(1).willReturn(json(503, "{\"error\":{\"code\":\"x\"}}")));

    SourceResult r = connector(fastRetries()).fetch(deal(), new RecordingSourceContext());

    assertEquals(3, OutlookConnectorTest.items(r));
    assertEquals(2, r.unread().size());
    assertTrue(r.unread().stream().allMatch(u -> u.startsWith("Outlook calendar of ")), r.unread().toString());
  }

  /** Issue 8 item 6: a page the reader cannot read is a typed malformed response, its cause kept, its message ours. */
  @Test
  void aBrokenPageIsAMalformedResponseWithItsCauseKept() {
    stubAll();
    outlook.inject(get(urlPathEqualTo(ALEX_CAL)).atPriority(1).willReturn(json(200, fixture("calendar-sam-1.json")
        .replace("2026-02-06T16:00:00.0000000", "the sixth of February"))));

    var e = assertThrows(MalformedResponseException.class,
        () -> connector(b -> b.readMail(false).mailboxes(List.of(ALEX))).fetch(deal(), new RecordingSourceContext()));

    assertEquals("Microsoft Graph answered the calendar of " + ALEX + " with a page that could not be read"
        + " (DateTimeParseException).", e.getMessage());
    assertInstanceOf(DateTimeParseException.class, e.getCause());
  }

  /** Issue 8 item 8: a body that trickles past the call timeout is a timeout, retried, not a malformed answer. */
  @Test
  void aMailPageWhoseBodyTricklesPastTheCallTimeoutIsATimeoutAndRetried() {
    stubAll();
    outlook.inject(get(urlPathEqualTo(SAM_MAIL)).atPriority(1).willReturn(json(200, fixture("messages-empty.json"))
        .withChunkedDribbleDelay(20, 2_000)));
    var ctx = new RecordingSourceContext();

    SourceResult r = connector(fastRetries().andThen(b -> b.timeout(Duration.ofMillis(300)))).fetch(deal(), ctx);

    assertEquals(3, ctx.operations().stream().filter("GET /users/{id}/messages timeout"::equals).count(),
        ctx.operations().toString());
    assertEquals(1, r.unread().size());
    assertTrue(r.unread().get(0).startsWith("Outlook mail of " + SAM + " was not read: Microsoft Graph did not answer"
        + " GET /users/{id}/messages completely within the call timeout"), r.unread().get(0));
  }

  /** Issue 8 item 8: the token request is bounded as a whole, headers and body. */
  @Test
  void aTokenAnswerThatTricklesPastTheCallTimeoutIsATimeout() {
    outlook.inject(post(urlPathEqualTo(OutlookConnectorTest.tokenPath(outlook))).willReturn(json(200, fixture("token.json"))
        .withChunkedDribbleDelay(20, 2_000)));
    var ctx = new RecordingSourceContext();

    var e = assertThrows(DeadlineExceededException.class,
        () -> connector(fastRetries().andThen(b -> b.timeout(Duration.ofMillis(300)))).fetch(deal(), ctx));

    assertEquals(SourceFailure.Kind.TIMEOUT, e.kind());
    assertTrue(e.isRetriable());
    assertEquals(List.of(GraphToken.OPERATION + " timeout", GraphToken.OPERATION + " timeout",
        GraphToken.OPERATION + " timeout"), ctx.operations());
  }

  /** Issue 8 (low): a next link to another port or over http never gets the token; the page is unread. */
  @Test
  void aNextLinkToAnotherPortGetsNoRequestAndThePageIsUnread() {
    stubAll();
    elsewhere.stubFor(get(anyUrl()).willReturn(json(200, fixture("messages-empty.json"))));
    String page1 = fixture("messages-alex-1.json").replace(outlook.graphUrl().toString(), elsewhere.baseUrl());
    outlook.inject(get(urlPathEqualTo(ALEX_MAIL)).atPriority(1).willReturn(json(200, page1)));

    SourceResult r = connector(b -> b.readCalendar(false)).fetch(deal(), new RecordingSourceContext());

    assertEquals(0, elsewhere.findAll(anyRequestedFor(anyUrl())).size(), "nothing, and no token, went elsewhere");
    assertEquals(List.of("Mailbox " + ALEX + ": page 2 could not be read (malformed_response); later messages are not"
        + " in the brief."), r.unread());
    assertEquals(2, OutlookConnectorTest.items(r), "alex's first page and sam's mail are kept");
  }

  /** Issue 8 (low): a next link that changes the scheme is refused before any connection is made. */
  @Test
  void aNextLinkThatChangesTheSchemeIsRefused() {
    stubAll();
    String page1 = fixture("messages-alex-1.json").replace(outlook.graphUrl().toString(), outlook.graphUrl().toString().replace("http:", "https:"));
    outlook.inject(get(urlPathEqualTo(ALEX_MAIL)).atPriority(1).willReturn(json(200, page1)));

    SourceResult r = connector(b -> b.readCalendar(false).mailboxes(List.of(ALEX))).fetch(deal(), new RecordingSourceContext());

    assertEquals(1, outlook.received(getRequestedFor(urlPathEqualTo(ALEX_MAIL))).size());
    assertEquals(1, r.unread().size());
  }

  /** Issue 8 (low): the client secret and the token travel only over https, or plain http on this machine. */
  @Test
  void plainHttpIsRefusedForAnyHostButThisMachine() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> OutlookConfig.builder().graphUrl(URI.create("http://graph.example.com")));
    assertTrue(e.getMessage().contains("must use https"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> OutlookConfig.builder().authorityUrl(URI.create("http://login.example.com")));
    OutlookConfig.builder().graphUrl(URI.create("http://127.0.0.1:8080")).authorityUrl(URI.create("http://localhost:1"));
  }

  /** Issue 8 item 7: close() is idempotent and a closed connector sends nothing. */
  @Test
  void aClosedConnectorSendsNothing() {
    stubAll();
    OutlookConnector connector = connector(b -> { });
    connector.close();
    connector.close();

    assertThrows(IllegalStateException.class, () -> connector.fetch(deal(), new RecordingSourceContext()));
    assertEquals(0, outlook.requests());
  }

  /** Every Graph call reuses one HTTP client per connector: two briefs, one token request. */
  @Test
  void twoBriefsShareTheConnectorsTokenAndClient() {
    stubAll();
    try (OutlookConnector connector = connector(b -> { })) {
      SourceResult first = connector.fetch(deal(), new RecordingSourceContext());
      SourceResult second = connector.fetch(deal(), new RecordingSourceContext());
      assertEquals(first.evidence().stream().map(Evidence::id).toList(),
          second.evidence().stream().map(Evidence::id).toList());
    }
    assertEquals(1, outlook.received(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        urlPathEqualTo(OutlookConnectorTest.tokenPath(outlook)))).size());
    assertFalse(outlook.received(getRequestedFor(urlPathEqualTo(ALEX_MAIL))).isEmpty());
  }

  // --- helpers ------------------------------------------------------------------------------------

  static Consumer<OutlookConfig.Builder> fastRetries() {
    return b -> b.retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)));
  }

  OutlookConnector connector(Consumer<OutlookConfig.Builder> tweak) {
    var b = OutlookConfig.builder().tenantId(outlook.tenantId()).clientId(outlook.clientId())
        .clientSecret(outlook.clientSecret()).authorityUrl(outlook.authorityUrl()).graphUrl(outlook.graphUrl())
        .lookback(Duration.ZERO);
    tweak.accept(b);
    return OutlookConnector.create(b.build());
  }

  void stubAll() {
    OutlookConnectorTest.mailAndCalendars(outlook);
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
  }

  static String fixture(String name) {
    try (InputStream in = OutlookFaultsTest.class.getResourceAsStream("/graph/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${base}", outlook.graphUrl().toString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
