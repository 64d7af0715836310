package org.handoffbrief.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A Slack workspace on loopback speaking the Web API's wire format (form POSTs to
 * {@code /api/<method>}, HTTP 200 with {@code ok:true} or {@code ok:false} and an error code).
 * Seed it with data as Slack's own answers carry it (a person as {@code users.info} gives its
 * {@code user}, a channel as {@code conversations.list} lists it, a message as
 * {@code conversations.history} or {@code conversations.replies} gives it) and it answers a
 * reading app from that data: {@code auth.test}, {@code conversations.list}, {@code .history} and
 * {@code .replies} ({@code oldest}, {@code latest}, {@code inclusive}, pages of {@code limit} with
 * {@code response_metadata.next_cursor}), {@code users.info}. A posting app gets
 * {@code chat.postMessage}, {@code chat.update}, {@code conversations.open}, {@code views.open} and
 * {@code users.lookupByEmail}, with Slack's limits on blocks and text; what it posted is readable
 * back ({@link #messages}, {@link #replies}, {@link #views}).
 *
 * <p>Every call needs a token it accepts ({@code not_authed} without one, {@code invalid_auth} for
 * another) and the scope the method needs ({@code missing_scope}). It starts accepting
 * {@link #BOT_TOKEN} with {@link #READ_SCOPES} and {@link #POST_SCOPES}; {@link #token} adds others.
 *
 * <pre>{@code
 * try (FakeSlack slack = FakeSlack.start()) {
 *   slack.channel(json("{\"id\":\"C0TEST0001\",\"name\":\"deal-room\",\"is_member\":true}"));
 *   slack.message("C0TEST0001", json("{\"type\":\"message\",\"user\":\"U0TEST0001\",\"text\":\"hi\",\"ts\":\"1700000000.000100\"}"));
 *   // point your client at slack.baseUrl() with slack.botToken(), then:
 *   assertEquals(1, slack.calls("conversations.history"));
 * }
 * }</pre>
 */
public final class FakeSlack extends FakeVendor {

  /** The bot token a fake workspace accepts from the start; obviously not a real one. */
  public static final String BOT_TOKEN = "xoxb-test-token-not-a-secret";
  /** What reading needs: history and membership of channels, people and their emails. */
  public static final Set<String> READ_SCOPES = Set.of("channels:history", "channels:read", "groups:history",
      "groups:read", "users:read", "users:read.email");
  /**
   * What posting needs: post and update ({@code chat:write}), open a DM ({@code im:write}), find a
   * person by email ({@code users:read.email}, granted only with {@code users:read}).
   * {@code views.open} needs no scope.
   */
  public static final Set<String> POST_SCOPES = Set.of("chat:write", "im:write", "users:read", "users:read.email");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEFAULT_TEAM = """
      {"ok":true,"url":"https://test-workspace.slack.com/","team":"Test Workspace","user":"test-bot",\
      "team_id":"T0TEST0001","user_id":"U0TESTBOT1","bot_id":"B0TESTBOT1","is_enterprise_install":false}""";

  private final SlackWorkspace workspace;
  private final AtomicInteger faults = new AtomicInteger();

  private FakeSlack(WireMockServer server, SlackWorkspace workspace) {
    super(server);
    this.workspace = workspace;
  }

  /** Starts an empty workspace on 127.0.0.1 on a free port. */
  public static FakeSlack start() {
    return start(null);
  }

  /**
   * Starts an empty workspace on 127.0.0.1 on a free port, keeping what is posted in {@code stateFile}
   * (JSON; read at start when present), so a second run finds the messages a first run posted.
   * Null: keep nothing.
   */
  public static FakeSlack start(@Nullable Path stateFile) {
    var workspace = new SlackWorkspace(parse(DEFAULT_TEAM), "A0TESTAPP1", Clock.systemUTC(), stateFile);
    // Every call is answered from the workspace's state, or with the error Slack sends; the
    // response_urls of clicks (/actions/) and of slash commands (/commands/) take the app's answers.
    var server = Answering.start(workspace::answer);
    var slack = new FakeSlack(server, workspace);
    slack.token(BOT_TOKEN, union(READ_SCOPES, POST_SCOPES));
    return slack;
  }

  @Override
  protected String rateLimitedBody() {
    return "{\"ok\":false,\"error\":\"ratelimited\"}";
  }

  /** Where the Web API answers: stands in for {@code https://slack.com} (methods under {@code /api/}). */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The token the workspace accepts from the start: {@link #BOT_TOKEN}. */
  public String botToken() {
    return BOT_TOKEN;
  }

  // ---- seeding ----

  /** Accepts {@code token} too, granted only {@code scopes}: a call outside them gets {@code missing_scope}. */
  public FakeSlack token(String token, Set<String> scopes) {
    workspace.token(Objects.requireNonNull(token, "token == null"), scopes);
    return this;
  }

  /** Makes {@code authTest} (an {@code auth.test} answer) the team and the bot user that posts. */
  public FakeSlack team(JsonNode authTest) {
    workspace.team(authTest);
    return this;
  }

  /** The app the tokens belong to, as interaction payloads name it in {@code api_app_id}. */
  public FakeSlack appId(String appId) {
    workspace.appId(Objects.requireNonNull(appId, "appId == null"));
    return this;
  }

  /** A person of the workspace or of a Slack Connect channel, as {@code users.info} gives its {@code user}. */
  public FakeSlack user(JsonNode user) {
    workspace.user(user);
    return this;
  }

  /**
   * A conversation, as {@code conversations.list} lists it ({@code id}, {@code name},
   * {@code is_private}, {@code is_member}...): the bot reads and posts only where it is a member.
   */
  public FakeSlack channel(JsonNode channel) {
    workspace.channel(channel);
    return this;
  }

  /**
   * A message of {@code channel}'s past, as history or replies give it: a reply when its
   * {@code thread_ts} is not its {@code ts}. A second message with the same {@code ts} is ignored,
   * so a thread's answer may repeat its parent.
   */
  public FakeSlack message(String channel, JsonNode message) {
    workspace.seed(channel, message);
    return this;
  }

  /**
   * Answers at most {@code cap} items a page of {@code conversations.list}, {@code .history} and
   * {@code .replies}, whatever {@code limit} asks: Slack may return fewer than asked, and a small cap
   * makes a little data take several pages, so a test sees its client follow
   * {@code response_metadata.next_cursor}.
   */
  public FakeSlack pageCap(int cap) {
    workspace.pageCap(cap);
    return this;
  }

  /**
   * Answers the next call of {@code method} (e.g. {@code conversations.history}) as Slack does when
   * the method's tier is exhausted: HTTP 429, {@code Retry-After: <seconds>} and
   * {@code {"ok":false,"error":"ratelimited"}}; the calls after it are answered as usual.
   */
  public void rateLimitOnce(String method, int retryAfterSeconds) {
    String scenario = "ratelimited " + method + " " + faults.incrementAndGet();
    inject(post(urlPathEqualTo("/api/" + method)).inScenario(scenario)
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", Integer.toString(retryAfterSeconds))
            .withHeader("Content-Type", "application/json; charset=utf-8")
            .withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));
  }

  // ---- what a test reads back ----

  /** What people of this workspace send an app whose signing secret is {@code signingSecret}. */
  public FakeSlackInteractions interactions(String signingSecret) {
    return new FakeSlackInteractions(workspace, baseUrl(), new SlackRequestSigner(signingSecret));
  }

  /** The top-level messages posted to a conversation (a channel id or a DM's D id), oldest first. */
  public List<JsonNode> messages(String channel) {
    return workspace.messages(channel);
  }

  /** The replies posted in the thread of {@code ts}, oldest first. */
  public List<JsonNode> replies(String channel, String ts) {
    return workspace.replies(channel, ts);
  }

  /** The DM the bot opened with each person, user id to D id. */
  public Map<String, String> directMessages() {
    return workspace.directMessages();
  }

  /** How many {@code chat.update} calls changed a message since the start. */
  public int updates() {
    return workspace.updates();
  }

  /** The modals opened since the start, as {@code views.open} answered them. */
  public List<JsonNode> views() {
    return workspace.views();
  }

  /** What the app posted to the {@code response_url}s of clicks and slash commands since the start, oldest first. */
  public List<JsonNode> responseUrlPosts() {
    return workspace.responseUrlPosts();
  }

  /** How many times a Web API method (e.g. {@code chat.postMessage}) reached the workspace, answered or refused. */
  public int calls(String method) {
    return workspace.calls(method);
  }

  /**
   * The arguments of each call of a Web API method (e.g. {@code chat.postMessage}) that reached the
   * fake, oldest first, answered or refused: form fields, or a JSON body's properties, as text
   * (Block Kit and metadata as the JSON strings the app sent). What a test reads a channel, a
   * {@code thread_ts} or the blocks of a post from.
   */
  public List<Map<String, String>> arguments(String method) {
    return received(postRequestedFor(urlPathEqualTo("/api/" + method))).stream().map(request -> {
      var out = new LinkedHashMap<String, String>();
      SlackWorkspace.arguments(request).forEach((k, v) -> out.put(k, v.isTextual() ? v.asText() : v.toString()));
      return (Map<String, String>) out;
    }).toList();
  }

  @Override
  public String toString() {
    return "FakeSlack[" + baseUrl() + "]";
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    var all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the default team is not JSON", e);
    }
  }
}
