package org.handoffbrief.connector.google;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.handoffbrief.model.Account;
import org.handoffbrief.model.DealContact;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Opportunity;
import org.handoffbrief.model.Person;
import org.handoffbrief.model.TeamMember;
import org.handoffbrief.model.TimeWindow;
import org.handoffbrief.spi.RetryPolicy;
import org.handoffbrief.testing.FakeGoogle;
import org.handoffbrief.testing.WireFixtures;

/** The test deal and fixtures, and the test kit's Google loaded with them, for the Google tests. */
final class GoogleFakes {
  private GoogleFakes() {}

  static final String ALEX = "alex.rivera@northwind-analytics.com";
  static final String SAM = "sam.chen@northwind-analytics.com";
  // Tiny back-off, but room for the 1 s Retry-After the rate-limit tests ask for: ApiCalls never
  // retries sooner than the vendor asked.
  static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(2));
  static final KeyPair KEYS = keys();
  /** The service account the tests sign in as. */
  static final String SERVICE_ACCOUNT = "handoff-reader@northwind-handoff.iam.gserviceaccount.com";

  /**
   * The test kit's Google holding this module's fixtures: Alex's mailbox and calendar (two pages
   * each), Sam's (one page each) and every message under {@code gmail/messages/}.
   */
  static FakeGoogle google() {
    FakeGoogle google = FakeGoogle.start().serviceAccount(SERVICE_ACCOUNT)
        .mailbox(ALEX, fixture("gmail/list-alex-1.json"), fixture("gmail/list-alex-2.json"))
        .mailbox(SAM, fixture("gmail/list-sam-1.json"))
        .calendar(ALEX, fixture("calendar/events-alex-1.json"), fixture("calendar/events-alex-2.json"))
        .calendar(SAM, fixture("calendar/events-sam-1.json"));
    try (Stream<Path> messages = Files.list(Path.of(GoogleFakes.class.getResource("/google/gmail/messages").toURI()))) {
      messages.forEach(m -> {
        String id = m.getFileName().toString().replace(".json", "");
        google.message(id, fixture("gmail/messages/" + id + ".json"));
      });
    } catch (IOException | URISyntaxException e) {
      google.close();
      throw new IllegalStateException("the Gmail message fixtures cannot be listed", e);
    }
    return google;
  }

  /** Meridian Health: window 2026-01-12 to 2026-03-27, Alex owns it, Sam is the SE. */
  static DealContext deal() {
    var account = new Account("001Hs00000MrdHlIAJ", "Meridian Health", "Healthcare", "Customer",
        "https://www.meridianhealth.org", 3800L);
    var opp = new Opportunity("006Hs00000MrdWnIAJ", "Meridian Health - Analytics Platform", "Closed Won",
        new BigDecimal("168000"), "USD", LocalDate.of(2026, 3, 27), Instant.parse("2026-01-12T14:00:00Z"),
        "New Business", true, true);
    var alex = new Person("Alex Rivera", ALEX, "Account Executive", true, Set.of());
    var sam = new Person("Sam Chen", SAM, "Senior Sales Engineer", true, Set.of());
    var dana = new Person("Dana Okonkwo", "dana.okonkwo@meridianhealth.org", "VP Operations", false, Set.of());
    var priya = new Person("Priya Raman", "priya.raman@meridianhealth.org", "Director of IT", false, Set.of());
    return new DealContext(account, opp, alex,
        List.of(new DealContact(dana, "Business User", true), new DealContact(priya, "Technical Buyer", false)),
        List.of(new TeamMember(sam, "Sales Engineer")),
        new TimeWindow(opp.createdAt(), Instant.parse("2026-03-28T00:00:00Z")),
        Set.of("northwind-analytics.com"), Map.of());
  }

  /** A Google answer: this module's own, else the one the test kit shares with the demo. */
  static String fixture(String path) {
    try (InputStream in = GoogleFakes.class.getResourceAsStream("/google/" + path)) {
      if (in == null) {
        return WireFixtures.read("google/" + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KeyPair keys() {
    try {
      var g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
