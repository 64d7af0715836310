package org.handoffbrief.connector.microsoft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.DeadlineExceededException;
import org.handoffbrief.HandoffException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.RateLimitException;
import org.handoffbrief.SourceUnavailableException;
import org.handoffbrief.spi.ApiCalls;
import org.handoffbrief.spi.HttpCalls;
import org.handoffbrief.spi.kit.RetryAfter;
import org.handoffbrief.spi.kit.VendorText;

/**
 * The OAuth 2.0 client-credentials grant of the Microsoft identity platform, with the JDK HTTP
 * client: {@code POST {authority}/{tenant}/oauth2/v2.0/token} with the app's secret or a signed
 * certificate assertion, scope {@code {graph}/.default}. azure-identity does the same in 15 MB.
 * The token is cached until five minutes before it expires. Thread-safe.
 */
final class GraphToken {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration EARLY = Duration.ofMinutes(5);
  static final String OPERATION = "POST /oauth2/v2.0/token";

  /** A token and what it grants: the application permissions in its {@code roles} claim. */
  record Token(String value, Instant expiresAt, Optional<Set<String>> roles) {
    @Override
    public String toString() {
      return "Token{value=****, expiresAt=" + expiresAt + ", roles=" + roles + "}";
    }
  }

  private final OutlookConfig config;
  private volatile HttpClient http; // null once closed
  private final Clock clock;
  private Token cached; // guarded by this

  GraphToken(OutlookConfig config, HttpClient http, Clock clock) {
    this.config = config;
    this.http = http;
    this.clock = clock;
  }

  /** The cached token, or a new one fetched through {@code calls} (counted, retried when transient). */
  synchronized Token token(ApiCalls calls) {
    if (cached == null || clock.instant().plus(EARLY).isAfter(cached.expiresAt())) {
      cached = calls.call(OPERATION, () -> fetch(HttpCalls.timeout(config.timeout(), calls.context())));
    }
    return cached;
  }

  /** Drops the HTTP client; Java 17's has no close, its selector thread ends once it is unreachable. */
  void close() {
    http = null;
  }

  /** The cached token without fetching, or null; what Graph's credential hands out. */
  synchronized Token cached() {
    return cached;
  }

  URI endpoint() {
    return URI.create(config.authorityUrl() + "/" + config.tenantId() + "/oauth2/v2.0/token");
  }

  private Token fetch(Duration timeout) throws IOException, InterruptedException {
    HttpClient client = http;
    if (client == null) {
      throw new IllegalStateException("this OutlookConnector is closed");
    }
    var form = new LinkedHashMap<String, String>();
    form.put("client_id", config.clientId());
    form.put("scope", config.graphUrl() + "/.default");
    form.put("grant_type", "client_credentials");
    if (config.clientSecret() != null) {
      form.put("client_secret", config.clientSecret());
    } else {
      form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
      form.put("client_assertion", assertion());
    }
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest request = HttpRequest.newBuilder(endpoint())
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response;
    try {
      response = HttpCalls.send(client, request, HttpResponse.BodyHandlers.ofString(), timeout);
    } catch (HttpTimeoutException e) {
      throw new DeadlineExceededException(GraphErrors.SYSTEM, "The Microsoft identity platform did not answer the"
          + " token request completely within " + timeout.toMillis() + " ms; retry later or raise outlook.timeout.", e);
    } catch (IOException e) {
      throw new SourceUnavailableException(GraphErrors.SYSTEM, "The Microsoft identity platform could not be"
          + " reached at " + endpoint() + " (" + VendorText.root(e) + "); check outlook.authorityUrl and the"
          + " network, then retry.", e);
    }
    return read(response);
  }

  private Token read(HttpResponse<String> response) {
    int status = response.statusCode();
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException e) {
      json = null;
    }
    if (status == 200) {
      if (json == null || !json.path("access_token").isTextual()) {
        throw new MalformedResponseException(GraphErrors.SYSTEM, "The Microsoft identity platform answered the"
            + " token request with HTTP 200 but no access_token in a JSON body.", null);
      }
      String token = json.path("access_token").asText();
      long seconds = json.path("expires_in").asLong(3599);
      return new Token(token, clock.instant().plusSeconds(seconds), roles(token));
    }
    if (status == 429) {
      throw new RateLimitException(GraphErrors.SYSTEM, "The Microsoft identity platform throttled the token"
          + " request (429).", RetryAfter.orNull(response.headers().firstValue("Retry-After").orElse(null)), null);
    }
    if (status >= 500) {
      throw new SourceUnavailableException(GraphErrors.SYSTEM, "The Microsoft identity platform answered the"
          + " token request with HTTP " + status + "; retry later.", null);
    }
    if (json == null) {
      throw new MalformedResponseException(GraphErrors.SYSTEM, "The Microsoft identity platform answered the"
          + " token request with HTTP " + status + " and a body that is not JSON.", null);
    }
    // AADSTS descriptions name the tenant, the app id and trace ids, never the secret or assertion.
    String error = json.path("error").asText("unknown_error");
    String description = json.path("error_description").asText("").lines().findFirst().orElse("");
    throw new AuthenticationException(GraphErrors.SYSTEM, "The Microsoft identity platform refused the"
        + " client-credentials grant for app " + config.clientId() + " in tenant " + config.tenantId() + " (" + error
        + ": " + description + "); check outlook.tenantId, outlook.clientId and the app's secret or certificate.",
        null);
  }

  /**
   * The {@code roles} claim of a JWT access token: the application permissions an admin granted.
   * Empty when the token is not a readable JWT (Microsoft says not to rely on its format, so the
   * connector then learns about a missing permission from Graph's 403 instead).
   */
  static Optional<Set<String>> roles(String token) {
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      var roles = new LinkedHashSet<String>();
      claims.path("roles").forEach(r -> roles.add(r.asText()));
      return Optional.of(Set.copyOf(roles));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The client assertion of the certificate credential: an RS256 JWT naming the certificate by thumbprint. */
  private String assertion() {
    try {
      OutlookConfig.Certificate cert = config.certificate();
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      String thumbprint = b64.encodeToString(MessageDigest.getInstance("SHA-1").digest(cert.certificate().getEncoded()));
      Map<String, Object> header = Map.of("alg", "RS256", "typ", "JWT", "x5t", thumbprint);
      long now = clock.instant().getEpochSecond();
      var claims = new LinkedHashMap<String, Object>();
      claims.put("aud", endpoint().toString());
      claims.put("iss", config.clientId());
      claims.put("sub", config.clientId());
      claims.put("jti", UUID.randomUUID().toString());
      claims.put("nbf", now);
      claims.put("iat", now);
      claims.put("exp", now + 600);
      String signingInput = b64.encodeToString(JSON.writeValueAsBytes(header)) + "."
          + b64.encodeToString(JSON.writeValueAsBytes(claims));
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(cert.privateKey());
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + b64.encodeToString(signer.sign());
    } catch (GeneralSecurityException | IOException e) {
      throw HandoffException.of(GraphErrors.SYSTEM, "Could not sign the client assertion with the configured"
          + " certificate key (" + e.getClass().getSimpleName() + ").", e);
    }
  }
}
