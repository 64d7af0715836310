package org.handoffbrief.connector.zendesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.spi.RateLimiter;
import org.handoffbrief.spi.kit.FailureMapper;
import org.handoffbrief.spi.kit.JsonHttp;
import org.handoffbrief.spi.kit.RetryAfter;
import org.handoffbrief.spi.kit.VendorText;

/**
 * How the connector talks to the Zendesk REST API v2: one {@link JsonHttp} (the kit's template)
 * with Zendesk's hints, its error text and its rate headers. Messages come from the status and the
 * vendor's {@code error}/{@code description}; the {@code Authorization} header never appears in one.
 */
final class ZendeskHttp {
  private static final String SYSTEM = ZendeskConnector.SYSTEM;
  private static final FailureMapper FAILURES = FailureMapper.of(SYSTEM, "Zendesk",
      "check zendesk.email and zendesk.apiToken, or give a fresh zendesk.accessToken", needs -> "it needs " + needs);
  private static final ObjectMapper JSON = new ObjectMapper();

  private ZendeskHttp() {}

  /**
   * The connector's one client; GETs take a path already encoded, starting with {@code /api/v2/}.
   *
   * @param limiter the connector's; paused when Zendesk's headers say the minute's calls are spent
   */
  static JsonHttp open(ZendeskConfig config, RateLimiter limiter) {
    return JsonHttp.builder(config.baseUrl(), FAILURES)
        .authorization(() -> config.auth().authorizationHeader())
        .connectTimeout(config.timeout())
        .vendorSaid(ZendeskHttp::vendorMessage)
        .onHeaders(headers -> windowSpent(headers).ifPresent(limiter::pauseFor))
        .hints("retry later or raise zendesk.timeout",
            "check zendesk.subdomain or zendesk.baseUrl and the network, then retry")
        .build();
  }

  /** The vendor's error text ({@code error} with its title and message, or with {@code description}), or empty. */
  private static String vendorMessage(String body) {
    try {
      JsonNode n = JSON.readTree(body);
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
