package org.handoffbrief.samples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handoffbrief.connector.google.GmailConnector;
import org.handoffbrief.connector.google.GoogleAuth;
import org.handoffbrief.connector.google.GoogleCalendarConnector;
import org.handoffbrief.connector.google.GoogleConfig;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.testing.FakeVendor;

/**
 * The demo company's Google Workspace, served on loopback in the Gmail and Calendar APIs' own wire
 * formats from the fixtures under {@code demo/google/}: the OAuth token endpoint of a service
 * account with domain-wide delegation, {@code users.messages.list}, Gmail's batch endpoint
 * answering {@code users.messages.get?format=full} parts, and {@code events.list}.
 *
 * <p>The server checks what Google checks: the JWT bearer grant is signed with the key pair made
 * here at start (no key is committed), names the demo's service account, asks for exactly the
 * read-only scope of the API, and impersonates a Northwind address; every API call carries the
 * token issued for the mailbox it reads. Anything else gets Google's error answer.
 *
 * <p>Thirty days later ({@link DemoMoment#THIRTY_DAYS_LATER}) Alex's mailbox also holds the end of
 * the data residency thread: his answer (April 7, later than the April 3 he promised) and Elena's
 * reply that the redline is resolved.
 */
final class DemoGoogle extends FakeVendor {

  /** The demo's service account. */
  static final String SERVICE_ACCOUNT = "handoff-reader@northwind-handoff.iam.gserviceaccount.com";

  private static final String FIXTURES = "/demo/google/";
  private static final String MAILBOX = "(alex\\.rivera|sam\\.chen|jordan\\.lee)(?:@|%40)northwind-analytics\\.com";
  private static final String JSON = "application/json; charset=UTF-8";

  private final KeyPair keys;
  private final Map<String, String> replacedMessages;
  private final DemoMoment moment;
  private final ObjectMapper json = new ObjectMapper();

  private DemoGoogle(WireMockServer server, KeyPair keys, Map<String, String> replacedMessages, DemoMoment moment) {
    super(server);
    this.keys = keys;
    this.replacedMessages = replacedMessages;
    this.moment = moment;
  }

  /** Starts Workspace on 127.0.0.1 on a free port, as it was at close. */
  static DemoGoogle start() {
    return start(DemoMoment.AT_CLOSE);
  }

  /** Starts Workspace on 127.0.0.1 on a free port, as it is at {@code moment}. */
  static DemoGoogle start(DemoMoment moment) {
    KeyPair keys = DemoFixtures.rsaKeyPair("the demo's service account");
    var replaced = new java.util.concurrent.ConcurrentHashMap<String, String>();
    var server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
        .notifier(new Slf4jNotifier(false)).extensions(new GmailBatch(replaced, moment)));
    server.start();
    var google = new DemoGoogle(server, keys, replaced, moment);
    try {
      google.stub();
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
    return google;
  }

  /** Stands in for {@code https://gmail.googleapis.com/} and {@code https://www.googleapis.com/}. */
  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port() + "/");
  }

  /** The real Gmail connector, pointed at this server. */
  SourceConnector gmailConnector() {
    return GmailConnector.create(GoogleConfig.gmail().rootUrl(baseUrl()).auth(auth()).build());
  }

  /** The real Google Calendar connector, pointed at this server. */
  SourceConnector calendarConnector() {
    return GoogleCalendarConnector.create(GoogleConfig.calendar().rootUrl(baseUrl()).auth(auth()).build());
  }

  /**
   * Serves {@code messageJson} (a {@code users.messages.get?format=full} answer) for the message
   * {@code id} from now on, in place of its fixture: how a fault test puts a hostile body in a
   * mailbox the demo lists.
   */
  void replaceMessage(String id, String messageJson) {
    replacedMessages.put(id, messageJson);
  }

  private GoogleAuth auth() {
    return GoogleAuth.serviceAccount(SERVICE_ACCOUNT, keys.getPrivate(), baseUrl().resolve("token"));
  }

  private void stub() {
    for (String person : new String[] {"alex.rivera", "sam.chen", "jordan.lee"}) {
      for (String api : new String[] {"gmail", "calendar"}) {
        String granted = person + " " + api;
        server.stubFor(post(urlPathEqualTo("/token")).atPriority(1)
            .andMatching(request -> MatchResult.of(granted.equals(grantedScope(request))))
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON)
                .withBody("{\"access_token\": \"" + token(person, api) + "\", \"expires_in\": 3599,"
                    + " \"token_type\": \"Bearer\"}")));
      }
    }
    server.stubFor(post(urlPathEqualTo("/token")).atPriority(9).willReturn(json(400, "token-invalid-grant.json")));

    for (String person : new String[] {"alex.rivera", "sam.chen", "jordan.lee"}) {
      String mailbox = "/gmail/v1/users/" + person.replace(".", "\\.") + "(?:@|%40)northwind-analytics\\.com/messages";
      String events = "/calendar/v3/calendars/" + person.replace(".", "\\.") + "(?:@|%40)northwind-analytics\\.com/events";
      String gmailToken = "Bearer " + token(person, "gmail");
      String calendarToken = "Bearer " + token(person, "calendar");
      String name = person.substring(0, person.indexOf('.'));
      boolean hasMail = !person.equals("jordan.lee");
      server.stubFor(get(urlPathMatching(mailbox)).atPriority(1).withHeader("Authorization", equalTo(gmailToken))
          .withQueryParam("pageToken", absent())
          .willReturn(json(200, hasMail ? "gmail/list-" + name + "-1.json" : "gmail/list-empty.json")));
      server.stubFor(get(urlPathMatching(events)).atPriority(1).withHeader("Authorization", equalTo(calendarToken))
          .withQueryParam("pageToken", absent())
          .willReturn(json(200, hasMail ? "calendar/events-" + name + "-1.json" : "calendar/events-empty.json")));
    }
    String alexGmail = "/gmail/v1/users/alex\\.rivera(?:@|%40)northwind-analytics\\.com/messages";
    String alexEvents = "/calendar/v3/calendars/alex\\.rivera(?:@|%40)northwind-analytics\\.com/events";
    server.stubFor(get(urlPathMatching(alexGmail)).atPriority(1)
        .withHeader("Authorization", equalTo("Bearer " + token("alex.rivera", "gmail")))
        .withQueryParam("pageToken", equalTo(pageToken("gmail/list-alex-1.json")))
        .willReturn(json(200, "gmail/list-alex-2.json")));
    server.stubFor(get(urlPathMatching(alexEvents)).atPriority(1)
        .withHeader("Authorization", equalTo("Bearer " + token("alex.rivera", "calendar")))
        .withQueryParam("pageToken", equalTo(pageToken("calendar/events-alex-1.json")))
        .willReturn(json(200, "calendar/events-alex-2.json")));
    server.stubFor(post(urlPathEqualTo("/batch")).atPriority(1).willReturn(aResponse().withTransformers(GmailBatch.NAME)));
    server.stubFor(any(urlPathMatching("/(gmail|calendar)/.*")).atPriority(9).willReturn(json(401, "error-401.json")));
  }

  /** The token the demo issues to one person for one API; not a secret, and only valid here. */
  static String token(String person, String api) {
    return "ya29.demo-" + api + "-" + person;
  }

  private String pageToken(String fixture) {
    try {
      return json.readTree(moment.read(FIXTURES, fixture)).path("nextPageToken").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The person and API of a valid JWT bearer grant, e.g. {@code alex.rivera gmail}, or null. */
  private String grantedScope(Request request) {
    Map<String, String> form = form(request.getBodyAsString());
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
      verifier.initVerify(keys.getPublic());
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return null;
      }
      JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
      Matcher sub = Pattern.compile(MAILBOX).matcher(claims.path("sub").asText());
      String api = switch (claims.path("scope").asText()) {
        case GoogleConfig.GMAIL_SCOPE -> "gmail";
        case GoogleConfig.CALENDAR_SCOPE -> "calendar";
        default -> null;
      };
      boolean ok = SERVICE_ACCOUNT.equals(claims.path("iss").asText()) && sub.matches() && api != null
          && claims.path("exp").asLong() > Instant.now().getEpochSecond();
      return ok ? sub.group(1) + " " + api : null;
    } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static Map<String, String> form(String body) {
    var out = new HashMap<String, String>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private ResponseDefinitionBuilder json(int status, String file) {
    return aResponse().withStatus(status).withHeader("Content-Type", JSON).withBody(moment.read(FIXTURES, file));
  }

  static String fixture(String name) {
    return DemoFixtures.read(FIXTURES + name);
  }

  /**
   * Gmail's batch endpoint: each {@code GET .../users/{mailbox}/messages/{id}} part of the
   * {@code multipart/mixed} request is answered in order with the message, as Google does; a part
   * with another mailbox's token or an unknown id gets Google's error part.
   */
  private static final class GmailBatch implements ResponseDefinitionTransformerV2 {
    static final String NAME = "demo-gmail-batch";
    private final Map<String, String> replaced;
    private final DemoMoment moment;
    private static final Pattern PART = Pattern.compile(
        "^GET \\S*/gmail/v1/users/([^/]+)/messages/([0-9a-f]+)[^\\r\\n]*$((?:\\r?\\n(?!\\r?\\n).*)*)",
        Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

    GmailBatch(Map<String, String> replaced, DemoMoment moment) {
      this.replaced = replaced;
      this.moment = moment;
    }

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      String boundary = "batch_bm9ydGh3aW5kZGVtbw";
      var out = new StringBuilder();
      Matcher m = PART.matcher(event.getRequest().getBodyAsString());
      int n = 0;
      while (m.find()) {
        String mailbox = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        String person = mailbox.substring(0, mailbox.indexOf('@'));
        boolean authorised = m.group(3).toLowerCase(java.util.Locale.ROOT)
            .contains("authorization: bearer " + token(person, "gmail").toLowerCase(java.util.Locale.ROOT));
        String file = "gmail/messages/" + m.group(2) + ".json";
        boolean exists = moment.has(FIXTURES, file);
        String status = !authorised ? "401 Unauthorized" : exists ? "200 OK" : "404 Not Found";
        String body = authorised && replaced.containsKey(m.group(2)) ? replaced.get(m.group(2))
            : moment.read(FIXTURES, !authorised ? "error-401.json" : exists ? file : "error-404.json");
        out.append("--").append(boundary).append("\r\nContent-Type: application/http\r\nContent-ID: <response-")
            .append(++n).append(">\r\n\r\nHTTP/1.1 ").append(status).append("\r\nContent-Type: ").append(JSON)
            .append("\r\n\r\n").append(body).append("\r\n");
      }
      out.append("--").append(boundary).append("--\r\n");
      return aResponse().withStatus(200).withHeader("Content-Type", "multipart/mixed; boundary=" + boundary)
          .withBody(out.toString()).build();
    }
  }
}
