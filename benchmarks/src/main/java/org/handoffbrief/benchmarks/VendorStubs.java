package org.handoffbrief.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handoffbrief.connector.gong.GongConfig;
import org.handoffbrief.connector.gong.GongConnector;
import org.handoffbrief.connector.google.GmailConnector;
import org.handoffbrief.connector.google.GoogleAuth;
import org.handoffbrief.connector.google.GoogleCalendarConnector;
import org.handoffbrief.connector.google.GoogleConfig;
import org.handoffbrief.connector.microsoft.OutlookConfig;
import org.handoffbrief.connector.microsoft.OutlookConnector;
import org.handoffbrief.connector.slack.SlackConfig;
import org.handoffbrief.connector.slack.SlackConnector;
import org.handoffbrief.connector.zendesk.ZendeskAuth;
import org.handoffbrief.connector.zendesk.ZendeskConfig;
import org.handoffbrief.connector.zendesk.ZendeskConnector;
import org.handoffbrief.model.Person;
import org.handoffbrief.spi.SourceConnector;

/**
 * Six vendor systems on loopback, one WireMock server each, serving {@link SyntheticSources} in the
 * vendor's own wire format (the shapes of the demo fixtures under {@code samples/} and of each
 * connector's tests): Gmail (list and the batch endpoint), Google Calendar, Outlook through Graph
 * (token, messages with {@code @odata.nextLink}, calendarView), Slack's Web API, Zendesk's REST API
 * v2 and Gong's API v2. The real connectors are pointed at them with {@link #connectors(int)}.
 *
 * <p>Each server can hold every answer for a fixed delay (fan-out) and enforce a request rate,
 * answering 429 with {@code Retry-After} above it (batch); it counts what it answered.
 */
public final class VendorStubs implements AutoCloseable {

  /** The six systems, in the order {@link #connectors(int)} lists them. */
  public static final List<String> SYSTEMS = List.of("gmail", "calendar", "outlook", "slack", "zendesk", "gong");

  private static final String JSON = "application/json; charset=utf-8";
  private static final String BOT_TOKEN = "xoxb-bench-not-a-real-token";
  private static final String TENANT = "00000000-0000-0000-0000-00000000bench";
  private static final String CHANNEL_ID = "C0DEAL0001";
  private static final long ORGANIZATION_ID = 360_000_000_001L;
  /** Google's date-times always carry seconds; {@code OffsetDateTime.toString()} drops them at :00. */
  private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  private final SyntheticSources data;
  private final Map<String, Api> apis = new LinkedHashMap<>();
  private final Map<String, WireMockServer> servers = new LinkedHashMap<>();
  private final ObjectMapper json = new ObjectMapper();

  private VendorStubs(SyntheticSources data) {
    this.data = data;
  }

  /** Starts the six servers on 127.0.0.1, each answering at once and without a rate limit. */
  public static VendorStubs start(SyntheticSources data) {
    var stubs = new VendorStubs(data);
    try {
      stubs.serve("gmail", stubs.new Gmail());
      stubs.serve("calendar", stubs.new Calendar());
      stubs.serve("outlook", stubs.new Outlook());
      stubs.serve("slack", stubs.new Slack());
      stubs.serve("zendesk", stubs.new Zendesk());
      stubs.serve("gong", stubs.new Gong());
    } catch (RuntimeException e) {
      stubs.close();
      throw e;
    }
    return stubs;
  }

  /** Every answer of {@code system} waits {@code delay} first, as a distant or slow vendor does. */
  public VendorStubs delay(String system, Duration delay) {
    api(system).delayMs = (int) delay.toMillis();
    return this;
  }

  /** {@code system} answers 429 with {@code Retry-After: 1} to requests above {@code perSecond} in a second. */
  public VendorStubs rateLimit(String system, int perSecond) {
    api(system).perSecond = perSecond;
    return this;
  }

  /** Requests {@code system} has answered, 429s included. */
  public int requests(String system) {
    return api(system).requests.get();
  }

  /** 429s {@code system} answered because its rate limit was exceeded. */
  public int limited(String system) {
    return api(system).limited.get();
  }

  /** Forgets the counts. */
  public void resetCounts() {
    apis.values().forEach(a -> {
      a.requests.set(0);
      a.limited.set(0);
    });
  }

  /**
   * The six real connectors, pointed at these servers, each set to read everything the deal has
   * at 100x (the largest pages each API allows; Gong up to {@code maxCalls} calls).
   */
  public List<SourceConnector> connectors(int gongMaxCalls) {
    // These stubs enforce no limit, so the connectors are not paced either (a host whose plan
    // allows it configures the same): what is measured is the library's own work, not a vendor's
    // rate. Gong keeps its documented 3 a second; BatchRun sets every rate to its stub's.
    var unlimited = new java.util.HashMap<String, Integer>();
    for (String system : List.of("gmail", "calendar", "outlook", "slack", "zendesk")) {
      unlimited.put(system, UNLIMITED_PER_SECOND);
    }
    return connectors(gongMaxCalls, unlimited);
  }

  /** The rate {@link #connectors(int)} gives a connector whose stub has no limit. */
  static final int UNLIMITED_PER_SECOND = 10_000;

  /**
   * As {@link #connectors(int)}, each paced as a host configures its plan: {@code perSecond} maps a
   * system to its rate (a request-per-minute setting gets 60 times it); a system it lacks keeps its
   * connector's default pace.
   */
  public List<SourceConnector> connectors(int gongMaxCalls, Map<String, Integer> perSecond) {
    var google = GoogleAuth.accessToken("ya29.bench-not-a-secret");
    var gmail = GoogleConfig.gmail().rootUrl(base("gmail").resolve("/")).auth(google)
        .pageSize(500).maxPages(100).batchSize(100);
    var calendar = GoogleConfig.calendar().rootUrl(base("calendar").resolve("/")).auth(google)
        .pageSize(2500).maxPages(100);
    var outlook = OutlookConfig.builder().tenantId(TENANT).clientId("bench-client")
        .clientSecret("bench-secret-not-real").authorityUrl(base("outlook")).graphUrl(base("outlook"))
        .mailboxes(data.outlookMailboxes()).pageSize(1000);
    var slack = SlackConfig.builder().botToken(BOT_TOKEN).baseUrl(base("slack")).pageSize(999);
    var zendesk = ZendeskConfig.builder().subdomain("bench").baseUrl(base("zendesk"))
        .auth(ZendeskAuth.apiToken("bench@northwind-analytics.com", "bench-token-not-real"))
        .pageSize(100).maxPages(100);
    var gong = GongConfig.builder().baseUrl(base("gong")).accessKey("BENCH", "bench-secret-not-real")
        .maxCalls(gongMaxCalls);
    perSecond.forEach((system, rate) -> {
      switch (system) {
        case "gmail" -> gmail.requestsPerMinute(rate * 60);
        case "calendar" -> calendar.requestsPerMinute(rate * 60);
        case "outlook" -> outlook.requestsPerMinute(rate * 60);
        case "slack" -> slack.requestsPerMinute(rate * 60);
        case "zendesk" -> zendesk.requestsPerMinute(rate * 60);
        case "gong" -> gong.maxRequestsPerSecond(rate);
        default -> throw new IllegalArgumentException("no system " + system + "; one of " + SYSTEMS);
      }
    });
    return List.of(GmailConnector.create(gmail.build()), GoogleCalendarConnector.create(calendar.build()),
        OutlookConnector.create(outlook.build()), SlackConnector.create(slack.build()),
        ZendeskConnector.create(zendesk.build()), GongConnector.create(gong.build()));
  }

  /** Where {@code system} is served. */
  public URI base(String system) {
    return URI.create("http://127.0.0.1:" + servers.get(system).port());
  }

  @Override
  public void close() {
    servers.values().forEach(WireMockServer::stop);
  }

  private Api api(String system) {
    Api a = apis.get(system);
    if (a == null) {
      throw new IllegalArgumentException("no system " + system + "; one of " + SYSTEMS);
    }
    return a;
  }

  private void serve(String system, Api api) {
    var server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(40)
        .disableRequestJournal().notifier(new Slf4jNotifier(false)).extensions(api));
    server.start();
    servers.put(system, server);
    apis.put(system, api);
    server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(Api.NAME)));
  }

  // --- what every vendor API shares -------------------------------------------------------------

  /** One vendor's API: routes a request to its answer, after the delay and the rate limit. */
  private abstract static class Api implements ResponseDefinitionTransformerV2 {
    static final String NAME = "bench-vendor-api";
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger limited = new AtomicInteger();
    final AtomicLong second = new AtomicLong();
    final AtomicInteger inSecond = new AtomicInteger();
    volatile int delayMs;
    volatile int perSecond;

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      requests.incrementAndGet();
      if (perSecond > 0 && overLimit()) {
        limited.incrementAndGet();
        return aResponse().withStatus(429).withHeader("Retry-After", "1").withHeader("Content-Type", JSON)
            .withBody(tooMany()).build();
      }
      Request r = event.getRequest();
      String url = r.getUrl();
      int q = url.indexOf('?');
      String path = URLDecoder.decode(q < 0 ? url : url.substring(0, q), StandardCharsets.UTF_8);
      Map<String, String> params = params(q < 0 ? "" : url.substring(q + 1));
      ResponseDefinitionBuilder answer;
      try {
        answer = answer(r.getMethod().getName(), path, params, r);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (delayMs > 0) {
        answer.withFixedDelay(delayMs);
      }
      return answer.build();
    }

    /** A fixed one-second window: simple, and what most vendors' per-second limits behave like. */
    private boolean overLimit() {
      long now = System.currentTimeMillis() / 1000;
      long was = second.get();
      if (was != now && second.compareAndSet(was, now)) {
        inSecond.set(0);
      }
      return inSecond.incrementAndGet() > perSecond;
    }

    String tooMany() {
      return "{\"error\":\"rate_limited\"}";
    }

    abstract ResponseDefinitionBuilder answer(String method, String path, Map<String, String> params, Request r)
        throws IOException;

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public String getName() {
      return NAME;
    }
  }

  static Map<String, String> params(String query) {
    var out = new HashMap<String, String>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private ResponseDefinitionBuilder ok(JsonNode body) throws IOException {
    return aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody(json.writeValueAsString(body));
  }

  private static ResponseDefinitionBuilder status(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", JSON).withBody(body);
  }

  private static int offset(String token) {
    return token == null || token.isBlank() ? 0 : Integer.parseInt(token.replaceAll("\\D", ""));
  }

  private static int size(String value, int fallback) {
    return value == null ? fallback : Integer.parseInt(value);
  }

  private static String iso(Instant at) {
    return DateTimeFormatter.ISO_INSTANT.format(at);
  }

  // --- Gmail and Calendar -----------------------------------------------------------------------

  /** {@code users.messages.list} by page token, and the batch endpoint answering {@code messages.get} parts. */
  private final class Gmail extends Api {
    private final Pattern list = Pattern.compile("/gmail/v1/users/([^/]+)/messages");
    private final Pattern part = Pattern.compile("^GET \\S*/gmail/v1/users/[^/]+/messages/([0-9a-f]+)", Pattern.MULTILINE);
    private final Map<String, SyntheticSources.Mail> byId = new HashMap<>();

    Gmail() {
      data.gmail().forEach(m -> byId.put(m.id(), m));
    }

    @Override
    ResponseDefinitionBuilder answer(String method, String path, Map<String, String> params, Request r)
        throws IOException {
      Matcher m = list.matcher(path);
      if (method.equals("GET") && m.matches()) {
        String mailbox = m.group(1);
        List<SyntheticSources.Mail> mine = data.gmail().stream().filter(x -> x.mailbox().equals(mailbox)).toList();
        int from = offset(params.get("pageToken"));
        int to = Math.min(mine.size(), from + size(params.get("maxResults"), 100));
        ObjectNode page = json.createObjectNode();
        ArrayNode ids = page.putArray("messages");
        mine.subList(from, to).forEach(x -> ids.addObject().put("id", x.id()).put("threadId", x.id()));
        page.put("resultSizeEstimate", mine.size());
        if (to < mine.size()) {
          page.put("nextPageToken", String.valueOf(to));
        }
        return ok(page);
      }
      if (method.equals("POST") && path.equals("/batch")) {
        String boundary = "batch_bench";
        var out = new StringBuilder();
        Matcher p = part.matcher(r.getBodyAsString());
        for (int n = 1; p.find(); n++) {
          SyntheticSources.Mail mail = byId.get(p.group(1));
          String body = mail == null ? "{\"error\":{\"code\":404,\"message\":\"Not Found\"}}"
              : json.writeValueAsString(message(mail));
          out.append("--").append(boundary).append("\r\nContent-Type: application/http\r\nContent-ID: <response-")
              .append(n).append(">\r\n\r\nHTTP/1.1 ").append(mail == null ? "404 Not Found" : "200 OK")
              .append("\r\nContent-Type: ").append(JSON).append("\r\n\r\n").append(body).append("\r\n");
        }
        out.append("--").append(boundary).append("--\r\n");
        return aResponse().withStatus(200).withHeader("Content-Type", "multipart/mixed; boundary=" + boundary)
            .withBody(out.toString());
      }
      return status(404, "{\"error\":{\"code\":404,\"message\":\"Not Found\"}}");
    }

    private ObjectNode message(SyntheticSources.Mail mail) {
      ObjectNode m = json.createObjectNode().put("id", mail.id()).put("threadId", mail.id());
      m.putArray("labelIds").add(mail.from().email().equals(mail.mailbox()) ? "SENT" : "INBOX");
      m.put("snippet", "").put("internalDate", String.valueOf(mail.sent().toEpochMilli()));
      ObjectNode payload = m.putObject("payload").put("mimeType", "text/plain").put("filename", "").put("partId", "");
      ArrayNode headers = payload.putArray("headers");
      header(headers, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(mail.sent().atOffset(ZoneOffset.ofHours(-5))));
      header(headers, "Message-ID", "<" + mail.id() + "@mail.bench.example>");
      header(headers, "Subject", mail.subject());
      header(headers, "From", address(mail.from()));
      header(headers, "To", address(mail.to()));
      header(headers, "Cc", address(mail.cc()));
      header(headers, "Content-Type", "text/plain; charset=\"UTF-8\"");
      byte[] body = mail.body().getBytes(StandardCharsets.UTF_8);
      payload.putObject("body").put("size", body.length)
          .put("data", Base64.getUrlEncoder().withoutPadding().encodeToString(body));
      return m;
    }

    private void header(ArrayNode headers, String name, String value) {
      headers.addObject().put("name", name).put("value", value);
    }
  }

  private static String address(Person p) {
    return p.name() + " <" + p.email() + ">";
  }

  /** {@code events.list} by page token. */
  private final class Calendar extends Api {
    private final Pattern events = Pattern.compile("/calendar/v3/calendars/([^/]+)/events");

    @Override
    ResponseDefinitionBuilder answer(String method, String path, Map<String, String> params, Request r)
        throws IOException {
      Matcher m = events.matcher(path);
      if (!m.matches()) {
        return status(404, "{\"error\":{\"code\":404,\"message\":\"Not Found\"}}");
      }
      List<SyntheticSources.Meeting> mine = data.googleCalendar().stream()
          .filter(x -> x.calendar().equals(m.group(1))).toList();
      int from = offset(params.get("pageToken"));
      int to = Math.min(mine.size(), from + size(params.get("maxResults"), 250));
      ObjectNode page = json.createObjectNode().put("kind", "calendar#events").put("summary", m.group(1))
          .put("timeZone", "America/New_York").put("accessRole", "owner");
      ArrayNode items = page.putArray("items");
      for (SyntheticSources.Meeting e : mine.subList(from, to)) {
        ObjectNode item = items.addObject().put("kind", "calendar#event").put("id", e.id()).put("status", "confirmed")
            .put("htmlLink", "https://www.google.com/calendar/event?eid=" + e.id())
            .put("created", iso(e.start().minusSeconds(86_400))).put("updated", iso(e.start().minusSeconds(86_400)))
            .put("summary", e.title()).put("description", e.description()).put("iCalUID", e.id() + "@google.com")
            .put("eventType", "default");
        item.putObject("creator").put("email", e.organizer().email());
        item.putObject("organizer").put("email", e.organizer().email()).put("displayName", e.organizer().name());
        item.putObject("start").put("dateTime", RFC_3339.format(e.start().atOffset(ZoneOffset.ofHours(-5))))
            .put("timeZone", "America/New_York");
        item.putObject("end").put("dateTime", RFC_3339.format(e.start().plusSeconds(3600).atOffset(ZoneOffset.ofHours(-5))))
            .put("timeZone", "America/New_York");
        ArrayNode attendees = item.putArray("attendees");
        e.attendees().forEach(a -> attendees.addObject().put("email", a.email()).put("displayName", a.name())
            .put("responseStatus", "accepted"));
      }
      if (to < mine.size()) {
        page.put("nextPageToken", String.valueOf(to));
      }
      return ok(page);
    }
  }

  // --- Outlook through Microsoft Graph ----------------------------------------------------------

  /** The client-credentials token, then {@code messages} and {@code calendarView} with {@code @odata.nextLink}. */
  private final class Outlook extends Api {
    private final Pattern users = Pattern.compile("/v1\\.0/users/([^/]+)/(messages|calendarView)");

    @Override
    ResponseDefinitionBuilder answer(String method, String path, Map<String, String> params, Request r)
        throws IOException {
      if (method.equals("POST") && path.equals("/" + TENANT + "/oauth2/v2.0/token")) {
        return ok(json.createObjectNode().put("token_type", "Bearer").put("expires_in", 3599)
            .put("ext_expires_in", 3599).put("access_token", "eyJ0eXAiOiJKV1QiLCJiZW5jaCI6dHJ1ZX0.bench.not-a-secret"));
      }
      Matcher m = users.matcher(path);
      if (!m.matches()) {
        return status(404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"Not found\"}}");
      }
      String mailbox = m.group(1);
      boolean mail = m.group(2).equals("messages");
      int from = offset(params.get("$skiptoken"));
      int top = size(params.get("$top"), 10);
      ObjectNode page = json.createObjectNode();
      ArrayNode value = page.putArray("value");
      int total;
      if (mail) {
        List<SyntheticSources.Mail> mine = data.outlook().stream().filter(x -> x.mailbox().equals(mailbox)).toList();
        total = mine.size();
        mine.subList(Math.min(from, total), Math.min(total, from + top)).forEach(x -> message(value.addObject(), x));
      } else {
        List<SyntheticSources.Meeting> mine = data.outlookCalendar().stream()
            .filter(x -> x.calendar().equals(mailbox)).toList();
        total = mine.size();
        mine.subList(Math.min(from, total), Math.min(total, from + top)).forEach(x -> event(value.addObject(), x));
      }
      if (from + top < total) {
        page.put("@odata.nextLink", base("outlook") + "/v1.0/users/" + mailbox.replace("@", "%40") + "/" + m.group(2)
            + "?%24top=" + top + "&%24skiptoken=" + (from + top));
      }
      return ok(page);
    }

    private void message(ObjectNode n, SyntheticSources.Mail x) {
      n.put("id", "AAMk" + x.id()).put("receivedDateTime", iso(x.sent())).put("sentDateTime", iso(x.sent()))
          .put("subject", x.subject()).put("isDraft", false)
          .put("webLink", "https://outlook.office365.com/owa/?ItemID=AAMk" + x.id())
          .put("internetMessageId", "<" + x.id() + "@outlook.bench.example>").put("conversationId", "AAQk" + x.id());
      recipient(n.putObject("from"), x.from());
      recipient(n.putArray("toRecipients").addObject(), x.to());
      recipient(n.putArray("ccRecipients").addObject(), x.cc());
      String type = x.body().startsWith("<") ? "html" : "text";
      n.putObject("body").put("contentType", type).put("content", x.body());
      n.putObject("uniqueBody").put("contentType", type).put("content", x.body());
    }

    private void event(ObjectNode n, SyntheticSources.Meeting e) {
      n.put("id", "AAMkCal" + e.id()).put("iCalUId", "0400" + e.id()).put("subject", e.title()).put("isCancelled", false)
          .put("webLink", "https://outlook.office365.com/owa/?itemid=AAMkCal" + e.id());
      n.putObject("body").put("contentType", "text").put("content", e.description());
      n.putObject("start").put("dateTime", e.start().toString().replace("Z", ".0000000")).put("timeZone", "UTC");
      n.putObject("end").put("dateTime", e.start().plusSeconds(3600).toString().replace("Z", ".0000000"))
          .put("timeZone", "UTC");
      recipient(n.putObject("organizer"), e.organizer());
      ArrayNode attendees = n.putArray("attendees");
      e.attendees().forEach(a -> {
        ObjectNode at = attendees.addObject().put("type", "required");
        at.putObject("status").put("response", "accepted");
        recipient(at, a);
      });
      n.putObject("location").put("displayName", "Microsoft Teams Meeting");
    }

    private void recipient(ObjectNode n, Person p) {
      n.putObject("emailAddress").put("name", p.name()).put("address", p.email());
    }
  }

  // --- Slack ------------------------------------------------------------------------------------

  /** The Web API's form POSTs: auth.test, conversations.list/history/replies, users.info. */
  private final class Slack extends Api {
    private final List<SyntheticSources.SlackMessage> topLevel;
    private final Map<String, List<SyntheticSources.SlackMessage>> threads = new HashMap<>();
    private final List<Person> people = data.people();

    Slack() {
      var top = new ArrayList<SyntheticSources.SlackMessage>();
      for (SyntheticSources.SlackMessage m : data.slack()) {
        if (m.threadTs() == null || m.threadTs().equals(m.ts())) {
          top.add(0, m); // history answers newest first
        }
        if (m.threadTs() != null) {
          threads.computeIfAbsent(m.threadTs(), k -> new ArrayList<>()).add(m);
        }
      }
      topLevel = top;
    }

    @Override
    String tooMany() {
      return "{\"ok\":false,\"error\":\"ratelimited\"}";
    }

    @Override
    ResponseDefinitionBuilder answer(String method, String path, Map<String, String> ignored, Request r)
        throws IOException {
      Map<String, String> form = params(r.getBodyAsString());
      ObjectNode out = json.createObjectNode().put("ok", true);
      switch (path) {
        case "/api/auth.test" -> {
          out.put("url", "https://northwind-analytics.slack.com/").put("team", "Northwind Analytics")
              .put("user", "handoff-brief").put("team_id", "T0BENCH001").put("user_id", "U0BOT00001");
          return ok(out).withHeader("X-OAuth-Scopes",
              "channels:history,channels:read,groups:history,groups:read,users:read,users:read.email");
        }
        case "/api/conversations.list" -> {
          out.putArray("channels").addObject().put("id", CHANNEL_ID).put("name", SyntheticSources.DEAL_CHANNEL)
              .put("is_channel", true).put("is_private", false).put("is_archived", false).put("is_member", true)
              .put("is_shared", false).put("is_ext_shared", true).put("created", 1768200000)
              .put("name_normalized", SyntheticSources.DEAL_CHANNEL);
          out.putObject("response_metadata").put("next_cursor", "");
          return ok(out);
        }
        case "/api/conversations.history" -> {
          return page(out, topLevel, form);
        }
        case "/api/conversations.replies" -> {
          return page(out, threads.getOrDefault(form.get("ts"), List.of()), form);
        }
        case "/api/users.info" -> {
          String id = form.getOrDefault("user", "");
          int i = id.startsWith("U") ? Integer.parseInt(id.substring(1)) : -1;
          if (i < 0 || i >= people.size()) {
            return ok(json.createObjectNode().put("ok", false).put("error", "user_not_found"));
          }
          Person p = people.get(i);
          ObjectNode u = out.putObject("user").put("id", id).put("team_id", "T0BENCH001")
              .put("name", p.email().substring(0, p.email().indexOf('@'))).put("real_name", p.name())
              .put("tz", "America/New_York").put("tz_offset", -18000).put("deleted", false).put("is_bot", false);
          u.putObject("profile").put("real_name", p.name()).put("display_name", p.name().split(" ")[0])
              .put("email", p.email());
          return ok(out);
        }
        default -> {
          return ok(json.createObjectNode().put("ok", false).put("error", "unknown_method"));
        }
      }
    }

    private ResponseDefinitionBuilder page(ObjectNode out, List<SyntheticSources.SlackMessage> all,
        Map<String, String> form) throws IOException {
      int from = offset(form.get("cursor"));
      int to = Math.min(all.size(), from + size(form.get("limit"), 100));
      ArrayNode messages = out.putArray("messages");
      for (SyntheticSources.SlackMessage m : all.subList(Math.min(from, to), to)) {
        ObjectNode n = messages.addObject().put("type", "message").put("user", userId(m.author())).put("text", m.text())
            .put("ts", m.ts()).put("team", "T0BENCH001");
        if (m.threadTs() != null) {
          n.put("thread_ts", m.threadTs());
        }
        if (m.replyCount() > 0) {
          n.put("reply_count", m.replyCount()).put("latest_reply", m.latestReply()).put("reply_users_count", 2);
        }
      }
      out.put("has_more", to < all.size());
      out.putObject("response_metadata").put("next_cursor", to < all.size() ? "next_" + to : "");
      return ok(out);
    }

    private String userId(Person p) {
      return String.format("U%08d", people.indexOf(p));
    }
  }

  // --- Zendesk ----------------------------------------------------------------------------------

  /** Organization search, the Search API by page, users/show_many and each ticket's comments. */
  private final class Zendesk extends Api {
    private final Pattern comments = Pattern.compile("/api/v2/tickets/(\\d+)/comments\\.json");
    private final List<Person> people = data.people();
    private final Map<Long, SyntheticSources.Ticket> byId = new HashMap<>();

    Zendesk() {
      data.tickets().forEach(t -> byId.put(t.id(), t));
    }

    @Override
    ResponseDefinitionBuilder answer(String method, String path, Map<String, String> params, Request r)
        throws IOException {
      ObjectNode out = json.createObjectNode();
      if (path.equals("/api/v2/organizations/search.json")) {
        ObjectNode org = out.putArray("organizations").addObject().put("id", ORGANIZATION_ID)
            .put("name", params.getOrDefault("name", "")).put("url", base("zendesk") + "/api/v2/organizations/"
                + ORGANIZATION_ID + ".json");
        org.putArray("domain_names").add(data.customers().get(0).email().substring(
            data.customers().get(0).email().indexOf('@') + 1));
        out.put("count", 1).putNull("next_page");
        return ok(out);
      }
      if (path.equals("/api/v2/search.json")) {
        List<SyntheticSources.Ticket> all = params.getOrDefault("query", "").contains("organization:")
            ? data.tickets() : List.of();
        int pageNo = size(params.get("page"), 1);
        int per = size(params.get("per_page"), 100);
        int from = (pageNo - 1) * per;
        int to = Math.min(all.size(), from + per);
        ArrayNode results = out.putArray("results");
        all.subList(Math.min(from, to), to).forEach(t -> ticket(results.addObject(), t));
        out.put("count", all.size());
        if (to < all.size()) {
          out.put("next_page", base("zendesk") + "/api/v2/search.json?query="
              + java.net.URLEncoder.encode(params.get("query"), StandardCharsets.UTF_8) + "&per_page=" + per
              + "&page=" + (pageNo + 1));
        } else {
          out.putNull("next_page");
        }
        return ok(out);
      }
      if (path.equals("/api/v2/users/show_many.json")) {
        ArrayNode users = out.putArray("users");
        for (String id : params.getOrDefault("ids", "").split(",")) {
          if (!id.isBlank()) {
            int i = (int) (Long.parseLong(id.strip()) - 20_000_000_000L);
            if (i >= 0 && i < people.size()) {
              user(users.addObject(), i);
            }
          }
        }
        return ok(out);
      }
      Matcher m = comments.matcher(path);
      if (m.matches() && byId.containsKey(Long.parseLong(m.group(1)))) {
        SyntheticSources.Ticket t = byId.get(Long.parseLong(m.group(1)));
        ArrayNode list = out.putArray("comments");
        var authors = new java.util.LinkedHashSet<Integer>();
        for (SyntheticSources.Comment c : t.comments()) {
          authors.add(people.indexOf(c.author()));
          list.addObject().put("id", c.id()).put("type", "Comment").put("author_id", userId(c.author()))
              .put("body", c.body()).put("plain_body", c.body()).put("html_body", "<p>" + c.body() + "</p>")
              .put("public", true).put("created_at", iso(c.created())).putArray("attachments");
        }
        ArrayNode users = out.putArray("users");
        authors.forEach(i -> user(users.addObject(), i));
        out.putObject("meta").put("has_more", false).putNull("after_cursor");
        out.putObject("links").putNull("next").putNull("prev");
        return ok(out);
      }
      return status(404, "{\"error\":\"InvalidEndpoint\",\"description\":\"Not found\"}");
    }

    private void ticket(ObjectNode n, SyntheticSources.Ticket t) {
      n.put("url", base("zendesk") + "/api/v2/tickets/" + t.id() + ".json").put("id", t.id())
          .put("result_type", "ticket").put("created_at", iso(t.created()))
          .put("updated_at", iso(t.comments().get(t.comments().size() - 1).created()))
          .put("type", "question").put("subject", t.subject()).put("raw_subject", t.subject())
          .put("description", t.comments().get(0).body()).put("priority", "normal")
          .put("status", t.id() % 3 == 0 ? "open" : "solved").put("requester_id", userId(t.requester()))
          .put("submitter_id", userId(t.requester())).put("assignee_id", userId(data.internal().get(0)))
          .put("organization_id", ORGANIZATION_ID).putArray("tags");
      n.putObject("via").put("channel", "email");
    }

    private void user(ObjectNode n, int i) {
      Person p = people.get(i);
      boolean agent = i < data.internal().size();
      n.put("id", 20_000_000_000L + i).put("name", p.name()).put("email", p.email())
          .put("role", agent ? "agent" : "end-user").put("iana_time_zone", "America/New_York")
          .put("time_zone", "Eastern Time (US & Canada)").put("active", true);
      if (!agent) {
        n.put("organization_id", ORGANIZATION_ID);
      }
    }

    private long userId(Person p) {
      return 20_000_000_000L + people.indexOf(p);
    }
  }

  // --- Gong -------------------------------------------------------------------------------------

  /** {@code POST /v2/calls/extensive} by cursor, and {@code POST /v2/calls/transcript} for the ids asked. */
  private final class Gong extends Api {
    private final Map<String, SyntheticSources.Call> byId = new HashMap<>();

    Gong() {
      data.calls().forEach(c -> byId.put(c.id(), c));
    }

    @Override
    ResponseDefinitionBuilder answer(String method, String path, Map<String, String> params, Request r)
        throws IOException {
      JsonNode asked = r.getBodyAsString().isBlank() ? json.createObjectNode() : json.readTree(r.getBodyAsString());
      ObjectNode out = json.createObjectNode().put("requestId", "bench" + requests.get());
      if (path.equals("/v2/calls/extensive")) {
        List<SyntheticSources.Call> all = data.calls();
        int from = offset(asked.path("cursor").asText(null));
        int to = Math.min(all.size(), from + 100);
        ObjectNode records = out.putObject("records").put("totalRecords", all.size()).put("currentPageSize", to - from)
            .put("currentPageNumber", from / 100);
        if (to < all.size()) {
          records.put("cursor", "cursor-" + to);
        }
        ArrayNode calls = out.putArray("calls");
        for (SyntheticSources.Call c : all.subList(from, to)) {
          ObjectNode call = calls.addObject();
          call.putObject("metaData").put("id", c.id()).put("url", "https://app.gong.io/call?id=" + c.id())
              .put("title", c.title()).put("scheduled", iso(c.started())).put("started", iso(c.started()))
              .put("duration", 1800).put("primaryUserId", "6100000000000000000").put("direction", "Conference")
              .put("system", "Zoom").put("scope", "External").put("media", "Video").put("language", "eng")
              .put("isPrivate", false);
          ArrayNode parties = call.putArray("parties");
          for (int i = 0; i < c.parties().size(); i++) {
            Person p = c.parties().get(i);
            boolean internal = data.internal().contains(p);
            ObjectNode party = parties.addObject().put("id", "73" + i + c.id()).put("emailAddress", p.email())
                .put("name", p.name()).put("affiliation", internal ? "Internal" : "External")
                .put("speakerId", speaker(c, p));
            if (internal) {
              party.put("userId", "610000000000000000" + data.internal().indexOf(p));
            }
            party.putArray("methods").add("Invitee");
          }
          call.putObject("content").put("brief", "A call about the rollout plan.");
        }
        return ok(out);
      }
      if (path.equals("/v2/calls/transcript")) {
        ArrayNode transcripts = out.putArray("callTranscripts");
        int n = 0;
        for (JsonNode id : asked.path("filter").path("callIds")) {
          SyntheticSources.Call c = byId.get(id.asText());
          if (c == null) {
            continue;
          }
          n++;
          ObjectNode t = transcripts.addObject().put("callId", c.id());
          ArrayNode turns = t.putArray("transcript");
          for (SyntheticSources.Turn turn : c.turns()) {
            ObjectNode mono = turns.addObject().put("speakerId", speaker(c, turn.speaker())).put("topic", "Discussion");
            ArrayNode sentences = mono.putArray("sentences");
            long at = turn.startMs();
            for (String s : turn.sentences()) {
              sentences.addObject().put("start", at).put("end", at + 4000).put("text", s);
              at += 4000;
            }
          }
        }
        out.putObject("records").put("totalRecords", n).put("currentPageSize", n).put("currentPageNumber", 0);
        return ok(out);
      }
      return status(404, "{\"requestId\":\"bench\",\"errors\":[\"not found\"]}");
    }

    private String speaker(SyntheticSources.Call c, Person p) {
      return "82" + c.parties().indexOf(p) + c.id().substring(3);
    }
  }
}
