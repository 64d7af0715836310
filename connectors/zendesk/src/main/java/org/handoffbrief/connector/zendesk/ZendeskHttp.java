package org.handoffbrief.connector.zendesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.handoffbrief.DeadlineExceededException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.spi.HttpCalls;
import org.handoffbrief.spi.RateLimiter;
import org.handoffbrief.spi.kit.FailureMapper;
import org.handoffbrief.spi.kit.RetryAfter;
import org.handoffbrief.spi.kit.VendorText;

/**
 * One GET against the Zendesk REST API v2, its answer turned into JSON or a typed exception.
 * Messages come from the status and the vendor's {@code error}/{@code description}; the
 * {@code Authorization} header never appears in one.
 */
final class ZendeskHttp {
  private static final String SYSTEM = ZendeskConnector.SYSTEM;
  private static final FailureMapper FAILURES = FailureMapper.of(SYSTEM, "Zendesk",
      "check zendesk.email and zendesk.apiToken, or give a fresh zendesk.accessToken", needs -> "it needs " + needs);

  private final ZendeskConfig config;
  private volatile HttpClient client; // null once closed
  private final ObjectMapper json = new ObjectMapper();
  private final RateLimiter limiter;

  /** @param limiter the connector's; paused when Zendesk's headers say the minute's calls are spent */
  ZendeskHttp(ZendeskConfig config, RateLimiter limiter) {
    this.config = config;
    this.limiter = limiter;
    // Redirects are never followed: a redirect must not carry our credentials to another host.
    this.client = HttpClient.newBuilder().connectTimeout(config.timeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * GETs {@code pathAndQuery} (already encoded, starting with {@code /api/v2/}).
   *
   * @param operation what is called, for messages ({@code GET /api/v2/search.json})
   * @param needs what a 403 means is missing, e.g. "an agent role that can see the organization's tickets"
   */
  JsonNode get(String pathAndQuery, String operation, String needs, Duration timeout)
      throws IOException, InterruptedException {
    HttpClient http = client;
    if (http == null) {
      throw new IllegalStateException("this ZendeskConnector is closed");
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(config.baseUrl() + pathAndQuery))
        .header("Authorization", config.auth().authorizationHeader())
        .header("Accept", "application/json")
        .GET().build();
    HttpResponse<String> response;
    try {
      response = HttpCalls.send(http, request, HttpResponse.BodyHandlers.ofString(), timeout);
    } catch (HttpTimeoutException e) {
      throw new DeadlineExceededException(SYSTEM, "Zendesk did not answer " + operation + " completely within "
          + timeout.toMillis() + " ms; retry later or raise zendesk.timeout.", e);
    }
    windowSpent(response.headers()).ifPresent(limiter::pauseFor);
    int status = response.statusCode();
    String body = response.body() == null ? "" : response.body();
    if (status >= 200 && status < 300) {
      try {
        JsonNode node = json.readTree(body);
        if (node == null || !node.isObject()) {
          throw new MalformedResponseException(SYSTEM, "Zendesk answered " + operation + " with "
              + (body.isBlank() ? "an empty body" : "JSON that is not an object") + ".", null);
        }
        return node;
      } catch (JsonProcessingException e) {
        throw new MalformedResponseException(SYSTEM, "Zendesk answered " + operation + " with a body that is not"
            + " complete JSON (" + e.getOriginalMessage() + ", " + body.length() + " characters).", e);
      }
    }
    throw FAILURES.map(status, operation, vendorMessage(body), needs,
        response.headers().firstValue("Retry-After").orElse(null));
  }

  void requireOpen() {
    if (client == null) {
      throw new IllegalStateException("this ZendeskConnector is closed");
    }
  }

  /** Drops the HTTP client; Java 17's has no close, its selector thread ends once it is unreachable. */
  void close() {
    client = null;
  }

  /** The vendor's error text ({@code error} with its title and message, or with {@code description}), or empty. */
  private String vendorMessage(String body) {
    try {
      JsonNode n = json.readTree(body);
      if (n == null || !n.isObject()) {
        return "";
      }
      JsonNode error = n.path("error");
      return error.isObject() ? join(error.path("title").asText(""), error.path("message").asText(""))
          : join(error.asText(""), n.path("description").asText(""));
    } catch (JsonProcessingException e) {
      return "";
    }
  }

  private static String join(String a, String b) {
    return a.isBlank() ? b : b.isBlank() ? a : a + " - " + b;
  }

  /**
   * How long until Zendesk's window reopens, when its headers say no call is left in it
   * ({@code ratelimit-remaining: 0} with {@code ratelimit-reset} seconds): every brief then waits
   * instead of each earning a 429. Other counts, or headers we cannot read, change nothing.
   */
  static Optional<Duration> windowSpent(java.net.http.HttpHeaders h) {
    Optional<String> remaining = h.firstValue("ratelimit-remaining").or(() -> h.firstValue("X-Rate-Limit-Remaining"));
    if (!remaining.map(String::strip).filter("0"::equals).isPresent()) {
      return Optional.empty();
    }
    return h.firstValue("ratelimit-reset").flatMap(RetryAfter::parse);
  }

  /**
   * The path and query of a {@code next_page} or {@code links.next} URL, encoded for {@link URI}. The
   * link's host is dropped on purpose: every call goes to the configured base URL, so a link can
   * never send the credentials elsewhere (and a proxy base URL keeps working).
   */
  static String pathOf(String link) {
    String s = link.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]+", "");
    int api = s.indexOf("/api/v2/");
    if (api < 0) {
      throw new MalformedResponseException(SYSTEM, "Zendesk gave a next-page link outside /api/v2/: "
          + VendorText.cut(link, 120), null);
    }
    return s.substring(api).replace("[", "%5B").replace("]", "%5D").replace(" ", "%20").replace("\"", "%22");
  }
}
