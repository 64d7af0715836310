package org.handoffbrief.connector.gong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.handoffbrief.spi.ApiCalls;
import org.handoffbrief.spi.HttpCalls;

/**
 * One Gong request at a time: sent with the JDK client, its answer parsed or turned into a typed
 * failure. Pacing (the connector's limiter) and retrying are {@link ApiCalls}'s job.
 */
final class GongClient {

  /** {@code POST /v2/calls/extensive}: calls with parties and content. */
  static final String EXTENSIVE = "/v2/calls/extensive";
  /** {@code POST /v2/calls/transcript}: transcripts of calls by id. */
  static final String TRANSCRIPT = "/v2/calls/transcript";
  static final String SCOPE_EXTENSIVE = "api:calls:read:extensive";
  static final String SCOPE_TRANSCRIPT = "api:calls:read:transcript";

  private final GongConfig config;
  private volatile HttpClient http; // null once closed
  private final ObjectMapper json;

  GongClient(GongConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(config.timeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Drops the HTTP client; Java 17's has no close, its selector thread ends once it is unreachable. */
  void close() {
    http = null;
  }

  boolean closed() {
    return http == null;
  }

  /**
   * Posts {@code body} to {@code path} once.
   *
   * @param timeout the whole exchange's bound (headers and body), already cut to the deadline
   * @return the parsed answer; Gong's "no calls found" 404 comes back as an empty answer
   */
  JsonNode post(String path, ObjectNode body, Duration timeout) throws InterruptedException {
    String operation = "POST " + path;
    HttpClient client = http;
    if (client == null) {
      throw new IllegalStateException("this GongConnector is closed");
    }
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(config.baseUrl() + path))
          .header("Authorization", config.authorizationHeader())
          .header("Content-Type", "application/json")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
          .build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a Gong request body", e);
    }
    HttpResponse<String> response;
    try {
      response = HttpCalls.send(client, request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), timeout);
    } catch (IOException e) {
      throw GongErrors.forIo(e, operation, timeout);
    }
    int status = response.statusCode();
    if (status == 404 && GongErrors.errors(response.body(), json).toLowerCase(Locale.ROOT).contains("no calls found")) {
      // Gong answers an empty result with 404 rather than an empty page (documented for /v2/calls*).
      return json.createObjectNode();
    }
    if (status < 200 || status >= 300) {
      String scope = path.equals(TRANSCRIPT) ? SCOPE_TRANSCRIPT : SCOPE_EXTENSIVE;
      throw GongErrors.forStatus(status, response.body(), response.headers().firstValue("Retry-After"), operation,
          scope, json);
    }
    try {
      JsonNode node = json.readTree(response.body());
      if (node == null || !node.isObject()) {
        throw GongErrors.malformed(operation, "not a JSON object", null);
      }
      return node;
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw GongErrors.malformed(operation, "invalid or truncated JSON"
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()), e);
    }
  }
}
