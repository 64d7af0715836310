package org.handoffbrief.spi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.handoffbrief.DeadlineExceededException;
import org.handoffbrief.HandoffException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.RateLimitException;
import org.handoffbrief.SourceUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The kit's fetch template against a loopback server (core has no WireMock; the JDK's server is
 * enough for one answer per test). The connectors' WireMock tests cover it in each vendor's format.
 */
class JsonHttpTest {
  private static final String TOKEN = "Bearer test-token-not-a-secret";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final FailureMapper FAILURES = FailureMapper.of("acme", "Acme", "check acme.token",
      needs -> "it needs " + needs);

  private final List<String> seen = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** Answers every request with {@code status}, {@code body} and the headers given as name, value pairs. */
  private URI serve(int status, String body, String... headers) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> answer(exchange, status, body, headers));
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void answer(HttpExchange exchange, int status, String body, String... headers) throws IOException {
    seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
        + exchange.getRequestHeaders().getFirst("Authorization") + " "
        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    for (int i = 0; i < headers.length; i += 2) {
      exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static JsonHttp.Builder client(URI base) {
    return JsonHttp.builder(base, FAILURES).authorization(() -> TOKEN)
        .hints("raise acme.timeout", "check acme.baseUrl");
  }

  @Test
  void aTwoHundredObjectComesBackAsJsonAndTheRequestCarriesTheAuthorizationHeader() throws Exception {
    URI base = serve(200, "{\"items\": [1, 2]}");
    JsonNode answer = client(base).build().get("/v1/items?page=2", "GET /v1/items", "", TIMEOUT);
    assertEquals(2, answer.path("items").size());
    assertEquals(List.of("GET /v1/items?page=2 " + TOKEN + " "), seen);
  }

  @Test
  void aPostSendsItsBodyAsJson() throws Exception {
    URI base = serve(200, "{}");
    var body = new ObjectMapper().createObjectNode().put("cursor", "c-1");
    client(base).build().post("/v1/search", body, "POST /v1/search", "", TIMEOUT);
    assertEquals(List.of("POST /v1/search " + TOKEN + " {\"cursor\":\"c-1\"}"), seen);
  }

  @Test
  void aRefusalGoesThroughTheMapperWithWhatTheVendorSaidAndItsRetryAfter() throws Exception {
    URI base = serve(429, "{\"error\": \"slow down\"}", "Retry-After", "7");
    JsonHttp http = client(base).vendorSaid(body -> body.contains("slow down") ? "slow down" : "").build();
    var e = assertThrows(RateLimitException.class, () -> http.get("/v1/items", "GET /v1/items", "", TIMEOUT));
    assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
    assertEquals("Acme rate-limited GET /v1/items (HTTP 429: slow down), Retry-After 7s.", e.getMessage());
    assertFalse(e.getMessage().contains("test-token"), e.getMessage());
  }

  @Test
  void aRedirectIsNeverFollowedSoTheTokenStaysWithTheConfiguredHost() throws Exception {
    URI base = serve(302, "", "Location", "http://127.0.0.1:9/elsewhere");
    var e = assertThrows(HandoffException.class, () -> client(base).build().get("/v1/items", "GET /v1/items", "",
        TIMEOUT));
    assertEquals("Acme refused GET /v1/items (HTTP 302).", e.getMessage());
    assertEquals(1, seen.size());
  }

  @Test
  void aBodyThatIsNotCompleteJsonIsMalformedAndSaysWhere() throws Exception {
    URI base = serve(200, "{\"items\": [");
    var e = assertThrows(MalformedResponseException.class,
        () -> client(base).build().get("/v1/items", "GET /v1/items", "", TIMEOUT));
    assertTrue(e.getMessage().startsWith("Acme answered GET /v1/items with a body that cannot be read (not complete"
        + " JSON at line 1"), e.getMessage());
  }

  @Test
  void anEmptyBodyOrOneThatIsNotAnObjectIsMalformed() throws Exception {
    URI base = serve(200, "[1]");
    var e = assertThrows(MalformedResponseException.class,
        () -> client(base).build().get("/v1/items", "GET /v1/items", "", TIMEOUT));
    assertEquals("Acme answered GET /v1/items with a body that cannot be read (JSON that is not an object).",
        e.getMessage());
  }

  @Test
  void anAnswerSlowerThanTheTimeoutIsADeadlineNamingTheSettingToRaise() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      try {
        Thread.sleep(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newSingleThreadExecutor());
    server.start();
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    var e = assertThrows(DeadlineExceededException.class,
        () -> client(base).build().get("/v1/items", "GET /v1/items", "", Duration.ofMillis(200)));
    assertEquals("Acme did not answer GET /v1/items completely within 200 ms; raise acme.timeout.", e.getMessage());
  }

  @Test
  void aRefusedConnectionIsARetriableOutageNamingTheSettingToCheck() throws Exception {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    JsonHttp http = client(URI.create("http://127.0.0.1:" + port)).build();
    var e = assertThrows(SourceUnavailableException.class, () -> http.get("/v1/items", "GET /v1/items", "", TIMEOUT));
    assertTrue(e.isRetriable());
    assertTrue(e.getMessage().startsWith("Acme could not be reached for GET /v1/items (")
        && e.getMessage().endsWith("); check acme.baseUrl."), e.getMessage());
  }

  @Test
  void theVendorsSpecialAnswerIsReadBeforeTheMapper() throws Exception {
    URI base = serve(404, "{\"errors\": [\"nothing found\"]}");
    JsonHttp http = client(base).errorAnswers((status, body, headers, operation, needs) ->
        status == 404 && body.contains("nothing found") ? new ObjectMapper().createObjectNode() : null).build();
    assertTrue(http.get("/v1/items", "GET /v1/items", "", TIMEOUT).isEmpty());
  }

  @Test
  void everyAnswersHeadersAreSeenFirst() throws Exception {
    URI base = serve(500, "", "ratelimit-remaining", "0");
    var remaining = new CopyOnWriteArrayList<String>();
    JsonHttp http = client(base).onHeaders(h -> h.firstValue("ratelimit-remaining").ifPresent(remaining::add)).build();
    var e = assertInstanceOf(SourceUnavailableException.class,
        assertThrows(HandoffException.class, () -> http.get("/v1/items", "GET /v1/items", "", TIMEOUT)));
    assertTrue(e.isRetriable());
    assertEquals(List.of("0"), remaining);
  }

  @Test
  void aClosedClientRefusesEveryCallBeforeSendingIt() throws Exception {
    URI base = serve(200, "{}");
    JsonHttp http = client(base).build();
    http.close();
    http.close(); // idempotent
    var e = assertThrows(IllegalStateException.class, () -> http.get("/v1/items", "GET /v1/items", "", TIMEOUT));
    assertEquals("this AcmeConnector is closed", e.getMessage());
    assertThrows(IllegalStateException.class, http::requireOpen);
    assertTrue(seen.isEmpty());
  }
}
