package org.handoffbrief.connector.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.handoffbrief.connector.slack.SlackConnectorTest.NOW;
import static org.handoffbrief.connector.slack.SlackConnectorTest.TOKEN;
import static org.handoffbrief.connector.slack.SlackConnectorTest.deal;
import static org.handoffbrief.connector.slack.SlackConnectorTest.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.DeadlineExceededException;
import org.handoffbrief.SourceUnavailableException;
import org.handoffbrief.spi.RetryPolicy;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.testing.FakeSlack;
import org.handoffbrief.testing.RecordingSourceContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Slack under faults: what a misbehaving server costs, and that the brief is told. */
@Tag("reliability")
class SlackFaultsTest {

  static final String DEAL = "C0DEAL0001";
  static final String EXTRA = "C0EXTRA001";
  static final String SAM = "U0SAM00001";
  static final String DANA = "U0DANA0001";

  static final ObjectMapper JSON = new ObjectMapper();

  /** The workspace; its faults are injected ahead of its own answers. */
  static FakeSlack slack;

  @BeforeEach
  void start() {
    slack = FakeSlack.start().token(TOKEN, FakeSlack.READ_SCOPES);
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  /**
   * Issue 8 item 4: a channel whose history answers something unreadable was "ok, 0 items"; now,
   * with every channel unreadable, the source fails with a typed error that keeps the cause.
   */
  @ParameterizedTest
  @ValueSource(strings = {"truncated", "html", "empty"})
  void everyChannelAnsweringAnUnreadablePageFailsTheSourceWithATypedErrorThatKeepsItsCause(String fault) {
    stubWorkspace();
    slack.inject(method("conversations.history").atPriority(1).willReturn(unreadable(fault)));

    var e = assertThrows(MalformedResponseException.class, () -> fetch(new RecordingSourceContext(), b -> { }));

    assertTrue(e.getMessage().startsWith("Slack: none of the 2 channel(s) to read could be read"), e.getMessage());
    assertNotNull(e.getCause(), "the SDK's exception is kept for a DEBUG log");
    assertOurs(e.getMessage());
  }

  /** Issue 8 item 4: a broken chunked body on every channel is unavailable after the retries, not "ok". */
  @Test
  void everyChannelAnsweringABrokenChunkedBodyFailsTheSourceAfterTheRetries() {
    stubWorkspace();
    slack.inject(method("conversations.history").atPriority(1)
        .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

    var e = assertThrows(SourceUnavailableException.class, () -> fetch(new RecordingSourceContext(), b -> { }));

    assertEquals(6, count("conversations.history"), "two channels, three attempts each");
    assertOurs(e.getMessage());
  }

  /** Issue 8 item 4: one unreadable channel beside a readable one makes the source partial, naming it. */
  @Test
  void oneUnreadableChannelBesideAReadableOneIsPartialAndNamesIt() {
    stubWorkspace();
    slack.inject(method("conversations.history").atPriority(1).withFormParam("channel", equalTo(EXTRA))
        .willReturn(unreadable("html")));

    SourceResult r = fetch(new RecordingSourceContext(), b -> { });

    assertEquals(1, r.evidence().size(), "the deal channel's message");
    assertTrue(r.partial());
    assertEquals(1, r.unread().size(), r.unread().toString());
    assertTrue(r.unread().get(0).startsWith("Slack: the history of #partners could not be read"), r.unread().get(0));
  }

  /** Issue 8 item 6: an empty 200 was an NPE mapped without its cause; now a typed failure that keeps it. */
  @Test
  void anEmptyAnswerToAuthTestIsAMalformedResponseThatKeepsItsCause() {
    slack.inject(method("auth.test").willReturn(unreadable("empty")));

    var e = assertThrows(MalformedResponseException.class, () -> fetch(new RecordingSourceContext(), b -> { }));

    assertTrue(e.getMessage().contains("auth.test"), e.getMessage());
    assertOurs(e.getMessage());
    assertEquals(1, count("auth.test"), "an unreadable answer is not retried");
  }

  /** Issue 8 item 4: every paging loop checks progress; a cursor seen before stops it, and says so. */
  @Test
  void aHistoryCursorAnsweredTwiceStopsPagingAndIsReportedUnread() {
    stubWorkspace();
    slack.inject(method("conversations.history").atPriority(1).withFormParam("channel", equalTo(DEAL))
        .willReturn(json("{\"ok\":true,\"messages\":[" + message(DANA, "Any update?", ts(1)) + "],"
            + "\"has_more\":true,\"response_metadata\":{\"next_cursor\":\"bmV4dDox\"}}")));

    SourceResult r = fetch(new RecordingSourceContext(), b -> { });

    assertEquals(2, requests("conversations.history", DEAL), "the first page and the repeated cursor's, no more");
    assertTrue(r.unread().stream().anyMatch(u -> u.contains("same history cursor twice")), r.unread().toString());
  }

  /**
   * Issue 8 item 4: 10,000 messages spent the budget on thread replies before users.info and gave
   * 0 claims. Names are looked up first, so every message read has its author, and the cut is unread.
   */
  @Test
  void tenThousandMessagesWithThreadsKeepTheirAuthorsWhenTheBudgetRunsOut() {
    stubWorkspace();
    int pages = 50;
    for (int p = 0; p < pages; p++) {
      var page = new ArrayList<String>();
      for (int i = 0; i < 200; i++) {
        int n = p * 200 + i;
        String user = n % 2 == 0 ? SAM : DANA;
        page.add(message(user, "Update " + n, ts(n)).replace("}", ",\"reply_count\":1,\"thread_ts\":\"" + ts(n)
            + "\",\"latest_reply\":\"" + ts(n) + "\"}"));
      }
      MappingBuilder stub = method("conversations.history").atPriority(1).withFormParam("channel", equalTo(DEAL));
      stub = p == 0 ? stub.withFormParam("cursor", absent()) : stub.withFormParam("cursor", equalTo("page" + p));
      slack.inject(stub.willReturn(json("{\"ok\":true,\"messages\":[" + String.join(",", page) + "],"
          + "\"response_metadata\":{\"next_cursor\":\"" + (p + 1 < pages ? "page" + (p + 1) : "") + "\"}}")));
    }
    slack.inject(method("conversations.replies").willReturn(json("{\"ok\":true,\"messages\":[]}")));
    var ctx = new RecordingSourceContext(100);

    SourceResult r = fetch(ctx, b -> b.pageSize(200).extraChannels(List.of()));

    assertEquals(100, ctx.calls());
    assertEquals(10_000, r.evidence().size());
    assertTrue(r.evidence().stream().allMatch(e -> e.author().email() != null), "every author is named");
    assertTrue(r.partial());
    assertTrue(r.unread().stream().anyMatch(u -> u.contains("call budget (100 calls)") && u.contains("thread 47 of")),
        r.unread().toString());
  }

  /**
   * Issue 8 item 8: Slack's own call timeout was reported as "did not answer within 500 ms" after
   * one attempt; it is retried by the policy, and the message says it was the call timeout.
   */
  @Test
  void aCallThatOutlastsItsTimeoutIsRetriedByThePolicyAndSaysItTimedOut() {
    slack.inject(method("auth.test").willReturn(json("{\"ok\":true,\"url\":\"https://x.slack.com/\"}")
        .withChunkedDribbleDelay(4, 2_000)));
    var ctx = new RecordingSourceContext();

    var e = assertThrows(DeadlineExceededException.class,
        () -> fetch(ctx, b -> b.timeout(Duration.ofMillis(200))));

    // WireMock logs a dribbled request only once its answer is done, so the attempts are counted here.
    assertEquals(List.of("auth.test timeout", "auth.test timeout", "auth.test timeout"), ctx.operations());
    assertTrue(e.getMessage().contains("did not answer auth.test within the call timeout"), e.getMessage());
  }

  /**
   * Issue 8 item 7: 28 "slack-api-metrics" threads were alive after 20 closed handoffs. The SDK's
   * static default configs start a fixed few once per JVM; connectors made, used and closed after
   * that leave no thread of their own behind.
   */
  @Test
  void closedConnectorsLeaveNoSlackMetricsThreadBehind() throws InterruptedException {
    stubWorkspace();
    SlackConnector.create(config(b -> { }), NOW).close(); // the SDK's once-per-JVM defaults start here
    List<String> before = sdkThreads();

    for (int i = 0; i < 20; i++) {
      try (SlackConnector c = SlackConnector.create(config(b -> { }), NOW)) {
        c.fetch(deal("Meridian Health", "meridianhealth.org"), new RecordingSourceContext());
      }
    }

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!before.containsAll(sdkThreads()) && System.nanoTime() < deadline) {
      Thread.sleep(20); // an executor that was shut down ends its thread shortly after
    }
    assertEquals(List.of(), sdkThreads().stream().filter(t -> !before.contains(t)).toList());
  }

  /** Issue 8 item 7: close() is idempotent and a closed connector refuses to fetch. */
  @Test
  void closeTwiceIsHarmlessAndAClosedConnectorRefusesToFetch() {
    SlackConnector c = SlackConnector.create(config(b -> { }), NOW);
    c.close();
    c.close();

    assertThrows(IllegalStateException.class,
        () -> c.fetch(deal("Meridian Health", "meridianhealth.org"), new RecordingSourceContext()));
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static List<String> sdkThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> n.startsWith("slack-api-metrics") || n.startsWith("OkHttp Dispatcher")).toList();
  }

  /** A message's text never carries the SDK's internals (Gson's troubleshooting links) or a body. */
  private static void assertOurs(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    assertFalse(m.contains("gson") || m.contains("troubleshooting") || m.contains("http") && m.contains("://")
        || m.contains("<html"), message);
  }

  private static SourceResult fetch(RecordingSourceContext ctx, Consumer<SlackConfig.Builder> custom) {
    try (SlackConnector c = SlackConnector.create(config(custom), NOW)) {
      return c.fetch(deal("Meridian Health", "meridianhealth.org"), ctx);
    }
  }

  private static SlackConfig config(Consumer<SlackConfig.Builder> custom) {
    var b = SlackConfig.builder().botToken(TOKEN).baseUrl(slack.baseUrl())
        .workspaceUrl(URI.create("https://northwind-analytics.slack.com")).extraChannels(List.of("partners"))
        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(10)));
    custom.accept(b);
    return b.build();
  }

  /** A deal channel and an extra one, each with a message by the customer, and two people. */
  private static void stubWorkspace() {
    slack.channel(channel(DEAL, "deal-meridian-health")).channel(channel(EXTRA, "partners"));
    for (String id : List.of(DEAL, EXTRA)) {
      slack.message(id, parse(message(DANA, "Meridian Health needs SSO first", ts(7))));
    }
    for (String id : List.of(SAM, DANA)) {
      slack.user(parse(SlackConnectorTest.fixture("users-info-" + id + ".json")).path("user"));
    }
  }

  private static JsonNode channel(String id, String name) {
    return parse(SlackConnectorTest.channel(id, name));
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A ts inside the test deal's window, {@code n} minutes after its start. */
  private static String ts(int n) {
    return SlackConnector.ts(Instant.parse("2026-02-01T00:00:00Z").plusSeconds(60L * n));
  }

  private static ResponseDefinitionBuilder unreadable(String fault) {
    return switch (fault) {
      case "truncated" -> json("{\"ok\":true,\"messages\":[{\"type\":\"message\",\"user\":\"U0");
      case "html" -> aResponse().withStatus(200).withHeader("Content-Type", "text/html")
          .withBody("<html><body><h1>Service maintenance</h1></body></html>");
      case "empty" -> aResponse().withStatus(200).withHeader("Content-Type", "application/json");
      default -> throw new IllegalArgumentException(fault);
    };
  }

  private static MappingBuilder method(String name) {
    return post(urlPathEqualTo("/api/" + name));
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
  }

  private static int count(String method) {
    return slack.requests(postRequestedFor(urlPathEqualTo("/api/" + method)));
  }

  private static int requests(String method, String channel) {
    return slack.requests(postRequestedFor(urlPathEqualTo("/api/" + method)).withFormParam("channel", equalTo(channel)));
  }
}
