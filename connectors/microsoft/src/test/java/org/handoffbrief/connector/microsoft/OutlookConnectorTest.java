package org.handoffbrief.connector.microsoft;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.PermissionException;
import org.handoffbrief.SourceUnavailableException;
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
import org.handoffbrief.testing.FakeOutlook;
import org.handoffbrief.testing.RecordingSourceContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutlookConnectorTest {

  /** The app GraphTokenTest signs in as (the other tests sign in as the test kit's tenant says). */
  static final String TENANT = "00000000-0000-0000-0000-00000000000a";
  static final String CLIENT_ID = "11111111-1111-1111-1111-111111111111";
  static final String ALEX = "alex.rivera@northwind-analytics.com";
  static final String SAM = "sam.chen@northwind-analytics.com";
  static final String ALEX_MAIL = "/v1.0/users/" + ALEX.replace("@", "%40") + "/messages";
  static final String SAM_MAIL = "/v1.0/users/" + SAM.replace("@", "%40") + "/messages";
  static final String ALEX_CAL = "/v1.0/users/" + ALEX.replace("@", "%40") + "/calendarView";
  static final String SAM_CAL = "/v1.0/users/" + SAM.replace("@", "%40") + "/calendarView";

  static FakeOutlook outlook;

  @BeforeEach
  void startTenant() {
    outlook = FakeOutlook.start();
  }

  @AfterEach
  void stopTenant() {
    outlook.close();
  }

  // --- the happy path ---------------------------------------------------------------------------

  @Test
  void readsTheTeamsMailAndCalendarsAcrossPagesKeepingOnlyTheDealsItems() {
    stubMailAndCalendars();
    var ctx = new RecordingSourceContext();

    SourceResult r = connector().fetch(deal(), ctx);

    assertEquals(List.of(
        "outlook:event:040000008200E00074C5B7101A82E00800000000DEEPDIVE0000000000000000000000001",
        "outlook:message:DM6PR11MB7777MIGRATION@DM6PR11MB7777.namprd11.prod.outlook.com",
        "outlook:message:SA1PR11MB8888LAWSON@SA1PR11MB8888.namprd11.prod.outlook.com",
        // Priya's reply carries Alex's question, which no mailbox read holds as its own message.
        "outlook:message:SN4PR0701MB3662A1B2C3D4E5F6@SN4PR0701MB3662.namprd07.prod.outlook.com/fwd1",
        "outlook:message:SN4PR0701MB3662A1B2C3D4E5F6@SN4PR0701MB3662.namprd07.prod.outlook.com",
        "outlook:event:040000008200E00074C5B7101A82E00800000000SECREVIEW000000000000000000000001"),
        r.evidence().stream().map(Evidence::id).toList());
    assertEquals(List.of(), r.notes());
    // token, alex mail x2, sam mail, alex calendar x2, sam calendar
    assertEquals(List.of(GraphToken.OPERATION + " ok", "GET /users/{id}/messages ok", "GET /users/{id}/messages ok",
        "GET /users/{id}/messages ok", "GET /users/{id}/calendarView ok", "GET /users/{id}/calendarView ok",
        "GET /users/{id}/calendarView ok"), ctx.operations());
  }

  @Test
  void aMessageCarriesHeaderLinesThenOnlyItsAuthorsOwnWords() {
    stubMailAndCalendars();

    Evidence priya = byId(connector().fetch(deal(), new RecordingSourceContext()),
        "outlook:message:SN4PR0701MB3662A1B2C3D4E5F6@SN4PR0701MB3662.namprd07.prod.outlook.com");

    assertEquals("""
        Subject: RE: Security process
        From: Priya Raman <priya.raman@meridianhealth.org>
        To: Alex Rivera <alex.rivera@northwind-analytics.com>, Sam Chen <sam.chen@northwind-analytics.com>
        Date: 2026-03-10 14:21 UTC

        Hi Alex, Sam,
        Our security team needs a 6-week security review before go-live. We will start once the MSA is signed & the SOC 2 report is shared.
        - SOC 2 Type II report
        - Pen test summary""", priya.text());
    assertEquals(OffsetDateTime.parse("2026-03-10T14:21:07Z"), priya.timestamp());
    assertEquals(Participant.of("Priya Raman", "priya.raman@meridianhealth.org"), priya.author());
    assertEquals(URI.create("https://outlook.office365.com/owa/?ItemID=AAMkAGI2-alex-001&exvsurl=1&viewmodel=ReadMessageItem"),
        priya.permalink(), "the first mailbox's copy wins; the SE's duplicate is dropped");
    assertEquals("AAQkAGI2-conv-security", priya.attribute("threadId"));
    assertEquals(ALEX, priya.attribute("mailbox"));
    assertEquals(2, priya.participants().size());
  }

  // --- forwarded originals ----------------------------------------------------------------------

  void stubForwards() {
    outlook.messages(ALEX, fixture("messages-forwards.json")).messages(SAM, fixture("messages-empty.json"))
        .calendarView(ALEX, fixture("calendar-empty.json")).calendarView(SAM, fixture("calendar-empty.json"));
  }

  @Test
  void aForwardedOriginalNotInTheMailboxBecomesItsOwnEvidenceByItsSender() {
    stubForwards();
    SourceResult r = connector().fetch(deal(), new RecordingSourceContext());

    String carrierId = "DM6PR11MB1111FWDTRAIN@DM6PR11MB1111.namprd11.prod.outlook.com";
    Evidence carrier = byId(r, "outlook:message:" + carrierId);
    Evidence original = byId(r, "outlook:message:" + carrierId + "/fwd1");
    assertEquals(Participant.of("Sam Chen", SAM), original.author());
    assertEquals(OffsetDateTime.parse("2026-03-09T15:30:00Z"), original.timestamp(), "Outlook's Sent line, read as UTC");
    assertEquals("""
        Subject: Training plan
        From: Sam Chen <sam.chen@northwind-analytics.com>
        Forwarded by: Dana Okonkwo <dana.okonkwo@meridianhealth.org>

        Dana,
        We will train your two clinic leads on site before go-live, at no charge.""", original.text());
    int at = original.text().indexOf("We will train");
    assertTrue(original.sourceSpanOf(at, original.text().length()) != null, "the original's words are citable");
    assertEquals(carrierId, original.attribute("forwardedIn"));
    assertEquals(carrier.permalink(), original.permalink());
    assertEquals(carrier.participants(), original.participants());
    assertEquals("AAQkAGI2-conv-training", original.attribute("threadId"));
    assertFalse(carrier.text().contains("We will train"), "the carrier keeps only its sender's words");
  }

  @Test
  void aForwardedOriginalThatIsInTheMailboxIsNotRepeated() {
    stubForwards();
    SourceResult r = connector().fetch(deal(), new RecordingSourceContext());

    assertEquals(Set.of(
        "outlook:message:SN4PR0701MB3662SECTIME@SN4PR0701MB3662.namprd07.prod.outlook.com",
        "outlook:message:DM6PR11MB1111FWDTRAIN@DM6PR11MB1111.namprd11.prod.outlook.com",
        "outlook:message:DM6PR11MB1111FWDTRAIN@DM6PR11MB1111.namprd11.prod.outlook.com/fwd1",
        "outlook:message:DM6PR11MB1111FWSEC@DM6PR11MB1111.namprd11.prod.outlook.com"),
        r.evidence().stream().map(Evidence::id).collect(java.util.stream.Collectors.toSet()),
        "Priya's note is read as her own message, so its forward adds nothing");
  }

  @Test
  void uniqueBodyIsPreferredSoTheQuotedReplyNeverEnters() {
    stubMailAndCalendars();

    Evidence alex = byId(connector().fetch(deal(), new RecordingSourceContext()),
        "outlook:message:DM6PR11MB7777MIGRATION@DM6PR11MB7777.namprd11.prod.outlook.com");

    assertTrue(alex.text().endsWith("\n\nTom,\n\nAttached is the reporting migration plan we discussed. Cutover is planned"
        + " for the weekend of May 9."), alex.text());
    assertTrue(alex.text().contains("Cc: Dana Okonkwo <dana.okonkwo@meridianhealth.org>\n"));
    assertFalse(alex.text().contains("Can you send the migration plan?"));
  }

  @Test
  void theSePromiseKeepsItsWordsWithoutSignatureOrDisclaimer() {
    stubMailAndCalendars();

    Evidence sam = byId(connector().fetch(deal(), new RecordingSourceContext()),
        "outlook:message:SA1PR11MB8888LAWSON@SA1PR11MB8888.namprd11.prod.outlook.com");

    assertTrue(sam.text().endsWith("\n\nPriya, Tom,\nThanks for walking us through the legacy Lawson ERP feed. We will"
        + " deliver the Lawson ERP connector spec by end of April."), sam.text());
    assertEquals(SAM, sam.attribute("mailbox"));
  }

  @Test
  void aMeetingListsAttendeesWithTheirResponsesInUtcWithoutTheTeamsBlock() {
    stubMailAndCalendars();

    Evidence deep = byId(connector().fetch(deal(), new RecordingSourceContext()),
        "outlook:event:040000008200E00074C5B7101A82E00800000000DEEPDIVE0000000000000000000000001");

    assertEquals("""
        Subject: Technical deep dive: Northwind x Meridian
        Start: 2026-02-06 16:00 UTC
        End: 2026-02-06 17:30 UTC
        Organizer: Sam Chen <sam.chen@northwind-analytics.com>
        Attendees: Alex Rivera <alex.rivera@northwind-analytics.com> (accepted), Priya Raman <priya.raman@meridianhealth.org> (accepted), Tom Becker <tom.becker@meridianhealth.org> (tentativelyAccepted)
        Location: Microsoft Teams Meeting
        Status: scheduled

        Agenda: architecture, data flows, SSO.""", deep.text());
    assertEquals(OffsetDateTime.parse("2026-02-06T16:00Z"), deep.timestamp());
    assertEquals("alex.rivera@northwind-analytics.com=accepted;priya.raman@meridianhealth.org=accepted;"
        + "tom.becker@meridianhealth.org=tentativelyAccepted", deep.attribute("responses"));
    assertEquals(3, deep.participants().size());
  }

  @Test
  void requestsAskForTheSearchTheFieldsAndUtcAndCarryTheBearerToken() {
    stubMailAndCalendars();

    connector().fetch(deal(), new RecordingSourceContext());

    LoggedRequest token = outlook.received(postRequestedFor(urlPathEqualTo(tokenPath(outlook)))).get(0);
    Map<String, String> form = form(token.getBodyAsString());
    assertEquals(Map.of("client_id", outlook.clientId(), "client_secret", outlook.clientSecret(),
        "grant_type", "client_credentials", "scope", outlook.graphUrl() + "/.default"), form);
    LoggedRequest first = outlook.received(getRequestedFor(urlPathEqualTo(ALEX_MAIL))).get(0);
    assertEquals("\"(participants:meridianhealth.org) AND received>=2026-01-11 AND received<=2026-03-29\"",
        first.queryParameter("$search").firstValue());
    assertEquals("50", first.queryParameter("$top").firstValue());
    assertTrue(first.queryParameter("$select").firstValue().contains("uniqueBody"));
    assertFalse(first.getQueryParams().containsKey("$filter"), "Graph refuses $filter with $search on messages");
    String bearer = "Bearer " + outlook.accessToken();
    outlook.received(getRequestedFor(urlPathEqualTo(ALEX_MAIL))).forEach(r -> assertEquals(bearer, r.getHeader("Authorization")));
    var calendar = outlook.received(getRequestedFor(urlPathEqualTo(ALEX_CAL)));
    assertEquals(2, calendar.size());
    assertEquals("2026-01-12T00:00:00Z", calendar.get(0).queryParameter("startDateTime").firstValue());
    assertEquals("2026-03-28T00:00:00Z", calendar.get(0).queryParameter("endDateTime").firstValue());
    calendar.forEach(r -> assertEquals("outlook.timezone=\"UTC\"", r.getHeader("Prefer"), "both pages ask for UTC"));
    assertEquals(1, outlook.received(postRequestedFor(urlPathEqualTo(tokenPath(outlook)))).size(), "one token for the whole read");
  }

  // --- what must stay out -----------------------------------------------------------------------

  @Test
  void aNameAlikeFromAnotherCustomerStaysOut() {
    stubMailAndCalendars();

    SourceResult r = connector().fetch(deal(), new RecordingSourceContext());

    assertTrue(r.evidence().stream().noneMatch(e -> e.text().contains("harborview")
        || e.text().contains("Harborview")), "Dana Okonkwo of Harborview Clinic shares a name, not a deal");
    assertTrue(r.evidence().stream().anyMatch(e -> e.participants().stream()
        .anyMatch(p -> "dana.okonkwo@meridianhealth.org".equals(p.email()))), "the real Dana is in");
  }

  @Test
  void theDefaultLookbackSearchesMailAndCalendarsFromThirtyDaysBeforeTheOpportunity() {
    stubMailAndCalendars();

    connector(b -> b.lookback(OutlookConfig.DEFAULT_LOOKBACK)).fetch(deal(), new RecordingSourceContext());

    LoggedRequest first = outlook.received(getRequestedFor(urlPathEqualTo(ALEX_MAIL))).get(0);
    assertEquals("\"(participants:meridianhealth.org) AND received>=2025-12-12 AND received<=2026-03-29\"",
        first.queryParameter("$search").firstValue());
    assertEquals("2025-12-13T00:00:00Z", outlook.received(getRequestedFor(urlPathEqualTo(ALEX_CAL))).get(0)
        .queryParameter("startDateTime").firstValue());
  }

  @Test
  void theCustomersFirstMailBeforeTheOpportunityIsKeptWithinTheLookbackAndNotBeyondIt() {
    stubMailAndCalendars();

    SourceResult within = connector(b -> b.lookback(OutlookConfig.DEFAULT_LOOKBACK)).fetch(deal(),
        new RecordingSourceContext());
    SourceResult beyond = connector(b -> b.lookback(Duration.ofDays(3))).fetch(deal(), new RecordingSourceContext());

    String intro = "BY5PR11MB0001EARLY@BY5PR11MB0001.namprd11.prod.outlook.com";
    assertTrue(within.evidence().stream().anyMatch(e -> e.nativeId().equals(intro)), "Jan 5 is 7 days before");
    assertTrue(beyond.evidence().stream().noneMatch(e -> e.nativeId().equals(intro)), "3 days do not reach Jan 5");
  }

  @Test
  void theWindowDraftsInternalMeetingsAndAutomatedSendersAreRespected() {
    stubMailAndCalendars();

    SourceResult r = connector().fetch(deal(), new RecordingSourceContext());

    var window = deal().window();
    assertTrue(r.evidence().stream().allMatch(e -> window.contains(e.timestamp().toInstant())));
    assertTrue(r.evidence().stream().noneMatch(e -> e.text().contains("HIMSS")), "Jan 5 is before the window");
    assertTrue(r.evidence().stream().noneMatch(e -> e.text().contains("Not sent yet")), "drafts are not mail");
    assertTrue(r.evidence().stream().noneMatch(e -> e.text().contains("Deal review (internal)")));
    assertTrue(r.evidence().stream().noneMatch(e -> e.text().contains("Ticket 4411")));
  }

  // --- rate limits, outages, bad answers --------------------------------------------------------

  @Test
  void aThrottledCallWaitsAsRetryAfterSaysAndThenSucceeds() {
    stubMailAndCalendars();
    outlook.inject(get(urlPathEqualTo(SAM_MAIL)).inScenario("throttle").whenScenarioStateIs(STARTED).atPriority(1)
        .willReturn(json(429, "error-429.json").withHeader("Retry-After", "1")).willSetStateTo("after"));
    var ctx = new RecordingSourceContext();

    SourceResult r = connector(b -> b.retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(2))))
        .fetch(deal(), ctx);

    assertEquals(2, outlook.received(getRequestedFor(urlPathEqualTo(SAM_MAIL))).size(), "one 429, one retry, no more");
    assertEquals(5, items(r));
    assertTrue(ctx.operations().contains("GET /users/{id}/messages rate_limited"));
  }

  @Test
  void aGatewayErrorWithAnHtmlBodyIsRetriedThenSucceeds() {
    stubMailAndCalendars();
    outlook.inject(get(urlPathEqualTo(ALEX_CAL)).inScenario("outage").whenScenarioStateIs(STARTED).atPriority(1)
        .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html").withBody(fixture("gateway-503.html")))
        .willSetStateTo("after"));
    var ctx = new RecordingSourceContext();

    SourceResult r = connector(fastRetries()).fetch(deal(), ctx);

    assertEquals(5, items(r));
    assertTrue(ctx.operations().contains("GET /users/{id}/calendarView unavailable"), ctx.operations().toString());
    assertEquals(3, outlook.received(getRequestedFor(urlPathEqualTo(ALEX_CAL))).size(), "503, then pages 1 and 2");
  }

  @Test
  void serverErrorsThatPersistEndInSourceUnavailableAfterTheRetries() {
    outlook.inject(get(urlPathEqualTo(ALEX_MAIL)).willReturn(json(503, "error-429.json")));

    assertThrows(SourceUnavailableException.class,
        () -> connector(b -> b.retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1))).readCalendar(false)
            .mailboxes(List.of(ALEX))).fetch(deal(), new RecordingSourceContext()));
    assertEquals(2, outlook.received(getRequestedFor(urlPathEqualTo(ALEX_MAIL))).size());
  }

  @Test
  void anExpiredTokenIsAnAuthenticationFailureAfterOneRequest() {
    outlook.inject(get(urlPathEqualTo(ALEX_MAIL)).willReturn(json(401, "error-401.json")));

    var e = assertThrows(AuthenticationException.class, () -> connector(fastRetries()).fetch(deal(), new RecordingSourceContext()));

    assertEquals(1, outlook.received(getRequestedFor(urlPathEqualTo(ALEX_MAIL))).size());
    assertTrue(e.getMessage().contains("InvalidAuthenticationToken"), e.getMessage());
    assertFalse(e.getMessage().contains(outlook.accessToken()));
  }

  @Test
  void aRefusedClientSecretIsAnAuthenticationFailureThatNeverShowsTheSecret() {
    outlook.inject(post(urlPathEqualTo(tokenPath(outlook))).willReturn(json(401, "token-invalid-client.json")));

    var e = assertThrows(AuthenticationException.class, () -> connector(fastRetries()).fetch(deal(), new RecordingSourceContext()));

    assertEquals(1, outlook.received(postRequestedFor(urlPathEqualTo(tokenPath(outlook)))).size());
    assertTrue(e.getMessage().contains("invalid_client: AADSTS7000215"), e.getMessage());
    assertFalse(e.getMessage().contains(outlook.clientSecret()));
    assertEquals(0, outlook.received(getRequestedFor(urlPathEqualTo(ALEX_MAIL))).size());
  }

  @Test
  void aTruncatedPageIsMalformedWhenNothingElseCouldBeRead() {
    outlook.inject(get(urlPathEqualTo(ALEX_MAIL)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(fixture("truncated.json"))));

    assertThrows(MalformedResponseException.class, () -> connector(b -> b.mailboxes(List.of(ALEX)).readCalendar(false))
        .fetch(deal(), new RecordingSourceContext()));
    assertEquals(1, outlook.received(getRequestedFor(urlPathEqualTo(ALEX_MAIL))).size(), "a bad body is not retried");
  }

  @Test
  void aTruncatedPageLosesOnlyThatMailboxsRestAndSaysSo() {
    stubMailAndCalendars();
    outlook.inject(get(urlPathEqualTo(ALEX_MAIL)).withQueryParam("$skiptoken", com.github.tomakehurst.wiremock.client.WireMock.matching(".+"))
        .atPriority(1).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(fixture("truncated.json"))));

    SourceResult r = connector().fetch(deal(), new RecordingSourceContext());

    assertEquals(4, items(r), "alex's page 1, sam's mail and both calendars are kept");
    assertEquals(1, r.unread().size());
    assertTrue(r.unread().get(0).startsWith("Mailbox " + ALEX + ": page 2 could not be read (malformed_response)"),
        r.unread().get(0));
  }

  @Test
  void aLaterPageThatKeepsFailingKeepsWhatWasReadAndStillReadsTheCalendar() {
    stubMailAndCalendars();
    outlook.inject(get(urlPathEqualTo(ALEX_MAIL)).withQueryParam("$skiptoken", com.github.tomakehurst.wiremock.client.WireMock.matching(".+"))
        .atPriority(1).willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"code\":\"ServiceNotAvailable\",\"message\":\"Try again later\"}}")));

    SourceResult r = connector().fetch(deal(), new RecordingSourceContext());

    assertEquals(4, items(r), "alex's page 1, sam's mail and both calendars are kept");
    assertTrue(r.partial());
    assertTrue(r.unread().stream().anyMatch(n -> n.startsWith("Mailbox " + ALEX + ": page 2 could not be read")),
        r.unread().toString());
  }

  @Test
  void theBudgetCutKeepsWhatWasReadAndSaysSo() {
    stubMailAndCalendars();
    var ctx = new RecordingSourceContext(3);

    SourceResult r = connector().fetch(deal(), ctx);

    assertEquals(3, ctx.calls());
    assertEquals(2, items(r), "both pages of alex's mail");
    assertEquals(1, r.notes().size());
    assertTrue(r.notes().get(0).contains("budget of 3 calls"), r.notes().get(0));
  }

  // --- permissions --------------------------------------------------------------------------------

  @Test
  void aMissingPermissionIsNamedBeforeAnyMailboxIsRead() {
    outlook.grant("Mail.Read");
    stubMailAndCalendars();

    var e = assertThrows(PermissionException.class, () -> connector().fetch(deal(), new RecordingSourceContext()));

    assertTrue(e.getMessage().contains("lacks the application permission Calendars.Read"), e.getMessage());
    assertEquals(0, outlook.received(getRequestedFor(urlPathEqualTo(ALEX_MAIL))).size());
    // Without calendars the same grant is enough.
    assertEquals(3, items(connector(b -> b.readCalendar(false)).fetch(deal(), new RecordingSourceContext())));
  }

  @Test
  void aMailboxOutsideTheAccessPolicyIsUnreadAndTheOthersAreRead() {
    stubMailAndCalendars();
    outlook.inject(get(urlPathEqualTo(SAM_MAIL)).atPriority(1).willReturn(json(403, "error-403.json")));

    SourceResult r = connector().fetch(deal(), new RecordingSourceContext());

    assertEquals(List.of("Outlook mail of " + SAM + " was not read: access denied (an application access policy may"
        + " exclude it, or Mail.Read is not granted)."), r.unread());
    assertEquals(4, items(r));
  }

  @Test
  void whenEveryMailboxIsRefusedTheSourceFailsNamingThePermission() {
    outlook.inject(get(urlPathEqualTo(ALEX_MAIL)).willReturn(json(403, "error-403.json")));
    outlook.inject(get(urlPathEqualTo(SAM_MAIL)).willReturn(json(403, "error-403.json")));

    var e = assertThrows(PermissionException.class,
        () -> connector(b -> b.readCalendar(false)).fetch(deal(), new RecordingSourceContext()));

    assertTrue(e.getMessage().contains("Mail.Read"), e.getMessage());
    assertTrue(e.getMessage().contains("ErrorAccessDenied"), e.getMessage());
  }

  @Test
  void anUnknownMailboxIsUnreadAndTheOthersAreRead() {
    stubMailAndCalendars();
    // The tenant has no such mailbox: Graph's 404 ErrorInvalidUser.

    SourceResult r = connector(b -> b.mailboxes(List.of("nobody@northwind-analytics.com", ALEX)).readCalendar(false))
        .fetch(deal(), new RecordingSourceContext());

    assertEquals(2, items(r));
    assertEquals(List.of("Outlook mail of nobody@northwind-analytics.com was not read: Graph knows no such mailbox."),
        r.unread());
  }

  // --- second round -------------------------------------------------------------------------------

  @Test
  void theFollowUpSearchesOnlyNewOutsideAddresses() {
    outlook.messages(ALEX, fixture("messages-empty.json")).messages(SAM, fixture("messages-empty.json"));
    var followUp = new FollowUp(List.of(Participant.of("Kim Osei", "kim@osei-consulting.com"),
        Participant.of("Priya Raman", "priya.raman@meridianhealth.org")), null);

    SourceResult r = connector().followUp(deal(), followUp, new RecordingSourceContext());

    assertEquals(List.of(), r.evidence());
    LoggedRequest search = outlook.received(getRequestedFor(urlPathEqualTo(ALEX_MAIL))).get(0);
    assertEquals("\"(participants:kim@osei-consulting.com) AND received>=2026-01-11 AND received<=2026-03-29\"",
        search.queryParameter("$search").firstValue());
    assertEquals(SourceResult.of(List.of()), connector().followUp(deal(),
        new FollowUp(List.of(Participant.of("Priya Raman", "priya.raman@meridianhealth.org")), null), new RecordingSourceContext()));
  }

  @Test
  void searchTermsCoverDomainsAndAddressesOutsideThem() {
    assertEquals(List.of("meridianhealth.org", "dana@gmail.com"), OutlookConnector.searchTerms(
        new java.util.LinkedHashSet<>(List.of("meridianhealth.org")), Set.of("dana@gmail.com", "priya@meridianhealth.org")));
    assertEquals("\"(participants:a.org OR participants:b@c.com) AND received>=2026-01-11 AND received<=2026-03-29\"",
        OutlookConnector.search(List.of("a.org", "b@c.com"), Instant.parse("2026-01-12T00:00:00Z"),
            Instant.parse("2026-03-28T00:00:00Z")));
  }

  // --- helpers ------------------------------------------------------------------------------------

  static DealContext deal() {
    var alex = new Person("Alex Rivera", ALEX, "Account Executive", true, Set.of());
    var sam = new Person("Sam Chen", SAM, "Senior Sales Engineer", true, Set.of());
    var dana = new Person("Dana Okonkwo", "dana.okonkwo@meridianhealth.org", "VP Operations", false, Set.of());
    var priya = new Person("Priya Raman", "priya.raman@meridianhealth.org", "Director of IT", false, Set.of());
    return new DealContext(
        new Account("001Hs00000MrdHlIAJ", "Meridian Health", "Healthcare", "Customer", "https://www.meridianhealth.org", 3800L),
        new Opportunity("006Hs00000MrdWnIAJ", "Meridian Health - Analytics Platform", "Closed Won", new BigDecimal("168000"),
            "USD", LocalDate.parse("2026-03-27"), Instant.parse("2026-01-12T00:00:00Z"), "New Business", true, true),
        alex, List.of(new DealContact(dana, "Business User", true), new DealContact(priya, "Technical Buyer", false)),
        List.of(new TeamMember(sam, "Sales Engineer")),
        new TimeWindow(Instant.parse("2026-01-12T00:00:00Z"), Instant.parse("2026-03-28T00:00:00Z")),
        Set.of("northwind-analytics.com"), Map.of());
  }

  OutlookConnector connector() {
    return connector(b -> { });
  }

  static Consumer<OutlookConfig.Builder> fastRetries() {
    return b -> b.retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)));
  }

  /** A connector reading exactly the sales cycle (no look-back) unless {@code tweak} sets one. */
  OutlookConnector connector(Consumer<OutlookConfig.Builder> tweak) {
    var b = OutlookConfig.builder().tenantId(outlook.tenantId()).clientId(outlook.clientId())
        .clientSecret(outlook.clientSecret()).authorityUrl(outlook.authorityUrl()).graphUrl(outlook.graphUrl())
        .lookback(Duration.ZERO);
    tweak.accept(b);
    return OutlookConnector.create(b.build());
  }

  void stubMailAndCalendars() {
    mailAndCalendars(outlook);
  }

  /** The team's mail and calendars in {@code tenant}: two pages of each of Alex's, one of Sam's. */
  static void mailAndCalendars(FakeOutlook tenant) {
    // As stored: the tenant points each page's next link at itself.
    tenant.messages(ALEX, page("messages-alex-1.json"), page("messages-alex-2.json"))
        .messages(SAM, page("messages-sam-1.json"))
        .calendarView(ALEX, page("calendar-alex-1.json"), page("calendar-alex-2.json"))
        .calendarView(SAM, page("calendar-sam-1.json"));
  }

  ResponseDefinitionBuilder json(int status, String file) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(fixture(file));
  }

  /** The messages and events read, without the earlier messages they carry. */
  static int items(SourceResult r) {
    return (int) r.evidence().stream().filter(e -> e.attribute("forwardedIn") == null).count();
  }

  static Evidence byId(SourceResult r, String id) {
    return r.evidence().stream().filter(e -> e.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError(id + " not among " + r.evidence().stream().map(Evidence::id).toList()));
  }

  static String tokenPath(FakeOutlook tenant) {
    return "/" + tenant.tenantId() + "/oauth2/v2.0/token";
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

  /** A Graph answer with its links on the running tenant. */
  static String fixture(String name) {
    return page(name).replace("${base}", outlook.graphUrl().toString());
  }

  /** A Graph answer as stored, its links on {@code ${base}}. */
  static String page(String name) {
    try (InputStream in = OutlookConnectorTest.class.getResourceAsStream("/graph/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
