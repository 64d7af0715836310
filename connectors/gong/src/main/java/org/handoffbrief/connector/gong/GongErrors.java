package org.handoffbrief.connector.gong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.handoffbrief.HandoffException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.RateLimitException;
import org.handoffbrief.UsageLimitExceededException;
import org.handoffbrief.model.SourceFailure;
import org.handoffbrief.spi.kit.FailureMapper;
import org.handoffbrief.spi.kit.JsonHttp;
import org.handoffbrief.spi.kit.RetryAfter;
import org.handoffbrief.spi.kit.VendorText;
import org.jspecify.annotations.Nullable;

/**
 * Turns Gong's HTTP answers into the library's typed exceptions. Gong's error body is
 * {@code {"requestId": "...", "errors": ["..."]}}; its messages name fields and filters, never
 * credentials, so a cut of them goes into ours. The request's headers are never quoted.
 */
final class GongErrors {
  static final String SYSTEM = GongConnector.SYSTEM;

  /**
   * A {@code Retry-After} this long means the daily limit (10,000 calls by default) is spent, not
   * the per-second one: waiting inside one brief would not help.
   */
  static final Duration DAILY_LIMIT_HINT = Duration.ofMinutes(10);

  private static final FailureMapper FAILURES = FailureMapper.of(SYSTEM, "Gong",
      "check gong.accessKey and gong.accessKeySecret, or renew gong.bearerToken",
      scope -> "the API key or OAuth app lacks the scope " + scope + "; add it on Gong's API settings page"
          + (scope.endsWith("transcript") ? " or set gong.transcripts=false" : ""));

  private static final ObjectMapper JSON = new ObjectMapper();

  private GongErrors() {}

  /** Gong no longer accepts the paging cursor (they expire after about an hour). Not retriable. */
  static final class CursorExpiredException extends HandoffException {
    private static final long serialVersionUID = 1L;

    CursorExpiredException(String message) {
      super(SYSTEM, SourceFailure.Kind.ERROR, false, message, null);
    }
  }

  /**
   * The connector's one client: the kit's template with Gong's hints, its {@code errors} list and
   * its special answers.
   */
  static JsonHttp open(GongConfig config) {
    return JsonHttp.builder(config.baseUrl(), FAILURES)
        .authorization(config::authorizationHeader)
        .connectTimeout(config.timeout())
        .vendorSaid(GongErrors::errors)
        .errorAnswers(GongErrors::special)
        .hints("retry later or raise gong.timeout", "check gong.baseUrl and the network, then retry")
        .build();
  }

  /**
   * Gong's own answers, read before the kit's mapper: "no calls found" (a 404 rather than an empty
   * page, documented for /v2/calls*) is an empty answer; a 429 may mean the daily limit; a 400 may
   * mean an expired cursor.
   */
  static @Nullable JsonNode special(int status, String body, HttpHeaders headers, String operation, String scope) {
    String errors = errors(body);
    if (status == 404 && errors.toLowerCase(Locale.ROOT).contains("no calls found")) {
      return JSON.createObjectNode();
    }
    String said = errors.isEmpty() ? "" : " (Gong said: " + errors + ")";
    return switch (status) {
      case 429 -> throw rateLimit(headers.firstValue("Retry-After").flatMap(RetryAfter::parse), operation, said);
      case 400 -> throw errors.toLowerCase(Locale.ROOT).contains("cursor")
          ? new CursorExpiredException("Gong no longer accepts the paging cursor of " + operation + said
              + "; cursors expire after about an hour. Run the brief again.")
          : HandoffException.of(SYSTEM, "Gong refused " + operation + " as malformed (HTTP 400)" + said
              + "; this is a bug in the connector or an unsupported setting (gong.workspaceId,"
              + " gong.primaryUserIds).", null);
      default -> null;
    };
  }

  private static RateLimitException rateLimit(Optional<Duration> retryAfter, String operation, String said) {
    if (retryAfter.isPresent() && retryAfter.get().compareTo(DAILY_LIMIT_HINT) > 0) {
      return new UsageLimitExceededException(SYSTEM, "Gong refused " + operation + " (HTTP 429)" + said
          + " and asked to wait " + retryAfter.get().toMinutes() + " minutes: the company's daily API limit"
          + " (10,000 calls by default) is spent. Run the brief after it resets.", null);
    }
    return new RateLimitException(SYSTEM, "Gong asked to slow down for " + operation + " (HTTP 429)" + said
        + "; lower gong.maxRequestsPerSecond if this repeats.", retryAfter.orElse(null), null);
  }

  /** A 2xx body that is not the JSON Gong documents. */
  static MalformedResponseException malformed(String operation, String why, Throwable cause) {
    return new MalformedResponseException(SYSTEM, "Gong answered " + operation + " with a body that cannot be read ("
        + why + ").", cause);
  }

  /** Gong's {@code errors} list, joined and cut short; empty when the body is not Gong's error JSON. */
  static String errors(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode errors = JSON.readTree(body).path("errors");
      var out = new StringBuilder();
      for (JsonNode e : errors) {
        out.append(out.length() == 0 ? "" : "; ").append(e.asText());
      }
      return VendorText.cut(out.toString());
    } catch (IOException e) {
      return "";
    }
  }
}
