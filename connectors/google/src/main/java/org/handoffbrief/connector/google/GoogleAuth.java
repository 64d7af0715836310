package org.handoffbrief.connector.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;
import org.handoffbrief.spi.HttpCalls;
import org.handoffbrief.spi.kit.RetryAfter;

/**
 * How the Google connectors get an OAuth 2.0 access token for the mailbox or calendar they read.
 * Pluggable: a host with its own token service implements {@link #token}; the factories cover the
 * usual set-ups.
 *
 * <ul>
 *   <li>{@link #serviceAccount(Path)}: a service account with <b>domain-wide delegation</b>, which
 *       impersonates each internal mailbox in turn (the JWT bearer grant, RFC 7523, with {@code sub}
 *       set to the mailbox). A Workspace admin authorises the service account's client id for
 *       exactly the read-only scopes the connectors ask for (Admin console, Security, API controls,
 *       Domain-wide delegation).
 *   <li>{@link #refreshToken}: one user's OAuth consent; reads only that user's own mailbox.
 *   <li>{@link #accessToken(String)}: a ready token from the host's own secret store.
 * </ul>
 *
 * <p>Tokens are cached per mailbox by the connector until shortly before they expire. Nothing here
 * logs or prints a key or a token.
 */
@FunctionalInterface
public interface GoogleAuth {

  /** Google's token endpoint. */
  URI GOOGLE_TOKEN_URI = URI.create("https://oauth2.googleapis.com/token");

  /**
   * A token that lets the caller read {@code mailbox} with {@code scopes}.
   *
   * @param mailbox the Workspace address to act as (delegation subject)
   * @param scopes the OAuth scopes needed, full URLs
   * @throws TokenRefusedException when the token endpoint refuses (bad key, unauthorised scope)
   * @throws TokenEndpointException when the token endpoint is busy, down, unreachable or answers
   *     something that is not OAuth JSON
   * @throws IOException for any other failure of a host's own implementation
   */
  AccessToken token(String mailbox, Collection<String> scopes) throws IOException;

  /**
   * An access token and when it expires. {@link #toString()} never shows the value.
   *
   * @param value the bearer token
   * @param expiresAt when it stops working
   */
  record AccessToken(String value, Instant expiresAt) {
    public AccessToken {
      Objects.requireNonNull(value, "value == null");
      Objects.requireNonNull(expiresAt, "expiresAt == null");
    }

    @Override
    public String toString() {
      return "AccessToken{value=****, expiresAt=" + expiresAt + "}";
    }
  }

  /**
   * The token endpoint said no. {@link #error()} is the OAuth error code ({@code invalid_grant},
   * {@code unauthorized_client}, {@code access_denied}); the message never carries a secret.
   */
  final class TokenRefusedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String error;
    private final int status;

    public TokenRefusedException(int status, String error, String description) {
      super("token endpoint refused (HTTP " + status + ", " + error
          + (description == null || description.isBlank() ? "" : ": " + description) + ")");
      this.status = status;
      this.error = error;
    }

    /** The OAuth error code. */
    public String error() {
      return error;
    }

    /** The HTTP status of the refusal. */
    public int status() {
      return status;
    }

    /** True when the credentials work but are not allowed the scopes asked for. */
    public boolean isScopeRefusal() {
      return "unauthorized_client".equals(error) || "access_denied".equals(error) || "invalid_scope".equals(error);
    }
  }

  /**
   * A service account with domain-wide delegation, from its JSON key file (as downloaded from the
   * Cloud console: {@code client_email}, {@code private_key}, {@code token_uri}).
   *
   * @throws IllegalArgumentException when the file cannot be read or is not a service account key;
   *     the message names the file, never the key
   */
  static GoogleAuth serviceAccount(Path keyFile) {
    Objects.requireNonNull(keyFile, "keyFile == null");
    JsonNode key;
    try {
      key = new ObjectMapper().readTree(Files.readAllBytes(keyFile));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the service account key file " + keyFile + " ("
          + e.getClass().getSimpleName() + ")", e);
    }
    String email = key.path("client_email").asText("");
    String pem = key.path("private_key").asText("");
    if (!"service_account".equals(key.path("type").asText("")) || email.isBlank() || pem.isBlank()) {
      throw new IllegalArgumentException(keyFile + " is not a service account JSON key (type service_account with"
          + " client_email and private_key)");
    }
    URI tokenUri = key.hasNonNull("token_uri") ? URI.create(key.get("token_uri").asText()) : GOOGLE_TOKEN_URI;
    return serviceAccount(email, pkcs8(pem, keyFile.toString()), tokenUri);
  }

  /**
   * A service account with domain-wide delegation, from its parts.
   *
   * @param clientEmail the service account's address ({@code ...@...iam.gserviceaccount.com})
   * @param privateKey its RSA private key
   * @param tokenUri the token endpoint, normally {@link #GOOGLE_TOKEN_URI}
   */
  static GoogleAuth serviceAccount(String clientEmail, PrivateKey privateKey, URI tokenUri) {
    Objects.requireNonNull(clientEmail, "clientEmail == null");
    Objects.requireNonNull(privateKey, "privateKey == null");
    Objects.requireNonNull(tokenUri, "tokenUri == null");
    return new GoogleAuth() {
      @Override
      public AccessToken token(String mailbox, Collection<String> scopes) throws IOException {
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        var claims = new ObjectMapper().createObjectNode().put("iss", clientEmail).put("sub", mailbox)
            .put("scope", String.join(" ", scopes)).put("aud", tokenUri.toString()).put("iat", now)
            .put("exp", now + 3600);
        String unsigned = header + "." + b64(claims.toString());
        String signature;
        try {
          Signature s = Signature.getInstance("SHA256withRSA");
          s.initSign(privateKey);
          s.update(unsigned.getBytes(StandardCharsets.US_ASCII));
          signature = Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("cannot sign the JWT for the service account " + clientEmail, e);
        }
        return post(tokenUri, "grant_type=" + enc("urn:ietf:params:oauth:grant-type:jwt-bearer") + "&assertion="
            + enc(unsigned + "." + signature));
      }

      @Override
      public String toString() {
        return "GoogleAuth.serviceAccount(" + clientEmail + ")";
      }
    };
  }

  /**
   * One user's OAuth consent (a refresh token from the authorization code flow). It reads only that
   * user's own mailbox and calendar, so configure that user as the only mailbox.
   */
  static GoogleAuth refreshToken(String clientId, String clientSecret, String refreshToken, URI tokenUri) {
    Objects.requireNonNull(clientId, "clientId == null");
    Objects.requireNonNull(clientSecret, "clientSecret == null");
    Objects.requireNonNull(refreshToken, "refreshToken == null");
    Objects.requireNonNull(tokenUri, "tokenUri == null");
    return new GoogleAuth() {
      @Override
      public AccessToken token(String mailbox, Collection<String> scopes) throws IOException {
        return post(tokenUri, "grant_type=refresh_token&client_id=" + enc(clientId) + "&client_secret="
            + enc(clientSecret) + "&refresh_token=" + enc(refreshToken));
      }

      @Override
      public String toString() {
        return "GoogleAuth.refreshToken(clientId=" + clientId + ", clientSecret=****, refreshToken=****)";
      }
    };
  }

  /** A ready access token, used for every mailbox until the API refuses it. */
  static GoogleAuth accessToken(String token) {
    return new StaticToken(new AccessToken(Objects.requireNonNull(token, "token == null"), Instant.MAX));
  }

  /** A token given by the host: no call is made for it, so none is counted against the budget. */
  record StaticToken(AccessToken accessToken) implements GoogleAuth {
    @Override
    public AccessToken token(String mailbox, Collection<String> scopes) {
      return accessToken;
    }

    @Override
    public String toString() {
      return "GoogleAuth.accessToken(****)";
    }
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static PrivateKey pkcs8(String pem, String where) {
    try {
      String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the private_key in " + where + " is not a PKCS#8 RSA key", e);
    }
  }

  /**
   * The token endpoint did not answer with a token or a refusal: it is busy (429, with the wait it
   * asked for), down (5xx), answered something that is not OAuth JSON (an HTML page), or could not
   * be reached in time. The credentials may be fine: a later attempt can succeed.
   */
  final class TokenEndpointException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient Duration retryAfter;

    public TokenEndpointException(int status, Duration retryAfter, String message, Throwable cause) {
      super(message, cause);
      this.status = status;
      this.retryAfter = retryAfter;
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int status() {
      return status;
    }

    /** The wait the endpoint asked for ({@code Retry-After}), when it said. */
    public java.util.Optional<Duration> retryAfter() {
      return java.util.Optional.ofNullable(retryAfter);
    }
  }

  /** Posts a token request form; the answer is Google's token JSON or an OAuth error JSON. */
  private static AccessToken post(URI tokenUri, String form) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(tokenUri)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    HttpResponse<String> response;
    try {
      response = HttpCalls.send(TokenClient.CLIENT, request, HttpResponse.BodyHandlers.ofString(),
          TokenClient.TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while asking for a token");
    } catch (IOException e) {
      throw new TokenEndpointException(0, null, "the token endpoint could not be reached ("
          + e.getClass().getSimpleName() + ")", e);
    }
    int status = response.statusCode();
    JsonNode body;
    try {
      body = new ObjectMapper().readTree(response.body());
    } catch (IOException e) {
      body = null; // an HTML error page or a cut body: judged by the status below
    }
    boolean oauthError = body != null && body.isObject() && body.hasNonNull("error");
    if (status == 429) {
      throw new TokenEndpointException(status, RetryAfter.orNull(response.headers().firstValue("Retry-After")
          .orElse(null)), "the token endpoint asked us to slow down (HTTP 429)", null);
    }
    if (status == 401 || (status / 100 == 4 && oauthError)) {
      throw new TokenRefusedException(status, oauthError ? body.path("error").asText() : "unauthorized",
          oauthError ? body.path("error_description").asText(null) : null);
    }
    if (status / 100 != 2) {
      throw new TokenEndpointException(status, null, "the token endpoint answered HTTP " + status
          + (oauthError ? "" : " without OAuth JSON"), null);
    }
    if (body == null || !body.hasNonNull("access_token")) {
      throw new TokenEndpointException(status, null, "the token endpoint answered HTTP " + status
          + " without an access_token", null);
    }
    long expiresIn = body.path("expires_in").asLong(3600);
    return new AccessToken(body.get("access_token").asText(), Instant.now().plusSeconds(expiresIn));
  }
}
