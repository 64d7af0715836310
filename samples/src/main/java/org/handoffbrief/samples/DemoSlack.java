package org.handoffbrief.samples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handoffbrief.connector.slack.SlackConfig;
import org.handoffbrief.connector.slack.SlackConnector;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.testing.FakeVendor;

/**
 * The demo company's Slack workspace (Northwind Analytics, {@code northwind-analytics.slack.com}),
 * served on loopback in the Web API's own wire format from the fixtures under {@code demo/slack/}:
 * {@code auth.test}, {@code conversations.list} (two pages), {@code conversations.history},
 * {@code conversations.replies} and {@code users.info}, each a form POST answering only to the demo's
 * bot token ({@code invalid_auth} otherwise, as Slack does).
 *
 * <p>It also takes the calls of a delivery and a review ({@link DemoSlackWorkspace}): posts to
 * {@code #cs-handoffs} ({@link #CS_CHANNEL}) and updates of them, the reviewer's DM, modals, people
 * by email, and the history of what was posted with its metadata. Those answer to a separate
 * posting token ({@link #POST_TOKEN}) with only the scopes writing needs; a call outside a token's
 * scopes gets {@code missing_scope}, as Slack answers. {@link #interaction()} makes what Slack sends
 * the app when a person clicks a button or submits a modal, signed with this run's signing secret.
 *
 * <p>What it holds:
 * <ul>
 *   <li>{@code #deal-meridian-health}, shared with Meridian Health through Slack Connect, two pages of
 *       history: the SE flags the legacy Lawson ERP integration (Mar 8, with a reply); Alex's
 *       "we're replacing their Tableau pilot" (Feb 10), a thread that got a late reply on Mar 26;
 *       Dana Okonkwo's question about batch exports before go-live (Mar 10), never answered; the
 *       data residency redline still pending (Mar 22); a Salesforce bot message and Priya's join
 *       message (both dropped); a kickoff thread from before the cycle whose Jan 15 reply is in it;
 *   <li>{@code #deal-desk} (private): the 12% discount approval for Meridian Health (internal-only,
 *       never cited) beside another customer's discount request (left out);
 *   <li>{@code #customer-council} (shared with several customers): Dana's note, and one from
 *       Harborview Clinic's Dana Okonkwo ({@code dana.okonkwo@harborview-clinic.org}) that names
 *       Meridian Health and still never enters;
 *   <li>{@code #deal-harborview-clinic}, another customer's deal channel: listed, never read;
 *   <li>{@code #cs-handoffs} ({@link #CS_CHANNEL}), where customer success gets the briefs: empty
 *       until a delivery posts, never read as evidence.
 * </ul>
 */
final class DemoSlack extends FakeVendor {

  /** The demo's bot token: a fake, and only this server accepts it. */
  static final String BOT_TOKEN = "xoxb-0000000000-demo-northwind-handoff";
  /** The channels read beside the deal channel. */
  static final List<String> EXTRA_CHANNELS = List.of("deal-desk", "customer-council");

  /**
   * The posting token: a second bot token with only the scopes writing needs, as a host may keep it
   * apart from the reading one. A fake, and only this server accepts it.
   */
  static final String POST_TOKEN = "xoxb-FAKE-demo-posting-token";
  /** {@code #cs-handoffs}, where customer success gets the briefs; the bot is a member. */
  static final String CS_CHANNEL = "C0CSHAND01";
  /** The app the tokens belong to, as interaction payloads name it. */
  static final String APP_ID = "A0HANDOFF1";

  /** The reading token's scopes: history and membership of channels, people and their emails. */
  static final Set<String> READ_SCOPES = Set.of("channels:history", "channels:read", "groups:history",
      "groups:read", "users:read", "users:read.email");
  /**
   * The posting token's scopes: post and update ({@code chat:write}), open the reviewer's DM
   * ({@code im:write}), find them by email ({@code users:read.email}, which Slack grants only with
   * {@code users:read}). {@code views.open} needs no scope. It cannot read history.
   */
  static final Set<String> POST_SCOPES = Set.of("chat:write", "im:write", "users:read", "users:read.email");

  private static final Map<String, Set<String>> TOKENS = Map.of(BOT_TOKEN, READ_SCOPES, POST_TOKEN, POST_SCOPES);
  private static final String FIXTURES = "/demo/slack/";
  private static final List<String> USERS = List.of("U0ALEX0001", "U0SAM00001", "U0PAT00001", "U0DANA0001",
      "U0PRIYA001", "U0ELENA001", "U0HDANA001", "U0CSLEAD01", "U0CSM00001");
  private static final ObjectMapper JSON = new ObjectMapper();


  private final DemoSlackWorkspace workspace;
  private final String signingSecret;

  private DemoSlack(WireMockServer server, DemoSlackWorkspace workspace, String signingSecret) {
    super(server);
    this.workspace = workspace;
    this.signingSecret = signingSecret;
  }

  /** Starts the workspace on 127.0.0.1 on a free port, with nothing posted yet. */
  static DemoSlack start() {
    return start(null);
  }

  /**
   * Starts the workspace on 127.0.0.1 on a free port, keeping what is posted in {@code stateFile}
   * (JSON; read at start when present), so the demo's second run finds the message its first run
   * posted, as in a real workspace. Null: start empty.
   */
  static DemoSlack start(Path stateFile) {
    var workspace = new DemoSlackWorkspace(TOKENS, people(), channels(), parse(fixture("auth-test.json")), APP_ID,
        Clock.systemUTC(), stateFile);
    var server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
        .notifier(new Slf4jNotifier(false)).extensions(workspace));
    server.start();
    var slack = new DemoSlack(server, workspace, newSigningSecret());
    try {
      slack.stub();
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
    return slack;
  }

  /** Where the Web API answers: stands in for {@code https://slack.com}. */
  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The real Slack connector, pointed at this workspace. */
  SourceConnector connector() {
    return connector(SlackConfig.DEFAULT_REQUESTS_PER_MINUTE);
  }

  /** The connector, pacing its calls at {@code requestsPerMinute}. */
  SourceConnector connector(int requestsPerMinute) {
    return SlackConnector.create(SlackConfig.builder().botToken(BOT_TOKEN).baseUrl(baseUrl())
        .extraChannels(EXTRA_CHANNELS).requestsPerMinute(requestsPerMinute).build());
  }

  /**
   * The app's signing secret, made at start for this run: what the host's interaction endpoint
   * verifies {@code X-Slack-Signature} with. Never print it.
   */
  String signingSecret() {
    return signingSecret;
  }

  /** What a person in this workspace sends the app by clicking a button or submitting a modal, signed. */
  DemoSlackInteraction interaction() {
    return new DemoSlackInteraction(workspace, baseUrl(), signingSecret, Clock.systemUTC());
  }

  /** The top-level messages posted to a conversation (a channel id or a DM's D id), oldest first. */
  List<JsonNode> messages(String channel) {
    return workspace.messages(channel);
  }

  /** The replies posted in the thread of {@code ts}, oldest first. */
  List<JsonNode> replies(String channel, String ts) {
    return workspace.replies(channel, ts);
  }

  /** The DM the bot opened with each person, user id to D id. */
  Map<String, String> directMessages() {
    return workspace.directMessages();
  }

  /** How many {@code chat.update} calls changed a message in this run. */
  int updates() {
    return workspace.updates();
  }

  /** The modals opened in this run, as {@code views.open} answered them. */
  List<JsonNode> views() {
    return workspace.views();
  }

  /** What the app posted to the {@code response_url}s of interactions in this run. */
  List<JsonNode> responseUrlPosts() {
    return workspace.responseUrlPosts();
  }

  /** How many times a Web API method (e.g. {@code chat.postMessage}) reached the workspace in this run. */
  int calls(String method) {
    return workspace.calls(method);
  }

  private void stub() {
    server.stubFor(method("conversations.list").withFormParam("cursor", absent())
        .willReturn(json("conversations-list-1.json")));
    server.stubFor(method("conversations.list").withFormParam("cursor", equalTo("dGVhbTpDMERFQUwwMDAx"))
        .willReturn(json("conversations-list-2.json")));
    server.stubFor(method("conversations.history").withFormParam("channel", equalTo("C0DEAL0001"))
        .withFormParam("cursor", absent()).willReturn(json("history-deal-1.json")));
    server.stubFor(method("conversations.history").withFormParam("channel", equalTo("C0DEAL0001"))
        .withFormParam("cursor", equalTo("bmV4dF90czoxNzcwNzUwMzAwMDAwMTAw")).willReturn(json("history-deal-2.json")));
    server.stubFor(method("conversations.history").withFormParam("channel", equalTo("C0DESK0001"))
        .willReturn(json("history-desk.json")));
    server.stubFor(method("conversations.history").withFormParam("channel", equalTo("C0COUNCIL1"))
        .willReturn(json("history-council.json")));
    thread("1770750300.000100", "replies-tableau-1.json");
    thread("1772984520.000100", "replies-erp.json");
    thread("1766246400.000100", "replies-kickoff.json");
    thread("1773844200.000100", "replies-desk.json");
    // Everything else, for every token: auth and scopes checked, then answered from the workspace's state
    // (posts, DMs, modals, people, the held channels' history) or with the error Slack sends.
    server.stubFor(any(urlPathMatching("/api/.*")).atPriority(5)
        .willReturn(aResponse().withTransformers(DemoSlackWorkspace.NAME)));
    server.stubFor(post(urlPathMatching("/actions/.*")).atPriority(5)
        .willReturn(aResponse().withTransformers(DemoSlackWorkspace.NAME)));
  }

  private void thread(String ts, String file) {
    server.stubFor(method("conversations.replies").withFormParam("ts", equalTo(ts)).willReturn(json(file)));
  }

  private static MappingBuilder method(String name) {
    return post(urlPathEqualTo("/api/" + name)).atPriority(1)
        .withHeader("Authorization", equalTo("Bearer " + BOT_TOKEN));
  }

  private static ResponseDefinitionBuilder json(String file) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(fixture(file));
  }

  static String fixture(String name) {
    return DemoFixtures.read(FIXTURES + name);
  }

  /** The people of the fixtures: the workspace's own and the customers' in its Slack Connect channels. */
  private static List<JsonNode> people() {
    return USERS.stream().map(id -> parse(fixture("users-info-" + id + ".json")).path("user")).toList();
  }

  /** The channels of the fixtures' {@code conversations.list}, {@code #cs-handoffs} among them. */
  private static List<DemoSlackWorkspace.Channel> channels() {
    var out = new java.util.ArrayList<DemoSlackWorkspace.Channel>();
    for (String page : List.of("conversations-list-1.json", "conversations-list-2.json")) {
      for (JsonNode c : parse(fixture(page)).path("channels")) {
        out.add(new DemoSlackWorkspace.Channel(c.path("id").asText(), c.path("name").asText(),
            c.path("is_private").asBoolean(), c.path("is_member").asBoolean(), null));
      }
    }
    return out;
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a demo Slack fixture is not JSON", e);
    }
  }

  /** Slack's signing secrets are 32 hex characters; this one is made per run and never written anywhere. */
  private static String newSigningSecret() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
