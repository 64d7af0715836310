package org.handoffbrief.connector.google;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.handoffbrief.connector.google.GoogleFakes.ALEX;
import static org.handoffbrief.connector.google.GoogleFakes.SAM;
import static org.handoffbrief.connector.google.GoogleFakes.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Instant;
import java.time.Duration;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.PermissionException;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Participant;
import org.handoffbrief.spi.FollowUp;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.testing.FakeGoogle;
import org.handoffbrief.testing.RecordingSourceContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GmailConnectorTest {

  static final String LIST_ALEX = "/gmail/v1/users/alex\\.rivera(@|%40)northwind-analytics\\.com/messages";
  static final String LIST_SAM = "/gmail/v1/users/sam\\.chen(@|%40)northwind-analytics\\.com/messages";
  static final String PAGE_2 = "09876543210987654321";

  static FakeGoogle google;

  @BeforeEach
  void startGoogle() {
    google = GoogleFakes.google();
  }

  @AfterEach
  void stopGoogle() {
    google.close();
  }

  static ResponseDefinitionBuilder json(int status, String fixture) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8")
        .withBody(fixture(fixture));
  }

  static GoogleConfig.Builder config() {
    return GoogleConfig.gmail().rootUrl(google.baseUrl())
        .auth(GoogleAuth.serviceAccount(GoogleFakes.SERVICE_ACCOUNT, google.privateKey(), google.tokenUrl()))
        .retryPolicy(GoogleFakes.FAST);
  }

  static SourceResult fetch(GoogleConfig.Builder config, RecordingSourceContext context) {
    return GmailConnector.create(config.build()).fetch(GoogleFakes.deal(), context);
  }

  static Map<String, Evidence> byId(SourceResult r) {
    return r.evidence().stream().collect(Collectors.toMap(Evidence::nativeId, Function.identity()));
  }

  /** The messages read, without the forwarded originals they carry. */
  static int messages(SourceResult r) {
    return (int) r.evidence().stream().filter(e -> e.attribute("forwardedIn") == null).count();
  }

  // --- what enters ------------------------------------------------------------------------------

  @Test
  void readsEveryPageOfEveryTeamMailboxAndKeepsOnlyTheDealsMail() {
    var context = new RecordingSourceContext();
    SourceResult r = fetch(config(), context);

    assertEquals(List.of("18d0000000000001", "18d0000000000002", "18d0000000000003", "18d0000000000004",
        "18d0000000000006", "18d0000000000008", "18d0000000000008/fwd1"),
        r.evidence().stream().map(Evidence::nativeId).sorted().toList(), "08 forwards a note that is not in the mailbox");
    assertEquals(2, google.requests(getRequestedFor(urlPathMatching(LIST_ALEX))));
    assertEquals(1, google.requests(getRequestedFor(urlPathMatching(LIST_SAM))));
    // One batch per mailbox, never one call per message.
    assertEquals(2, google.requests(postRequestedFor(urlPathEqualTo("/batch"))));
    assertEquals(List.of("POST token ok", "GET users.messages.list ok", "GET users.messages.list ok",
        "POST batch users.messages.get x8 ok", "POST token ok", "GET users.messages.list ok",
        "POST batch users.messages.get x1 ok"), context.operations());
    assertEquals(Map.of("mailboxes", "2", "messagesListed", "9", "messagesFetched", "9"), r.usage());
    assertTrue(r.notes().isEmpty(), r.notes().toString());
  }

  @Test
  void asksGmailForTheCustomersDomainWithinTheWindow() {
    fetch(config(), new RecordingSourceContext());
    LoggedRequest list = google.received(getRequestedFor(urlPathMatching(LIST_ALEX))).get(0);
    String q = URLDecoder.decode(list.queryParameter("q").firstValue(), StandardCharsets.UTF_8);
    // From 30 days (the default look-back) before the opportunity was created, 2025-12-13T14:00Z.
    assertEquals("{from:meridianhealth.org to:meridianhealth.org cc:meridianhealth.org} after:1765634400"
        + " before:1774656000", q);
    assertEquals("100", list.queryParameter("maxResults").firstValue());
    assertEquals("Bearer " + google.issuedToken(ALEX, FakeGoogle.GMAIL_SCOPE), list.getHeader("Authorization"));
  }

  // --- forwarded originals ------------------------------------------------------------------------

  @Test
  void aForwardedOriginalNotInTheMailboxBecomesItsOwnEvidenceByItsSender() {
    google.mailbox(ALEX, fixture("gmail/list-forwards.json"));
    Map<String, Evidence> r = byId(fetch(config(), new RecordingSourceContext()));

    Evidence carrier = r.get("18d00000000000f1");
    Evidence original = r.get("18d00000000000f1/fwd1");
    assertNotNull(original, r.keySet().toString());
    assertEquals(SAM, original.author().email());
    assertEquals("Sam Chen", original.author().name());
    assertEquals(OffsetDateTime.parse("2026-03-09T15:30:00-04:00"), original.timestamp());
    assertEquals("18d00000000000f1", original.attribute("forwardedIn"));
    assertEquals(carrier.permalink(), original.permalink());
    assertEquals(carrier.attribute("threadId"), original.attribute("threadId"));
    assertEquals(carrier.participants(), original.participants());
    assertTrue(original.text().startsWith("From: Sam Chen <" + SAM + ">\nForwarded by: Dana Okonkwo"), original.text());
    String promise = "We will train your two clinic leads on site before go-live, at no charge.";
    int at = original.text().indexOf(promise);
    assertNotNull(original.sourceSpanOf(at, at + promise.length()), "the original's words are citable");
    assertFalse(carrier.text().contains("train"), "the carrier's own words stay without the forward");
  }

  @Test
  void aForwardedOriginalThatIsInTheMailboxIsNotRepeated() {
    google.mailbox(ALEX, fixture("gmail/list-forwards.json"));
    Map<String, Evidence> r = byId(fetch(config(), new RecordingSourceContext()));

    assertTrue(r.containsKey("18d0000000000001") && r.containsKey("18d00000000000f2"), r.keySet().toString());
    assertFalse(r.keySet().stream().anyMatch(id -> id.startsWith("18d00000000000f2/")), r.keySet().toString());
  }

  @Test
  void aNameAlikeFromAnotherCustomerStaysOut() {
    SourceResult r = fetch(config(), new RecordingSourceContext());
    assertTrue(google.requestedMessageIds().contains("18d0000000000005"), "the stub served it");
    assertFalse(byId(r).containsKey("18d0000000000005"));
    assertTrue(r.evidence().stream().flatMap(e -> java.util.stream.Stream.concat(
        java.util.stream.Stream.of(e.author()), e.participants().stream()))
        .noneMatch(p -> p != null && "harborview-clinic.org".equals(p.emailDomain())));
  }

  @Test
  void mailOutsideTheWindowAndAutomatedMailStayOut() {
    Map<String, Evidence> r = byId(fetch(config().lookback(Duration.ZERO), new RecordingSourceContext()));
    assertFalse(r.containsKey("18d0000000000006"), "December 2025 is before the opportunity was created");
    assertFalse(r.containsKey("18d0000000000007"), "Auto-Submitted no-reply mail");
  }

  @Test
  void theCustomersFirstMailBeforeTheOpportunityWasCreatedIsReadWithinTheLookback() {
    Map<String, Evidence> r = byId(fetch(config(), new RecordingSourceContext()));
    assertTrue(r.containsKey("18d0000000000006"), "2025-12-15 is 28 days before the opportunity, within 30");

    fetch(config().lookback(Duration.ofDays(60)), new RecordingSourceContext());
    List<LoggedRequest> lists = google.received(getRequestedFor(urlPathMatching(LIST_ALEX)));
    String q = URLDecoder.decode(lists.get(lists.size() - 1).queryParameter("q").firstValue(), StandardCharsets.UTF_8);
    assertTrue(q.contains(" after:" + Instant.parse("2025-11-13T14:00:00Z").getEpochSecond() + " "), q);
  }

  @Test
  void theSameMessageInTwoMailboxesEntersOnce() {
    Evidence e = byId(fetch(config(), new RecordingSourceContext())).get("18d0000000000001");
    assertEquals(ALEX + "," + SAM, e.attribute("mailboxes"));
    assertEquals(ALEX, e.attribute("mailbox"));
    assertEquals("CAsecurity-review-0310@mail.gmail.com", e.attribute("rfc822MessageId"));
  }

  // --- text -------------------------------------------------------------------------------------

  @Test
  void evidenceHasHeaderLinesThenTheBodyWithoutSignature() {
    Evidence e = byId(fetch(config(), new RecordingSourceContext())).get("18d0000000000001");
    assertEquals("""
        From: Priya Raman <priya.raman@meridianhealth.org>
        To: Alex Rivera <alex.rivera@northwind-analytics.com>
        Cc: Marcus Hale <marcus.hale@meridianhealth.org>, Sam Chen <sam.chen@northwind-analytics.com>
        Date: 2026-03-10 09:14 -05:00
        Subject: Security review timeline

        Hi Alex,

        Our security review takes 6 weeks from the day we receive the completed questionnaire. Marcus leads it on our side.""",
        e.text());
    assertEquals(OffsetDateTime.parse("2026-03-10T09:14-05:00"), e.timestamp());
    assertEquals(Participant.of("Priya Raman", "priya.raman@meridianhealth.org"), e.author());
    assertEquals(List.of(Participant.of("Alex Rivera", ALEX), Participant.of("Marcus Hale",
        "marcus.hale@meridianhealth.org"), Participant.of("Sam Chen", SAM)), e.participants());
    assertEquals("18d0000000000001", e.attribute("threadId"));
    assertEquals(URI.create("https://mail.google.com/mail/#search/rfc822msgid%3ACAsecurity-review-0310%40mail.gmail.com"),
        e.permalink());
    assertEquals("gmail:message:18d0000000000001", e.id());
  }

  @Test
  void aQuotedReplyCitesOnlyTheNewWordsSoTheOriginalIsCitedForItsOwn() {
    Map<String, Evidence> r = byId(fetch(config(), new RecordingSourceContext()));
    Evidence reply = r.get("18d0000000000002");
    assertTrue(reply.text().endsWith("\n\nThanks Priya, we will send the questionnaire today."), reply.text());
    assertFalse(reply.text().contains("6 weeks"));
    assertEquals("true", reply.attribute("quotedTextRemoved"));
    assertEquals("CAsecurity-review-0310@mail.gmail.com", reply.attribute("inReplyTo"));
    assertTrue(r.get("18d0000000000001").text().contains("6 weeks"));
  }

  @Test
  void htmlOnlyMailBecomesTextWithoutItsQuoteAndSignature() {
    Evidence e = byId(fetch(config(), new RecordingSourceContext())).get("18d0000000000003");
    assertTrue(e.text().endsWith("\n\nAlex,\n\nPlease send updates by email \u2013 I prefer async over calls.\n\n"
        + "- Weekly summary\n- Risks first"), e.text());
    assertFalse(e.text().contains("weekly call"));
    assertFalse(e.text().contains("VP Operations"));
  }

  @Test
  void aWindows1252BodyKeepsItsAccentsAndDashes() {
    Evidence e = byId(fetch(config(), new RecordingSourceContext())).get("18d0000000000004");
    assertTrue(e.text().endsWith("Zo\u00eb from our Quality team \u2013 the Okonkwo\u2013Smith report owner \u2013 will"
        + " join the pilot."), e.text());
    assertEquals(OffsetDateTime.parse("2026-02-03T16:45+01:00"), e.timestamp());
  }

  @Test
  void forwardedHistoryAndTheDisclaimerAreCutAndAttachmentsNamed() {
    Evidence e = byId(fetch(config(), new RecordingSourceContext())).get("18d0000000000008");
    assertTrue(e.text().endsWith("Subject: Fwd: Data residency\n\nAlex, see below from our counsel."), e.text());
    assertEquals("redline-v3.pdf", e.attribute("attachments"));
  }

  // --- auth and scopes --------------------------------------------------------------------------

  @Test
  void theServiceAccountImpersonatesEachMailboxWithOnlyTheReadOnlyScopeAndTokensAreCached() throws Exception {
    GmailConnector connector = GmailConnector.create(config().build());
    connector.fetch(GoogleFakes.deal(), new RecordingSourceContext());
    connector.fetch(GoogleFakes.deal(), new RecordingSourceContext());

    List<LoggedRequest> tokens = google.received(postRequestedFor(urlPathEqualTo("/token")));
    assertEquals(2, tokens.size(), "one token per mailbox, reused by the second brief");
    var subjects = new java.util.ArrayList<String>();
    for (LoggedRequest t : tokens) {
      Map<String, String> form = form(t.getBodyAsString());
      assertEquals("urn:ietf:params:oauth:grant-type:jwt-bearer", form.get("grant_type"));
      JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(form.get("assertion").split("\\.")[1]));
      assertEquals("https://www.googleapis.com/auth/gmail.readonly", claims.path("scope").asText());
      assertEquals(GoogleFakes.SERVICE_ACCOUNT, claims.path("iss").asText());
      subjects.add(claims.path("sub").asText());
    }
    assertEquals(List.of(ALEX, SAM), subjects);
  }

  @Test
  void anExpiredTokenFailsAtOnceWithOneRequestAndNoRetry() {
    google.inject(get(urlPathMatching(LIST_ALEX)).atPriority(1).willReturn(json(401, "error-401.json")));
    var context = new RecordingSourceContext();
    var e = assertThrows(AuthenticationException.class, () -> fetch(config(), context));
    assertEquals(1, google.requests(getRequestedFor(urlPathMatching(LIST_ALEX))));
    assertEquals(List.of("POST token ok", "GET users.messages.list authentication"), context.operations());
    assertTrue(e.getMessage().contains(ALEX), e.getMessage());
    assertFalse(e.getMessage().contains("ya29"), "no token in the message");
  }

  @Test
  void aRefusedKeyIsAnAuthenticationFailureWithoutCallingGmail() {
    google.inject(post(urlPathEqualTo("/token")).atPriority(1).willReturn(json(400, "token-invalid-grant.json")));
    var e = assertThrows(AuthenticationException.class, () -> fetch(config(), new RecordingSourceContext()));
    assertEquals(1, google.requests(postRequestedFor(urlPathEqualTo("/token"))));
    assertEquals(0, google.requests(getRequestedFor(urlPathMatching(LIST_ALEX))));
    assertTrue(e.getMessage().contains("invalid_grant"), e.getMessage());
  }

  @Test
  void aDelegationWithoutTheScopeIsAPermissionFailureNamingIt() {
    google.inject(post(urlPathEqualTo("/token")).atPriority(1).willReturn(json(401, "token-unauthorized-client.json")));
    var e = assertThrows(PermissionException.class, () -> fetch(config(), new RecordingSourceContext()));
    assertTrue(e.getMessage().contains("https://www.googleapis.com/auth/gmail.readonly"), e.getMessage());
    assertTrue(e.getMessage().contains("Domain-wide delegation"), e.getMessage());
    assertEquals(1, google.requests(postRequestedFor(urlPathEqualTo("/token"))));
  }

  @Test
  void aTokenWithoutTheScopeIsAPermissionFailureNamingIt() {
    google.inject(get(urlPathMatching(LIST_ALEX)).atPriority(1).willReturn(json(403, "gmail/error-403-scope.json")));
    var e = assertThrows(PermissionException.class, () -> fetch(config(), new RecordingSourceContext()));
    assertTrue(e.getMessage().contains("lacks the scope https://www.googleapis.com/auth/gmail.readonly"), e.getMessage());
    assertEquals(1, google.requests(getRequestedFor(urlPathMatching(LIST_ALEX))));
  }

  // --- rate limits, outages, malformed answers, budget ------------------------------------------

  @Test
  void a429WithRetryAfterIsWaitedOutAndTheReadCompletes() {
    google.inject(get(urlPathMatching(LIST_ALEX)).withQueryParam("pageToken", absent()).atPriority(1)
        .inScenario("429").whenScenarioStateIs(STARTED).willSetStateTo("slowed")
        .willReturn(json(429, "error-429.json").withHeader("Retry-After", "1")));
    var context = new RecordingSourceContext();
    SourceResult r = fetch(config(), context);
    assertEquals(3, google.requests(getRequestedFor(urlPathMatching(LIST_ALEX))));
    assertEquals(List.of("POST token ok", "GET users.messages.list rate_limited", "GET users.messages.list ok",
        "GET users.messages.list ok"), context.operations().subList(0, 4));
    assertEquals(6, messages(r));
  }

  @Test
  void aLaterListPageThatKeepsFailingCostsOnlyItsOwnMessages() {
    google.inject(get(urlPathMatching(LIST_ALEX)).withQueryParam("pageToken", equalTo(PAGE_2)).atPriority(1)
        .willReturn(json(503, "gmail/error-503.json")));
    var context = new RecordingSourceContext();
    SourceResult r = fetch(config(), context);
    assertTrue(messages(r) > 0, "page 1 and the other mailbox are kept");
    assertTrue(r.partial());
    assertTrue(r.unread().stream().anyMatch(n -> n.contains("page 2 of the matching mail could not be read")),
        r.unread().toString());
  }

  @Test
  void aBatchAnsweredWithNoPartsIsNotAskedAgainForever() {
    google.inject(post(urlPathEqualTo("/batch")).atPriority(1).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "multipart/mixed; boundary=batch_empty").withBody("--batch_empty--\r\n")));
    var context = new RecordingSourceContext();
    SourceResult r = fetch(config(), context);
    assertEquals(2, google.requests(postRequestedFor(urlPathEqualTo("/batch")))); // one per mailbox, no loop
    assertEquals(0, messages(r));
    assertTrue(r.partial(), "a batch with no answers is never ok");
    assertTrue(r.unread().stream().anyMatch(n -> n.contains("came back with no answers")), r.unread().toString());
  }

  @Test
  void aBatchPartAnswered429IsFetchedAgainAlone() {
    google.rateLimitMessageOnce("18d0000000000004");
    var context = new RecordingSourceContext();
    SourceResult r = fetch(config(), context);
    assertTrue(byId(r).containsKey("18d0000000000004"));
    assertTrue(context.operations().contains("POST batch users.messages.get x8 rate_limited"), context.operations().toString());
    assertTrue(context.operations().contains("POST batch users.messages.get x1 ok"), context.operations().toString());
    assertEquals(8 + 1 + 1, google.requestedMessageIds().size(), "8 ids, 04 again, then sam's one");
  }

  @Test
  void aServerErrorThenSuccessIsRetried() {
    google.inject(get(urlPathMatching(LIST_SAM)).atPriority(1).inScenario("503").whenScenarioStateIs(STARTED)
        .willSetStateTo("up").willReturn(json(503, "gmail/error-503.json")));
    var context = new RecordingSourceContext();
    SourceResult r = fetch(config(), context);
    assertEquals(2, google.requests(getRequestedFor(urlPathMatching(LIST_SAM))));
    assertTrue(context.operations().contains("GET users.messages.list unavailable"), context.operations().toString());
    assertEquals(6, messages(r));
  }

  @Test
  void aTruncatedListIsAMalformedResponseWhenNoMailboxCouldBeRead() {
    google.inject(get(urlPathMatching(LIST_ALEX)).atPriority(1).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"messages\": [{\"id\": \"18d00")));
    var e = assertThrows(MalformedResponseException.class,
        () -> fetch(config().readDealTeam(false).mailboxes(List.of(ALEX)), new RecordingSourceContext()));
    assertTrue(e.getMessage().contains("users.messages.list for " + ALEX), e.getMessage());
    assertEquals(1, google.requests(getRequestedFor(urlPathMatching(LIST_ALEX))));
  }

  @Test
  void aTruncatedListInOneMailboxLosesNothingFromTheOthers() {
    google.inject(get(urlPathMatching(LIST_SAM)).atPriority(1).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"messages\": [{\"id\": \"18d00")));
    SourceResult r = fetch(config(), new RecordingSourceContext());
    assertEquals(6, messages(r));
    assertEquals(1, r.unread().size());
    assertTrue(r.unread().get(0).startsWith("gmail: mailbox " + SAM + " could not be read"), r.unread().get(0));
  }

  @Test
  void aTruncatedMessageInABatchIsSkippedAndTheRestKept() {
    google.mailbox(ALEX, fixture("gmail/list-with-truncated.json"));
    SourceResult r = fetch(config().readDealTeam(false).mailboxes(List.of(ALEX)), new RecordingSourceContext());
    assertEquals(List.of("18d0000000000001", "18d0000000000004"),
        r.evidence().stream().map(Evidence::nativeId).sorted().toList());
    assertEquals(1, r.unread().size(), r.unread().toString());
    assertTrue(r.unread().get(0).contains("message 18d0000000000009"), r.unread().get(0));
  }

  @Test
  void aSpentBudgetKeepsWhatWasReadAndSaysSo() {
    var context = new RecordingSourceContext(4);
    SourceResult r = fetch(config(), context);
    assertEquals(4, context.operations().size());
    assertEquals(6, messages(r), "Alex's mailbox was read whole");
    assertEquals(1, r.unread().size());
    assertTrue(r.unread().get(0).contains("budget of 4 calls") && r.unread().get(0).contains(SAM), r.unread().get(0));
  }

  // --- follow-up --------------------------------------------------------------------------------

  @Test
  void theFollowUpReadsMailOfNewPeopleOutsideTheCustomersDomainsOnly() {
    GmailConnector connector = GmailConnector.create(config().readDealTeam(false).mailboxes(List.of(ALEX)).build());
    var context = new RecordingSourceContext();
    SourceResult inside = connector.followUp(GoogleFakes.deal(), new FollowUp(List.of(
        Participant.of("Marcus Hale", "marcus.hale@meridianhealth.org")), null), context);
    assertTrue(inside.evidence().isEmpty());
    assertTrue(context.operations().isEmpty(), "Marcus's mail was read in the first round");

    connector.followUp(GoogleFakes.deal(), new FollowUp(List.of(
        Participant.of("Ines Ortega", "ines@peak-advisors.com")), null), context);
    LoggedRequest list = google.received(getRequestedFor(urlPathMatching(LIST_ALEX))).get(0);
    assertTrue(list.queryParameter("q").firstValue().startsWith("{from:ines@peak-advisors.com to:ines@peak-advisors.com"
        + " cc:ines@peak-advisors.com} after:"), list.queryParameter("q").firstValue());
    assertNotNull(context.operations());
  }

  static Map<String, String> form(String body) {
    var out = new java.util.HashMap<String, String>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
