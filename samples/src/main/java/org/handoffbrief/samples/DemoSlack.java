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
import java.net.URI;
import java.util.List;
import org.handoffbrief.connector.slack.SlackConfig;
import org.handoffbrief.connector.slack.SlackConnector;
import org.handoffbrief.spi.SourceConnector;

/**
 * The demo company's Slack workspace (Northwind Analytics, {@code northwind-analytics.slack.com}),
 * served on loopback in the Web API's own wire format from the fixtures under {@code demo/slack/}:
 * {@code auth.test}, {@code conversations.list} (two pages), {@code conversations.history},
 * {@code conversations.replies} and {@code users.info}, each a form POST answering only to the demo's
 * bot token ({@code invalid_auth} otherwise, as Slack does).
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
 *   <li>{@code #deal-harborview-clinic}, another customer's deal channel: listed, never read.
 * </ul>
 */
final class DemoSlack extends DemoServer {

  /** The demo's bot token: a fake, and only this server accepts it. */
  static final String BOT_TOKEN = "xoxb-0000000000-demo-northwind-handoff";
  /** The channels read beside the deal channel. */
  static final List<String> EXTRA_CHANNELS = List.of("deal-desk", "customer-council");

  private static final String FIXTURES = "/demo/slack/";
  private static final String SCOPES = "channels:history,channels:read,groups:history,groups:read,users:read,"
      + "users:read.email";
  private static final List<String> USERS = List.of("U0ALEX0001", "U0SAM00001", "U0PAT00001", "U0DANA0001",
      "U0PRIYA001", "U0ELENA001", "U0HDANA001");


  private DemoSlack(WireMockServer server) {
    super(server);
  }

  /** Starts the workspace on 127.0.0.1 on a free port. */
  static DemoSlack start() {
    var server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
        .notifier(new Slf4jNotifier(false)));
    server.start();
    var workspace = new DemoSlack(server);
    try {
      workspace.stub();
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
    return workspace;
  }

  /** Where the Web API answers: stands in for {@code https://slack.com}. */
  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The real Slack connector, pointed at this workspace. */
  SourceConnector connector() {
    return SlackConnector.create(SlackConfig.builder().botToken(BOT_TOKEN).baseUrl(baseUrl())
        .extraChannels(EXTRA_CHANNELS).build());
  }

  private void stub() {
    server.stubFor(method("auth.test").willReturn(json("auth-test.json").withHeader("X-OAuth-Scopes", SCOPES)));
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
    replies("1770750300.000100", "replies-tableau-1.json");
    replies("1772984520.000100", "replies-erp.json");
    replies("1766246400.000100", "replies-kickoff.json");
    replies("1773844200.000100", "replies-desk.json");
    for (String id : USERS) {
      server.stubFor(method("users.info").withFormParam("user", equalTo(id))
          .willReturn(json("users-info-" + id + ".json")));
    }
    // What Slack answers otherwise: an unknown user, channel or thread; a wrong token.
    server.stubFor(post(urlPathEqualTo("/api/users.info")).atPriority(8).withHeader("Authorization", equalTo("Bearer " + BOT_TOKEN))
        .willReturn(body("{\"ok\":false,\"error\":\"user_not_found\"}")));
    server.stubFor(post(urlPathEqualTo("/api/conversations.history")).atPriority(8).withHeader("Authorization", equalTo("Bearer " + BOT_TOKEN))
        .willReturn(body("{\"ok\":false,\"error\":\"channel_not_found\"}")));
    server.stubFor(post(urlPathEqualTo("/api/conversations.replies")).atPriority(8).withHeader("Authorization", equalTo("Bearer " + BOT_TOKEN))
        .willReturn(body("{\"ok\":false,\"error\":\"thread_not_found\"}")));
    server.stubFor(any(urlPathMatching("/api/.*")).atPriority(9)
        .willReturn(body("{\"ok\":false,\"error\":\"invalid_auth\"}")));
  }

  private void replies(String ts, String file) {
    server.stubFor(method("conversations.replies").withFormParam("ts", equalTo(ts)).willReturn(json(file)));
  }

  private static MappingBuilder method(String name) {
    return post(urlPathEqualTo("/api/" + name)).atPriority(1)
        .withHeader("Authorization", equalTo("Bearer " + BOT_TOKEN));
  }

  private static ResponseDefinitionBuilder json(String file) {
    return body(fixture(file));
  }

  private static ResponseDefinitionBuilder body(String json) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(json);
  }

  static String fixture(String name) {
    return DemoFixtures.read(FIXTURES + name);
  }
}
