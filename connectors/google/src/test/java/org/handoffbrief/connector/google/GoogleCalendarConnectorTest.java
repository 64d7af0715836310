package org.handoffbrief.connector.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.handoffbrief.connector.google.GoogleFakes.ALEX;
import static org.handoffbrief.connector.google.GoogleFakes.SAM;
import static org.handoffbrief.connector.google.GoogleFakes.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.PermissionException;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Participant;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.testing.FakeGoogle;
import org.handoffbrief.testing.RecordingSourceContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GoogleCalendarConnectorTest {

  static final String EVENTS_ALEX = "/calendar/v3/calendars/alex\\.rivera(@|%40)northwind-analytics\\.com/events";
  static final String EVENTS_SAM = "/calendar/v3/calendars/sam\\.chen(@|%40)northwind-analytics\\.com/events";

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
    // A host-supplied token: no token endpoint involved.
    return GoogleConfig.calendar().rootUrl(google.baseUrl()).auth(GoogleAuth.accessToken(google.hostToken()))
        .retryPolicy(GoogleFakes.FAST);
  }

  static SourceResult fetch(GoogleConfig.Builder config, RecordingSourceContext context) {
    return GoogleCalendarConnector.create(config.build()).fetch(GoogleFakes.deal(), context);
  }

  static Map<String, Evidence> byId(SourceResult r) {
    return r.evidence().stream().collect(Collectors.toMap(Evidence::nativeId, Function.identity()));
  }

  @Test
  void readsEveryPageOfEveryTeamCalendarAndKeepsOnlyMeetingsWithTheCustomer() {
    var context = new RecordingSourceContext();
    SourceResult r = fetch(config(), context);
    // Out: the name-alike's Harborview meeting, the cancelled one, the internal deal review.
    assertEquals(List.of("2ab3kickoff0jan14", "4de4demo0feb06sam", "7kq1cfo0roi0mar12"),
        r.evidence().stream().map(Evidence::nativeId).sorted().toList());
    assertEquals(List.of("GET events.list ok", "GET events.list ok", "GET events.list ok"), context.operations());
    assertEquals(2, google.requests(getRequestedFor(urlPathMatching(EVENTS_ALEX))));
    assertEquals(Map.of("calendars", "2", "eventsListed", "7"), r.usage());
  }

  @Test
  void aLookbackOfZeroAsksFromTheOpportunitysCreation() {
    fetch(config().lookback(Duration.ZERO), new RecordingSourceContext());
    LoggedRequest first = google.received(getRequestedFor(urlPathMatching(EVENTS_ALEX))).get(0);
    assertEquals("2026-01-12T14:00:00.000Z", first.queryParameter("timeMin").firstValue());
  }

  @Test
  void asksForSingleEventsOfTheWindowInStartOrder() {
    fetch(config(), new RecordingSourceContext());
    LoggedRequest first = google.received(getRequestedFor(urlPathMatching(EVENTS_ALEX))).get(0);
    // The default look-back: 30 days before the opportunity was created.
    assertEquals("2025-12-13T14:00:00.000Z", first.queryParameter("timeMin").firstValue());
    assertEquals("2026-03-28T00:00:00.000Z", first.queryParameter("timeMax").firstValue());
    assertEquals("true", first.queryParameter("singleEvents").firstValue());
    assertEquals("startTime", first.queryParameter("orderBy").firstValue());
    assertEquals("Bearer " + google.hostToken(), first.getHeader("Authorization"));
  }

  @Test
  void anEventHasSubjectWhenOrganizerAttendeesAndLocationThenItsDescription() {
    Evidence e = byId(fetch(config(), new RecordingSourceContext())).get("7kq1cfo0roi0mar12");
    assertEquals("""
        Subject: ROI review with James (CFO)
        When: 2026-03-12 13:00-13:45 America/New_York
        Organizer: Alex Rivera <alex.rivera@northwind-analytics.com>
        Attendees: Alex Rivera <alex.rivera@northwind-analytics.com> (accepted), James Park <james.park@meridianhealth.org> (accepted), Dana Okonkwo <dana.okonkwo@meridianhealth.org> (tentative), Sam Chen <sam.chen@northwind-analytics.com> (needsAction)
        Location: https://meet.google.com/abc-defg-hij

        Agenda:

        - ROI timeline
        - Change management""", e.text());
    assertEquals("google-calendar:event:7kq1cfo0roi0mar12", e.id());
    assertEquals(OffsetDateTime.parse("2026-03-12T13:00-04:00"), e.timestamp());
    assertEquals(Participant.of("Alex Rivera", ALEX), e.author());
    assertEquals(4, e.participants().size(), "the boardroom is not a person");
    assertEquals("accepted", e.attribute("responseStatus:james.park@meridianhealth.org"));
    assertEquals("tentative", e.attribute("responseStatus:dana.okonkwo@meridianhealth.org"));
    assertEquals(ALEX + "," + SAM, e.attribute("calendars"), "the same meeting on two calendars enters once");
    assertEquals(URI.create("https://www.google.com/calendar/event?eid=7kq1cfo0roi0mar12"), e.permalink());
  }

  @Test
  void anEventKeepsItsOwnTimeZone() {
    Evidence e = byId(fetch(config(), new RecordingSourceContext())).get("4de4demo0feb06sam");
    assertEquals(OffsetDateTime.parse("2026-02-06T15:00+01:00"), e.timestamp());
    assertTrue(e.text().contains("When: 2026-02-06 15:00-16:30 Europe/Berlin\n"), e.text());
    assertTrue(e.text().contains("Tom Becker <tom.becker@meridianhealth.org> (declined)"), e.text());
    assertTrue(e.text().endsWith("Location: Meridian HQ, Room 4"), e.text());
  }

  @Test
  void aNameAlikeFromAnotherCustomerStaysOut() {
    SourceResult r = fetch(config(), new RecordingSourceContext());
    assertTrue(r.evidence().stream().flatMap(e -> e.participants().stream())
        .noneMatch(p -> "harborview-clinic.org".equals(p.emailDomain())));
  }

  @Test
  void a429WithRetryAfterIsWaitedOut() {
    google.inject(get(urlPathMatching(EVENTS_SAM)).atPriority(1).inScenario("429").whenScenarioStateIs(STARTED)
        .willSetStateTo("ok").willReturn(json(429, "error-429.json").withHeader("Retry-After", "1")));
    var context = new RecordingSourceContext();
    SourceResult r = fetch(config(), context);
    assertEquals(2, google.requests(getRequestedFor(urlPathMatching(EVENTS_SAM))));
    assertTrue(context.operations().contains("GET events.list rate_limited"));
    assertEquals(3, r.evidence().size());
  }

  @Test
  void aServerErrorThenSuccessIsRetried() {
    google.inject(get(urlPathMatching(EVENTS_SAM)).atPriority(1).inScenario("503").whenScenarioStateIs(STARTED)
        .willSetStateTo("ok").willReturn(json(503, "gmail/error-503.json")));
    SourceResult r = fetch(config(), new RecordingSourceContext());
    assertEquals(2, google.requests(getRequestedFor(urlPathMatching(EVENTS_SAM))));
    assertEquals(3, r.evidence().size());
  }

  @Test
  void anExpiredTokenFailsAtOnceWithOneRequest() {
    google.inject(get(urlPathMatching(EVENTS_ALEX)).atPriority(1).willReturn(json(401, "error-401.json")));
    var e = assertThrows(AuthenticationException.class, () -> fetch(config(), new RecordingSourceContext()));
    assertEquals(1, google.requests(getRequestedFor(urlPathMatching(EVENTS_ALEX))));
    assertTrue(!e.getMessage().contains("ya29"), e.getMessage());
  }

  @Test
  void aTokenWithoutTheScopeIsAPermissionFailureNamingIt() {
    google.inject(get(urlPathMatching(EVENTS_ALEX)).atPriority(1).willReturn(json(403, "gmail/error-403-scope.json")));
    var e = assertThrows(PermissionException.class, () -> fetch(config(), new RecordingSourceContext()));
    assertTrue(e.getMessage().contains("https://www.googleapis.com/auth/calendar.events.readonly"), e.getMessage());
  }

  @Test
  void aTruncatedPageIsAMalformedResponse() {
    google.inject(get(urlPathMatching(EVENTS_ALEX)).atPriority(1).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"kind\": \"calendar#events\", \"items\": [{\"id\"")));
    assertThrows(MalformedResponseException.class,
        () -> fetch(config().readDealTeam(false).mailboxes(List.of(ALEX)), new RecordingSourceContext()));
    SourceResult both = fetch(config(), new RecordingSourceContext());
    assertEquals(List.of("4de4demo0feb06sam", "7kq1cfo0roi0mar12"),
        both.evidence().stream().map(Evidence::nativeId).sorted().toList(), "Sam's calendar is not lost");
    assertTrue(both.unread().get(0).startsWith("google-calendar: calendar " + ALEX + " could not be read"),
        both.unread().toString());
  }

  @Test
  void aSpentBudgetKeepsWhatWasReadAndSaysSo() {
    SourceResult r = fetch(config(), new RecordingSourceContext(2));
    assertEquals(List.of("2ab3kickoff0jan14", "7kq1cfo0roi0mar12"),
        r.evidence().stream().map(Evidence::nativeId).sorted().toList());
    assertTrue(r.unread().get(0).contains("budget of 2 calls"), r.unread().toString());
  }
}
