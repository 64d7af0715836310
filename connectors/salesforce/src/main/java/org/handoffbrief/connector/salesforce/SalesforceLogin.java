package org.handoffbrief.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sforce.soap.partner.LoginResult;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.DeadlineExceededException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.SourceUnavailableException;
import org.handoffbrief.spi.HttpCalls;
import org.handoffbrief.spi.SourceContext;
import org.handoffbrief.spi.kit.VendorText;

/**
 * Signs in with the configured {@link SalesforceAuth} and returns a session. OAuth flows use the
 * JDK HTTP client ("OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration" and "OAuth 2.0
 * Refresh Token Flow" in Salesforce Help); the password flow is the Partner API's SOAP login.
 * Every call is reported to the source context. Nothing secret reaches a message.
 */
final class SalesforceLogin {

  /** A signed-in session: where the org lives and the id to send. {@link #toString()} masks the id. */
  record Session(URI instanceUrl, String sessionId) {
    @Override
    public String toString() {
      return "Session[instanceUrl=" + instanceUrl + ", sessionId=****]";
    }
  }

  /** Salesforce accepts a JWT for at most 3 minutes after {@code exp}; a short life limits replay. */
  private static final Duration JWT_LIFETIME = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SalesforceConfig config;
  private volatile HttpClient http; // null once closed
  private final Clock clock;

  SalesforceLogin(SalesforceConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(config.timeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Whether {@link #login} can make a new session when the current one expires. */
  boolean canRenew() {
    return !(config.auth() instanceof SalesforceAuth.Session);
  }

  Session login(SourceContext context) {
    SalesforceAuth auth = config.auth();
    if (auth instanceof SalesforceAuth.Session s) {
      return new Session(s.instanceUrl(), s.sessionId());
    }
    if (auth instanceof SalesforceAuth.JwtBearer j) {
      var form = new LinkedHashMap<String, String>();
      form.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
      form.put("assertion", assertion(j));
      return token(form, "jwt-bearer", context);
    }
    if (auth instanceof SalesforceAuth.RefreshToken r) {
      var form = new LinkedHashMap<String, String>();
      form.put("grant_type", "refresh_token");
      form.put("client_id", r.clientId());
      form.put("client_secret", r.clientSecret());
      form.put("refresh_token", r.refreshToken());
      return token(form, "refresh_token", context);
    }
    return soapLogin((SalesforceAuth.Password) auth, context);
  }

  /** The signed JWT: RS256 over {@code base64url(header).base64url(claims)}, as RFC 7519 and 7515 lay out. */
  String assertion(SalesforceAuth.JwtBearer j) {
    long exp = clock.instant().plus(JWT_LIFETIME).getEpochSecond();
    String header = "{\"alg\":\"RS256\"}";
    String claims = "{\"iss\":" + jsonString(j.clientId()) + ",\"sub\":" + jsonString(j.username())
        + ",\"aud\":" + jsonString(config.loginUrl().toString()) + ",\"exp\":" + exp + "}";
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(j.privateKey());
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + b64.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new AuthenticationException(SalesforceErrors.SYSTEM, "could not sign the JWT bearer assertion with the"
          + " configured key (" + e.getClass().getSimpleName() + ")", null);
    }
  }

  private static String jsonString(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Session token(Map<String, String> form, String grant, SourceContext context) {
    URI tokenUrl = URI.create(config.loginUrl() + "/services/oauth2/token");
    String body = form.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpClient client = http;
    if (client == null) {
      throw new IllegalStateException("this SalesforceConnector is closed");
    }
    Duration timeout = timeout(context);
    HttpRequest request = HttpRequest.newBuilder(tokenUrl)
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    String operation = "POST /services/oauth2/token (" + grant + ")";
    long start = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = HttpCalls.send(client, request, HttpResponse.BodyHandlers.ofString(), timeout);
    } catch (HttpTimeoutException e) {
      context.recordCall(operation, Duration.ofNanos(System.nanoTime() - start), "timeout");
      throw new DeadlineExceededException(SalesforceErrors.SYSTEM, "the Salesforce token endpoint " + tokenUrl
          + " did not answer completely within " + timeout.toMillis() + " ms; retry later or raise salesforce.timeout.",
          e);
    } catch (IOException e) {
      context.recordCall(operation, Duration.ofNanos(System.nanoTime() - start), "io_error");
      throw new SourceUnavailableException(SalesforceErrors.SYSTEM, "could not reach " + tokenUrl + " to sign in ("
          + VendorText.root(e) + "); check salesforce.loginUrl and the network.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceUnavailableException(SalesforceErrors.SYSTEM, "sign-in to Salesforce was interrupted", e);
    }
    int status = response.statusCode();
    context.recordCall(operation, Duration.ofNanos(System.nanoTime() - start), status == 200 ? "ok" : "http_" + status);
    JsonNode json = parse(response.body(), status, tokenUrl);
    if (status == 200) {
      String token = json.path("access_token").asText("");
      String instance = json.path("instance_url").asText("");
      if (token.isBlank() || instance.isBlank()) {
        throw new MalformedResponseException(SalesforceErrors.SYSTEM, "the token response from " + tokenUrl
            + " has no access_token or instance_url", null);
      }
      return new Session(SalesforceAuth.httpUrl(URI.create(instance), "instance_url"), token);
    }
    // Token endpoint errors: {"error":"invalid_grant","error_description":"..."}; never echo the request.
    String error = json.path("error").asText("");
    String description = json.path("error_description").asText("");
    if (status >= 500) {
      throw new SourceUnavailableException(SalesforceErrors.SYSTEM, "the Salesforce token endpoint answered HTTP "
          + status + (error.isEmpty() ? "" : " (" + error + ")") + "; retry later.", null);
    }
    throw new AuthenticationException(SalesforceErrors.SYSTEM, "Salesforce refused the " + grant + " sign-in: "
        + (error.isEmpty() ? "HTTP " + status : error) + (description.isEmpty() ? "" : " (" + description + ")")
        + hint(error, grant), null);
  }

  private static String hint(String error, String grant) {
    if (!"invalid_grant".equals(error)) {
      return ".";
    }
    return grant.equals("jwt-bearer")
        ? "; check that the connected app holds the key's certificate, that the user is pre-authorised"
            + " (admin-approved users), and that salesforce.loginUrl matches the org (login or test)."
        : "; the refresh token was revoked or expired: authorise the connected app again.";
  }

  private static JsonNode parse(String body, int status, URI url) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || !n.isObject()) {
        throw new IOException("not a JSON object");
      }
      return n;
    } catch (IOException e) {
      if (status >= 500) {
        throw new SourceUnavailableException(SalesforceErrors.SYSTEM, "the Salesforce token endpoint " + url
            + " answered HTTP " + status + "; retry later.", null);
      }
      throw new MalformedResponseException(SalesforceErrors.SYSTEM, "the Salesforce token endpoint " + url
          + " answered HTTP " + status + " with a body that is not JSON", null);
    }
  }

  private Session soapLogin(SalesforceAuth.Password p, SourceContext context) {
    var wsc = new ConnectorConfig();
    String endpoint = config.loginUrl() + "/services/Soap/u/" + config.apiVersion();
    // The jar's built-in auth endpoint is not login.salesforce.com (SDK-NOTES): always set ours.
    wsc.setAuthEndpoint(endpoint);
    wsc.setServiceEndpoint(endpoint);
    wsc.setManualLogin(true);
    var transport = new StatusTransport.Factory();
    transport.install(wsc);
    int millis = (int) timeout(context).toMillis();
    wsc.setConnectionTimeout(millis);
    wsc.setReadTimeout(millis);
    long start = System.nanoTime();
    try {
      LoginResult result = new PartnerConnection(wsc).login(p.username(), p.password() + p.securityToken());
      context.recordCall("login", Duration.ofNanos(System.nanoTime() - start), "ok");
      if (result.isPasswordExpired()) {
        throw new AuthenticationException(SalesforceErrors.SYSTEM, "the password of Salesforce user " + p.username()
            + " has expired; set a new one and update salesforce.password.", null);
      }
      URI server = URI.create(result.getServerUrl());
      return new Session(URI.create(server.getScheme() + "://" + server.getRawAuthority()), result.getSessionId());
    } catch (ConnectionException e) {
      context.recordCall("login", Duration.ofNanos(System.nanoTime() - start), SalesforceErrors.outcome(e));
      throw SalesforceErrors.translate(e, "login of user " + p.username(), transport.lastAnswerWasHttpError());
    }
  }

  /**
   * A call's timeout: the configured one, cut to what is left of the source's deadline; at least
   * 1 ms, since HttpURLConnection reads 0 as "wait forever".
   */
  Duration timeout(SourceContext context) {
    Duration t = HttpCalls.timeout(config.timeout(), context);
    return t.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : t;
  }

  /** Drops the HTTP client; Java 17's has no close, its selector thread ends once it is unreachable. */
  void close() {
    http = null;
  }
}
