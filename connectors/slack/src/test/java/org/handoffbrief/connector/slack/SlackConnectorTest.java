package org.handoffbrief.connector.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.handoffbrief.model.Person;
import org.handoffbrief.model.TeamMember;
import org.handoffbrief.model.TimeWindow;
import org.handoffbrief.spi.RetryPolicy;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.testing.RecordingSourceContext;
import org.handoffbrief.testing.WireFixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlackConnectorTest {

  static final String TOKEN = "xoxb-0000000000-fake-test-token";
  static final String SCOPES = "channels:history,channels:read,groups:history,groups:read,users:read,users:read.email";
  static final Instant START = Instant.parse("2026-01-12T00:00:00Z");
  static final Instant END = Instant.parse("2026-03-28T00:00:00Z");
  static final Clock NOW = Clock.fixed(Instant.parse("2026-04-05T12:00:00Z"), ZoneOffset.UTC);
  static final String DEAL = "C0DEAL0001";
  static final String TABLEAU_THREAD = "1770750300.000100";
  static final String ERP_THREAD = "1772984520.000100";
  static final String KICKOFF_THREAD = "1766246400.000100";
  static final String OLD_THREAD = "1765810800.000100";

  static final WindowRateLimit LIMIT = new WindowRateLimit();

  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().extensions(LIMIT))
      .build();

  // --- what is read ------------------------------------------------------------------------------

  @Test
  void aThreadReplyPostedAfterTheWindowsFirstPageIsStillFound() {
    stubWorkspace();

    SourceResult r = fetch(new RecordingSourceContext());

    // The Tableau parent (Feb 10) is on the second history page; its Mar 26 reply is newer than
    // everything on the first page and is only reachable through conversations.replies.
    Evidence late = byTs(r, "1774539900.000100");
    assertEquals(TABLEAU_THREAD, late.attribute("threadTs"));
    assertTrue(late.text().contains("Thread: " + TABLEAU_THREAD + "\n"), late.text());
    assertTrue(late.text().endsWith("Tableau is fully displaced."), late.text());
    assertEquals(URI.create("https://northwind-analytics.slack.com/archives/C0DEAL0001/p1774539900000100"
        + "?thread_ts=" + TABLEAU_THREAD + "&cid=C0DEAL0001"), late.permalink());
    // Both reply pages were read, with the thread's bounds: the window's start to the brief's now.
    List<LoggedRequest> replies = requests("conversations.replies", "ts", TABLEAU_THREAD);
    assertEquals(2, replies.size());
    assertEquals("1768176000.000000", form(replies.get(0)).get("oldest"));
    assertEquals("1775390400.000000", form(replies.get(0)).get("latest"));
    assertEquals("dGhyZWFkOjE3NzQ1Mzk5MDA=", form(replies.get(1)).get("cursor"));
  }

  @Test
  void aReplyInTheWindowToAParentFromBeforeTheWindowIsFoundThroughItsLatestReply() {
    stubWorkspace();

    SourceResult r = fetch(new RecordingSourceContext());

    Evidence reply = byTs(r, "1768498200.000100");
    assertEquals(KICKOFF_THREAD, reply.attribute("threadTs"));
    assertTrue(r.evidence().stream().noneMatch(e -> e.attribute("ts").equals(KICKOFF_THREAD)), "parent is pre-window");
    assertTrue(r.evidence().stream().noneMatch(e -> e.attribute("ts").equals("1766332800.000100")), "pre-window reply");
    // A pre-window thread whose latest reply is also pre-window costs no call.
    assertEquals(0, requests("conversations.replies", "ts", OLD_THREAD).size());
  }

  @Test
  void repliesAfterCloseAreKeptUpToTheBriefsNowAndMarked() {
    stubWorkspace();

    SourceResult r = fetch(new RecordingSourceContext());

    Evidence afterClose = byTs(r, "1775224800.000100");
    assertEquals("true", afterClose.attribute("afterWindow"));
    assertTrue(r.evidence().stream().noneMatch(e -> e.attribute("ts").equals("1775829600.000100")), "after now");
    assertNull(byTs(r, "1774539900.000100").attribute("afterWindow"));
  }

  @Test
  void botAndJoinMessagesAreDropped() {
    stubWorkspace();

    SourceResult r = fetch(new RecordingSourceContext());

    assertTrue(r.evidence().stream().noneMatch(e -> e.attribute("ts").equals("1774008000.000100")), "bot message");
    assertTrue(r.evidence().stream().noneMatch(e -> e.attribute("ts").equals("1772373600.000100")), "join message");
    assertTrue(r.evidence().stream().noneMatch(e -> e.text().contains("has joined the channel")));
  }

  @Test
  void messagesInThePricingDeskAreInternalOnlyAndOnlyThisAccountsThreadsAreKept() {
    stubWorkspace();

    SourceResult r = fetch(new RecordingSourceContext());

    List<Evidence> desk = r.evidence().stream().filter(e -> e.attribute("channel").equals("deal-desk")).toList();
    assertEquals(List.of("1773844200.000100", "1773911400.000100"), desk.stream().map(e -> e.attribute("ts")).toList());
    assertTrue(desk.stream().allMatch(Evidence::internalOnly));
    assertTrue(desk.get(1).text().contains("Approved: 12%"));
    assertTrue(r.evidence().stream().noneMatch(e -> e.text().contains("Harborview Clinic is asking")));
    assertTrue(r.evidence().stream().filter(e -> e.attribute("channel").equals("deal-meridian-health"))
        .noneMatch(Evidence::internalOnly));
  }

  @Test
  void aNameAlikeFromAnotherCustomerStaysOut() {
    stubWorkspace();

    SourceResult r = fetch(new RecordingSourceContext());

    // The other customer's deal channel is never read, and her message in a shared channel never
    // enters even though it names this account: her address is not Meridian Health's.
    assertEquals(0, requests("conversations.history", "channel", "C0HARBOR01").size());
    assertTrue(r.evidence().stream().noneMatch(e -> "dana.okonkwo@harborview-clinic.org".equals(e.author().email())));
    assertTrue(r.evidence().stream().noneMatch(e -> e.text().contains("Harborview Clinic: we compared notes")));
    List<Evidence> dana = r.evidence().stream().filter(e -> "Dana Okonkwo".equals(e.author().name())).toList();
    assertEquals(2, dana.size());
    assertTrue(dana.stream().allMatch(e -> e.author().email().equals("dana.okonkwo@meridianhealth.org")
        && e.attribute("side").equals("customer")));
  }

  @Test
  void theWindowIsRespected() {
    stubWorkspace();

    SourceResult r = fetch(new RecordingSourceContext());

    LoggedRequest first = requests("conversations.history", "channel", DEAL).get(0);
    assertEquals("1765584000.000000", form(first).get("oldest"), "window start less the 30-day thread look-back");
    assertEquals("1774656000.000000", form(first).get("latest"));
    assertTrue(r.evidence().stream().noneMatch(e -> e.attribute("ts").equals("1775134800.000100")), "after close");
    assertTrue(r.evidence().stream().allMatch(e -> !e.timestamp().toInstant().isBefore(START)));
    assertTrue(r.evidence().stream().filter(e -> e.attribute("threadTs") == null)
        .allMatch(e -> e.timestamp().toInstant().isBefore(END)));
  }

  @Test
  void everyPageOfChannelsAndHistoryIsRead() {
    stubWorkspace();
    var ctx = new RecordingSourceContext();

    SourceResult r = fetch(ctx);

    List<LoggedRequest> lists = requests("conversations.list", null, null);
    assertEquals(2, lists.size());
    assertEquals("public_channel,private_channel", form(lists.get(0)).get("types"));
    assertEquals("0", form(lists.get(0)).get("exclude_archived"), "archived deal channels are read too");
    assertEquals("dGVhbTpDMERFQUwwMDAx", form(lists.get(1)).get("cursor"));
    List<LoggedRequest> history = requests("conversations.history", "channel", DEAL);
    assertEquals(2, history.size());
    assertEquals("bmV4dF90czoxNzcwNzUwMzAwMDAwMTAw", form(history.get(1)).get("cursor"));
    // One auth.test, 2 list pages, 4 history pages, 5 reply pages, 8 people.
    assertEquals(20, ctx.calls());
    assertEquals(8, requests("users.info", null, null).size());
    assertEquals(13, r.evidence().size(), r.evidence().stream().map(Evidence::id).toList().toString());
    assertEquals(List.of(), r.notes());
    wm.verify(postRequestedFor(urlPathEqualTo("/api/auth.test")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
  }

  @Test
  void messageTextIsNormalisedUnderAHeaderWithChannelAuthorAndZonedDate() {
    stubWorkspace();

    SourceResult r = fetch(new RecordingSourceContext());

    Evidence erp = byTs(r, ERP_THREAD);
    assertEquals("Channel: #deal-meridian-health\n"
        + "From: Sam Chen <sam.chen@northwind-analytics.com>\n"
        + "Date: 2026-03-08T08:42:00-07:00\n" // the author's zone, daylight time from that morning
        + "\n"
        + "Heads up @Alex Rivera: the legacy Lawson ERP integration is not covered by the standard connector, it will"
        + " need custom work (see ERP notes (https://wiki.northwind-analytics.com/se/meridian-erp)). Flagging it as a"
        + " go-live risk.", erp.text());
    assertEquals("slack:message:C0DEAL0001:" + ERP_THREAD, erp.id());
    assertEquals("1", erp.attribute("replyCount"));
    assertEquals("internal", erp.attribute("side"));
    assertEquals("true", erp.attribute("sharedChannel"));
    assertEquals("U0SAM00001", erp.author().systemUserId());
    assertEquals(List.of("alex.rivera@northwind-analytics.com"), erp.participants().stream().map(p -> p.email()).toList());
    assertEquals(URI.create("https://northwind-analytics.slack.com/archives/C0DEAL0001/p1772984520000100"), erp.permalink());

    Evidence redline = byTs(r, "1774215000.000100");
    assertTrue(redline.text().endsWith("pending with @Elena Ruiz; I'll chase it before close. <not blocking signature>"),
        redline.text());
    Evidence recap = byTs(r, "1768932000.000100");
    assertTrue(recap.text().contains("manual reporting & reconcile") && recap.text().contains("Notes in #deal-desk"),
        recap.text());

    Evidence question = byTs(r, "1773173700.000100");
    assertEquals("From: Dana Okonkwo <dana.okonkwo@meridianhealth.org>", question.text().split("\n")[1]);
    assertEquals("2026-03-10T15:15:00.000100-05:00", question.timestamp().toString(), "Slack's microseconds kept");
    assertNull(question.attribute("replyCount"), "the customer's question has no answer in Slack");
  }

  // --- finding channels ---------------------------------------------------------------------------

  @Test
  void theDealChannelIsFoundByTheAccountsShortNameOnALaterListPage() {
    stubWorkspace();
    stubChannels(List.of(channel("C0GENERAL1", "general"), channel("C0LOOKA001", "deal-meridiana")),
        List.of(channel("C0SHORT001", "deal-meridian")));
    stubHistory("C0SHORT001", message("U0ALEX0001", "Kickoff is booked for the week after signature.", "1772000000.000100"));

    SourceResult r = fetch(deal("Meridian Corporation", "meridianhealth.org"), b -> b.extraChannels(List.of()));

    assertEquals(2, requests("conversations.list", null, null).size(), "the list is read once, every page");
    assertEquals(0, requests("conversations.history", "channel", "C0LOOKA001").size(), "a longer name is not a match");
    assertEquals("deal-meridian", byTs(r, "1772000000.000100").attribute("channel"));
    assertEquals(List.of(), r.notes());
  }

  @Test
  void aLongerNameOfTheAccountWinsOverItsFirstWordAlone() {
    stubWorkspace();
    stubChannels(List.of(channel("C0SHORT001", "deal-meridian")), List.of(channel(DEAL, "deal-meridian-health")));

    SourceResult r = fetch(deal("Meridian Health Partners", "meridianhealth.org"), b -> b.extraChannels(List.of()));

    assertEquals(0, requests("conversations.history", "channel", "C0SHORT001").size(), "another Meridian's channel");
    assertEquals(2, requests("conversations.history", "channel", DEAL).size());
    assertFalse(r.evidence().isEmpty());
  }

  @Test
  void everyConfiguredPatternIsTriedAndEachMatchIsReadAsADealChannel() {
    stubWorkspace();
    stubChannels(List.of(channel(DEAL, "deal-meridian-health")),
        List.of(channel("C0EXT00001", "ext-meridian-health-northwind")));
    stubHistory("C0EXT00001", message("U0ALEX0001", "Welcome aboard, everyone!", "1772000000.000100"));

    SourceResult r = fetch(deal("Meridian Health", "meridianhealth.org"),
        b -> b.channelPattern("deal-{account}, {account}-deal, ext-{account}-*").extraChannels(List.of()));

    Evidence welcome = byTs(r, "1772000000.000100");
    assertEquals("ext-meridian-health-northwind", welcome.attribute("channel"), "kept without naming the account");
    assertEquals("true", welcome.attribute("sharedChannel"));
    assertEquals(2, requests("conversations.history", "channel", DEAL).size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"C0PROJ0001", "#proj-rollout", "https://northwind-analytics.slack.com/archives/C0PROJ0001"})
  void aChannelHeldInACrmHandoffFieldIsReadAsADealChannel(String fieldValue) {
    stubWorkspace();
    stubChannels(List.of(channel("C0GENERAL1", "general")), List.of(channel("C0PROJ0001", "proj-rollout")));
    stubHistory("C0PROJ0001", message("U0SAM00001", "Sandbox is provisioned.", "1772000000.000100"));
    DealContext withField = withHandoffFields(deal("Meridian Health", "meridianhealth.org"),
        Map.of("SLACK CHANNEL", fieldValue));

    SourceResult r = fetch(withField, b -> b.extraChannels(List.of()));

    assertEquals("proj-rollout", byTs(r, "1772000000.000100").attribute("channel"));
    assertEquals(List.of(), r.notes());
  }

  @Test
  void whenNoChannelMatchesTheNoteNamesEveryNameTried() {
    stubWorkspace();
    stubChannels(List.of(channel("C0GENERAL1", "general")), List.of());

    SourceResult r = fetch(deal("Acme Corporation, Inc.", "acme.example"),
        b -> b.channelPattern("deal-{account},{account}-deal").extraChannels(List.of()));

    assertEquals(List.of(), r.evidence());
    assertEquals(List.of("Slack: no deal channel found among 1 channels visible to the bot; tried"
        + " #deal-acme-corporation-inc, #deal-acme, #acme-corporation-inc-deal, #acme-deal"
        + " (slack.channelPattern deal-{account},{account}-deal) and found no CRM field 'Slack channel'"
        + " (slack.channelField)."), r.notes());
  }

  @Test
  void aCrmFieldNamingAnUnseenChannelIsNamedInANote() {
    stubWorkspace();
    DealContext withField = withHandoffFields(deal("Meridian Health", "meridianhealth.org"),
        Map.of("Slack channel", "C0GONE0001"));

    SourceResult r = fetch(withField, b -> b.extraChannels(List.of()));

    assertTrue(r.notes().stream().anyMatch(n -> n.contains("'Slack channel' names the channel 'C0GONE0001'")),
        r.notes().toString());
    assertEquals(2, requests("conversations.history", "channel", DEAL).size(), "the pattern's deal channel is read");
  }

  @Test
  void anExtraChannelKeepsThreadsThatNameTheShortNameOrADomainOrInvolveTwoOfTheDealTeam() {
    stubWorkspace();
    stubChannels(List.of(channel(DEAL, "deal-meridian-health")), List.of(channel("C0HANDOFF1", "cs-handoffs")));
    stubHistory("C0HANDOFF1",
        message("U0JORDAN01", "Lunch at noon?", "1772000500.000100"),
        message("U0ALEX0001", "Harborview Clinic wants a call on Friday.", "1772000400.000100"),
        message("U0ALEX0001", "<@U0SAM00001> can you prep the security answers before Friday?", "1772000300.000100"),
        message("U0JORDAN01", "Their SSO users all sit under meridianhealth.org.", "1772000200.000100"),
        message("U0JORDAN01", "MERIDIAN is signed, kickoff next week.", "1772000100.000100"));

    SourceResult r = fetch(deal("Meridian Health Systems, Inc.", "meridianhealth.org"),
        b -> b.extraChannels(List.of("cs-handoffs")));

    List<String> kept = r.evidence().stream().filter(e -> e.attribute("channel").equals("cs-handoffs"))
        .map(e -> e.attribute("ts")).toList();
    assertEquals(List.of("1772000100.000100", "1772000200.000100", "1772000300.000100"), kept,
        "the short name, a customer domain, and the owner with a team member; not one seller's other account");
  }

  // --- failures ----------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"invalid_auth", "token_revoked", "account_inactive"})
  void aRefusedTokenFailsAtOnceWithOneRequestAndNoRetry(String error) {
    wm.stubFor(method("auth.test").willReturn(json("{\"ok\":false,\"error\":\"" + error + "\"}")));

    var e = assertThrows(AuthenticationException.class, () -> fetch(new RecordingSourceContext()));

    assertTrue(e.getMessage().contains(error) && e.getMessage().contains("slack.botToken"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN));
    assertEquals(1, wm.getAllServeEvents().size());
  }

  @Test
  void aMissingRequiredScopeIsNamedBeforeAnythingIsRead() {
    wm.stubFor(method("auth.test").willReturn(json(fixture("auth-test.json"))
        .withHeader("X-OAuth-Scopes", "channels:history,channels:read,users:read")));

    var e = assertThrows(PermissionException.class, () -> fetch(new RecordingSourceContext()));

    assertTrue(e.getMessage().contains("users:read.email"), e.getMessage());
    assertEquals(1, wm.getAllServeEvents().size());
  }

  @Test
  void aMissingScopeAnswerNamesTheScopeSlackSaysIsNeeded() {
    stubWorkspace();
    wm.stubFor(method("conversations.history").atPriority(1).willReturn(json("{\"ok\":false,\"error\":\"missing_scope\","
        + "\"needed\":\"channels:history\",\"provided\":\"channels:read,users:read,users:read.email\"}")));

    var e = assertThrows(PermissionException.class, () -> fetch(new RecordingSourceContext()));

    assertTrue(e.getMessage().contains("channels:history"), e.getMessage());
  }

  @Test
  void withoutTheGroupsScopesOnlyPublicChannelsAreListedAndANoteSaysSo() {
    stubWorkspace();
    wm.stubFor(method("auth.test").atPriority(1).willReturn(json(fixture("auth-test.json"))
        .withHeader("X-OAuth-Scopes", "channels:history,channels:read,users:read,users:read.email")));

    SourceResult r = fetch(new RecordingSourceContext());

    assertEquals("public_channel", form(requests("conversations.list", null, null).get(0)).get("types"));
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("groups:read")), r.notes().toString());
  }

  @Test
  void a429IsRetriedAfterItsRetryAfter() {
    stubWorkspace();
    wm.stubFor(method("conversations.list").atPriority(1).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
            .withHeader("Content-Type", "application/json").withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
        .willSetStateTo("waited"));
    var ctx = new RecordingSourceContext();

    SourceResult r = fetch(ctx);

    assertEquals(3, requests("conversations.list", null, null).size(), "the limited page once more, then page 2");
    assertEquals(List.of("auth.test ok", "conversations.list rate_limited", "conversations.list ok"),
        ctx.operations().subList(0, 3));
    assertEquals(13, r.evidence().size());
  }

  @Test
  void aRateLimitThatOutlastsTheRetriesStopsReadingAndKeepsWhatWasRead() {
    stubWorkspace();
    wm.stubFor(method("conversations.replies").atPriority(1).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "30").withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));

    SourceResult r = fetch(new RecordingSourceContext());

    assertEquals(1, requests("conversations.replies", null, null).size(),
        "Retry-After 30 s is longer than the policy waits: one attempt, no early retry, then no more");
    assertEquals(0, requests("conversations.history", "channel", "C0DESK0001").size());
    assertTrue(r.partial());
    assertTrue(r.unread().stream().anyMatch(n -> n.contains("rate-limiting")), r.unread().toString());
    assertEquals("Sam Chen", byTs(r, ERP_THREAD).author().name(), "history read before the limit is kept, with names");
  }

  @Test
  void aServerErrorIsRetriedAndThenSucceeds() {
    stubWorkspace();
    wm.stubFor(method("conversations.history").atPriority(1).withFormParam("channel", equalTo(DEAL))
        .withFormParam("cursor", absent()).inScenario("5xx").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503).withBody("upstream unavailable")).willSetStateTo("recovered"));
    var ctx = new RecordingSourceContext();

    SourceResult r = fetch(ctx);

    assertEquals(3, requests("conversations.history", "channel", DEAL).size());
    assertTrue(ctx.operations().contains("conversations.history unavailable"));
    assertEquals(13, r.evidence().size());
  }

  @Test
  void aServerThatKeepsFailingIsUnavailableAfterTheRetries() {
    wm.stubFor(method("auth.test").willReturn(aResponse().withStatus(502)));

    assertThrows(SourceUnavailableException.class, () -> fetch(new RecordingSourceContext()));

    assertEquals(3, wm.getAllServeEvents().size());
  }

  @Test
  void aTruncatedChannelListIsAMalformedResponse() {
    stubWorkspace();
    String page = fixture("conversations-list-1.json");
    wm.stubFor(method("conversations.list").atPriority(1)
        .willReturn(json(page.substring(0, page.length() / 2))));

    var e = assertThrows(MalformedResponseException.class, () -> fetch(new RecordingSourceContext()));

    assertTrue(e.getMessage().contains("conversations.list"), e.getMessage());
    assertEquals(1, requests("conversations.list", null, null).size(), "a malformed answer is not retried");
  }

  @Test
  void aTruncatedThreadLosesOnlyThatThreadAndSaysSo() {
    stubWorkspace();
    wm.stubFor(method("conversations.replies").atPriority(1).withFormParam("ts", equalTo(ERP_THREAD))
        .willReturn(json("{\"ok\":true,\"messages\":[{\"type\":\"message\",\"user\":\"U0ALEX")));

    SourceResult r = fetch(new RecordingSourceContext());

    assertEquals(12, r.evidence().size());
    assertTrue(r.evidence().stream().noneMatch(e -> e.attribute("ts").equals("1772986200.000100")));
    assertTrue(r.unread().stream().anyMatch(n -> n.contains(ERP_THREAD) && n.contains("#deal-meridian-health")),
        r.unread().toString());
    byTs(r, "1774539900.000100"); // the other threads are all there
  }

  @Test
  void aSpentCallBudgetKeepsWhatWasReadWithItsAuthorsNamedAndSaysWhatIsMissing() {
    stubWorkspace();
    var ctx = new RecordingSourceContext(10); // auth, 2 list pages, 2 deal history pages, 4 names, 1 replies page

    SourceResult r = fetch(ctx);

    assertEquals(10, ctx.calls());
    assertEquals(List.of("users.info ok", "users.info ok", "users.info ok", "users.info ok",
        "conversations.replies ok"), ctx.operations().subList(5, 10),
        "the names of what was read come before any thread's replies");
    assertTrue(r.partial());
    assertTrue(r.unread().stream().anyMatch(n -> n.contains("call budget (10 calls)") && n.contains("#deal-desk")),
        r.unread().toString());
    Evidence erp = byTs(r, ERP_THREAD); // read before the cut, with its author's name
    assertEquals("Sam Chen", erp.author().name());
  }

  @Test
  void aChannelTheBotIsNotInIsNamedInANote() {
    stubWorkspace();
    wm.stubFor(method("conversations.list").atPriority(1).withFormParam("cursor", absent())
        .willReturn(json(fixture("conversations-list-1.json").replace("\"is_member\": true", "\"is_member\": false"))));

    SourceResult r = fetch(new RecordingSourceContext());

    assertTrue(r.notes().stream().anyMatch(n -> n.contains("not a member of #customer-council")), r.notes().toString());
    assertEquals(0, requests("conversations.history", "channel", "C0COUNCIL1").size());
  }

  @Test
  void noDealChannelIsANoteNotAFailure() {
    stubWorkspace();
    var other = deal("Acme Hospital", "acmehospital.org");

    SourceResult r = SlackConnector.create(config(b -> b.extraChannels(List.of())), NOW).fetch(other, new RecordingSourceContext());

    assertEquals(List.of(), r.evidence());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("#deal-acme-hospital")), r.notes().toString());
  }

  /**
   * Issue 11: the batch honours its limits. Four briefs at once through one connector against a
   * workspace that allows 10 calls a second per method (Slack counts per method) cause no 429:
   * each method's limiter spaces every brief's calls to it as one stream.
   */
  @Tag("reliability")
  @Test
  void fourBriefsAtOnceStayUnderEachMethodsLimit() throws Exception {
    stubWorkspace();
    LIMIT.perSecond = 10;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try (SlackConnector connector = SlackConnector.create(config(b -> b.requestsPerMinute(10 * 60)), NOW)) {
      var briefs = new ArrayList<java.util.concurrent.Future<SourceResult>>();
      for (int i = 0; i < 4; i++) {
        briefs.add(pool.submit(() -> connector.fetch(deal("Meridian Health", "meridianhealth.org"),
            new RecordingSourceContext())));
      }
      for (var brief : briefs) {
        assertFalse(brief.get().partial(), "every call answered");
      }
    } finally {
      LIMIT.perSecond = 0;
      pool.shutdownNow();
    }
    long limited = wm.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == 429).count();
    assertEquals(0, limited, "429s the four briefs caused");
    assertEquals(20, requests("conversations.replies", null, null).size(), "twice the limit, unpaced a burst");
  }

  // --- reused across briefs ----------------------------------------------------------------------

  /**
   * Issue 11: a batch's briefs share the workspace-level reads: two briefs make one channel list
   * read (its two pages) and one users.info per distinct person, while each reads its own history
   * and replies.
   */
  @Test
  void twoBriefsReadTheChannelListOnceAndEachPersonOnce() {
    stubWorkspace();
    try (SlackConnector connector = SlackConnector.create(config(b -> { }), NOW)) {
      SourceResult first = connector.fetch(deal("Meridian Health", "meridianhealth.org"), new RecordingSourceContext());
      int historyAfterOne = requests("conversations.history", null, null).size();
      SourceResult second = connector.fetch(deal("Meridian Health", "meridianhealth.org"), new RecordingSourceContext());

      assertEquals(2, requests("conversations.list", null, null).size(), "two pages, read once");
      assertOncePerPerson();
      assertEquals(2 * historyAfterOne, requests("conversations.history", null, null).size(), "history per brief");
      assertEquals(first.evidence(), second.evidence());
    }
  }

  /** After its TTL the channel list is read again; a profile lasts its own, longer TTL. */
  @Test
  void afterItsTtlEachWorkspaceReadIsMadeAgain() {
    stubWorkspace();
    var clock = new MutableClock(NOW.instant());
    try (SlackConnector connector = SlackConnector.create(config(b -> b.channelCacheTtl(Duration.ofMinutes(5))
        .userCacheTtl(Duration.ofHours(1))), clock)) {
      connector.fetch(deal("Meridian Health", "meridianhealth.org"), new RecordingSourceContext());
      clock.now = clock.now.plus(Duration.ofMinutes(5));
      connector.fetch(deal("Meridian Health", "meridianhealth.org"), new RecordingSourceContext());

      assertEquals(4, requests("conversations.list", null, null).size(), "the list expired at 5 minutes");
      assertOncePerPerson();

      clock.now = clock.now.plus(Duration.ofHours(1));
      connector.fetch(deal("Meridian Health", "meridianhealth.org"), new RecordingSourceContext());
      assertEquals(2, requests("users.info", "user", "U0ALEX0001").size(), "the profile expired at an hour");
    }
  }

  @Test
  void aZeroTtlReadsTheWorkspaceForEveryBrief() {
    stubWorkspace();
    try (SlackConnector connector = SlackConnector.create(config(b -> b.channelCacheTtl(Duration.ZERO)
        .userCacheTtl(Duration.ZERO)), NOW)) {
      connector.fetch(deal("Meridian Health", "meridianhealth.org"), new RecordingSourceContext());
      connector.fetch(deal("Meridian Health", "meridianhealth.org"), new RecordingSourceContext());
    }
    assertEquals(4, requests("conversations.list", null, null).size());
    assertEquals(2, requests("users.info", "user", "U0ALEX0001").size());
  }

  /** A channel list that failed is not kept: the next brief reads it and succeeds. */
  @Test
  void aFailedChannelListIsNotKept() {
    stubWorkspace();
    var outage = wm.stubFor(method("conversations.list").atPriority(1).willReturn(aResponse().withStatus(503)));
    try (SlackConnector connector = SlackConnector.create(config(b -> { }), NOW)) {
      assertThrows(SourceUnavailableException.class,
          () -> connector.fetch(deal("Meridian Health", "meridianhealth.org"), new RecordingSourceContext()));
      int failedCalls = requests("conversations.list", null, null).size();
      wm.removeStub(outage);

      SourceResult r = connector.fetch(deal("Meridian Health", "meridianhealth.org"), new RecordingSourceContext());

      assertFalse(r.partial());
      assertEquals(failedCalls + 2, requests("conversations.list", null, null).size(), "read again, both pages");
    }
  }

  /** A channel list cut short (a cursor answered twice) is not kept either. */
  @Test
  void aChannelListCutShortIsNotKept() {
    stubWorkspace();
    wm.stubFor(method("conversations.list").atPriority(1).willReturn(json("{\"ok\":true,\"channels\":[],"
        + "\"response_metadata\":{\"next_cursor\":\"c2FtZQ==\"}}")));
    try (SlackConnector connector = SlackConnector.create(config(b -> { }), NOW)) {
      assertTrue(connector.fetch(deal("Meridian Health", "meridianhealth.org"), new RecordingSourceContext()).partial());
      assertTrue(connector.fetch(deal("Meridian Health", "meridianhealth.org"), new RecordingSourceContext()).partial());
    }
    assertEquals(4, requests("conversations.list", null, null).size(), "two pages per brief");
  }

  /** A profile lookup that failed is not kept: the next brief looks the person up and names them. */
  @Test
  void aFailedProfileLookupIsNotKept() {
    stubWorkspace();
    var outage = wm.stubFor(method("users.info").atPriority(1).withFormParam("user", equalTo("U0ALEX0001"))
        .willReturn(aResponse().withStatus(503)));
    try (SlackConnector connector = SlackConnector.create(config(b -> { }), NOW)) {
      SourceResult first = connector.fetch(deal("Meridian Health", "meridianhealth.org"), new RecordingSourceContext());
      assertTrue(first.partial(), "a name could not be looked up");
      int failedCalls = requests("users.info", "user", "U0ALEX0001").size();
      wm.removeStub(outage);

      SourceResult second = connector.fetch(deal("Meridian Health", "meridianhealth.org"), new RecordingSourceContext());

      assertFalse(second.partial());
      assertEquals(failedCalls + 1, requests("users.info", "user", "U0ALEX0001").size());
      assertEquals(1, requests("users.info", "user", "U0SAM00001").size(), "the others came from the first brief");
    }
  }

  private static void assertOncePerPerson() {
    List<String> looked = requests("users.info", null, null).stream().map(r -> form(r).get("user")).toList();
    assertEquals(Set.copyOf(looked).size(), looked.size(), "users.info once per person: " + looked);
  }

  /** A clock a test moves by hand. */
  static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  // --- helpers -----------------------------------------------------------------------------------

  static SourceResult fetch(RecordingSourceContext ctx) {
    return SlackConnector.create(config(b -> { }), NOW).fetch(deal("Meridian Health", "meridianhealth.org"), ctx);
  }

  static SlackConfig config(Consumer<SlackConfig.Builder> custom) {
    var b = SlackConfig.builder().botToken(TOKEN).baseUrl(URI.create(wm.baseUrl()))
        .extraChannels(List.of("deal-desk", "customer-council"))
        // Tiny back-off, but room for the 1 s Retry-After a test asks for: ApiCalls never retries
        // sooner than the vendor asked, and gives up at once when it asks for longer than this.
        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(2)));
    custom.accept(b);
    return b.build();
  }

  static DealContext deal(String accountName, String domain) {
    var account = new Account("001Hs00000MrdHlIAJ", accountName, "Healthcare", "Customer", "https://www." + domain, 3800L);
    var opp = new Opportunity("006Hs00000MrdWnIAJ", accountName + " - Analytics Platform", "Closed Won",
        new BigDecimal("168000"), "USD", LocalDate.of(2026, 3, 27), START, "New Business", true, true);
    var alex = new Person("Alex Rivera", "alex.rivera@northwind-analytics.com", "Account Executive", true, Set.of());
    var dana = new Person("Dana Okonkwo", "dana.okonkwo@" + domain, "VP Operations", false, Set.of());
    var sam = new Person("Sam Chen", "sam.chen@northwind-analytics.com", "Senior Sales Engineer", true, Set.of());
    return new DealContext(account, opp, alex, List.of(new DealContact(dana, "Business User", true)),
        List.of(new TeamMember(sam, "Sales Engineer")), new TimeWindow(START, END), Set.of("northwind-analytics.com"),
        Map.of());
  }

  static SourceResult fetch(DealContext deal, Consumer<SlackConfig.Builder> custom) {
    return SlackConnector.create(config(custom), NOW).fetch(deal, new RecordingSourceContext());
  }

  static DealContext withHandoffFields(DealContext d, Map<String, String> fields) {
    return new DealContext(d.account(), d.opportunity(), d.owner(), d.contacts(), d.team(), d.window(),
        d.vendorDomains(), fields);
  }

  /** Two pages of {@code conversations.list}, joined by a cursor, in place of the workspace's own. */
  static void stubChannels(List<String> first, List<String> second) {
    wm.stubFor(method("conversations.list").atPriority(1).withFormParam("cursor", absent())
        .willReturn(json("{\"ok\":true,\"channels\":[" + String.join(",", first) + "],"
            + "\"response_metadata\":{\"next_cursor\":\"dGVhbTpwYWdlMg==\"}}")));
    wm.stubFor(method("conversations.list").atPriority(1).withFormParam("cursor", equalTo("dGVhbTpwYWdlMg=="))
        .willReturn(json("{\"ok\":true,\"channels\":[" + String.join(",", second) + "],"
            + "\"response_metadata\":{\"next_cursor\":\"\"}}")));
  }

  /** A public channel the bot is a member of, as {@code conversations.list} lists it. */
  static String channel(String id, String name) {
    return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"is_channel\":true,\"is_private\":false,"
        + "\"is_archived\":false,\"is_shared\":false,\"is_ext_shared\":" + name.startsWith("ext-")
        + ",\"name_normalized\":\"" + name + "\",\"is_member\":true,\"num_members\":4}";
  }

  /** One page of a channel's {@code conversations.history}, newest first as Slack sends it. */
  static void stubHistory(String channelId, String... messages) {
    wm.stubFor(method("conversations.history").atPriority(1).withFormParam("channel", equalTo(channelId))
        .willReturn(json("{\"ok\":true,\"messages\":[" + String.join(",", messages) + "],\"has_more\":false,"
            + "\"response_metadata\":{\"next_cursor\":\"\"}}")));
  }

  static String message(String user, String text, String ts) {
    return "{\"type\":\"message\",\"user\":\"" + user + "\",\"text\":\"" + text + "\",\"ts\":\"" + ts
        + "\",\"team\":\"T0NWA00001\"}";
  }

  /** The whole test workspace, in Slack's wire format, answering only to the test token. */
  static void stubWorkspace() {
    wm.stubFor(method("auth.test").willReturn(json(fixture("auth-test.json")).withHeader("X-OAuth-Scopes", SCOPES)));
    wm.stubFor(method("conversations.list").withFormParam("cursor", absent())
        .willReturn(json(fixture("conversations-list-1.json"))));
    wm.stubFor(method("conversations.list").withFormParam("cursor", equalTo("dGVhbTpDMERFQUwwMDAx"))
        .willReturn(json(fixture("conversations-list-2.json"))));
    wm.stubFor(method("conversations.history").withFormParam("channel", equalTo(DEAL)).withFormParam("cursor", absent())
        .willReturn(json(fixture("history-deal-1.json"))));
    wm.stubFor(method("conversations.history").withFormParam("channel", equalTo(DEAL))
        .withFormParam("cursor", equalTo("bmV4dF90czoxNzcwNzUwMzAwMDAwMTAw"))
        .willReturn(json(fixture("history-deal-2.json"))));
    wm.stubFor(method("conversations.history").withFormParam("channel", equalTo("C0DESK0001"))
        .willReturn(json(fixture("history-desk.json"))));
    wm.stubFor(method("conversations.history").withFormParam("channel", equalTo("C0COUNCIL1"))
        .willReturn(json(fixture("history-council.json"))));
    wm.stubFor(method("conversations.replies").withFormParam("ts", equalTo(TABLEAU_THREAD))
        .withFormParam("cursor", absent()).willReturn(json(fixture("replies-tableau-1.json"))));
    wm.stubFor(method("conversations.replies").withFormParam("ts", equalTo(TABLEAU_THREAD))
        .withFormParam("cursor", equalTo("dGhyZWFkOjE3NzQ1Mzk5MDA=")).willReturn(json(fixture("replies-tableau-2.json"))));
    wm.stubFor(method("conversations.replies").withFormParam("ts", equalTo(ERP_THREAD))
        .willReturn(json(fixture("replies-erp.json"))));
    wm.stubFor(method("conversations.replies").withFormParam("ts", equalTo(KICKOFF_THREAD))
        .willReturn(json(fixture("replies-kickoff.json"))));
    wm.stubFor(method("conversations.replies").withFormParam("ts", equalTo("1773844200.000100"))
        .willReturn(json(fixture("replies-desk.json"))));
    for (String id : List.of("U0ALEX0001", "U0SAM00001", "U0JORDAN01", "U0PAT00001", "U0DANA0001", "U0PRIYA001",
        "U0ELENA001", "U0HDANA001")) {
      wm.stubFor(method("users.info").withFormParam("user", equalTo(id))
          .willReturn(json(fixture("users-info-" + id + ".json"))));
    }
  }

  /** A Web API method, as the SDK calls it: a form POST with the bot token as a Bearer header. */
  static MappingBuilder method(String name) {
    return post(urlPathEqualTo("/api/" + name)).atPriority(5).withHeader("Authorization", equalTo("Bearer " + TOKEN));
  }

  static ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
  }

  static List<LoggedRequest> requests(String method, String param, String value) {
    return wm.findAll(postRequestedFor(urlPathEqualTo("/api/" + method))).stream()
        .filter(r -> param == null || value.equals(form(r).get(param))).toList();
  }

  static Map<String, String> form(LoggedRequest r) {
    var out = new HashMap<String, String>();
    for (String pair : r.getBodyAsString().split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  static Evidence byTs(SourceResult r, String ts) {
    return r.evidence().stream().filter(e -> ts.equals(e.attribute("ts"))).findFirst()
        .orElseThrow(() -> new AssertionError("no evidence with ts " + ts + " in "
            + r.evidence().stream().map(e -> e.attribute("ts")).toList()));
  }

  /** A Slack answer: this module's own, else the one the test kit shares with the demo. */
  static String fixture(String name) {
    try (InputStream in = SlackConnectorTest.class.getResourceAsStream("/slack/" + name)) {
      if (in == null) {
        return WireFixtures.read("slack/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
