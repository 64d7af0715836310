package org.handoffbrief.samples;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.handoffbrief.connector.google.GmailConnector;
import org.handoffbrief.connector.google.GoogleAuth;
import org.handoffbrief.connector.google.GoogleCalendarConnector;
import org.handoffbrief.connector.google.GoogleConfig;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.testing.FakeGoogle;

/**
 * The demo company's Google Workspace: the test kit's {@link FakeGoogle} loaded with the fixtures
 * under {@code demo/google/} (the mailboxes' list pages, their messages and the calendars' event
 * pages) and the real connectors pointed at it, signing in as the demo's service account.
 *
 * <p>Thirty days later ({@link DemoMoment#THIRTY_DAYS_LATER}) Alex's mailbox also holds the end of
 * the data residency thread: his answer (April 7, later than the April 3 he promised) and Elena's
 * reply that the redline is resolved.
 */
final class DemoGoogle implements AutoCloseable {

  /** The demo's service account. */
  static final String SERVICE_ACCOUNT = "handoff-reader@northwind-handoff.iam.gserviceaccount.com";

  private static final String FIXTURES = "/demo/google/";
  private static final String DOMAIN = "@northwind-analytics.com";

  /** The running fake, for a test that injects a fault or puts another message in a mailbox. */
  final FakeGoogle fake;

  private DemoGoogle(FakeGoogle fake) {
    this.fake = fake;
  }

  /** Starts Workspace on 127.0.0.1 on a free port, as it was at close. */
  static DemoGoogle start() {
    return start(DemoMoment.AT_CLOSE);
  }

  /** Starts Workspace on 127.0.0.1 on a free port, as it is at {@code moment}. */
  static DemoGoogle start(DemoMoment moment) {
    FakeGoogle fake = FakeGoogle.start().serviceAccount(SERVICE_ACCOUNT);
    try {
      load(fake, moment);
    } catch (RuntimeException e) {
      fake.close();
      throw e;
    }
    return new DemoGoogle(fake);
  }

  private static void load(FakeGoogle fake, DemoMoment moment) {
    fake.mailbox("alex.rivera" + DOMAIN, moment.read(FIXTURES, "gmail/list-alex-1.json"),
        moment.read(FIXTURES, "gmail/list-alex-2.json"));
    fake.mailbox("sam.chen" + DOMAIN, moment.read(FIXTURES, "gmail/list-sam-1.json"));
    fake.mailbox("jordan.lee" + DOMAIN, moment.read(FIXTURES, "gmail/list-empty.json"));
    fake.calendar("alex.rivera" + DOMAIN, moment.read(FIXTURES, "calendar/events-alex-1.json"),
        moment.read(FIXTURES, "calendar/events-alex-2.json"));
    fake.calendar("sam.chen" + DOMAIN, moment.read(FIXTURES, "calendar/events-sam-1.json"));
    fake.calendar("jordan.lee" + DOMAIN, moment.read(FIXTURES, "calendar/events-empty.json"));
    // Every message a list names, where the demo has it; one it lacks is Google's 404, as before.
    var json = new ObjectMapper();
    for (String list : new String[] {"list-alex-1.json", "list-alex-2.json", "list-sam-1.json"}) {
      try {
        for (var m : json.readTree(moment.read(FIXTURES, "gmail/" + list)).path("messages")) {
          String file = "gmail/messages/" + m.path("id").asText() + ".json";
          if (moment.has(FIXTURES, file)) {
            fake.message(m.path("id").asText(), moment.read(FIXTURES, file));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("the demo's Gmail list " + list + " is not JSON", e);
      }
    }
  }

  /** Stands in for {@code https://gmail.googleapis.com/} and {@code https://www.googleapis.com/}. */
  URI baseUrl() {
    return fake.baseUrl();
  }

  /** The real Gmail connector, pointed at this server. */
  SourceConnector gmailConnector() {
    return GmailConnector.create(GoogleConfig.gmail().rootUrl(baseUrl()).auth(auth()).build());
  }

  /** The real Google Calendar connector, pointed at this server. */
  SourceConnector calendarConnector() {
    return GoogleCalendarConnector.create(GoogleConfig.calendar().rootUrl(baseUrl()).auth(auth()).build());
  }

  private GoogleAuth auth() {
    return GoogleAuth.serviceAccount(SERVICE_ACCOUNT, fake.privateKey(), fake.tokenUrl());
  }

  static String fixture(String name) {
    return DemoFixtures.read(FIXTURES + name);
  }

  @Override
  public void close() {
    fake.close();
  }
}
