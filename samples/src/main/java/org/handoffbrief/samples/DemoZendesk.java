package org.handoffbrief.samples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;
import org.handoffbrief.connector.zendesk.ZendeskAuth;
import org.handoffbrief.connector.zendesk.ZendeskConfig;
import org.handoffbrief.connector.zendesk.ZendeskConnector;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.testing.FakeVendor;

/**
 * The demo company's Zendesk account ({@code northwind.zendesk.com}), served on loopback in the
 * REST API v2 wire format from the fixtures under {@code demo/zendesk/}: organization search, the
 * Search API with {@code next_page}, {@code users/show_many}, and ticket comments with cursor
 * pagination and side-loaded users. Every call must carry the demo agent's API token, else the
 * answer is Zendesk's 401.
 *
 * <p>The story: Priya Raman's SSO login ticket during the trial (Feb 9, solved, with an internal
 * note flagging the custom SSO configuration); Tom Becker's CSV export question, still pending at
 * close; and the new IT security lead Marcus Hale's SOC 2 request, which has no organization
 * and so is found only by the follow-up round. Noise the connector must drop: Tom's trial ticket
 * from November (auto-closed in January), an Answer Bot comment, Tom's comment after the close,
 * and Harborview Clinic's Dana Okonkwo, another customer whose ticket the demo's search for
 * Meridian's Dana returns on purpose (playing a search looser than asked).
 *
 * <p>Thirty days later ({@link DemoMoment#THIRTY_DAYS_LATER}): Tom's CSV ticket is solved with a
 * scheduled extract, and Priya opens an urgent ticket about department roles missing after the
 * move to Azure AD sign-in, the custom SSO work that was still unscoped at close.
 */
final class DemoZendesk extends FakeVendor {

  /** The demo account's subdomain: permalinks point at {@code https://northwind.zendesk.com}. */
  static final String SUBDOMAIN = "northwind";
  /** The agent whose API token the demo uses. */
  static final String AGENT_EMAIL = "handoff-bot@northwind-analytics.com";
  /** An obviously fake API token; the server accepts only this one. */
  static final String API_TOKEN = "demo-zendesk-api-token-not-a-secret";

  private static final String FIXTURES = "/demo/zendesk/";
  private static final String ORGANIZATION = "360001824511";
  private static final String JSON = "application/json; charset=utf-8";


  private final DemoMoment moment;

  private DemoZendesk(WireMockServer server, DemoMoment moment) {
    super(server);
    this.moment = moment;
  }

  /** Starts the account on 127.0.0.1 on a free port, as it was at close. */
  static DemoZendesk start() {
    return start(DemoMoment.AT_CLOSE);
  }

  /** Starts the account on 127.0.0.1 on a free port, as it is at {@code moment}. */
  static DemoZendesk start(DemoMoment moment) {
    var server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
        .notifier(new Slf4jNotifier(false)).extensions(new ShowMany()));
    server.start();
    var zendesk = new DemoZendesk(server, moment);
    try {
      zendesk.stub();
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
    return zendesk;
  }

  /** Where the API is served: stands in for {@code https://northwind.zendesk.com}. */
  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The real Zendesk connector pointed at this server. */
  SourceConnector connector() {
    return ZendeskConnector.create(ZendeskConfig.builder()
        .subdomain(SUBDOMAIN)
        .baseUrl(baseUrl())
        .auth(ZendeskAuth.apiToken(AGENT_EMAIL, API_TOKEN))
        .build());
  }

  private void stub() {
    stub(get(urlPathEqualTo("/api/v2/organizations/search.json")).withQueryParam("name", equalTo("Meridian Health")),
        ok("organizations-search.json"));
    // The other accounts of the demo week have no Zendesk organization.
    stub(get(urlPathEqualTo("/api/v2/organizations/search.json")).atPriority(6), ok("organizations-search-empty.json"));
    stub(get(urlPathEqualTo("/api/v2/search.json")).atPriority(5), ok("search-empty.json"));
    stub(search("organization:" + ORGANIZATION), ok("search-organization-page1.json"));
    stub(search("organization:" + ORGANIZATION).atPriority(1).withQueryParam("page", equalTo("2")),
        ok("search-organization-page2.json"));
    for (String who : new String[] {"priya.raman", "tom.becker", "marcus.hale", "dana.okonkwo"}) {
      stub(search("requester:" + who + "@meridianhealth.org"), ok("search-requester-" + who.substring(0, who.indexOf('.'))
          + ".json"));
    }
    stub(get(urlPathEqualTo("/api/v2/users/show_many.json")), ok("users.json").withTransformers(ShowMany.NAME));
    stub(get(urlPathEqualTo("/api/v2/tickets/4711/comments.json")), ok("comments-4711-page1.json"));
    stub(get(urlPathEqualTo("/api/v2/tickets/4711/comments.json")).atPriority(1)
        .withQueryParam("page[after]", equalTo("eyJvIjoiY3JlYXRlZF9hdCIsInYiOiJhUUF6In0")), ok("comments-4711-page2.json"));
    for (String ticket : new String[] {"4796", "4752", "4871"}) {
      if (moment.has(FIXTURES, "comments-" + ticket + ".json")) {
        stub(get(urlPathEqualTo("/api/v2/tickets/" + ticket + "/comments.json")), ok("comments-" + ticket + ".json"));
      }
    }
    // Any call without the demo agent's token, or to an endpoint the demo does not serve.
    server.stubFor(any(urlPathMatching("/.*")).atPriority(10)
        .willReturn(aResponse().withStatus(404).withHeader("Content-Type", JSON)
            .withBody("{\"error\":\"InvalidEndpoint\",\"description\":\"Not found\"}")));
    server.stubFor(any(urlPathMatching("/.*")).atPriority(1)
        .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.notMatching(
            java.util.regex.Pattern.quote(authorization())))
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", JSON).withBody(fixture("error-401.json"))));
  }

  private static MappingBuilder search(String term) {
    return get(urlPathEqualTo("/api/v2/search.json")).atPriority(3).withQueryParam("query", containing(term));
  }

  private void stub(MappingBuilder request, ResponseDefinitionBuilder response) {
    server.stubFor(request.withHeader("Authorization", equalTo(authorization())).willReturn(response));
  }

  private static String authorization() {
    return "Basic " + Base64.getEncoder().encodeToString((AGENT_EMAIL + "/token:" + API_TOKEN)
        .getBytes(StandardCharsets.UTF_8));
  }

  private ResponseDefinitionBuilder ok(String file) {
    return aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody(moment.read(FIXTURES, file));
  }

  static String fixture(String name) {
    return DemoFixtures.read(FIXTURES + name);
  }

  /** {@code users/show_many}: answers with the users named in {@code ids}, as Zendesk does. */
  private static final class ShowMany implements ResponseDefinitionTransformerV2 {
    static final String NAME = "zendesk-show-many";
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      var param = event.getRequest().queryParameter("ids");
      Set<String> ids = param.isPresent() ? Arrays.stream(param.firstValue().split(",")).map(String::strip)
          .collect(Collectors.toSet()) : Set.of();
      try {
        ObjectNode all = (ObjectNode) json.readTree(event.getResponseDefinition().getBody());
        ArrayNode kept = json.createArrayNode();
        for (JsonNode u : all.path("users")) {
          if (ids.contains(u.path("id").asText())) {
            kept.add(u);
          }
        }
        all.set("users", kept);
        all.put("count", kept.size());
        return ResponseDefinitionBuilder.like(event.getResponseDefinition()).but()
            .withBody(json.writeValueAsString(all)).build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public String getName() {
      return NAME;
    }
  }
}
