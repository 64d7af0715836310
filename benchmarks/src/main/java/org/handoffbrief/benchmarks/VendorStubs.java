package org.handoffbrief.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
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
import java.util.function.Function;
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
import org.handoffbrief.testing.FakeGong;
import org.handoffbrief.testing.FakeGoogle;
import org.handoffbrief.testing.FakeOutlook;
import org.handoffbrief.testing.FakeSlack;
import org.handoffbrief.testing.FakeVendor;
import org.handoffbrief.testing.FakeZendesk;

/**
 * Six vendor systems on loopback, the test kit's fakes ({@code handoff-testing}), seeded with
 * {@link SyntheticSources} as each vendor's API returns its records: Gmail (list pages and
 * messages), Google Calendar (event pages), Outlook through Graph (message and calendarView pages
 * with {@code @odata.nextLink}), Slack's workspace, Zendesk's account and Gong's calls with their
 * transcripts. Gmail and Calendar get a fake each, so each system is counted, delayed and limited
 * on its own. The real connectors are pointed at them with {@link #connectors(int)}.
 *
 * <p>Lists that the fakes serve as seeded pages (Gmail, Calendar, Outlook) are cut into the page
 * sizes the connectors ask for here, so a brief makes the same calls as against a vendor that
 * honours them.
 */
public final class VendorStubs implements AutoCloseable {

  /** The six systems, in the order {@link #connectors(int)} lists them. */
  public static final List<String> SYSTEMS = List.of("gmail", "calendar", "outlook", "slack", "zendesk", "gong");

  /** The rate {@link #connectors(int)} gives a connector whose stub has no limit. */
  static final int UNLIMITED_PER_SECOND = 10_000;

  private static final int GMAIL_PAGE = 500;
  private static final int CALENDAR_PAGE = 2500;
  private static final int OUTLOOK_PAGE = 1000;
  private static final long ORGANIZATION_ID = 360_000_000_001L;
  private static final long FIRST_USER_ID = 20_000_000_000L;
  private static final String CHANNEL_ID = "C0DEAL0001";
  /** Google's date-times always carry seconds; {@code OffsetDateTime.toString()} drops them at :00. */
  private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  private final SyntheticSources data;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, FakeVendor> fakes = new LinkedHashMap<>();
  private final Map<String, Integer> counted = new HashMap<>();
  private final Map<String, Integer> limitedBefore = new HashMap<>();
  private FakeGoogle gmail;
  private FakeGoogle calendar;
  private FakeOutlook outlook;
  private FakeSlack slack;
  private FakeZendesk zendesk;
  private FakeGong gong;

  private VendorStubs(SyntheticSources data) {
    this.data = data;
  }

  /** Starts the six fakes on 127.0.0.1, seeded, each answering at once and without a rate limit. */
  public static VendorStubs start(SyntheticSources data) {
    var stubs = new VendorStubs(data);
    // Without the fakes' request journal, which would keep every answer in the heap being measured.
    String journal = System.setProperty(FakeVendor.NO_REQUEST_JOURNAL, "true");
    try {
      stubs.gmail = stubs.add("gmail", FakeGoogle.start());
      stubs.calendar = stubs.add("calendar", FakeGoogle.start());
      stubs.outlook = stubs.add("outlook", FakeOutlook.start());
      stubs.slack = stubs.add("slack", FakeSlack.start());
      stubs.zendesk = stubs.add("zendesk", FakeZendesk.start());
      stubs.gong = stubs.add("gong", FakeGong.start());
      stubs.seedGoogle();
      stubs.seedOutlook();
      stubs.seedSlack();
      stubs.seedZendesk();
      stubs.seedGong();
    } catch (RuntimeException e) {
      stubs.close();
      throw e;
    } finally {
      if (journal == null) {
        System.clearProperty(FakeVendor.NO_REQUEST_JOURNAL);
      } else {
        System.setProperty(FakeVendor.NO_REQUEST_JOURNAL, journal);
      }
    }
    return stubs;
  }

  /** Every answer of {@code system} waits {@code delay} first, as a distant or slow vendor does. */
  public VendorStubs delay(String system, Duration delay) {
    fake(system).delay(delay);
    return this;
  }

  /** {@code system} answers 429 with {@code Retry-After: 1} to requests above {@code perSecond} in a second. */
  public VendorStubs rateLimit(String system, int perSecond) {
    fake(system).rateLimitPerSecond(perSecond);
    return this;
  }

  /** Requests {@code system} has answered since the last {@link #resetCounts()}, 429s included. */
  public int requests(String system) {
    return fake(system).requests() - counted.getOrDefault(system, 0);
  }

  /** 429s {@code system} answered because its rate limit was exceeded, since the last {@link #resetCounts()}. */
  public int limited(String system) {
    return fake(system).rateLimited() - limitedBefore.getOrDefault(system, 0);
  }

  /** Forgets the counts. */
  public void resetCounts() {
    fakes.forEach((system, fake) -> {
      counted.put(system, fake.requests());
      limitedBefore.put(system, fake.rateLimited());
    });
  }

  /**
   * The six real connectors, pointed at these servers, each set to read everything the deal has
   * at 100x (the largest pages each API allows; Gong up to {@code maxCalls} calls).
   */
  public List<SourceConnector> connectors(int gongMaxCalls) {
    // These fakes enforce no limit, so the connectors are not paced either (a host whose plan
    // allows it configures the same): what is measured is the library's own work, not a vendor's
    // rate. Gong keeps its documented 3 a second; BatchRun sets every rate to its stub's.
    var unlimited = new HashMap<String, Integer>();
    for (String system : List.of("gmail", "calendar", "outlook", "slack", "zendesk")) {
      unlimited.put(system, UNLIMITED_PER_SECOND);
    }
    return connectors(gongMaxCalls, unlimited);
  }

  /**
   * As {@link #connectors(int)}, each paced as a host configures its plan: {@code perSecond} maps a
   * system to its rate (a request-per-minute setting gets 60 times it); a system it lacks keeps its
   * connector's default pace.
   */
  public List<SourceConnector> connectors(int gongMaxCalls, Map<String, Integer> perSecond) {
    var gmailConfig = GoogleConfig.gmail().rootUrl(gmail.baseUrl()).auth(GoogleAuth.accessToken(gmail.hostToken()))
        .pageSize(GMAIL_PAGE).maxPages(100).batchSize(100);
    var calendarConfig = GoogleConfig.calendar().rootUrl(calendar.baseUrl())
        .auth(GoogleAuth.accessToken(calendar.hostToken())).pageSize(CALENDAR_PAGE).maxPages(100);
    var outlookConfig = OutlookConfig.builder().tenantId(outlook.tenantId()).clientId(outlook.clientId())
        .clientSecret(outlook.clientSecret()).authorityUrl(outlook.authorityUrl()).graphUrl(outlook.graphUrl())
        .mailboxes(data.outlookMailboxes()).pageSize(OUTLOOK_PAGE);
    var slackConfig = SlackConfig.builder().botToken(slack.botToken()).baseUrl(slack.baseUrl()).pageSize(999);
    var zendeskConfig = ZendeskConfig.builder().subdomain("bench").baseUrl(zendesk.baseUrl())
        .auth(ZendeskAuth.apiToken(zendesk.agentEmail(), zendesk.apiToken())).pageSize(100).maxPages(100);
    var gongConfig = GongConfig.builder().baseUrl(gong.baseUrl()).accessKey(gong.accessKey(), gong.accessKeySecret())
        .maxCalls(gongMaxCalls);
    perSecond.forEach((system, rate) -> {
      switch (system) {
        case "gmail" -> gmailConfig.requestsPerMinute(rate * 60);
        case "calendar" -> calendarConfig.requestsPerMinute(rate * 60);
        case "outlook" -> outlookConfig.requestsPerMinute(rate * 60);
        case "slack" -> slackConfig.requestsPerMinute(rate * 60);
        case "zendesk" -> zendeskConfig.requestsPerMinute(rate * 60);
        case "gong" -> gongConfig.maxRequestsPerSecond(rate);
        default -> throw new IllegalArgumentException("no system " + system + "; one of " + SYSTEMS);
      }
    });
    return List.of(GmailConnector.create(gmailConfig.build()), GoogleCalendarConnector.create(calendarConfig.build()),
        OutlookConnector.create(outlookConfig.build()), SlackConnector.create(slackConfig.build()),
        ZendeskConnector.create(zendeskConfig.build()), GongConnector.create(gongConfig.build()));
  }

  @Override
  public void close() {
    fakes.values().forEach(FakeVendor::close);
  }

  private <F extends FakeVendor> F add(String system, F fake) {
    fakes.put(system, fake);
    return fake;
  }

  private FakeVendor fake(String system) {
    FakeVendor fake = fakes.get(system);
    if (fake == null) {
      throw new IllegalArgumentException("no system " + system + "; one of " + SYSTEMS);
    }
    return fake;
  }

  /** {@code records} cut into pages of {@code size}, each made by {@code page} from its records and the next page's token (null on the last). */
  private static <T> String[] pages(List<T> records, int size, PageMaker<T> page) {
    var out = new ArrayList<String>();
    for (int from = 0; from < records.size(); from += size) {
      int to = Math.min(records.size(), from + size);
      out.add(page.make(records.subList(from, to), to < records.size() ? String.valueOf(to) : null).toString());
    }
    return out.toArray(String[]::new);
  }

  /** One page of a vendor's list answer. */
  private interface PageMaker<T> {
    ObjectNode make(List<T> records, String nextToken);
  }

  private static String iso(Instant at) {
    return DateTimeFormatter.ISO_INSTANT.format(at);
  }

  private static String address(Person p) {
    return p.name() + " <" + p.email() + ">";
  }

  // --- Gmail and Calendar -----------------------------------------------------------------------

  private void seedGoogle() {
    // Every person of the deal has a mailbox and a calendar, most of them empty, as a Workspace has.
    for (Person p : data.people()) {
      gmail.mailbox(p.email());
      calendar.calendar(p.email());
    }
    data.gmail().forEach(m -> gmail.message(m.id(), message(m).toString()));
    byKey(data.gmail(), SyntheticSources.Mail::mailbox).forEach((mailbox, mail) ->
        gmail.mailbox(mailbox, pages(mail, GMAIL_PAGE, (some, next) -> {
          ObjectNode page = json.createObjectNode();
          ArrayNode ids = page.putArray("messages");
          some.forEach(x -> ids.addObject().put("id", x.id()).put("threadId", x.id()));
          page.put("resultSizeEstimate", mail.size());
          if (next != null) {
            page.put("nextPageToken", next);
          }
          return page;
        })));
    byKey(data.googleCalendar(), SyntheticSources.Meeting::calendar).forEach((address, meetings) ->
        calendar.calendar(address, pages(meetings, CALENDAR_PAGE, (some, next) -> {
          ObjectNode page = json.createObjectNode().put("kind", "calendar#events").put("summary", address)
              .put("timeZone", "America/New_York").put("accessRole", "owner");
          ArrayNode items = page.putArray("items");
          some.forEach(e -> googleEvent(items.addObject(), e));
          if (next != null) {
            page.put("nextPageToken", next);
          }
          return page;
        })));
  }

  private static <T> Map<String, List<T>> byKey(List<T> records, Function<T, String> key) {
    var out = new LinkedHashMap<String, List<T>>();
    records.forEach(r -> out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
    return out;
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

  private static void header(ArrayNode headers, String name, String value) {
    headers.addObject().put("name", name).put("value", value);
  }

  private static void googleEvent(ObjectNode item, SyntheticSources.Meeting e) {
    item.put("kind", "calendar#event").put("id", e.id()).put("status", "confirmed")
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

  // --- Outlook through Microsoft Graph ----------------------------------------------------------

  private void seedOutlook() {
    Map<String, List<SyntheticSources.Mail>> mail = byKey(data.outlook(), SyntheticSources.Mail::mailbox);
    Map<String, List<SyntheticSources.Meeting>> meetings =
        byKey(data.outlookCalendar(), SyntheticSources.Meeting::calendar);
    for (String mailbox : data.outlookMailboxes()) {
      outlook.messages(mailbox, graphPages(mailbox, "messages", mail.getOrDefault(mailbox, List.of()), this::outlookMessage));
      outlook.calendarView(mailbox, graphPages(mailbox, "calendarView", meetings.getOrDefault(mailbox, List.of()),
          this::outlookEvent));
    }
  }

  private <T> String[] graphPages(String mailbox, String collection, List<T> records,
      java.util.function.BiConsumer<ObjectNode, T> write) {
    return pages(records, OUTLOOK_PAGE, (some, next) -> {
      ObjectNode page = json.createObjectNode();
      ArrayNode value = page.putArray("value");
      some.forEach(x -> write.accept(value.addObject(), x));
      if (next != null) {
        page.put("@odata.nextLink", "https://graph.microsoft.com/v1.0/users/" + mailbox.replace("@", "%40") + "/"
            + collection + "?%24top=" + OUTLOOK_PAGE + "&%24skiptoken=" + next);
      }
      return page;
    });
  }

  private void outlookMessage(ObjectNode n, SyntheticSources.Mail x) {
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

  private void outlookEvent(ObjectNode n, SyntheticSources.Meeting e) {
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

  private static void recipient(ObjectNode n, Person p) {
    n.putObject("emailAddress").put("name", p.name()).put("address", p.email());
  }

  // --- Slack ------------------------------------------------------------------------------------

  private void seedSlack() {
    List<Person> people = data.people();
    for (int i = 0; i < people.size(); i++) {
      Person p = people.get(i);
      ObjectNode u = json.createObjectNode().put("id", slackId(i)).put("team_id", "T0BENCH001")
          .put("name", p.email().substring(0, p.email().indexOf('@'))).put("real_name", p.name())
          .put("tz", "America/New_York").put("tz_offset", -18000).put("deleted", false).put("is_bot", false);
      u.putObject("profile").put("real_name", p.name()).put("display_name", p.name().split(" ")[0])
          .put("email", p.email());
      slack.user(u);
    }
    slack.channel(json.createObjectNode().put("id", CHANNEL_ID).put("name", SyntheticSources.DEAL_CHANNEL)
        .put("is_channel", true).put("is_private", false).put("is_archived", false).put("is_member", true)
        .put("is_shared", false).put("is_ext_shared", true).put("created", 1768200000)
        .put("name_normalized", SyntheticSources.DEAL_CHANNEL));
    for (SyntheticSources.SlackMessage m : data.slack()) {
      ObjectNode n = json.createObjectNode().put("type", "message").put("user", slackId(people.indexOf(m.author())))
          .put("text", m.text()).put("ts", m.ts()).put("team", "T0BENCH001");
      if (m.threadTs() != null) {
        n.put("thread_ts", m.threadTs());
      }
      if (m.replyCount() > 0) {
        n.put("reply_count", m.replyCount()).put("latest_reply", m.latestReply()).put("reply_users_count", 2);
      }
      slack.message(CHANNEL_ID, n);
    }
  }

  private static String slackId(int person) {
    return String.format("U%08d", person);
  }

  // --- Zendesk ----------------------------------------------------------------------------------

  private void seedZendesk() {
    String domain = data.customers().get(0).email().substring(data.customers().get(0).email().indexOf('@') + 1);
    ObjectNode org = json.createObjectNode().put("id", ORGANIZATION_ID).put("name", data.accountName())
        .put("url", zendesk.baseUrl() + "/api/v2/organizations/" + ORGANIZATION_ID + ".json");
    org.putArray("domain_names").add(domain);
    zendesk.organization(org);
    List<Person> people = data.people();
    for (int i = 0; i < people.size(); i++) {
      zendesk.user(zendeskUser(i));
    }
    for (SyntheticSources.Ticket t : data.tickets()) {
      zendesk.ticket(ticket(t));
      for (SyntheticSources.Comment c : t.comments()) {
        zendesk.comment(t.id(), json.createObjectNode().put("id", c.id()).put("type", "Comment")
            .put("author_id", zendeskId(c.author())).put("body", c.body()).put("plain_body", c.body())
            .put("html_body", "<p>" + c.body() + "</p>").put("public", true).put("created_at", iso(c.created())));
      }
    }
  }

  private ObjectNode ticket(SyntheticSources.Ticket t) {
    ObjectNode n = json.createObjectNode();
    n.put("url", zendesk.baseUrl() + "/api/v2/tickets/" + t.id() + ".json").put("id", t.id())
        .put("result_type", "ticket").put("created_at", iso(t.created()))
        .put("updated_at", iso(t.comments().get(t.comments().size() - 1).created()))
        .put("type", "question").put("subject", t.subject()).put("raw_subject", t.subject())
        .put("description", t.comments().get(0).body()).put("priority", "normal")
        .put("status", t.id() % 3 == 0 ? "open" : "solved").put("requester_id", zendeskId(t.requester()))
        .put("submitter_id", zendeskId(t.requester())).put("assignee_id", zendeskId(data.internal().get(0)))
        .put("organization_id", ORGANIZATION_ID).putArray("tags");
    n.putObject("via").put("channel", "email");
    return n;
  }

  private ObjectNode zendeskUser(int i) {
    Person p = data.people().get(i);
    boolean agent = i < data.internal().size();
    ObjectNode n = json.createObjectNode().put("id", FIRST_USER_ID + i).put("name", p.name()).put("email", p.email())
        .put("role", agent ? "agent" : "end-user").put("iana_time_zone", "America/New_York")
        .put("time_zone", "Eastern Time (US & Canada)").put("active", true);
    if (!agent) {
      n.put("organization_id", ORGANIZATION_ID);
    }
    return n;
  }

  private long zendeskId(Person p) {
    return FIRST_USER_ID + data.people().indexOf(p);
  }

  // --- Gong -------------------------------------------------------------------------------------

  private void seedGong() {
    for (SyntheticSources.Call c : data.calls()) {
      ObjectNode call = json.createObjectNode();
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
      gong.call(call);

      ObjectNode transcript = json.createObjectNode().put("callId", c.id());
      ArrayNode turns = transcript.putArray("transcript");
      for (SyntheticSources.Turn turn : c.turns()) {
        ObjectNode mono = turns.addObject().put("speakerId", speaker(c, turn.speaker())).put("topic", "Discussion");
        ArrayNode sentences = mono.putArray("sentences");
        long at = turn.startMs();
        for (String s : turn.sentences()) {
          sentences.addObject().put("start", at).put("end", at + 4000).put("text", s);
          at += 4000;
        }
      }
      gong.transcript(transcript);
    }
  }

  private static String speaker(SyntheticSources.Call c, Person p) {
    return "82" + c.parties().indexOf(p) + c.id().substring(3);
  }
}
