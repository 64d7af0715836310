package org.handoffbrief.samples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.handoffbrief.connector.gong.GongConfig;
import org.handoffbrief.connector.gong.GongConnector;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.testing.FakeVendor;

/**
 * The demo company's Gong, served on loopback in Gong's API v2 wire format from the fixtures under
 * {@code demo/gong/}: {@code POST /v2/calls/extensive} in two pages joined by a cursor, and
 * {@code POST /v2/calls/transcript}, which answers with the transcripts of the call ids asked for.
 *
 * <p>Every request must carry the Basic credentials of the access key made here at start (its
 * secret is random and never written anywhere); anything else gets Gong's 401. The calls: Meridian
 * Health's discovery (Jan 14), technical deep dive (Feb 6), CFO ROI review (Mar 12) and final review
 * before signature (Mar 25); and the noise the connector must drop: a Harborview Clinic call with
 * another "Dana Okonkwo", an internal forecast call, and a Meridian call of November 2025, before
 * the deal's window (the demo serves every page whatever the dates asked, so the connector's own
 * window check is what keeps it out).
 */
final class DemoGong extends FakeVendor {

  /** The demo's access key (not a secret by itself; the secret is made at start). */
  static final String ACCESS_KEY = "DEMO-NORTHWIND-GONG-KEY";

  private static final String FIXTURES = "/demo/gong/";
  private static final String PAGE_2_CURSOR = "eyJhbGciOiJIUzI1NiJ9.eyJwYWdlIjoyLCJkZW1vIjp0cnVlfQ.demo-cursor-page-2";
  private static final String JSON = "application/json; charset=utf-8";

  private final String secret;

  private DemoGong(WireMockServer server, String secret) {
    super(server);
    this.secret = secret;
  }

  /** Starts Gong on 127.0.0.1 on a free port. */
  static DemoGong start() {
    String secret = UUID.randomUUID().toString();
    var server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
        .notifier(new Slf4jNotifier(false)).extensions(new Transcripts()));
    server.start();
    var gong = new DemoGong(server, secret);
    try {
      gong.stub();
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
    return gong;
  }

  /** Stands in for {@code https://api.gong.io}. */
  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The real Gong connector, pointed at this server with the access key made at start. */
  SourceConnector connector() {
    return GongConnector.create(GongConfig.builder().baseUrl(baseUrl()).accessKey(ACCESS_KEY, secret).build());
  }

  private void stub() {
    String basic = "Basic " + Base64.getEncoder().encodeToString((ACCESS_KEY + ":" + secret)
        .getBytes(StandardCharsets.UTF_8));
    server.stubFor(post(urlPathEqualTo("/v2/calls/extensive")).atPriority(2)
        .withHeader("Authorization", equalTo(basic))
        .willReturn(json(200, "calls-extensive-page1.json")));
    server.stubFor(post(urlPathEqualTo("/v2/calls/extensive")).atPriority(1)
        .withHeader("Authorization", equalTo(basic))
        .withRequestBody(matchingJsonPath("$.cursor", equalTo(PAGE_2_CURSOR)))
        .willReturn(json(200, "calls-extensive-page2.json")));
    server.stubFor(post(urlPathEqualTo("/v2/calls/transcript")).atPriority(1)
        .withHeader("Authorization", equalTo(basic))
        .withRequestBody(matchingJsonPath("$.filter.callIds"))
        .willReturn(json(200, "transcripts.json").withTransformers(Transcripts.NAME)));
    server.stubFor(any(anyUrl()).atPriority(9).willReturn(json(401, "error-401.json")));
  }

  private static ResponseDefinitionBuilder json(int status, String file) {
    return aResponse().withStatus(status).withHeader("Content-Type", JSON).withBody(fixture(file));
  }

  /** Answers a transcript request with the transcripts of the call ids it names, as Gong does. */
  private static final class Transcripts implements ResponseDefinitionTransformerV2 {
    static final String NAME = "gong-transcripts";
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      try {
        JsonNode asked = json.readTree(event.getRequest().getBodyAsString()).path("filter").path("callIds");
        Set<String> ids = new HashSet<>();
        asked.forEach(id -> ids.add(id.asText()));
        ObjectNode all = (ObjectNode) json.readTree(event.getResponseDefinition().getBody());
        ArrayNode kept = json.createArrayNode();
        all.path("callTranscripts").forEach(t -> {
          if (ids.contains(t.path("callId").asText())) {
            kept.add(t);
          }
        });
        all.set("callTranscripts", kept);
        ObjectNode records = (ObjectNode) all.path("records");
        records.put("totalRecords", kept.size()).put("currentPageSize", kept.size());
        return ResponseDefinitionBuilder.like(event.getResponseDefinition()).but()
            .withBody(json.writeValueAsString(all)).build();
      } catch (IOException e) {
        throw new UncheckedIOException("the demo's transcript fixture or request is not JSON", e);
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

  static String fixture(String name) {
    return DemoFixtures.read(FIXTURES + name);
  }
}
