package org.handoffbrief.samples;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.handoffbrief.connector.zendesk.ZendeskAuth;
import org.handoffbrief.connector.zendesk.ZendeskConfig;
import org.handoffbrief.connector.zendesk.ZendeskConnector;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.testing.FakeZendesk;

/**
 * The demo company's Zendesk account ({@code northwind.zendesk.com}), the test kit's
 * {@link FakeZendesk} seeded with the records under {@code demo/zendesk/} (recorded answers of the
 * REST API v2). Every call must carry the demo agent's API token, else the answer is Zendesk's 401.
 *
 * <p>The story: Priya Raman's SSO login ticket during the trial (Feb 9, solved, with an internal
 * note flagging the custom SSO configuration); Tom Becker's CSV export question, still pending at
 * close; and the new IT security lead Marcus Hale's SOC 2 request, which has no organization
 * and so is found only by the follow-up round. Noise the connector must drop: Tom's trial ticket
 * from November (auto-closed in January), an Answer Bot comment, Tom's comment after the close,
 * and Harborview Clinic's Dana Okonkwo, another customer whose ticket the demo's search for
 * Meridian's Dana returns on purpose (playing a search looser than asked: the one answer the demo
 * pins instead of leaving it to the fake).
 *
 * <p>Thirty days later ({@link DemoMoment#THIRTY_DAYS_LATER}): Tom's CSV ticket is solved with a
 * scheduled extract, and Priya opens an urgent ticket about department roles missing after the
 * move to Azure AD sign-in, the custom SSO work that was still unscoped at close.
 */
final class DemoZendesk implements AutoCloseable {

  /** The demo account's subdomain: permalinks point at {@code https://northwind.zendesk.com}. */
  static final String SUBDOMAIN = "northwind";
  /** The agent whose API token the demo uses. */
  static final String AGENT_EMAIL = "handoff-bot@northwind-analytics.com";
  /** An obviously fake API token; the server accepts only this one. */
  static final String API_TOKEN = "demo-zendesk-api-token-not-a-secret";

  private static final String FIXTURES = "/demo/zendesk/";
  /** The recorded answers the account's records are read from, each as it reads at the moment shown. */
  private static final List<String> RECORDS = List.of("organizations-search.json", "users.json",
      "search-organization-page1.json", "search-organization-page2.json", "search-requester-priya.json",
      "search-requester-tom.json", "search-requester-marcus.json");
  private static final List<String> TICKETS_WITH_COMMENTS = List.of("4711", "4752", "4796", "4871");
  /** Records a page: the recorded answers came in pages of three comments, so the demo pages as it always did. */
  private static final int PAGE_SIZE = 3;

  private final FakeZendesk zendesk;

  private DemoZendesk(FakeZendesk zendesk) {
    this.zendesk = zendesk;
  }

  /** Starts the account on 127.0.0.1 on a free port, as it was at close. */
  static DemoZendesk start() {
    return start(DemoMoment.AT_CLOSE);
  }

  /** Starts the account on 127.0.0.1 on a free port, as it is at {@code moment}. */
  static DemoZendesk start(DemoMoment moment) {
    var zendesk = FakeZendesk.start(AGENT_EMAIL, API_TOKEN);
    try {
      zendesk.pageSize(PAGE_SIZE);
      RECORDS.forEach(file -> zendesk.load(moment.read(FIXTURES, file)));
      for (String ticket : TICKETS_WITH_COMMENTS) {
        for (String file : List.of("comments-" + ticket + ".json", "comments-" + ticket + "-page1.json",
            "comments-" + ticket + "-page2.json")) {
          if (moment.has(FIXTURES, file)) {
            zendesk.comments(Long.parseLong(ticket), moment.read(FIXTURES, file));
          }
        }
      }
      // Harborview's Dana: a search looser than asked, pinned as recorded; her ticket is never read further.
      String dana = moment.read(FIXTURES, "search-requester-dana.json");
      zendesk.load(dana);
      zendesk.inject(get(urlPathEqualTo("/api/v2/search.json"))
          .withHeader("Authorization", equalTo(authorization()))
          .withQueryParam("query", containing("requester:dana.okonkwo@meridianhealth.org"))
          .willReturn(okJson(dana)));
    } catch (RuntimeException e) {
      zendesk.close();
      throw e;
    }
    return new DemoZendesk(zendesk);
  }

  /** Where the API is served: stands in for {@code https://northwind.zendesk.com}. */
  URI baseUrl() {
    return zendesk.baseUrl();
  }

  /** HTTP requests the account has answered so far. */
  int requests() {
    return zendesk.requests();
  }

  /** Serves {@code fault} ahead of the account's own answer; see {@link FakeZendesk#inject}. */
  void inject(MappingBuilder fault) {
    zendesk.inject(fault);
  }

  /** The real Zendesk connector pointed at this server. */
  SourceConnector connector() {
    return ZendeskConnector.create(ZendeskConfig.builder()
        .subdomain(SUBDOMAIN)
        .baseUrl(baseUrl())
        .auth(ZendeskAuth.apiToken(AGENT_EMAIL, API_TOKEN))
        .build());
  }

  private static String authorization() {
    return "Basic " + Base64.getEncoder().encodeToString((AGENT_EMAIL + "/token:" + API_TOKEN)
        .getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    zendesk.close();
  }
}
