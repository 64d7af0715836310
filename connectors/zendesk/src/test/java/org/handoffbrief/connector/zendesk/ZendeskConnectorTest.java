package org.handoffbrief.connector.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.PermissionException;
import org.handoffbrief.model.Account;
import org.handoffbrief.model.DealContact;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Opportunity;
import org.handoffbrief.model.Participant;
import org.handoffbrief.model.Person;
import org.handoffbrief.model.TeamMember;
import org.handoffbrief.model.TimeWindow;
import org.handoffbrief.spi.FollowUp;
import org.handoffbrief.spi.RetryPolicy;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.testing.FakeZendesk;
import org.handoffbrief.testing.RecordingSourceContext;
import org.handoffbrief.testing.WireFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ZendeskConnectorTest {

  private static final String JSON = "application/json; charset=utf-8";

  private FakeZendesk zendesk;
  private ZendeskConnector connector;

  @BeforeEach
  void setUp() {
    zendesk = FakeZendesk.start();
    connector = ZendeskConnector.create(ZendeskConfig.builder()
        .subdomain("northwind")
        .baseUrl(zendesk.baseUrl())
        .auth(ZendeskAuth.apiToken(zendesk.agentEmail(), zendesk.apiToken()))
        // Tiny back-off, but room for the 1 s Retry-After the rate-limit test asks for: ApiCalls never
        // retries sooner than the vendor asked.
        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(2)))
        .build());
  }

  @AfterEach
  void stopZendesk() {
    zendesk.close();
  }

  // ---- the happy path, pages, identity, window ----

  @Test
  void readsTheAccountsTicketsAndCommentsAcrossPages() {
    stubAccount();
    SourceResult result = connector.fetch(deal(), new RecordingSourceContext());

    assertEquals(List.of("zendesk:ticket:1005", "zendesk:comment:72002", "zendesk:ticket:1001", "zendesk:comment:70002",
        "zendesk:comment:70003", "zendesk:comment:70005", "zendesk:ticket:1002", "zendesk:comment:71002"), ids(result));
    Evidence sso = byId(result, "zendesk:ticket:1001");
    assertEquals("""
        Subject: SSO login fails in trial environment
        Status: solved
        Priority: high
        Requester: Priya Raman <priya.raman@meridianhealth.org>
        Created: 2026-02-09 14:12 UTC
        Updated: 2026-02-13 10:05 UTC

        Since this morning nobody on our side can log in to the trial environment through Okta. We get 'SAML response invalid'.""",
        sso.text());
    assertEquals(URI.create("https://northwind.zendesk.com/agent/tickets/1001"), sso.permalink());
    assertEquals(new Participant("Priya Raman", "priya.raman@meridianhealth.org", "501"), sso.author());
    assertEquals(List.of(new Participant("Sam Chen", "sam.chen@northwind-analytics.com", "601")), sso.participants());
    assertEquals("solved", sso.attribute("status"));
    assertEquals("priya.raman@meridianhealth.org", sso.attribute("requesterEmail"));
    assertEquals("2026-02-09T14:12Z", sso.timestamp().toString());

    Evidence reply = byId(result, "zendesk:comment:70002");
    assertEquals("""
        Ticket: #1001 SSO login fails in trial environment
        From: Sam Chen <sam.chen@northwind-analytics.com>
        Date: 2026-02-09 16:30 UTC

        Thanks Priya, the trial's SAML certificate was rotated on our side. Could you re-upload the IdP metadata?""",
        reply.text(), "the quoted email history is cut");
    Evidence note = byId(result, "zendesk:comment:70003");
    assertTrue(note.text().contains("\nVisibility: internal note\n"), note.text());
    assertEquals("internal", note.attribute("visibility"));
    assertEquals("false", note.attribute("public"));
    assertFalse(note.internalOnly(), "internal notes may be cited in a CSM brief");
    assertTrue(byId(result, "zendesk:comment:70005").text().endsWith("Re-uploaded, logins work again. Thanks!"),
        "the signature is cut");
    assertFalse(ids(result).contains("zendesk:comment:70004"), "the Answer Bot comment is dropped");

    // What was asked: the org by name, both search pages, one search per contact, one users lookup, comments.
    verify(1, getRequestedFor(urlPathEqualTo("/api/v2/organizations/search.json"))
        .withQueryParam("name", equalTo("Meridian Health")));
    verify(getRequestedFor(urlPathEqualTo("/api/v2/search.json"))
        .withQueryParam("query", equalTo("type:ticket organization:360001 updated>=2026-01-12 created<2026-03-29")));
    verify(1, getRequestedFor(urlPathEqualTo("/api/v2/search.json")).withQueryParam("page", equalTo("2")));
    verify(3, getRequestedFor(urlPathEqualTo("/api/v2/search.json"))
        .withQueryParam("query", containing("type:ticket requester:")));
    verify(1, getRequestedFor(urlPathEqualTo("/api/v2/users/show_many.json")));
    verify(1, getRequestedFor(urlPathEqualTo("/api/v2/tickets/1001/comments.json"))
        .withQueryParam("page[after]", matching(".+")));
    verify(getRequestedFor(urlPathEqualTo("/api/v2/search.json"))
        .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString(
            (zendesk.agentEmail() + "/token:" + zendesk.apiToken()).getBytes(StandardCharsets.UTF_8)))));
    assertEquals(11, zendesk.requests());
    assertTrue(result.notes().isEmpty(), result.notes().toString());
  }

  @Test
  void aNameAlikeFromAnotherCustomerStaysOut() {
    stubAccount();
    // A search looser than asked: the one for Meridian's Dana also returns Harborview's Dana Okonkwo's ticket.
    stub(get(urlPathEqualTo("/api/v2/search.json"))
        .withQueryParam("query", containing("requester:dana.okonkwo@meridianhealth.org")), ok("search-requester-dana.json"));
    SourceResult result = connector.fetch(deal(), new RecordingSourceContext());

    // The search for Meridian's Dana also returned Harborview's Dana Okonkwo's ticket.
    assertFalse(ids(result).contains("zendesk:ticket:1004"));
    assertTrue(result.evidence().stream().noneMatch(e -> e.text().contains("harborview")
        || "599".equals(e.author().systemUserId())));
    verify(0, getRequestedFor(urlPathEqualTo("/api/v2/tickets/1004/comments.json")));
  }

  @Test
  void theWindowIsRespected() {
    stubAccount();
    SourceResult result = connector.fetch(deal(), new RecordingSourceContext());

    assertFalse(ids(result).contains("zendesk:ticket:1003"), "closed before the window, updated by auto-close only");
    assertTrue(ids(result).contains("zendesk:ticket:1005"), "opened before the window, still open and worked in it");
    assertFalse(ids(result).contains("zendesk:comment:72001"), "the older ticket's description is the ticket itself");
    assertFalse(ids(result).contains("zendesk:comment:71003"), "a comment after the close is out");
    assertEquals("pending", byId(result, "zendesk:ticket:1002").attribute("status"));
  }

  @Test
  void anOrganizationSharingOnlyTheNameIsNotUsed() {
    stubAccount();
    stub(get(urlPathEqualTo("/api/v2/organizations/search.json")).atPriority(1), ok("organizations-search-other-domain.json"));
    SourceResult result = connector.fetch(deal(), new RecordingSourceContext());

    verify(0, getRequestedFor(urlPathEqualTo("/api/v2/search.json")).withQueryParam("query", containing("organization:")));
    assertTrue(result.notes().get(0).contains("none of its email domains"), result.notes().toString());
    assertTrue(ids(result).contains("zendesk:ticket:1005"), "the people's own tickets are still read");
  }

  // ---- rate limits, server errors, credentials, permissions ----

  @Test
  void aRateLimitIsWaitedOutAsRetryAfterAsks() {
    stubAccount();
    stub(get(urlPathEqualTo("/api/v2/organizations/search.json")).atPriority(1).inScenario("429")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("waited"),
        aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("Too many requests"));
    var context = new RecordingSourceContext();
    SourceResult result = connector.fetch(deal(), context);

    verify(2, getRequestedFor(urlPathEqualTo("/api/v2/organizations/search.json")));
    assertEquals(List.of("GET /api/v2/organizations/search.json rate_limited", "GET /api/v2/organizations/search.json ok"),
        context.operations().subList(0, 2));
    assertTrue(ids(result).contains("zendesk:ticket:1001"), "the retried read goes on to the tickets");
  }

  @Test
  void aServerErrorIsRetriedThenSucceeds() {
    stubAccount();
    stub(get(urlPathEqualTo("/api/v2/tickets/1002/comments.json")).atPriority(1).inScenario("503")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("up"), aResponse().withStatus(503));
    var context = new RecordingSourceContext();
    SourceResult result = connector.fetch(deal(), context);

    verify(2, getRequestedFor(urlPathEqualTo("/api/v2/tickets/1002/comments.json")));
    assertTrue(context.operations().contains("GET /api/v2/tickets/{id}/comments.json unavailable"));
    assertTrue(ids(result).contains("zendesk:comment:71002"));
  }

  /** Issue 8 item 3: one ticket's comments failing keeps the rest and makes the source partial. */
  @Test
  @Tag("reliability")
  void oneTicketsCommentsThatKeepFailingCostOnlyThatTicketsComments() {
    stubAccount();
    stub(get(urlPathEqualTo("/api/v2/tickets/1002/comments.json")).atPriority(1), aResponse().withStatus(503));
    var context = new RecordingSourceContext();
    SourceResult result = connector.fetch(deal(), context);

    assertTrue(ids(result).contains("zendesk:ticket:1001"), "the other tickets are kept: " + ids(result));
    assertTrue(ids(result).contains("zendesk:ticket:1002"), "the ticket itself is kept from its search result");
    assertTrue(result.partial());
    assertTrue(result.unread().stream().anyMatch(n -> n.startsWith("Zendesk ticket #1002: comments page 1 could not be"
        + " read (unavailable)")), result.unread().toString());
  }

  /**
   * Issue 8 batch: two briefs at once through one connector against an account limited to 10 calls
   * a second cause no 429: the connector's limiter spaces both briefs' calls as one stream.
   */
  @Test
  @Tag("reliability")
  void twoBriefsAtOnceStayUnderTheAccountsLimit() throws Exception {
    stubAccount();
    zendesk.rateLimitPerSecond(10);
    var paced = ZendeskConnector.create(ZendeskConfig.builder().subdomain("northwind").baseUrl(zendesk.baseUrl())
        .auth(ZendeskAuth.apiToken(zendesk.agentEmail(), zendesk.apiToken())).requestsPerMinute(8 * 60).build());
    var contexts = List.of(new RecordingSourceContext(), new RecordingSourceContext());
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var briefs = List.of(pool.submit(() -> paced.fetch(deal(), contexts.get(0))),
          pool.submit(() -> paced.fetch(deal(), contexts.get(1))));
      for (var brief : briefs) {
        assertFalse(brief.get().partial(), "every call answered");
      }
    } finally {
      pool.shutdownNow();
      paced.close();
    }
    long limited = contexts.stream().flatMap(c -> c.operations().stream()).filter(o -> o.endsWith(" rate_limited"))
        .count();
    assertEquals(0, limited, "429s the two briefs caused");
    assertEquals(22, zendesk.requests(), "both briefs' 11 calls, none repeated");
  }

  /** Issue 8 batch: Zendesk's headers saying the minute's calls are spent pause every brief until the reset. */
  @Test
  @Tag("reliability")
  void aSpentWindowInZendesksHeadersIsReadAsAPause() {
    var headers = java.net.http.HttpHeaders.of(Map.of("ratelimit-remaining", List.of("0"),
        "ratelimit-reset", List.of("41")), (k, v) -> true);
    assertEquals(java.util.Optional.of(Duration.ofSeconds(41)), ZendeskHttp.windowSpent(headers));
    var left = java.net.http.HttpHeaders.of(Map.of("ratelimit-remaining", List.of("12"),
        "ratelimit-reset", List.of("41")), (k, v) -> true);
    assertEquals(java.util.Optional.empty(), ZendeskHttp.windowSpent(left));
  }

  /** Issue 8 item 3: a later search page that keeps failing keeps the pages read; the rest is unread. */
  @Test
  @Tag("reliability")
  void aLaterSearchPageThatKeepsFailingKeepsTheFirstPage() {
    stubAccount();
    stub(get(urlPathEqualTo("/api/v2/search.json")).atPriority(1)
        .withQueryParam("query", containing("organization:360001")).withQueryParam("page", equalTo("2")),
        aResponse().withStatus(503));
    var context = new RecordingSourceContext();
    SourceResult result = connector.fetch(deal(), context);

    assertTrue(ids(result).contains("zendesk:ticket:1001"), "page 1's tickets are kept: " + ids(result));
    assertEquals(3, context.operations().stream().filter("GET /api/v2/search.json unavailable"::equals).count());
    assertEquals(List.of("Zendesk search for organization 360001: page 2 could not be read (unavailable); tickets on"
        + " it and later pages are not in the brief."), result.unread());
  }

  /** Issue 8 item 8: a comments body that trickles past the call timeout is a timeout, retried, then unread. */
  @Test
  @Tag("reliability")
  void aCommentsBodyThatTricklesPastTheCallTimeoutIsATimeout() {
    stubAccount();
    stub(get(urlPathEqualTo("/api/v2/tickets/1002/comments.json")).atPriority(1),
        ok("comments-1002.json").withChunkedDribbleDelay(20, 2_000));
    var slow = ZendeskConnector.create(ZendeskConfig.builder().subdomain("northwind").baseUrl(zendesk.baseUrl())
        .auth(ZendeskAuth.apiToken(zendesk.agentEmail(), zendesk.apiToken())).timeout(Duration.ofMillis(300))
        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5))).build());
    var context = new RecordingSourceContext();

    SourceResult result = slow.fetch(deal(), context);

    assertEquals(3, context.operations().stream().filter("GET /api/v2/tickets/{id}/comments.json timeout"::equals)
        .count(), context.operations().toString());
    assertTrue(result.unread().stream().anyMatch(n -> n.startsWith("Zendesk ticket #1002: comments page 1 could not be"
        + " read (timeout)")), result.unread().toString());
    assertTrue(ids(result).contains("zendesk:comment:70003"));
  }

  /** Issue 8 item 7: close() is idempotent and a closed connector sends nothing. */
  @Test
  @Tag("reliability")
  void aClosedConnectorSendsNothing() {
    stubAccount();
    connector.close();
    connector.close();

    assertThrows(IllegalStateException.class, () -> connector.fetch(deal(), new RecordingSourceContext()));
    assertEquals(0, zendesk.requests());
  }

  @Test
  void anInvalidTokenFailsAtOnceWithOneRequestAndNoRetry() {
    stubAccount();
    String wrongToken = "wrong-test-token-not-a-secret";
    var wrong = ZendeskConnector.create(ZendeskConfig.builder().subdomain("northwind").baseUrl(zendesk.baseUrl())
        .auth(ZendeskAuth.apiToken(zendesk.agentEmail(), wrongToken)).build());
    var e = assertThrows(AuthenticationException.class, () -> wrong.fetch(deal(), new RecordingSourceContext()));

    assertEquals(1, zendesk.requests());
    assertTrue(e.getMessage().contains("Couldn't authenticate you"), e.getMessage());
    assertFalse(e.getMessage().contains(wrongToken), "no secret in the message");
    assertFalse(e.isRetriable());
  }

  @Test
  void aMissingPermissionOnTicketsNamesIt() {
    stubAccount();
    stub(get(urlPathEqualTo("/api/v2/search.json")).atPriority(1),
        aResponse().withStatus(403).withHeader("Content-Type", JSON).withBody(fixture("error-403.json")));
    var e = assertThrows(PermissionException.class, () -> connector.fetch(deal(), new RecordingSourceContext()));

    assertTrue(e.getMessage().contains("tickets:read"), e.getMessage());
    assertTrue(e.getMessage().contains("You do not have access to this page"), e.getMessage());
    verify(1, getRequestedFor(urlPathEqualTo("/api/v2/search.json")));
  }

  @Test
  void anAgentWhoMayNotSearchOrganizationsStillGetsThePeoplesTickets() {
    stubAccount();
    stub(get(urlPathEqualTo("/api/v2/organizations/search.json")).atPriority(1),
        aResponse().withStatus(403).withHeader("Content-Type", JSON).withBody(fixture("error-403.json")));
    SourceResult result = connector.fetch(deal(), new RecordingSourceContext());

    assertTrue(result.notes().get(0).contains("organizations were not searched"), result.notes().toString());
    assertTrue(ids(result).contains("zendesk:ticket:1005"));
  }

  // ---- malformed bodies, budget ----

  /** Issue 8 item 3: an unreadable comments page costs only that ticket's comments; the source is partial. */
  @Test
  @Tag("reliability")
  void aTruncatedCommentsPageLosesOnlyThatTicketsComments() {
    stubAccount();
    stub(get(urlPathEqualTo("/api/v2/tickets/1002/comments.json")).atPriority(1), ok("comments-1002-truncated.json"));
    SourceResult result = connector.fetch(deal(), new RecordingSourceContext());

    assertTrue(ids(result).contains("zendesk:ticket:1002"), "the ticket itself stays, from its search result");
    assertTrue(byId(result, "zendesk:ticket:1002").text().endsWith("board pack?"));
    assertFalse(ids(result).contains("zendesk:comment:71002"));
    assertTrue(ids(result).contains("zendesk:comment:70003"), "other tickets' comments are not lost");
    assertTrue(result.unread().stream().anyMatch(n -> n.contains("#1002") && n.contains("not complete JSON")),
        result.unread().toString());
  }

  @Test
  void nothingReadableAtAllIsAMalformedResponse() {
    stub(get(urlPathEqualTo("/api/v2/organizations/search.json")), ok("comments-1002-truncated.json"));
    stub(get(urlPathEqualTo("/api/v2/search.json")), aResponse().withStatus(200).withHeader("Content-Type", JSON)
        .withBody("<html>maintenance</html>"));
    assertThrows(MalformedResponseException.class, () -> connector.fetch(deal(), new RecordingSourceContext()));
  }

  @Test
  void theBudgetCutIsReportedAndWhatWasReadIsKept() {
    stubAccount();
    var context = new RecordingSourceContext(5);
    SourceResult result = connector.fetch(deal(), context);

    assertEquals(5, context.calls());
    assertTrue(result.notes().stream().anyMatch(n -> n.contains("call budget for zendesk (5 calls)")), result.notes().toString());
    // Org tickets read so far are the account's by their organization, even before any user lookup.
    assertEquals(List.of("zendesk:ticket:1005", "zendesk:ticket:1001", "zendesk:ticket:1002"), ids(result));
  }

  // ---- the second round ----

  @Test
  void followUpReadsTheNewPersonsTicketsAndSkipsPeopleAlreadyRead() {
    stubAccount();
    var marcus = new Participant("Marcus Hale", "Marcus.Hale@meridianhealth.org", null);
    var internal = new Participant("Jordan Lee", "jordan.lee@northwind-analytics.com", null);
    SourceResult result = connector.followUp(deal(), new FollowUp(List.of(marcus, internal), dana()),
        new RecordingSourceContext());

    assertEquals(List.of("zendesk:ticket:1006"), ids(result));
    assertEquals("marcus.hale@meridianhealth.org", byId(result, "zendesk:ticket:1006").attribute("requesterEmail"));
    verify(1, getRequestedFor(urlPathEqualTo("/api/v2/search.json")));
    verify(getRequestedFor(urlPathEqualTo("/api/v2/search.json"))
        .withQueryParam("query", containing("requester:marcus.hale@meridianhealth.org")));
  }

  @Test
  void anEmptyFollowUpMakesNoCall() {
    SourceResult result = connector.followUp(deal(), new FollowUp(List.of(), dana()), new RecordingSourceContext());
    assertTrue(result.evidence().isEmpty());
    assertEquals(0, zendesk.requests());
  }

  // ---- fixtures ----

  /**
   * The account: its organization, four of its tickets (in pages of three) and a new person's,
   * the requesters, and the comments; the fake answers the connector's queries from them.
   */
  private void stubAccount() {
    zendesk.pageSize(3);
    for (String answer : List.of("organizations-search.json", "users-requesters.json", "users-marcus.json",
        "search-org-page1.json", "search-org-page2.json", "search-requester-dana.json", "search-requester-marcus.json")) {
      zendesk.load(fixture(answer));
    }
    zendesk.comments(1001, fixture("comments-1001-page1.json")).comments(1001, fixture("comments-1001-page2.json"));
    for (long t : new long[] {1002, 1005, 1006}) {
      zendesk.comments(t, fixture("comments-" + t + ".json"));
    }
  }

  /** Serves {@code response} ahead of the account's own answer to {@code request}. */
  private void stub(MappingBuilder request, ResponseDefinitionBuilder response) {
    zendesk.inject(request.willReturn(response));
  }

  private void verify(RequestPatternBuilder pattern) {
    assertTrue(zendesk.requests(pattern) > 0, "no request " + pattern.build());
  }

  private void verify(int times, RequestPatternBuilder pattern) {
    assertEquals(times, zendesk.requests(pattern), "requests " + pattern.build());
  }

  private static ResponseDefinitionBuilder ok(String file) {
    return aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody(fixture(file));
  }

  /** A Zendesk answer: this module's own, else the one the test kit shares with the demo. */
  static String fixture(String name) {
    try (InputStream in = ZendeskConnectorTest.class.getResourceAsStream("/zendesk/" + name)) {
      if (in == null) {
        return WireFixtures.read("zendesk/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Person person(String name, String email) {
    return new Person(name, email, null, email.endsWith("@northwind-analytics.com"), Set.of());
  }

  private static Person dana() {
    return person("Dana Okonkwo", "dana.okonkwo@meridianhealth.org");
  }

  static DealContext deal() {
    var account = new Account("001Hs00000MrdHlIAJ", "Meridian Health", "Healthcare", "Customer",
        "https://www.meridianhealth.org", 3800L);
    var opp = new Opportunity("006Hs00000MrdWnIAJ", "Meridian Health - Analytics Platform", "Closed Won",
        new BigDecimal("168000"), null, LocalDate.parse("2026-03-27"), Instant.parse("2026-01-12T15:00:00Z"),
        "New Business", true, true);
    return new DealContext(account, opp, person("Alex Rivera", "alex.rivera@northwind-analytics.com"),
        List.of(new DealContact(dana(), "Business User", true),
            new DealContact(person("Priya Raman", "priya.raman@meridianhealth.org"), "Technical Buyer", false),
            new DealContact(person("Tom Becker", "tom.becker@meridianhealth.org"), "Evaluator", false)),
        List.of(new TeamMember(person("Sam Chen", "sam.chen@northwind-analytics.com"), "Sales Engineer")),
        new TimeWindow(Instant.parse("2026-01-12T00:00:00Z"), Instant.parse("2026-03-28T00:00:00Z")),
        Set.of("northwind-analytics.com"), Map.of());
  }

  private static List<String> ids(SourceResult r) {
    return r.evidence().stream().map(Evidence::id).collect(Collectors.toList());
  }

  private static Evidence byId(SourceResult r, String id) {
    return r.evidence().stream().filter(e -> e.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError(id + " not in " + ids(r)));
  }
}
