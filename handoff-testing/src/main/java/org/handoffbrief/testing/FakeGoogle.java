package org.handoffbrief.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google Workspace on loopback, in the Gmail and Calendar APIs' own wire formats: the OAuth token
 * endpoint of a service account with domain-wide delegation, Gmail's {@code users.messages.list}
 * and batch endpoint (answering {@code users.messages.get} parts), and Calendar's
 * {@code events.list}. Both APIs and the token endpoint listen at one root, as Google's connectors
 * take one root URL.
 *
 * <p>It is seeded with data as Google returns it: {@link #mailbox} takes a mailbox's list pages,
 * {@link #calendar} a calendar's event pages (each chained to the next by its
 * {@code nextPageToken}), and {@link #message} a message as {@code format=full} returns it. It
 * checks what Google checks: a JWT bearer grant signed with {@link #privateKey()}, issued by
 * {@link #serviceAccount()}, for a known mailbox and one read-only scope gets a token for that
 * mailbox and API; every call must carry such a token (or {@link #hostToken()}), else Google's
 * {@code 401}.
 *
 * <pre>{@code
 * try (FakeGoogle google = FakeGoogle.start()) {
 *   google.mailbox("ae@vendor.example", listPageJson);
 *   google.message("18d0000000000001", messageJson);
 *   // point the Gmail connector at google.baseUrl(), signing in as google.serviceAccount()
 *   // with google.privateKey() at google.tokenUrl()
 * }
 * }</pre>
 */
public final class FakeGoogle extends FakeVendor {
  /** The scope of Gmail's read-only access. */
  public static final String GMAIL_SCOPE = "https://www.googleapis.com/auth/gmail.readonly";
  /** The scope of Calendar's read-only access to events. */
  public static final String CALENDAR_SCOPE = "https://www.googleapis.com/auth/calendar.events.readonly";

  private static final String DEFAULT_SERVICE_ACCOUNT = "reader@test-project.iam.gserviceaccount.com";
  private static final String HOST_TOKEN = "ya29.test-token-not-a-secret";
  private static final String JSON = "application/json; charset=UTF-8";
  private static final String BOUNDARY = "batch_ZmFrZS1nb29nbGU";
  private static final Pattern LIST = Pattern.compile("/gmail/v1/users/([^/]+)/messages");
  private static final Pattern EVENTS = Pattern.compile("/calendar/v3/calendars/([^/]+)/events");
  private static final Pattern PART = Pattern.compile(
      "^GET \\S*/gmail/v1/users/([^/]+)/messages/([0-9a-zA-Z]+)[^\\r\\n]*$((?:\\r?\\n(?!\\r?\\n).*)*)",
      Pattern.MULTILINE);

  private final Data data;

  private FakeGoogle(WireMockServer server, Data data) {
    super(server);
    this.data = data;
  }

  /** Starts an empty Workspace on 127.0.0.1 on a free port, trusting a key pair made now. */
  public static FakeGoogle start() {
    var data = new Data(keyPair());
    WireMockServer server = Answering.start(new Api(data)::answer);
    return new FakeGoogle(server, data);
  }

  @Override
  protected String rateLimitedBody() {
    return "{\"error\":{\"code\":429,\"message\":\"Rate Limit Exceeded\",\"status\":\"RESOURCE_EXHAUSTED\"}}";
  }

  /** Stands in for {@code https://gmail.googleapis.com/} and {@code https://www.googleapis.com/}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port() + "/");
  }

  /** Stands in for {@code https://oauth2.googleapis.com/token}. */
  public URI tokenUrl() {
    return baseUrl().resolve("token");
  }

  /** The service account whose signed grants the fake accepts. */
  public String serviceAccount() {
    return data.serviceAccount;
  }

  /** Accepts grants from {@code clientEmail} instead of the default service account; returns this. */
  public FakeGoogle serviceAccount(String clientEmail) {
    data.serviceAccount = Objects.requireNonNull(clientEmail, "clientEmail == null");
    return this;
  }

  /** The service account's key, made for this fake only: a grant signed with it is accepted. */
  public PrivateKey privateKey() {
    return data.keys.getPrivate();
  }

  /** A token the fake accepts for every mailbox and API, as a host that signs in on its own would hold. */
  public String hostToken() {
    return HOST_TOKEN;
  }

  /** The token the fake issues to a grant for {@code mailbox} and {@code scope}; not a secret. */
  public String issuedToken(String mailbox, String scope) {
    return "ya29.fake-" + api(scope) + "-" + mailbox;
  }

  /**
   * Makes {@code address} a mailbox that answers {@code users.messages.list} with {@code pages} in
   * order (each {@code nextPageToken} leads to the next), in place of what it answered before. No
   * page at all answers an empty list.
   */
  public FakeGoogle mailbox(String address, String... pages) {
    data.mailboxes.put(Objects.requireNonNull(address, "address == null"), Pages.of(pages));
    return this;
  }

  /** Makes {@code address} a calendar answering {@code events.list} with {@code pages}, as {@link #mailbox} does. */
  public FakeGoogle calendar(String address, String... pages) {
    data.calendars.put(Objects.requireNonNull(address, "address == null"), Pages.of(pages));
    return this;
  }

  /**
   * Serves {@code json} (a {@code users.messages.get?format=full} answer) for the message
   * {@code id} to every mailbox that asks, from now on; an id never given is Google's 404.
   */
  public FakeGoogle message(String id, String json) {
    data.messages.put(Objects.requireNonNull(id, "id == null"), Objects.requireNonNull(json, "json == null"));
    return this;
  }

  /** Answers the next batch part for message {@code id} with Gmail's 429 and {@code Retry-After: 1}. */
  public void rateLimitMessageOnce(String id) {
    data.rateLimitOnce.add(id);
  }

  /** The message ids batch parts asked for so far, in order, repeats included. */
  public List<String> requestedMessageIds() {
    return List.copyOf(data.requestedIds);
  }

  private static String api(String scope) {
    return switch (scope) {
      case GMAIL_SCOPE -> "gmail";
      case CALENDAR_SCOPE -> "calendar";
      default -> throw new IllegalArgumentException("not a scope the fake grants: " + scope);
    };
  }

  private static KeyPair keyPair() {
    try {
      var generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make an RSA key pair", e);
    }
  }

  /**
   * A list's pages with each page's {@code nextPageToken} read once, when seeded: answering a page
   * then costs a map lookup, not parsing every page before it (a benchmark's pages are megabytes).
   */
  private record Pages(List<String> pages, Map<String, String> byToken) {
    static Pages of(String... pages) {
      var mapper = new ObjectMapper();
      var byToken = new HashMap<String, String>();
      for (int i = 0; i + 1 < pages.length; i++) {
        String token = nextPageToken(mapper, pages[i]);
        if (token != null) {
          byToken.putIfAbsent(token, pages[i + 1]);
        }
      }
      return new Pages(List.of(pages), Map.copyOf(byToken));
    }

    private static String nextPageToken(ObjectMapper mapper, String page) {
      try {
        return mapper.readTree(page).path("nextPageToken").asText(null);
      } catch (IOException e) {
        return null;
      }
    }
  }

  /** What the fake serves, shared with the server's transformer. */
  private static final class Data {
    final KeyPair keys;
    volatile String serviceAccount = DEFAULT_SERVICE_ACCOUNT;
    final Map<String, Pages> mailboxes = new ConcurrentHashMap<>();
    final Map<String, Pages> calendars = new ConcurrentHashMap<>();
    final Map<String, String> messages = new ConcurrentHashMap<>();
    final Set<String> rateLimitOnce = ConcurrentHashMap.newKeySet();
    final List<String> requestedIds = new CopyOnWriteArrayList<>();

    Data(KeyPair keys) {
      this.keys = keys;
    }

    boolean knows(String address) {
      return mailboxes.containsKey(address) || calendars.containsKey(address);
    }
  }

  /** Answers every request from {@link Data}, as Google would. */
  private static final class Api {
    private final Data data;
    private final ObjectMapper json = new ObjectMapper();

    Api(Data data) {
      this.data = data;
    }

    ResponseDefinition answer(Request request) {
      String path = URI.create(request.getUrl()).getRawPath();
      Matcher list = LIST.matcher(path);
      Matcher events = EVENTS.matcher(path);
      if (path.equals("/token")) {
        return token(request);
      } else if (path.equals("/batch")) {
        return batch(request.getBodyAsString());
      } else if (list.matches()) {
        return page(request, decode(list.group(1)), "gmail", data.mailboxes, "{\"resultSizeEstimate\": 0}");
      } else if (events.matches()) {
        return page(request, decode(events.group(1)), "calendar", data.calendars,
            "{\"kind\": \"calendar#events\", \"items\": []}");
      }
      return answer(404, WireFixtures.read("google/error-404.json"));
    }

    private ResponseDefinition token(Request request) {
      Map<String, String> form = form(request.getBodyAsString());
      String granted = grant(form);
      if (granted == null) {
        return answer(400, WireFixtures.read("google/token-invalid-grant.json"));
      }
      return answer(200, "{\"access_token\": \"" + granted + "\", \"expires_in\": 3599, \"token_type\": \"Bearer\"}");
    }

    /** The token for a valid JWT bearer grant, or null. */
    private String grant(Map<String, String> form) {
      String assertion = form.get("assertion");
      if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type")) || assertion == null) {
        return null;
      }
      String[] parts = assertion.split("\\.");
      if (parts.length != 3) {
        return null;
      }
      try {
        var verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(data.keys.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
          return null;
        }
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        String sub = claims.path("sub").asText();
        String scope = claims.path("scope").asText();
        boolean ok = data.serviceAccount.equals(claims.path("iss").asText()) && data.knows(sub)
            && (scope.equals(GMAIL_SCOPE) || scope.equals(CALENDAR_SCOPE))
            && claims.path("exp").asLong() > Instant.now().getEpochSecond();
        return ok ? "ya29.fake-" + api(scope) + "-" + sub : null;
      } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
        return null;
      }
    }

    private static boolean authorised(String bearer, String address, String api) {
      return bearer != null && (bearer.equalsIgnoreCase("Bearer " + HOST_TOKEN)
          || bearer.equalsIgnoreCase("Bearer ya29.fake-" + api + "-" + address));
    }

    /** One page of a list, found by the {@code pageToken} the previous page handed out. */
    private ResponseDefinition page(Request request, String address, String api, Map<String, Pages> all,
        String empty) {
      if (!authorised(request.getHeader("Authorization"), address, api)) {
        return answer(401, WireFixtures.read("google/error-401.json"));
      }
      Pages pages = all.get(address);
      if (pages == null) {
        return answer(404, WireFixtures.read("google/error-404.json"));
      }
      var token = request.queryParameter("pageToken");
      if (!token.isPresent()) {
        return answer(200, pages.pages().isEmpty() ? empty : pages.pages().get(0));
      }
      String next = pages.byToken().get(token.firstValue());
      if (next != null) {
        return answer(200, next);
      }
      return answer(400, "{\"error\": {\"code\": 400, \"message\": \"Invalid pageToken\", \"errors\": [{\"message\":"
          + " \"Invalid pageToken\", \"domain\": \"global\", \"reason\": \"invalid\"}], \"status\": \"INVALID_ARGUMENT\"}}");
    }

    /**
     * Gmail's batch endpoint: each {@code GET .../users/{mailbox}/messages/{id}} part of the
     * {@code multipart/mixed} request is answered in order, as Google does; a part without that
     * mailbox's token gets Google's 401 part, an unknown id its 404 part.
     */
    private ResponseDefinition batch(String body) {
      var out = new StringBuilder();
      Matcher m = PART.matcher(body);
      int n = 0;
      while (m.find()) {
        String address = decode(m.group(1));
        String id = m.group(2);
        data.requestedIds.add(id);
        String bearer = null;
        for (String line : m.group(3).split("\\r?\\n")) {
          if (line.toLowerCase(Locale.ROOT).startsWith("authorization:")) {
            bearer = line.substring("authorization:".length()).trim();
          }
        }
        String status;
        String extra = "";
        String part;
        if (!authorised(bearer, address, "gmail")) {
          status = "401 Unauthorized";
          part = WireFixtures.read("google/error-401.json");
        } else if (data.rateLimitOnce.remove(id)) {
          status = "429 Too Many Requests";
          extra = "Retry-After: 1\r\n";
          part = WireFixtures.read("google/error-429.json");
        } else if (data.messages.containsKey(id)) {
          status = "200 OK";
          part = data.messages.get(id);
        } else {
          status = "404 Not Found";
          part = WireFixtures.read("google/error-404.json");
        }
        out.append("--").append(BOUNDARY).append("\r\nContent-Type: application/http\r\nContent-ID: <response-")
            .append(++n).append(">\r\n\r\nHTTP/1.1 ").append(status).append("\r\nContent-Type: ").append(JSON)
            .append("\r\n").append(extra).append("\r\n").append(part).append("\r\n");
      }
      out.append("--").append(BOUNDARY).append("--\r\n");
      return Answering.answer(200, "multipart/mixed; boundary=" + BOUNDARY, out.toString());
    }

    private static ResponseDefinition answer(int status, String body) {
      return Answering.answer(status, JSON, body);
    }

    private static String decode(String s) {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(String body) {
      var out = new HashMap<String, String>();
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
      }
      return out;
    }
  }
}
