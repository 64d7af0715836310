package org.handoffbrief.connector.google;

import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.Events;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.handoffbrief.HandoffException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.model.Channel;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.TimeWindow;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Participant;
import org.handoffbrief.spi.ApiCalls;
import org.handoffbrief.spi.CallBudgetExhaustedException;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.SourceContext;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.spi.kit.HtmlText;

/**
 * Reads the deal's meetings from Google Calendar (google-api-services-calendar): for each internal
 * calendar (the opportunity owner's, the deal team's, and any configured), the events of the
 * sales-cycle window (its start moved back by {@link GoogleConfig#lookback()}, 30 days by default:
 * the intro meeting often predates the opportunity) whose attendees include a customer contact's address or an address in a
 * customer domain. Thread-safe; tokens are cached per calendar.
 *
 * <h2>Calls</h2>
 * Per calendar: a token (service account: JWT bearer grant with {@code sub} = the calendar's
 * owner), then {@code events.list} on the primary calendar with {@code timeMin}/{@code timeMax} =
 * the window, {@code singleEvents=true} (recurring meetings as their instances),
 * {@code orderBy=startTime}, page by page ({@code nextPageToken}, at most {@code maxPages}). Retries
 * as in {@link GmailConnector}.
 *
 * <h2>Scope</h2>
 * {@value GoogleConfig#CALENDAR_SCOPE} only: events, not calendar settings or sharing. A refusal
 * for that scope is a {@link org.handoffbrief.PermissionException} naming it.
 *
 * <h2>Evidence</h2>
 * System {@code google-calendar}, kind {@code event}, native id the event id (of the first calendar
 * it was found in; the same meeting on two calendars, same iCalUID and start, enters once).
 * Cancelled events stay out. Text: {@code Subject:}, {@code When:} (local start-end in the event's
 * own time zone, e.g. {@code 2026-03-12 13:00-13:45 America/New_York}), {@code Organizer:},
 * {@code Attendees:} ({@code Name <email> (accepted)}, comma-separated), {@code Location:} (or the
 * video link) lines, a blank line, then the description as plain text. Participants are the
 * attendees (meeting rooms left out); attributes {@code calendar}, {@code calendars}, {@code iCalUID},
 * {@code status}, {@code start}, {@code end}, {@code timeZone}, {@code organizer},
 * {@code responseStatus:<email>} per attendee. Permalink: the event's {@code htmlLink}.
 */
public final class GoogleCalendarConnector implements SourceConnector {

  /** The evidence kind. */
  public static final String KIND = "event";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  private final GoogleSession session;

  private GoogleCalendarConnector(GoogleConfig config) {
    this.session = new GoogleSession(config);
  }

  /** A connector for this configuration (made with {@link GoogleConfig#calendar()}). */
  public static GoogleCalendarConnector create(GoogleConfig config) {
    Objects.requireNonNull(config, "config == null");
    if (!config.system().equals(GoogleConfig.CALENDAR)) {
      throw new IllegalArgumentException("GoogleCalendarConnector needs a GoogleConfig.calendar() config, not "
          + config.system());
    }
    return new GoogleCalendarConnector(config);
  }

  @Override
  public String system() {
    return GoogleConfig.CALENDAR;
  }

  @Override
  public Set<Channel> channels() {
    return EnumSet.of(Channel.CALENDAR);
  }

  /** The configuration this connector was made with. */
  public GoogleConfig config() {
    return session.config;
  }

  @Override
  public SourceResult fetch(DealContext deal, SourceContext context) {
    Objects.requireNonNull(deal, "deal == null");
    Objects.requireNonNull(context, "context == null");
    GoogleConfig config = session.config;
    var audience = new DealAudience(deal, Set.of());
    TimeWindow window = deal.window().startingEarlier(config.lookback());
    List<String> calendars = DealAudience.mailboxes(deal, config);
    var notes = new ArrayList<String>();
    var unread = new ArrayList<String>();
    if (calendars.isEmpty()) {
      return new SourceResult(List.of(), Map.of(), List.of("google-calendar: no internal calendar to read (the deal"
          + " owner and team have no address in the vendor's domains, and google-calendar.mailboxes is empty)."));
    }
    GoogleSession.Calls calls = session.calls(context);
    var found = new LinkedHashMap<String, Found>();
    HandoffException firstFailure = null;
    int unreadable = 0;
    int listed = 0;
    for (String calendarId : calendars) {
      Calendar api = new Calendar.Builder(session.transport, GsonFactory.getDefaultInstance(),
          session.initializer(calendarId, context)).setRootUrl(config.rootUrl().toString()).setApplicationName("handoff-brief")
          .build();
      int page = 1;
      try {
        String pageToken = null;
        for (; ; page++) {
          String token = pageToken;
          Events events = calls.call("GET events.list", calendarId, () -> api.events().list(calendarId)
              .setTimeMin(new DateTime(window.start().toEpochMilli()))
              .setTimeMax(new DateTime(window.end().toEpochMilli()))
              .setSingleEvents(true).setOrderBy("startTime").setMaxResults(config.pageSize())
              .setPageToken(token).execute());
          if (events.getItems() != null) {
            listed += events.getItems().size();
            for (Event e : events.getItems()) {
              accept(e, events.getTimeZone(), calendarId, window, audience, found);
            }
          }
          pageToken = events.getNextPageToken();
          if (pageToken == null || pageToken.isEmpty()) {
            break;
          }
          if (page >= config.maxPages()) {
            notes.add("google-calendar: calendar " + calendarId + " has more than " + page + " pages of events in the"
                + " window; read the first " + page + " (raise google-calendar.maxPages to read further).");
            break;
          }
        }
      } catch (CallBudgetExhaustedException e) {
        int left = calendars.size() - calendars.indexOf(calendarId) - 1;
        unread.add("google-calendar: " + e.getMessage() + "; events were read up to calendar " + calendarId
            + (left > 0 ? " and " + left + " more calendar(s) were not read" : "") + ".");
        break;
      } catch (HandoffException e) {
        if (ApiCalls.endsTheSource(e) && !(e instanceof GoogleErrors.MailboxUnreadable)) {
          throw e;
        }
        if (page > 1) {
          // A later page that fails costs only what it would have listed: the pages read are kept.
          unread.add("google-calendar: calendar " + calendarId + ": page " + page + " of the events could not be read ("
              + e.getMessage() + "); the first " + (page - 1) + " page(s) are kept.");
          continue;
        }
        unread.add("google-calendar: calendar " + calendarId + " could not be read: " + e.getMessage());
        firstFailure = firstFailure == null ? e : firstFailure;
        unreadable++;
      }
    }
    if (unreadable == calendars.size() && firstFailure != null) {
      throw firstFailure;
    }
    var usage = new LinkedHashMap<String, String>();
    usage.put("calendars", String.valueOf(calendars.size()));
    usage.put("eventsListed", String.valueOf(listed));
    return new SourceResult(found.values().stream().map(Found::evidence).toList(), usage, notes, unread);
  }

  /** Closes the HTTP transport and forgets the cached tokens. Idempotent. */
  @Override
  public void close() {
    session.close();
  }

  private static void accept(Event e, String calendarZone, String calendarId, TimeWindow window,
      DealAudience audience, Map<String, Found> found) {
    if ("cancelled".equals(e.getStatus()) || e.getStart() == null || e.getId() == null) {
      return;
    }
    ZoneId zone = zone(e.getStart().getTimeZone(), calendarZone);
    ZonedDateTime start = at(e.getStart(), zone);
    if (start == null || !window.contains(start.toInstant())) {
      return;
    }
    List<EventAttendee> attendees = e.getAttendees() == null ? List.of() : e.getAttendees();
    if (attendees.stream().noneMatch(a -> audience.isCustomer(a.getEmail()))) {
      return;
    }
    String key = (e.getICalUID() == null ? e.getId() : e.getICalUID()) + "@" + start.toInstant();
    Found existing = found.get(key);
    if (existing != null) {
      existing.calendars.add(calendarId);
    } else {
      found.put(key, new Found(e, zone, start, calendarId));
    }
  }

  private static ZoneId zone(String eventZone, String calendarZone) {
    for (String z : new String[] {eventZone, calendarZone}) {
      if (z != null) {
        try {
          return ZoneId.of(z);
        } catch (DateTimeException ignored) {
          // an unknown zone name: try the next, then UTC
        }
      }
    }
    return ZoneOffset.UTC;
  }

  private static ZonedDateTime at(EventDateTime t, ZoneId zone) {
    if (t == null) {
      return null;
    }
    if (t.getDateTime() != null) {
      return Instant.ofEpochMilli(t.getDateTime().getValue()).atZone(zone);
    }
    if (t.getDate() != null) {
      return LocalDate.parse(t.getDate().toStringRfc3339().substring(0, 10)).atStartOfDay(zone);
    }
    return null;
  }

  /** An event that entered, with every calendar it was found on. */
  private static final class Found {
    final Event e;
    final ZoneId zone;
    final ZonedDateTime start;
    final java.util.Set<String> calendars = new java.util.LinkedHashSet<>();

    Found(Event e, ZoneId zone, ZonedDateTime start, String calendarId) {
      this.e = e;
      this.zone = zone;
      this.start = start;
      calendars.add(calendarId);
    }

    Evidence evidence() {
      ZonedDateTime end = at(e.getEnd(), zone);
      boolean allDay = e.getStart().getDateTime() == null;
      String when;
      if (allDay) {
        when = DAY.format(start) + " (all day)";
      } else {
        when = DAY.format(start) + " " + TIME.format(start)
            + (end == null ? "" : "-" + (end.toLocalDate().equals(start.toLocalDate()) ? "" : DAY.format(end) + " ")
                + TIME.format(end))
            + " " + zone.getId();
      }
      Participant organizer = e.getOrganizer() == null || (e.getOrganizer().getEmail() == null
          && e.getOrganizer().getDisplayName() == null) ? null
          : new Participant(e.getOrganizer().getDisplayName(), e.getOrganizer().getEmail(), null);
      var people = new ArrayList<Participant>();
      var attendeeLabels = new ArrayList<String>();
      var b = Evidence.builder(GoogleConfig.CALENDAR, KIND, e.getId()).channel(Channel.CALENDAR);
      for (EventAttendee a : e.getAttendees()) {
        if (a.getEmail() == null || Boolean.TRUE.equals(a.getResource())) {
          continue; // a meeting room is not a person
        }
        Participant p = new Participant(a.getDisplayName(), a.getEmail(), null);
        people.add(p);
        String status = a.getResponseStatus() == null ? "needsAction" : a.getResponseStatus();
        attendeeLabels.add(DealAudience.label(p) + " (" + status + ")");
        b.attribute("responseStatus:" + p.email(), status);
      }
      String location = e.getLocation() != null ? e.getLocation() : e.getHangoutLink();
      b.header("Subject", e.getSummary() == null ? null : e.getSummary(), "summary")
          .line("Subject", e.getSummary() == null ? "(no title)" : null)
          .line("When", when)
          .line("Organizer", organizer == null ? null : DealAudience.label(organizer))
          .line("Attendees", String.join(", ", attendeeLabels))
          .header("Location", location, "location");
      String description = e.getDescription() == null ? "" : e.getDescription();
      if (description.contains("<")) {
        description = HtmlText.toText(description).text();
      } else {
        description = HtmlText.decodeEntities(description.replace("\r\n", "\n")).strip();
      }
      b.body(description, "description");
      OffsetDateTime timestamp = start.toOffsetDateTime();
      return b.permalink(e.getHtmlLink() == null ? null : URI.create(e.getHtmlLink()))
          .timestamp(timestamp)
          .author(organizer)
          .participants(people)
          .attribute("calendar", calendars.iterator().next())
          .attribute("calendars", String.join(",", calendars))
          .attribute("iCalUID", e.getICalUID())
          .attribute("status", e.getStatus())
          .attribute("start", timestamp.toString())
          .attribute("end", end == null ? null : end.toOffsetDateTime().toString())
          .attribute("timeZone", zone.getId())
          .attribute("organizer", organizer == null ? null : organizer.email())
          .attribute("allDay", allDay ? "true" : null)
          .build();
    }
  }
}
