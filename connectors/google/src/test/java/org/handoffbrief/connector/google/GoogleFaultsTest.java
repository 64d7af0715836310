package org.handoffbrief.connector.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.handoffbrief.connector.google.GoogleFakes.ALEX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.util.List;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.RateLimitException;
import org.handoffbrief.DeadlineExceededException;
import org.handoffbrief.SourceUnavailableException;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.testing.FakeGoogle;
import org.handoffbrief.testing.RecordingSourceContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Gmail's token endpoint and transport under faults: typed outcomes, and one request per counted attempt. */
@Tag("reliability")
class GoogleFaultsTest {

  static final String LIST_ALEX = GmailConnectorTest.LIST_ALEX;

  static FakeGoogle google;

  /** Google with Alex's mailbox, empty: each test puts its fault in front. */
  @BeforeEach
  void startGoogle() {
    google = FakeGoogle.start().serviceAccount(GoogleFakes.SERVICE_ACCOUNT).mailbox(ALEX);
  }

  @AfterEach
  void stopGoogle() {
    google.close();
  }

  /** Issue 8 item 9: a 429 from the token endpoint was "fix your credentials"; it is a rate limit, waited out. */
  @Test
  void aTokenEndpoint429IsARateLimitRetriedAfterItsRetryAfter() {
    google.inject(post(urlPathEqualTo("/token")).atPriority(1).inScenario("busy").whenScenarioStateIs(STARTED)
        .willSetStateTo("calm").willReturn(json(429, "{\"error\":\"rate_limit_exceeded\"}").withHeader("Retry-After", "1")));
    var context = new RecordingSourceContext();

    SourceResult r = fetch(context, b -> { });

    assertEquals(List.of("POST token rate_limited", "POST token ok", "GET users.messages.list ok"), context.operations());
    assertFalse(r.partial());
  }

  /** Issue 8 item 9: a 429 that outlasts the retries is a RateLimitException, not an authentication failure. */
  @Test
  void aTokenEndpointThatKeepsAnswering429IsARateLimitException() {
    google.inject(post(urlPathEqualTo("/token")).atPriority(1).willReturn(json(429, "{\"error\":\"rate_limit_exceeded\"}")));

    assertThrows(RateLimitException.class, () -> fetch(new RecordingSourceContext(), b -> { }));

    assertEquals(3, google.requests(postRequestedFor(urlPathEqualTo("/token"))));
  }

  /** Issue 8 item 9: a 503 maintenance page from the token endpoint was "malformed"; it is unavailable, retried. */
  @Test
  void aTokenEndpointMaintenancePageIsUnavailableAfterTheRetries() {
    google.inject(post(urlPathEqualTo("/token")).atPriority(1).willReturn(aResponse().withStatus(503)
        .withHeader("Content-Type", "text/html").withBody("<html><body>Down for maintenance</body></html>")));
    var context = new RecordingSourceContext();

    var e = assertThrows(SourceUnavailableException.class, () -> fetch(context, b -> { }));

    assertEquals(List.of("POST token unavailable", "POST token unavailable", "POST token unavailable"), context.operations());
    assertFalse(e.getMessage().contains("<html"), e.getMessage());
    assertTrue(e.getMessage().contains("the credentials may be fine"), e.getMessage());
  }

  /** Issue 8 item 9: a 401 without OAuth JSON is refused credentials, asked once. */
  @Test
  void aTokenEndpoint401WithoutABodyIsAnAuthenticationFailureAskedOnce() {
    google.inject(post(urlPathEqualTo("/token")).atPriority(1).willReturn(aResponse().withStatus(401)));

    assertThrows(AuthenticationException.class, () -> fetch(new RecordingSourceContext(), b -> { }));

    assertEquals(1, google.requests(postRequestedFor(urlPathEqualTo("/token"))));
  }

  /**
   * Issue 8 item 9: HttpURLConnection silently resent after a connection reset (6 requests on the
   * wire for 3 counted attempts, POSTs included). The JDK client still resends an idempotent GET
   * once when its connection dies before any byte of the answer (its ConnectionExpired rule, no
   * switch in Java 17); a GET is safe to resend, and the count stays bounded and typed.
   */
  @Test
  void aConnectionResetOnAListIsUnavailableAfterTheCountedAttemptsWithAtMostOneResendEach() {
    google.inject(get(urlPathMatching(LIST_ALEX)).atPriority(1)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    var context = new RecordingSourceContext();

    assertThrows(SourceUnavailableException.class, () -> fetch(context, b -> { }));

    long attempts = context.operations().stream().filter(c -> c.startsWith("GET users.messages.list")).count();
    assertEquals(3, attempts);
    int onTheWire = google.received(getRequestedFor(urlPathMatching(LIST_ALEX))).size();
    assertTrue(onTheWire >= 3 && onTheWire <= 2 * attempts, onTheWire + " requests for " + attempts + " attempts");
  }

  /** Issue 8 item 9: a POST (the token request) is never resent behind the policy's back either. */
  @Test
  void aConnectionResetOnTheTokenPostIsSentOncePerCountedAttempt() {
    google.inject(post(urlPathEqualTo("/token")).atPriority(1)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    var context = new RecordingSourceContext();

    assertThrows(SourceUnavailableException.class, () -> fetch(context, b -> { }));

    assertEquals(3, context.operations().size());
    assertEquals(3, google.requests(postRequestedFor(urlPathEqualTo("/token"))));
  }

  /** Issue 8 item 8: the call timeout bounds the whole exchange, so a body that trickles in times out. */
  @Test
  void aBodyThatTricklesPastTheCallTimeoutIsATimeoutAndRetried() {
    google.inject(get(urlPathMatching(LIST_ALEX)).atPriority(1)
        .willReturn(json(200, "{\"resultSizeEstimate\": 0, \"messages\": []}").withChunkedDribbleDelay(5, 3_000)));
    var context = new RecordingSourceContext();

    var e = assertThrows(DeadlineExceededException.class, () -> fetch(context, b -> b.timeout(Duration.ofMillis(200))));

    assertTrue(e.getMessage().contains("completely within the call timeout"), e.getMessage());
    // WireMock logs a dribbled request only once its answer is done, so the attempts are counted here.
    assertEquals(3, context.operations().stream().filter(c -> c.equals("GET users.messages.list timeout")).count(),
        context.operations().toString());
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static SourceResult fetch(RecordingSourceContext context,
      java.util.function.Consumer<GoogleConfig.Builder> custom) {
    GoogleConfig.Builder b = GoogleConfig.gmail().rootUrl(google.baseUrl()).readDealTeam(false).mailboxes(List.of(ALEX))
        .auth(GoogleAuth.serviceAccount(GoogleFakes.SERVICE_ACCOUNT, google.privateKey(), google.tokenUrl()))
        .retryPolicy(GoogleFakes.FAST);
    custom.accept(b);
    try (GmailConnector c = GmailConnector.create(b.build())) {
      return c.fetch(GoogleFakes.deal(), context);
    }
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
  }
}
