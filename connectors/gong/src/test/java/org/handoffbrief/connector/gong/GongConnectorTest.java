package org.handoffbrief.connector.gong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.DeadlineExceededException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.PermissionException;
import org.handoffbrief.UsageLimitExceededException;
import org.handoffbrief.model.Account;
import org.handoffbrief.model.DealContact;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Opportunity;
import org.handoffbrief.model.SourceFailure;
import org.handoffbrief.model.Participant;
import org.handoffbrief.model.Person;
import org.handoffbrief.model.TeamMember;
import org.handoffbrief.model.TimeWindow;
import org.handoffbrief.spi.FollowUp;
import org.handoffbrief.spi.RetryPolicy;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.testing.FakeGong;
import org.handoffbrief.testing.RecordingSourceContext;
import org.handoffbrief.testing.WireFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class GongConnectorTest {

  static final String EXTENSIVE = "/v2/calls/extensive";
  static final String TRANSCRIPT = "/v2/calls/transcript";
  static final String DISCOVERY = "1000000000000000001";
  static final String HARBORVIEW = "1000000000000000002";
  static final String INTERNAL = "1000000000000000003";
  static final String CFO = "1000000000000000004";
  static final String KICKOFF = "1000000000000000005";

  final ObjectMapper json = new ObjectMapper();
  FakeGong gong;

  @BeforeEach
  void startGong() {
    gong = FakeGong.start();
  }

  @AfterEach
  void stopGong() {
    gong.close();
  }

  // --- the happy path ---------------------------------------------------------------------------

  @Test
  void readsEveryPageAndKeepsOnlyTheDealsCallsWithTheirTranscriptTurns() {
    stubBothPages();
    seedTranscripts();
    var ctx = new RecordingSourceContext();

    SourceResult r = connector().fetch(deal(), ctx);

    assertEquals(List.of("gong:call:" + DISCOVERY, "gong:call:" + CFO,
        "gong:transcript:" + DISCOVERY + "-4200", "gong:transcript:" + DISCOVERY + "-7900",
        "gong:transcript:" + DISCOVERY + "-754210", "gong:transcript:" + DISCOVERY + "-760000",
        "gong:transcript:" + CFO + "-125000", "gong:transcript:" + CFO + "-3600500"),
        r.evidence().stream().map(Evidence::id).toList());
    assertEquals(List.of("POST /v2/calls/extensive ok", "POST /v2/calls/extensive ok", "POST /v2/calls/transcript ok"),
        ctx.operations());
    assertEquals(Map.of("callsInWindow", "6"), r.usage());
    assertEquals(List.of("Gong: 1 call record(s) without an id or a start time were skipped."), r.notes());

    List<LoggedRequest> lists = gong.received(postRequestedFor(urlEqualTo(EXTENSIVE)));
    JsonNode first = body(lists.get(0));
    assertEquals("2026-01-10T16:00Z", first.at("/filter/fromDateTime").asText(), "window start less 48h");
    assertEquals("2026-03-29T00:00Z", first.at("/filter/toDateTime").asText(), "window end plus 24h");
    assertTrue(first.at("/contentSelector/exposedFields/parties").asBoolean());
    assertTrue(first.at("/contentSelector/exposedFields/content/brief").asBoolean());
    assertTrue(first.path("cursor").isMissingNode());
    assertFalse(body(lists.get(1)).path("cursor").asText().isEmpty(), "the next page asks with the first's cursor");
    assertEquals(first.path("filter"), body(lists.get(1)).path("filter"), "the next page repeats the filter");
    String basic = "Basic " + Base64.getEncoder().encodeToString((gong.accessKey() + ":" + gong.accessKeySecret())
        .getBytes(StandardCharsets.UTF_8));
    assertEquals(basic, lists.get(0).getHeader("Authorization"));
    JsonNode transcripts = body(gong.received(postRequestedFor(urlEqualTo(TRANSCRIPT))).get(0));
    assertEquals(json.createArrayNode().add(DISCOVERY).add(CFO), transcripts.at("/filter/callIds"),
        "transcripts of the kept calls only");
  }

  @Test
  void aCallReadsAsAHeaderThenGongsBriefWithItsHostAndLowerCaseAddresses() {
    stubBothPages();
    seedTranscripts();

    Evidence call = byId(connector().fetch(deal(), new RecordingSourceContext()), "gong:call:" + DISCOVERY);

    assertEquals("""
        Title: Meridian Health | Discovery
        Date: 2026-01-14 10:01 UTC-08:00
        Duration: 45 min
        Participants: Alex Rivera <alex.rivera@northwind-analytics.com>; Dana Okonkwo <dana.okonkwo@meridianhealth.org>

        Dana described manual reporting across three departments.""", call.text());
    assertEquals(OffsetDateTime.parse("2026-01-14T10:01:30-08:00"), call.timestamp());
    assertEquals(URI.create("https://app.gong.io/call?id=" + DISCOVERY), call.permalink());
    assertEquals(new Participant("Alex Rivera", "alex.rivera@northwind-analytics.com", "2000000000000000001"),
        call.author());
    assertEquals(List.of(new Participant("Dana Okonkwo", "dana.okonkwo@meridianhealth.org", null)), call.participants());
    assertEquals("Zoom", call.attribute("conferenceSystem"));
    assertEquals("2710", call.attribute("durationSeconds"));
    assertFalse(call.internalOnly());
  }

  @Test
  void eachTranscriptSentenceNamesItsSpeakerAndTheMomentOfTheCall() {
    stubBothPages();
    seedTranscripts();

    SourceResult r = connector().fetch(deal(), new RecordingSourceContext());
    Evidence turn = byId(r, "gong:transcript:" + DISCOVERY + "-754210");

    assertEquals("""
        Call: Meridian Health | Discovery
        Speaker: Dana Okonkwo <dana.okonkwo@meridianhealth.org>
        At: 12:34

        Honestly, reporting is manual across three departments.""",
        turn.text());
    Evidence next = byId(r, "gong:transcript:" + DISCOVERY + "-760000");
    assertTrue(next.text().endsWith("\n\nWe rebuild the same spreadsheets every month."), next.text());
    assertEquals("754210", next.attribute("turnStartMs"), "the speaker turn it belongs to");
    assertEquals(OffsetDateTime.parse("2026-01-14T10:14:04.210-08:00"), turn.timestamp(), "call start + 754.21 s");
    assertEquals(URI.create("https://app.gong.io/call?id=" + DISCOVERY), turn.permalink());
    assertEquals("dana.okonkwo@meridianhealth.org", turn.author().email());
    assertEquals(Map.of("callId", DISCOVERY, "callTitle", "Meridian Health | Discovery",
        "speakerId", "4000000000000000002", "speakerEmail", "dana.okonkwo@meridianhealth.org",
        "affiliation", "External", "topic", "Pain", "startMs", "754210", "endMs", "760000", "offset", "12:34",
        "turnStartMs", "754210"),
        turn.attributes());
    assertEquals(List.of("alex.rivera@northwind-analytics.com"),
        turn.participants().stream().map(Participant::email).toList());

    Evidence late = byId(r, "gong:transcript:" + CFO + "-3600500");
    assertTrue(late.text().startsWith("Call: Meridian Health | CFO ROI review\nSpeaker: Unknown speaker\nAt: 60:00\n\n"),
        late.text());
    assertEquals("4000000000000000099", late.author().systemUserId());
  }

  // --- what belongs to the deal -----------------------------------------------------------------

  @Test
  void aNameAlikeFromAnotherCustomerStaysOut() {
    stubBothPages();
    seedTranscripts();

    SourceResult r = connector().fetch(deal(), new RecordingSourceContext());

    assertTrue(r.evidence().stream().noneMatch(e -> e.nativeId().startsWith(HARBORVIEW)), "Harborview's Dana");
    assertTrue(r.evidence().stream().noneMatch(e -> e.nativeId().startsWith(INTERNAL)),
        "an internal call with a 'Dana Okonkwo' party without an address: never matched by name");
    assertTrue(r.evidence().stream().noneMatch(e -> e.text().contains("harborview")));
  }

  @Test
  void theWindowIsRespectedEvenWhenGongFiltersByTheScheduledTime() {
    stubBothPages();
    seedTranscripts();

    SourceResult r = connector(b -> b.leadTime(Duration.ZERO).processingLag(Duration.ofHours(6)))
        .fetch(deal(), new RecordingSourceContext());

    // The kickoff was scheduled inside the window but started on Apr 9, after it.
    assertTrue(r.evidence().stream().noneMatch(e -> e.nativeId().startsWith(KICKOFF)));
    JsonNode first = body(gong.received(postRequestedFor(urlEqualTo(EXTENSIVE))).get(0));
    assertEquals("2026-01-12T16:00Z", first.at("/filter/fromDateTime").asText());
    assertEquals("2026-03-28T06:00Z", first.at("/filter/toDateTime").asText());
  }

  @Test
  void noCallsFoundIsAnEmptyResultNotAFailure() {
    // Gong answers 404 when no call matches; the fake holds none.

    SourceResult r = connector().fetch(deal(), new RecordingSourceContext());

    assertTrue(r.evidence().isEmpty());
    assertEquals(0, gong.received(postRequestedFor(urlEqualTo(TRANSCRIPT))).size(), "no transcript request for no calls");
  }

  @Test
  void transcriptPagesAreFollowedByCursor() {
    stubBothPages();
    gong.inject(post(urlEqualTo(TRANSCRIPT)).atPriority(5)
        .willReturn(ok("transcripts-page1.json")));
    gong.inject(post(urlEqualTo(TRANSCRIPT)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.cursor", equalTo("eyJhbGciOiJIUzI1NiJ9.dHJhbnNjcmlwdC0y.fake-cursor-transcripts-2")))
        .willReturn(ok("transcripts-page2.json")));

    SourceResult r = connector().fetch(deal(), new RecordingSourceContext());

    assertEquals(List.of("gong:transcript:" + DISCOVERY + "-754210", "gong:transcript:" + CFO + "-125000"),
        r.evidence().stream().filter(e -> e.kind().equals("transcript")).map(Evidence::id).toList());
    assertEquals(2, gong.received(postRequestedFor(urlEqualTo(TRANSCRIPT))).size());
  }

  @Test
  void maxCallsBoundsTheReadAndSaysSo() {
    stubBothPages();
    seedTranscripts();

    SourceResult r = connector(b -> b.maxCalls(1)).fetch(deal(), new RecordingSourceContext());

    assertEquals(List.of("gong:call:" + DISCOVERY), r.evidence().stream().filter(e -> e.kind().equals("call"))
        .map(Evidence::id).toList());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("first 1 of the deal's calls (gong.maxCalls)")), r.notes()
        .toString());
  }

  @Test
  void callsOnlyModeAsksForNoTranscriptsAndNoBrief() {
    stubBothPages();

    SourceResult r = connector(b -> b.transcripts(false).briefs(false)).fetch(deal(), new RecordingSourceContext());

    assertEquals(2, r.evidence().size());
    assertEquals(0, gong.received(postRequestedFor(urlEqualTo(TRANSCRIPT))).size());
    assertTrue(body(gong.received(postRequestedFor(urlEqualTo(EXTENSIVE))).get(0))
        .at("/contentSelector/exposedFields/content").isMissingNode());
  }

  @Test
  void anOAuthAppSendsItsBearerTokenAndTheWorkspaceFilter() {
    GongConnector.create(GongConfig.builder().baseUrl(gong.baseUrl()).bearerToken(FakeGong.BEARER_TOKEN)
        .workspaceId("623457276584334").primaryUserIds(List.of("2000000000000000001")).maxRequestsPerSecond(100)
        .build()).fetch(deal(), new RecordingSourceContext());

    LoggedRequest sent = gong.received(postRequestedFor(urlEqualTo(EXTENSIVE))).get(0);
    assertEquals("Bearer " + FakeGong.BEARER_TOKEN, sent.getHeader("Authorization"));
    assertEquals("623457276584334", body(sent).at("/filter/workspaceId").asText());
    assertEquals("2000000000000000001", body(sent).at("/filter/primaryUserIds/0").asText());
  }

  // --- rate limits, server errors, credentials --------------------------------------------------

  @Test
  void aRateLimitWithRetryAfterIsWaitedOutAndTheReadCompletes() {
    gong.inject(post(urlEqualTo(EXTENSIVE)).inScenario("429").whenScenarioStateIs(STARTED)
        .willReturn(json(429, "error-429.json").withHeader("Retry-After", "1")).willSetStateTo("waited"));
    gong.inject(post(urlEqualTo(EXTENSIVE)).inScenario("429").whenScenarioStateIs("waited")
        .willReturn(json(404, "error-404-no-calls.json")));
    var ctx = new RecordingSourceContext();

    SourceResult r = connector().fetch(deal(), ctx);

    assertTrue(r.evidence().isEmpty());
    assertEquals(List.of("POST /v2/calls/extensive rate_limited", "POST /v2/calls/extensive ok"), ctx.operations());
    assertEquals(2, gong.received(postRequestedFor(urlEqualTo(EXTENSIVE))).size());
  }

  @Test
  void aRetryAfterOfHoursMeansTheDailyLimitIsSpentAndIsNotRetried() {
    gong.inject(post(urlEqualTo(EXTENSIVE)).willReturn(json(429, "error-429.json").withHeader("Retry-After", "7200")));

    var e = assertThrows(UsageLimitExceededException.class, () -> connector().fetch(deal(), new RecordingSourceContext()));

    assertTrue(e.getMessage().contains("daily API limit"), e.getMessage());
    assertEquals(1, gong.received(postRequestedFor(urlEqualTo(EXTENSIVE))).size());
  }

  @Test
  void aServerErrorIsRetriedThenTheReadSucceeds() {
    gong.inject(post(urlEqualTo(EXTENSIVE)).inScenario("5xx").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(503).withBody("<html>upstream unavailable</html>")).willSetStateTo("up"));
    gong.inject(post(urlEqualTo(EXTENSIVE)).inScenario("5xx").whenScenarioStateIs("up")
        .willReturn(ok("extensive-page2.json")));
    seedTranscripts();
    var ctx = new RecordingSourceContext();

    SourceResult r = connector().fetch(deal(), ctx);

    assertTrue(r.evidence().stream().anyMatch(e -> e.id().equals("gong:call:" + CFO)));
    assertEquals(List.of("POST /v2/calls/extensive unavailable", "POST /v2/calls/extensive ok",
        "POST /v2/calls/transcript ok"), ctx.operations());
  }

  @Test
  void refusedCredentialsFailAtOnceWithOneRequestAndNoSecretInTheMessage() {
    String key = gong.accessKey();
    String secret = "wrong-test-secret-not-a-secret";
    var ctx = new RecordingSourceContext();

    var e = assertThrows(AuthenticationException.class,
        () -> connector(b -> b.accessKey(key, secret)).fetch(deal(), ctx));

    assertEquals(1, gong.received(postRequestedFor(urlEqualTo(EXTENSIVE))).size());
    assertEquals(List.of("POST /v2/calls/extensive authentication"), ctx.operations());
    assertTrue(e.getMessage().contains("gong.accessKey"), e.getMessage());
    assertFalse(e.getMessage().contains(secret));
    assertFalse(e.getMessage().contains(key));
    assertFalse(e.getMessage().contains(Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void aKeyWithoutTheCallsScopeIsRefusedNamingTheScope() {
    gong.inject(post(urlEqualTo(EXTENSIVE)).willReturn(json(403, "error-403.json")));

    var e = assertThrows(PermissionException.class, () -> connector().fetch(deal(), new RecordingSourceContext()));

    assertTrue(e.getMessage().contains("api:calls:read:extensive"), e.getMessage());
    assertEquals(1, gong.received(postRequestedFor(urlEqualTo(EXTENSIVE))).size());
  }

  @Test
  void aKeyWithoutTheTranscriptScopeIsRefusedNamingTheScopeAndTheWayOut() {
    stubBothPages();
    stubTranscripts(json(403, "error-403.json"));

    var e = assertThrows(PermissionException.class, () -> connector().fetch(deal(), new RecordingSourceContext()));

    assertTrue(e.getMessage().contains("api:calls:read:transcript"), e.getMessage());
    assertTrue(e.getMessage().contains("gong.transcripts=false"), e.getMessage());
  }

  // --- damaged answers, budget, cursors ---------------------------------------------------------

  @Test
  void aTruncatedFirstPageIsAMalformedResponse() {
    gong.inject(post(urlEqualTo(EXTENSIVE)).willReturn(ok("extensive-truncated.json")));

    var e = assertThrows(MalformedResponseException.class, () -> connector().fetch(deal(), new RecordingSourceContext()));

    assertTrue(e.getMessage().contains("POST /v2/calls/extensive"), e.getMessage());
    assertEquals(1, gong.received(postRequestedFor(urlEqualTo(EXTENSIVE))).size(), "a malformed answer is not retried");
  }

  /** Issue 8 item 3: transcripts that could not be read leave the calls and make the source partial. */
  @Test
  @Tag("reliability")
  void aTruncatedTranscriptKeepsTheCallsAndSaysWhatWasLost() {
    stubBothPages();
    stubTranscripts(ok("extensive-truncated.json"));

    SourceResult r = connector().fetch(deal(), new RecordingSourceContext());

    assertEquals(List.of("gong:call:" + DISCOVERY, "gong:call:" + CFO), r.evidence().stream().map(Evidence::id).toList());
    assertTrue(r.unread().stream().anyMatch(n -> n.startsWith("Gong: transcripts of 2 call(s) were not read: Gong"
        + " answered POST /v2/calls/transcript with a body that cannot be read")), r.unread().toString());
  }

  /** Issue 8 item 3: a later page that cannot be read keeps the first page; the source is partial. */
  @Test
  @Tag("reliability")
  void aTruncatedLaterPageKeepsTheFirstPage() {
    gong.inject(post(urlEqualTo(EXTENSIVE)).atPriority(5)
        .willReturn(ok("extensive-page1.json")));
    gong.inject(post(urlEqualTo(EXTENSIVE)).atPriority(1).withRequestBody(matchingJsonPath("$.cursor"))
        .willReturn(ok("extensive-truncated.json")));
    seedTranscripts();

    SourceResult r = connector().fetch(deal(), new RecordingSourceContext());

    assertTrue(r.evidence().stream().anyMatch(e -> e.id().equals("gong:call:" + DISCOVERY)));
    assertTrue(r.partial());
    assertTrue(r.unread().stream().anyMatch(n -> n.startsWith("Gong: calls after page 1 of the window were not read")),
        r.unread().toString());
  }

  /** Issue 8 item 4: a cursor answered with the same cursor again stops paging instead of looping. */
  @Test
  @Tag("reliability")
  void theSameCursorAgainStopsPagingAndSaysWhatWasNotRead() {
    gong.inject(post(urlEqualTo(EXTENSIVE)).willReturn(ok("extensive-page1.json")));
    seedTranscripts();

    SourceResult r = connector().fetch(deal(), new RecordingSourceContext());

    assertEquals(2, gong.received(postRequestedFor(urlEqualTo(EXTENSIVE))).size(), "the first page, then its cursor once");
    assertEquals(List.of("Gong: calls after page 2 of the window were not read: Gong gave the same cursor again."),
        r.unread());
    assertTrue(r.evidence().stream().anyMatch(e -> e.id().equals("gong:call:" + DISCOVERY)));
  }

  /** Issue 8 item 8: a body that trickles past the call timeout is a timeout, retried on the policy. */
  @Test
  @Tag("reliability")
  void aBodyThatTricklesPastTheCallTimeoutIsATimeoutAfterTheRetries() {
    gong.inject(post(urlEqualTo(EXTENSIVE)).willReturn(ok("extensive-page1.json").withChunkedDribbleDelay(20, 2_000)));
    var ctx = new RecordingSourceContext();

    var e = assertThrows(DeadlineExceededException.class,
        () -> connector(b -> b.timeout(Duration.ofMillis(300))).fetch(deal(), ctx));

    assertEquals(SourceFailure.Kind.TIMEOUT, e.kind());
    assertEquals(3, ctx.calls(), "three attempts, each cut at the call timeout");
    assertTrue(e.getMessage().startsWith("Gong did not answer POST /v2/calls/extensive completely within 300 ms"),
        e.getMessage());
  }

  /** Issue 8 item 7: close() is idempotent and a closed connector sends nothing. */
  @Test
  @Tag("reliability")
  void aClosedConnectorSendsNothing() {
    stubBothPages();
    GongConnector connector = connector();
    connector.close();
    connector.close();

    assertThrows(IllegalStateException.class, () -> connector.fetch(deal(), new RecordingSourceContext()));
    assertEquals(0, gong.received(postRequestedFor(urlEqualTo(EXTENSIVE))).size());
  }

  @Test
  void anExpiredCursorKeepsWhatWasReadAndSaysToRunAgain() {
    gong.inject(post(urlEqualTo(EXTENSIVE)).atPriority(5)
        .willReturn(ok("extensive-page1.json")));
    gong.inject(post(urlEqualTo(EXTENSIVE)).atPriority(1).withRequestBody(matchingJsonPath("$.cursor"))
        .willReturn(json(400, "error-400-cursor.json")));
    seedTranscripts();

    SourceResult r = connector().fetch(deal(), new RecordingSourceContext());

    assertTrue(r.evidence().stream().anyMatch(e -> e.id().equals("gong:call:" + DISCOVERY)));
    assertTrue(r.unread().stream().anyMatch(n -> n.contains("cursors expire after about an hour")), r.unread().toString());
    assertEquals(2, gong.received(postRequestedFor(urlEqualTo(EXTENSIVE))).size(), "an expired cursor is not retried");
  }

  @Test
  void theBudgetCutKeepsWhatWasReadAndIsReportedAsANote() {
    stubBothPages();
    seedTranscripts();
    var ctx = new RecordingSourceContext(1);

    SourceResult r = connector().fetch(deal(), ctx);

    assertEquals(List.of("gong:call:" + DISCOVERY), r.evidence().stream().map(Evidence::id).toList());
    assertEquals(1, ctx.calls());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("budget of 1 calls")
        && n.contains("calls after page 1 of the window were not read")), r.notes().toString());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("transcripts of 1 call(s) were not read")), r.notes().toString());
  }

  // --- follow-up --------------------------------------------------------------------------------

  @Test
  void theFollowUpFindsTheCallsOfAnAddressTheFirstRoundCouldNotMatch() {
    gong.inject(post(urlEqualTo(EXTENSIVE)).willReturn(ok("extensive-page2.json")));
    seedTranscripts();
    // The CRM knows Dana by a personal address only, so no customer domain is known.
    DealContext deal = deal(List.of(contact("Dana Okonkwo", "dana.okonkwo@gmail.com", "Champion")), null);
    assertTrue(connector().fetch(deal, new RecordingSourceContext()).evidence().isEmpty());

    var ctx = new RecordingSourceContext();
    SourceResult r = connector().followUp(deal,
        new FollowUp(List.of(Participant.of("James Park", "James.Park@meridianhealth.org")), null), ctx);

    assertEquals(List.of("gong:call:" + CFO), r.evidence().stream().filter(e -> e.kind().equals("call"))
        .map(Evidence::id).toList());
    assertEquals(List.of("POST /v2/calls/extensive ok", "POST /v2/calls/transcript ok"), ctx.operations());
  }

  @Test
  void theFollowUpIsBoundedByItsOwnLimit() {
    gong.inject(post(urlEqualTo(EXTENSIVE)).willReturn(ok("extensive-page2.json")));
    seedTranscripts();
    DealContext deal = deal(List.of(contact("Dana Okonkwo", "dana.okonkwo@gmail.com", "Champion")), null);
    var people = List.of(Participant.of("James Park", "james.park@meridianhealth.org"),
        Participant.of("Dana Okonkwo", "dana.okonkwo@meridianhealth.org"));

    SourceResult none = connector(b -> b.followUpMaxCalls(0)).followUp(deal, new FollowUp(people, null),
        new RecordingSourceContext());
    assertTrue(none.evidence().isEmpty());
    assertEquals(0, gong.requests(), "a follow-up limit of 0 turns the round off");

    SourceResult one = connector(b -> b.processingLag(Duration.ofDays(30)).followUpMaxCalls(1))
        .followUp(deal, new FollowUp(people, null), new RecordingSourceContext());
    assertEquals(List.of("gong:call:" + CFO), one.evidence().stream().filter(e -> e.kind().equals("call"))
        .map(Evidence::id).toList());
    assertTrue(one.notes().stream().anyMatch(n -> n.contains("gong.followUpMaxCalls")), one.notes().toString());
  }

  @Test
  void theFollowUpMakesNoRequestForPeopleTheFirstRoundAlreadyMatched() {
    var ctx = new RecordingSourceContext();

    SourceResult r = connector().followUp(deal(), new FollowUp(List.of(
        Participant.of("Priya Raman", "priya.raman@meridianhealth.org"),
        Participant.of("Sam Chen", "sam.chen@northwind-analytics.com")), null), ctx);

    assertTrue(r.evidence().isEmpty());
    assertEquals(0, ctx.calls());
    assertEquals(0, gong.requests());
  }

  // --- helpers ----------------------------------------------------------------------------------

  GongConnector connector() {
    return connector(UnaryOperator.identity());
  }

  GongConnector connector(UnaryOperator<GongConfig.Builder> tweak) {
    return GongConnector.create(tweak.apply(GongConfig.builder()
        .baseUrl(gong.baseUrl())
        .accessKey(gong.accessKey(), gong.accessKeySecret())
        .maxRequestsPerSecond(100)
        // Tiny back-off, but room for the 1 s Retry-After the rate-limit test asks for.
        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(2)))).build());
  }

  static DealContext deal() {
    return deal(List.of(contact("Dana Okonkwo", "dana.okonkwo@meridianhealth.org", "Business User"),
        contact("James Park", "james.park@meridianhealth.org", "Economic Buyer")), "https://www.meridianhealth.org");
  }

  static DealContext deal(List<DealContact> contacts, String website) {
    var account = new Account("001Hs00000MrdHlIAJ", "Meridian Health", "Healthcare", "Customer", website, 3800L);
    var opportunity = new Opportunity("006Hs00000MrdWnIAJ", "Meridian Health - Analytics Platform", "Closed Won",
        new BigDecimal("168000"), "USD", LocalDate.of(2026, 3, 27), Instant.parse("2026-01-12T16:00:00Z"),
        "New Business", true, true);
    var owner = new Person("Alex Rivera", "alex.rivera@northwind-analytics.com", "Account Executive", true, Set.of());
    var se = new Person("Sam Chen", "sam.chen@northwind-analytics.com", "Senior Sales Engineer", true, Set.of());
    return new DealContext(account, opportunity, owner, contacts, List.of(new TeamMember(se, "Sales Engineer")),
        new TimeWindow(opportunity.createdAt(), Instant.parse("2026-03-28T00:00:00Z")),
        Set.of("northwind-analytics.com"), Map.of());
  }

  static DealContact contact(String name, String email, String role) {
    return new DealContact(new Person(name, email, null, false, Set.of()), role, false);
  }

  /** The six call records of both recorded pages, served three a page as they were recorded. */
  void stubBothPages() {
    gong.pageSize(3).load(fixture("extensive-page1.json")).load(fixture("extensive-page2.json"));
  }

  /** The transcripts, which the fake answers for the call ids asked. */
  void seedTranscripts() {
    gong.load(fixture("transcripts.json"));
  }

  /** Serves {@code response} to every transcript request, ahead of the fake's own answer. */
  void stubTranscripts(ResponseDefinitionBuilder response) {
    gong.inject(post(urlEqualTo(TRANSCRIPT)).willReturn(response));
  }

  static ResponseDefinitionBuilder ok(String fixture) {
    return json(200, fixture);
  }

  static ResponseDefinitionBuilder json(int status, String fixture) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(fixture(fixture));
  }

  /** A Gong answer: this module's own, else the one the test kit shares with the fake. */
  static String fixture(String name) {
    try (InputStream in = GongConnectorTest.class.getResourceAsStream("/gong/" + name)) {
      if (in == null) {
        return WireFixtures.read("gong/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  JsonNode body(LoggedRequest request) {
    try {
      return json.readTree(request.getBodyAsString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Evidence byId(SourceResult r, String id) {
    return r.evidence().stream().filter(e -> e.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + id + " in " + r.evidence().stream().map(Evidence::id).toList()));
  }
}
