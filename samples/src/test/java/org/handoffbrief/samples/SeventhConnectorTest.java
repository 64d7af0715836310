package org.handoffbrief.samples;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.handoffbrief.Handoff;
import org.handoffbrief.model.Account;
import org.handoffbrief.model.Channel;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.DealContact;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Gap;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.Opportunity;
import org.handoffbrief.model.Participant;
import org.handoffbrief.model.Person;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SourceFailure;
import org.handoffbrief.model.SourceReport;
import org.handoffbrief.model.TimeWindow;
import org.handoffbrief.spi.ApiCalls;
import org.handoffbrief.spi.CallBudgetExhaustedException;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.ConnectorSetting;
import org.handoffbrief.spi.DealResolver;
import org.handoffbrief.spi.HttpCalls;
import org.handoffbrief.spi.RateLimiter;
import org.handoffbrief.spi.Resolution;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.SourceContext;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.spi.kit.CallSettingsBuilder;
import org.handoffbrief.spi.kit.FailureMapper;
import org.handoffbrief.spi.kit.JsonHttp;
import org.handoffbrief.spi.kit.Setting;
import org.handoffbrief.testing.FakeVendor;
import org.handoffbrief.testing.RecordingSourceContext;
import org.junit.jupiter.api.Test;

/**
 * A seventh connector, written the way a user would write one: only against the public SPI
 * ({@code org.handoffbrief.spi}) and its kit ({@code org.handoffbrief.spi.kit}), for a made-up
 * support-chat system "Helpchat" (REST, JSON, a cursor per page, a 429 with Retry-After). It is found
 * by {@link java.util.ServiceLoader} from flat settings through
 * {@code src/test/resources/META-INF/services/org.handoffbrief.spi.ConnectorProvider}, and no core
 * or connector file knows it. docs/guides/new-connector.md quotes this file.
 */
public class SeventhConnectorTest {

  // ---------------------------------------------------------------------------------------------
  // The connector: settings, config, provider, connector.

  /** Helpchat's settings, each declared once: the provider lists them and the config reads them back. */
  public static final class HelpchatConfig {
    static final Setting<URI> BASE_URL = Setting.url("helpchat.baseUrl", "API base URL",
        "https://api.helpchat.example", "Where Helpchat's REST API answers; a proxy's URL works too.");
    static final Setting<String> API_TOKEN = Setting.requiredSecret("helpchat.apiToken", "API token",
        "A Helpchat API token with the messages:read scope.");
    static final Setting<Duration> TIMEOUT = Setting.duration("helpchat.timeout", "Call timeout", "10s",
        "How long one call may take, headers and body; the source's deadline cuts it shorter.");
    static final Setting<Integer> REQUESTS_PER_MINUTE = Setting.integer("helpchat.requestsPerMinute",
        "Requests per minute", 600, "Client-side pacing, shared by every brief; keep it under your plan's limit.");
    static final List<Setting<?>> SETTINGS = List.of(BASE_URL, API_TOKEN, TIMEOUT, REQUESTS_PER_MINUTE);

    final URI baseUrl;
    final String apiToken;
    final Duration timeout;
    final org.handoffbrief.spi.RetryPolicy retryPolicy;
    final int requestsPerMinute;

    private HelpchatConfig(Builder b) {
      baseUrl = b.baseUrl;
      apiToken = b.apiToken;
      timeout = b.timeout();
      retryPolicy = b.retryPolicy();
      requestsPerMinute = b.requestsPerMinute();
    }

    static Builder builder() {
      return new Builder();
    }

    /** Reads {@code helpchat.*} through the same constants the provider describes. */
    static HelpchatConfig fromSettings(ConnectorConfig c) {
      return builder().baseUrl(BASE_URL.from(c)).apiToken(API_TOKEN.from(c)).timeout(TIMEOUT.from(c))
          .requestsPerMinute(REQUESTS_PER_MINUTE.from(c)).build();
    }

    /** Timeout, retry policy and rate come from the kit's builder, checked as for every connector. */
    static final class Builder extends CallSettingsBuilder.Paced<Builder> {
      private URI baseUrl = BASE_URL.defaultValue();
      private String apiToken;

      private Builder() {
        super(TIMEOUT.defaultValue(), REQUESTS_PER_MINUTE.defaultValue());
      }

      Builder baseUrl(URI baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
        return this;
      }

      Builder apiToken(String apiToken) {
        this.apiToken = Objects.requireNonNull(apiToken, "apiToken == null");
        return this;
      }

      HelpchatConfig build() {
        if (apiToken == null || apiToken.isBlank()) {
          throw new IllegalStateException("no API token: set helpchat.apiToken or call apiToken(...)");
        }
        return new HelpchatConfig(this);
      }
    }

    @Override
    public String toString() { // never the token
      return "HelpchatConfig[" + baseUrl + ", timeout " + timeout + ", " + requestsPerMinute + "/min]";
    }
  }

  /** Found by ServiceLoader; makes the connector from {@code helpchat.*} settings. */
  public static final class HelpchatProvider implements ConnectorProvider {
    @Override
    public String system() {
      return HelpchatConnector.SYSTEM;
    }

    @Override
    public List<ConnectorSetting> settings() {
      return Setting.describe(HelpchatConfig.SETTINGS);
    }

    @Override
    public Optional<SourceConnector> createConnector(ConnectorConfig config) {
      return Optional.of(new HelpchatConnector(HelpchatConfig.fromSettings(config)));
    }
  }

  /** Reads the chat messages Helpchat holds for the customer's domains during the sales cycle. */
  static final class HelpchatConnector implements SourceConnector {
    static final String SYSTEM = "helpchat";
    private static final String OPERATION = "GET /v1/messages";
    private static final FailureMapper FAILURES = FailureMapper.of(SYSTEM, "Helpchat",
        "check helpchat.apiToken", needs -> "the token needs " + needs);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HelpchatConfig config;
    private final RateLimiter limiter; // one per connector: a 429 pauses every brief it makes
    private final JsonHttp http; // the kit's template: auth, bounded send, typed failures, no redirects

    HelpchatConnector(HelpchatConfig config) {
      this.config = config;
      this.limiter = RateLimiter.perMinute(config.requestsPerMinute);
      this.http = JsonHttp.builder(config.baseUrl, FAILURES)
          .authorization(() -> "Bearer " + config.apiToken)
          .connectTimeout(config.timeout)
          .vendorSaid(HelpchatConnector::vendorSaid)
          .hints("retry later or raise helpchat.timeout", "check helpchat.baseUrl and the network, then retry")
          .build();
    }

    @Override
    public String system() {
      return SYSTEM;
    }

    @Override
    public Set<Channel> channels() {
      return Set.of(Channel.CHAT);
    }

    @Override
    public SourceResult fetch(DealContext deal, SourceContext context) {
      ApiCalls calls = ApiCalls.of(context, config.retryPolicy, limiter);
      var evidence = new ArrayList<Evidence>();
      var notes = new ArrayList<String>();
      // Asking by the customer's domains keeps every other customer's messages out.
      for (String domain : deal.customerDomains()) {
        String cursor = null;
        do {
          String query = "?domain=" + encode(domain) + "&after=" + deal.window().start()
              + "&before=" + deal.window().end() + (cursor == null ? "" : "&cursor=" + encode(cursor));
          JsonNode page;
          try {
            page = calls.call(OPERATION, () -> http.get("/v1/messages" + query, OPERATION,
                "the messages:read scope", HttpCalls.timeout(config.timeout, context)));
          } catch (CallBudgetExhaustedException e) {
            notes.add("Helpchat was read in part: the budget of " + context.callBudget() + " calls is spent.");
            return new SourceResult(evidence, Map.of(), notes);
          }
          page.path("messages").forEach(m -> evidence.add(toEvidence(m)));
          cursor = page.path("next_cursor").textValue(); // null on the last page
        } while (cursor != null);
      }
      return new SourceResult(evidence, Map.of(), notes);
    }

    private Evidence toEvidence(JsonNode m) {
      JsonNode author = m.path("author");
      Participant from = Participant.of(author.path("name").asText(null), author.path("email").asText(null));
      return Evidence.builder(SYSTEM, "message", m.path("id").asText())
          .timestamp(OffsetDateTime.parse(m.path("sent_at").asText()))
          .author(from)
          .permalink(URI.create(config.baseUrl + "/c/" + encode(m.path("conversation_id").asText())))
          .channel(Channel.CHAT)
          // A header line names what the body is; extraction quotes the body, never the header.
          .line("From", from.label())
          .body(m.path("text").asText(), "text") // the customer's own words: citable
          .build();
    }

    /** Helpchat's {@code {"error": {"code", "message"}}}, or empty: the kit cuts it. */
    private static String vendorSaid(String body) {
      try {
        JsonNode error = JSON.readTree(body).path("error");
        return error.path("code").asText("") + " " + error.path("message").asText("");
      } catch (JsonProcessingException e) {
        return "";
      }
    }

    private static String encode(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      http.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The fake vendor: Helpchat's wire format served by WireMock.

  /** Helpchat on loopback: two pages of one customer's messages for the right token, 401 for any other. */
  static final class FakeHelpchat extends FakeVendor {
    static final String TOKEN = "test-token-not-a-secret";

    private FakeHelpchat(WireMockServer server) {
      super(server);
    }

    static FakeHelpchat start() {
      var server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
      server.start();
      // Any request the stubs below do not match (no token, a wrong one) is refused as Helpchat refuses it.
      server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(401)
          .withHeader("Content-Type", "application/json")
          .withBody("{\"error\": {\"code\": \"invalid_token\", \"message\": \"The token is missing or revoked.\"}}")));
      server.stubFor(get(urlPathEqualTo("/v1/messages")).atPriority(5)
          .withHeader("Authorization", equalTo("Bearer " + TOKEN))
          .withQueryParam("domain", equalTo("clinic.example")).withQueryParam("cursor", absent())
          .willReturn(okJson("""
              {"messages": [{"id": "m-101", "conversation_id": "c-7", "sent_at": "2026-02-10T09:00:00Z",
                             "author": {"name": "Ana Ruiz", "email": "ana@clinic.example"},
                             "text": "Our legacy scheduling integration is still not ready, so it blocks the rollout."}],
               "next_cursor": "page-2"}""")));
      server.stubFor(get(urlPathEqualTo("/v1/messages")).atPriority(5)
          .withHeader("Authorization", equalTo("Bearer " + TOKEN))
          .withQueryParam("domain", equalTo("clinic.example")).withQueryParam("cursor", equalTo("page-2"))
          .willReturn(okJson("""
              {"messages": [{"id": "m-102", "conversation_id": "c-7", "sent_at": "2026-02-10T09:30:00Z",
                             "author": {"name": "Rep Example", "email": "rep@vendor.example"},
                             "text": "Thanks, I have asked our engineers to look at it."}],
               "next_cursor": null}""")));
      return new FakeHelpchat(server);
    }

    String baseUrl() {
      return server.baseUrl();
    }

    /** Answers the next messages call with a 429 asking for {@code seconds} of pause, then as before. */
    void throttleOnce(int seconds) {
      inject(get(urlPathEqualTo("/v1/messages")).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
          .willReturn(aResponse().withStatus(429).withHeader("Retry-After", String.valueOf(seconds))
              .withHeader("Content-Type", "application/json")
              .withBody("{\"error\": {\"code\": \"rate_limited\", \"message\": \"Slow down.\"}}"))
          .willSetStateTo("throttled"));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The tests.

  @Test
  void itsMessagesAreCitedInTheBriefInTheCustomersOwnWordsAndItsChannelCounts() {
    try (var helpchat = FakeHelpchat.start();
        Handoff handoff = Handoff.builder().resolver(new ExampleCrm())
            .configure(Map.of("helpchat.baseUrl", helpchat.baseUrl(), "helpchat.apiToken", FakeHelpchat.TOKEN))
            .build()) {
      HandoffBrief brief = handoff.brief(ExampleCrm.OPPORTUNITY_ID);

      SourceReport report = reportOf(brief, "helpchat");
      assertEquals(SourceReport.Status.OK, report.status());
      assertEquals(2, report.items());
      assertEquals(Set.of(Channel.CHAT), report.channels());
      assertFalse(gapCodes(brief).contains("not_read_chat"), "chat was read, yet the brief says it was not");

      Citation cite = citationsOf(brief).stream().filter(c -> c.evidenceId().equals("helpchat:message:m-101"))
          .findFirst().orElseThrow(() -> new AssertionError("no claim cites the chat message: " + brief.sections()));
      assertTrue("Our legacy scheduling integration is still not ready, so it blocks the rollout."
          .contains(cite.quote()), cite.quote());
      assertEquals("text", cite.field());
    }
  }

  @Test
  void aRateLimitedPageIsAskedAgainOnlyAfterTheRetryAfterItGave() {
    try (var helpchat = FakeHelpchat.start();
        var connector = new HelpchatConnector(HelpchatConfig.builder().baseUrl(URI.create(helpchat.baseUrl()))
            .apiToken(FakeHelpchat.TOKEN).build())) {
      helpchat.throttleOnce(1);
      var context = new RecordingSourceContext(HelpchatConnector.SYSTEM, 10);

      long started = System.nanoTime();
      SourceResult result = connector.fetch(ExampleCrm.deal(), context);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertEquals(2, result.evidence().size());
      assertEquals(3, helpchat.requests(getRequestedFor(urlPathEqualTo("/v1/messages"))), "429, then two pages");
      assertEquals(List.of("GET /v1/messages rate_limited", "GET /v1/messages ok", "GET /v1/messages ok"),
          context.operations());
      assertTrue(took.compareTo(Duration.ofMillis(950)) >= 0, "asked again after " + took.toMillis() + " ms");
    }
  }

  @Test
  void aRefusedTokenIsATypedFailureInTheSourceReportAndTheBriefIsStillMade() {
    String revoked = "test-token-revoked-not-a-secret";
    try (var helpchat = FakeHelpchat.start();
        Handoff handoff = Handoff.builder().resolver(new ExampleCrm())
            .configure(Map.of("helpchat.baseUrl", helpchat.baseUrl(), "helpchat.apiToken", revoked))
            .build()) {
      HandoffBrief brief = handoff.brief(ExampleCrm.OPPORTUNITY_ID);

      SourceReport report = reportOf(brief, "helpchat");
      assertEquals(SourceReport.Status.FAILED, report.status());
      SourceFailure failure = report.failure();
      assertEquals(SourceFailure.Kind.AUTHENTICATION, failure.kind());
      assertEquals("Helpchat refused the credentials for GET /v1/messages (HTTP 401: invalid_token The token is"
          + " missing or revoked.); check helpchat.apiToken.", failure.message());
      assertFalse(failure.message().contains(revoked), "the token leaked into: " + failure.message());
      assertEquals(1, helpchat.requests(), "a refused token is not asked again");
      assertTrue(gapCodes(brief).contains("not_read_chat"), "the brief must say chat could not be read");
    }
  }

  @Test
  void theProviderDescribesEverySettingTheConfigReadsAndHidesTheToken() {
    var provider = Handoff.providers(getClass().getClassLoader()).get("helpchat");
    assertEquals(List.of("helpchat.baseUrl", "helpchat.apiToken", "helpchat.timeout", "helpchat.requestsPerMinute"),
        provider.settings().stream().map(ConnectorSetting::key).toList());
    var config = ConnectorConfig.of("helpchat", provider.settings(), Map.of("helpchat.apiToken", FakeHelpchat.TOKEN));
    assertFalse(config.toString().contains(FakeHelpchat.TOKEN), config.toString());
    assertFalse(HelpchatConfig.fromSettings(config).toString().contains(FakeHelpchat.TOKEN));
    assertEquals(Duration.ofSeconds(10), HelpchatConfig.fromSettings(config).timeout);
  }

  // ---------------------------------------------------------------------------------------------
  // A minimal CRM: one won deal of an invented customer, no CRM records.

  /** A resolver that answers every opportunity id with {@link #deal()}. */
  static final class ExampleCrm implements DealResolver {
    static final String OPPORTUNITY_ID = "006000000000007AAA";

    @Override
    public String system() {
      return "examplecrm";
    }

    @Override
    public Resolution resolve(DealRef ref, SourceContext context) {
      return new Resolution(deal(), SourceResult.of(List.of()));
    }

    static DealContext deal() {
      var ana = new Person("Ana Ruiz", "ana@clinic.example", "Operations Lead", false, Set.of());
      var owner = new Person("Rep Example", "rep@vendor.example", "Account Executive", true, Set.of());
      var account = new Account("001000000000007AAA", "Example Clinic", "Healthcare", "Customer",
          "https://clinic.example", 120L);
      var opportunity = new Opportunity(OPPORTUNITY_ID, "Example Clinic - Platform", "Closed Won",
          new BigDecimal("24000"), null, LocalDate.parse("2026-03-20"), Instant.parse("2026-01-15T10:00:00Z"),
          "New Business", true, true);
      return new DealContext(account, opportunity, owner, List.of(new DealContact(ana, "Champion", true)), List.of(),
          new TimeWindow(Instant.parse("2026-01-15T00:00:00Z"), Instant.parse("2026-03-21T00:00:00Z")),
          Set.of("vendor.example"), Map.of());
    }
  }

  private static List<Citation> citationsOf(HandoffBrief brief) {
    return brief.sections().values().stream().flatMap(s -> s.claims().stream())
        .flatMap(c -> c.citations().stream()).toList();
  }

  private static List<String> gapCodes(HandoffBrief brief) {
    return brief.sections().values().stream().map(Section::gaps).flatMap(List::stream).map(Gap::code).toList();
  }

  private static SourceReport reportOf(HandoffBrief brief, String system) {
    return brief.sources().stream().filter(r -> r.system().equals(system)).findFirst()
        .orElseThrow(() -> new AssertionError("no report for " + system + " in " + brief.sources()));
  }
}
