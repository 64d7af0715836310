package org.handoffbrief.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Microsoft 365 tenant on loopback, in Microsoft Graph's own wire format: the identity
 * platform's client-credentials token endpoint ({@code /{tenant}/oauth2/v2.0/token}) and each
 * mailbox's {@code /v1.0/users/{id}/messages} and {@code /v1.0/users/{id}/calendarView}.
 *
 * <p>It is seeded with pages as Graph returns them ({@link #messages}, {@link #calendarView}); a
 * page's {@code @odata.nextLink} is pointed at the fake and leads to the next page, whatever query
 * the link carries ({@code $skiptoken}, {@code $skip}). It checks what Graph checks: the token
 * request names {@link #clientId()} and {@link #clientSecret()} (else the identity platform's
 * {@code invalid_client}); every Graph call carries the token it issued (else
 * {@code 401 InvalidAuthenticationToken}); the token's {@code roles} claim holds the application
 * permissions {@link #grant granted} (mail needs {@code Mail.Read}, calendars
 * {@code Calendars.Read}, else {@code 403 ErrorAccessDenied}); a mailbox never seeded is
 * {@code 404 ErrorInvalidUser}.
 *
 * <pre>{@code
 * try (FakeOutlook tenant = FakeOutlook.start()) {
 *   tenant.messages("se@vendor.example", firstPageJson, secondPageJson);
 *   // point the Outlook connector at tenant.authorityUrl() and tenant.graphUrl(), signing in as
 *   // tenant.tenantId(), tenant.clientId() and tenant.clientSecret()
 * }
 * }</pre>
 */
public final class FakeOutlook extends FakeVendor {
  private static final String TENANT_ID = "00000000-0000-4000-8000-0000000000aa";
  private static final String CLIENT_ID = "00000000-0000-4000-8000-0000000000bb";
  private static final String CLIENT_SECRET = "test-client-secret-not-a-secret";
  private static final String JSON = "application/json; charset=utf-8";
  private static final Pattern USER = Pattern.compile("/v1\\.0/users/([^/]+)/(messages|calendarView)");

  private final Data data;

  private FakeOutlook(WireMockServer server, Data data) {
    super(server);
    this.data = data;
  }

  /** Starts an empty tenant on 127.0.0.1 on a free port, granting {@code Mail.Read} and {@code Calendars.Read}. */
  public static FakeOutlook start() {
    var data = new Data();
    WireMockServer server = Answering.start(new Api(data)::answer);
    return new FakeOutlook(server, data);
  }

  @Override
  protected String rateLimitedBody() {
    return "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many requests.\"}}";
  }

  /** Stands in for {@code https://login.microsoftonline.com}. */
  public URI authorityUrl() {
    return graphUrl();
  }

  /** Stands in for {@code https://graph.microsoft.com}: no trailing slash, as Graph's links are built. */
  public URI graphUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The tenant's id; the token endpoint listens at {@code /{tenantId}/oauth2/v2.0/token}. */
  public String tenantId() {
    return TENANT_ID;
  }

  /** The app registration's client id the tenant accepts. */
  public String clientId() {
    return CLIENT_ID;
  }

  /** The client secret the tenant accepts: made up, valid only here. */
  public String clientSecret() {
    return CLIENT_SECRET;
  }

  /** The application permissions the next token carries in its {@code roles} claim; returns this. */
  public FakeOutlook grant(String... roles) {
    data.roles = List.of(roles);
    return this;
  }

  /** The access token the tenant issues now, for the permissions granted. */
  public String accessToken() {
    return data.token();
  }

  /**
   * Makes {@code mailbox} answer {@code /messages} with {@code pages} in order, in place of what it
   * answered before; no page answers an empty collection.
   */
  public FakeOutlook messages(String mailbox, String... pages) {
    data.pages.put(key(mailbox, "messages"), Page.all(pages));
    return this;
  }

  /** Makes {@code mailbox} answer {@code /calendarView} with {@code pages}, as {@link #messages} does. */
  public FakeOutlook calendarView(String mailbox, String... pages) {
    data.pages.put(key(mailbox, "calendarView"), Page.all(pages));
    return this;
  }

  private static String key(String mailbox, String collection) {
    return Objects.requireNonNull(mailbox, "mailbox == null").toLowerCase(java.util.Locale.ROOT) + " " + collection;
  }

  /**
   * A seeded page with its {@code @odata.nextLink} and that link's query read once, when seeded:
   * answering then compares queries, not parses every page before it (a benchmark's are megabytes).
   */
  private record Page(String body, String nextLink, Map<String, String> nextQuery) {
    static List<Page> all(String... pages) {
      var mapper = new ObjectMapper();
      var out = new java.util.ArrayList<Page>();
      for (String body : pages) {
        String next = Api.nextLink(mapper, body);
        out.add(new Page(body, next, next == null ? null : Api.query(URI.create(Api.relative(next)).getRawQuery())));
      }
      return List.copyOf(out);
    }

    /** The page with its next link on {@code base}, so the client comes back here for the next page. */
    String pointedAt(String base) {
      return nextLink == null ? body : body.replace(nextLink, base + Api.relative(nextLink));
    }
  }

  /** What the tenant serves, shared with the server's transformer. */
  private static final class Data {
    volatile List<String> roles = List.of("Calendars.Read", "Mail.Read");
    final Map<String, List<Page>> pages = new ConcurrentHashMap<>();
    final Set<String> issued = ConcurrentHashMap.newKeySet();

    /** An unsigned JWT in the identity platform's shape; the connector reads only its claims. */
    String token() {
      var mapper = new ObjectMapper();
      ObjectNode claims = mapper.createObjectNode().put("aud", "https://graph.microsoft.com")
          .put("iss", "https://sts.windows.net/" + TENANT_ID + "/").put("appid", CLIENT_ID).put("idtyp", "app")
          .put("tid", TENANT_ID).put("exp", 4102444800L);
      roles.forEach(claims.putArray("roles")::add);
      var b64 = Base64.getUrlEncoder().withoutPadding();
      String token = b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"fake-kid\"}"
          .getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(claims.toString()
          .getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString("fake-signature".getBytes(StandardCharsets.UTF_8));
      issued.add(token);
      return token;
    }
  }

  /** Answers every request from {@link Data}, as Graph and the identity platform would. */
  private static final class Api {
    private final Data data;
    private final ObjectMapper json = new ObjectMapper();

    Api(Data data) {
      this.data = data;
    }

    ResponseDefinition answer(Request request) {
      URI url = URI.create(request.getUrl());
      if (url.getRawPath().equals("/" + TENANT_ID + "/oauth2/v2.0/token")) {
        return token(form(request.getBodyAsString()));
      }
      String bearer = request.getHeader("Authorization");
      if (bearer == null || !bearer.startsWith("Bearer ") || !data.issued.contains(bearer.substring(7))) {
        return graphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
      }
      Matcher user = USER.matcher(url.getRawPath());
      if (!user.matches()) {
        return graphError(400, "BadRequest", "Resource not found for the segment '" + url.getRawPath() + "'.");
      }
      String mailbox = decode(user.group(1));
      String collection = user.group(2);
      String role = collection.equals("messages") ? "Mail.Read" : "Calendars.Read";
      if (!roles(bearer.substring(7)).contains(role)) {
        return graphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
      }
      String lower = mailbox.toLowerCase(java.util.Locale.ROOT);
      if (!data.pages.containsKey(lower + " messages") && !data.pages.containsKey(lower + " calendarView")) {
        return graphError(404, "ErrorInvalidUser", "The requested user '" + mailbox + "' is invalid.");
      }
      List<Page> pages = data.pages.getOrDefault(lower + " " + collection, List.of());
      String base = "http://" + request.getHeader("Host");
      if (pages.isEmpty()) {
        return answer(200, "{\"value\": []}");
      }
      Map<String, String> query = query(url.getRawQuery());
      for (int i = 0; i + 1 < pages.size(); i++) {
        if (query.equals(pages.get(i).nextQuery())) {
          return answer(200, pages.get(i + 1).pointedAt(base));
        }
      }
      return answer(200, pages.get(0).pointedAt(base));
    }

    private ResponseDefinition token(Map<String, String> form) {
      if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))
          || !"client_credentials".equals(form.get("grant_type"))) {
        return answer(401, """
            {"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided. \
            Ensure the secret being sent in the request is the client secret value, not the client secret ID, \
            for a secret added to app '%s'.", "error_codes": [7000215]}""".formatted(CLIENT_ID));
      }
      return answer(200, "{\"token_type\": \"Bearer\", \"expires_in\": 3599, \"ext_expires_in\": 3599,"
          + " \"access_token\": \"" + data.token() + "\"}");
    }

    private Set<String> roles(String token) {
      try {
        var out = new java.util.HashSet<String>();
        json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("roles")
            .forEach(r -> out.add(r.asText()));
        return out;
      } catch (IOException | RuntimeException e) {
        return Set.of();
      }
    }

    static String nextLink(ObjectMapper json, String page) {
      try {
        return json.readTree(page).path("@odata.nextLink").asText(null);
      } catch (IOException e) {
        return null;
      }
    }

    /** The link from its {@code /v1.0/} on: a page may name Graph's host, a placeholder or another fake. */
    static String relative(String link) {
      int at = link.indexOf("/v1.0/");
      return at < 0 ? link : link.substring(at);
    }

    static Map<String, String> query(String raw) {
      var out = new HashMap<String, String>();
      if (raw != null) {
        for (String pair : raw.split("&")) {
          int eq = pair.indexOf('=');
          out.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
      }
      return out;
    }

    private static ResponseDefinition graphError(int status, String code, String message) {
      return answer(status, """
          {"error": {"code": "%s", "message": "%s", "innerError": {"date": "2026-01-01T00:00:00",\
           "request-id": "00000000-0000-4000-8000-000000000001", "client-request-id": "00000000-0000-4000-8000-000000000002"}}}"""
          .formatted(code, message.replace("\"", "\\\"")));
    }

    private static ResponseDefinition answer(int status, String body) {
      return Answering.answer(status, JSON, body);
    }

    private static String decode(String s) {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(String body) {
      return query(body);
    }
  }
}
