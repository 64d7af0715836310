package org.handoffbrief.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.handoffbrief.connector.slack.SlackConfig;
import org.handoffbrief.connector.slack.SlackConnector;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.testing.FakeSlack;
import org.handoffbrief.testing.FakeSlackInteractions;

/**
 * The demo company's Slack workspace (Northwind Analytics, {@code northwind-analytics.slack.com}),
 * served on loopback by the test kit's {@link FakeSlack}, seeded from the fixtures under
 * {@code demo/slack/} (and the test kit's Slack answers): the team, its people, the channels of
 * {@code conversations.list} and the messages of their history and threads, answering only to the
 * demo's bot token ({@code invalid_auth} otherwise, as Slack does).
 *
 * <p>It also takes the calls of a delivery and a review: posts to
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
final class DemoSlack implements AutoCloseable {

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

  private static final String FIXTURES = "/demo/slack/";
  private static final int PAGE = 5;
  private static final List<String> USERS = List.of("U0ALEX0001", "U0SAM00001", "U0PAT00001", "U0DANA0001",
      "U0PRIYA001", "U0ELENA001", "U0HDANA001", "U0CSLEAD01", "U0CSM00001");
  /** Each channel's history pages, then the threads read in it. */
  private static final Map<String, List<String>> HISTORY = Map.of(
      "C0DEAL0001", List.of("history-deal-1.json", "history-deal-2.json", "replies-tableau-1.json",
          "replies-erp.json", "replies-kickoff.json"),
      "C0DESK0001", List.of("history-desk.json", "replies-desk.json"),
      "C0COUNCIL1", List.of("history-council.json"));
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeSlack fake;
  private final String signingSecret;

  private DemoSlack(FakeSlack fake, String signingSecret) {
    this.fake = fake;
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
    FakeSlack fake = FakeSlack.start(stateFile);
    try {
      // Five a page: the story's channel list and deal channel each take two pages, as a large workspace's do.
      fake.team(parse(fixture("auth-test.json"))).appId(APP_ID).pageCap(PAGE)
          .token(BOT_TOKEN, FakeSlack.READ_SCOPES).token(POST_TOKEN, FakeSlack.POST_SCOPES);
      USERS.forEach(id -> fake.user(parse(fixture("users-info-" + id + ".json")).path("user")));
      for (String page : List.of("conversations-list-1.json", "conversations-list-2.json")) {
        parse(fixture(page)).path("channels").forEach(fake::channel);
      }
      HISTORY.forEach((channel, files) -> files.forEach(
          file -> parse(fixture(file)).path("messages").forEach(m -> fake.message(channel, m))));
    } catch (RuntimeException e) {
      fake.close();
      throw e;
    }
    return new DemoSlack(fake, newSigningSecret());
  }

  /** Where the Web API answers: stands in for {@code https://slack.com}. */
  URI baseUrl() {
    return fake.baseUrl();
  }

  /** The test kit's fake under the demo's data: for tests that inject a fault or count requests. */
  FakeSlack fake() {
    return fake;
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
  FakeSlackInteractions interaction() {
    return fake.interactions(signingSecret);
  }

  /** The top-level messages posted to a conversation (a channel id or a DM's D id), oldest first. */
  List<JsonNode> messages(String channel) {
    return fake.messages(channel);
  }

  /** The replies posted in the thread of {@code ts}, oldest first. */
  List<JsonNode> replies(String channel, String ts) {
    return fake.replies(channel, ts);
  }

  /** The DM the bot opened with each person, user id to D id. */
  Map<String, String> directMessages() {
    return fake.directMessages();
  }

  /** How many {@code chat.update} calls changed a message in this run. */
  int updates() {
    return fake.updates();
  }

  /** The modals opened in this run, as {@code views.open} answered them. */
  List<JsonNode> views() {
    return fake.views();
  }

  /** What the app posted to the {@code response_url}s of interactions in this run. */
  List<JsonNode> responseUrlPosts() {
    return fake.responseUrlPosts();
  }

  /** How many times a Web API method (e.g. {@code chat.postMessage}) reached the workspace in this run. */
  int calls(String method) {
    return fake.calls(method);
  }

  /** Stops the workspace. */
  @Override
  public void close() {
    fake.close();
  }

  static String fixture(String name) {
    return DemoFixtures.read(FIXTURES + name);
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
