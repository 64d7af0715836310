package org.handoffbrief.connector.google;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handoffbrief.model.Account;
import org.handoffbrief.model.DealContact;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Opportunity;
import org.handoffbrief.model.Person;
import org.handoffbrief.model.TeamMember;
import org.handoffbrief.model.TimeWindow;
import org.handoffbrief.spi.RetryPolicy;
import org.handoffbrief.testing.WireFixtures;

/** The test deal, fixtures and Gmail's batch endpoint, for the Google tests. */
final class GoogleFakes {
  private GoogleFakes() {}

  static final String ALEX = "alex.rivera@northwind-analytics.com";
  static final String SAM = "sam.chen@northwind-analytics.com";
  // Tiny back-off, but room for the 1 s Retry-After the rate-limit tests ask for: ApiCalls never
  // retries sooner than the vendor asked.
  static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(2));
  static final KeyPair KEYS = keys();

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

  /**
   * Gmail's batch endpoint: answers each {@code GET .../messages/{id}} part of a
   * {@code multipart/mixed} request with the message fixture, in order, as Google does. Ids in
   * {@link #rateLimitOnce} get one 429 part first.
   */
  static final class GmailBatch implements ResponseDefinitionTransformerV2 {
    static final String NAME = "gmail-batch";
    private static final Pattern GET = Pattern.compile("^GET (\\S+)", Pattern.MULTILINE);
    final Set<String> rateLimitOnce = ConcurrentHashMap.newKeySet();
    final List<String> requestedIds = new CopyOnWriteArrayList<>();

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
      String body = event.getRequest().getBodyAsString();
      String boundary = "batch_Zm9vYmFyYmF6";
      var out = new StringBuilder();
      Matcher m = GET.matcher(body);
      int n = 0;
      while (m.find()) {
        String path = URLDecoder.decode(m.group(1).replaceFirst("\\?.*$", ""), StandardCharsets.UTF_8);
        String id = path.substring(path.lastIndexOf('/') + 1);
        requestedIds.add(id);
        n++;
        out.append("--").append(boundary).append("\r\nContent-Type: application/http\r\nContent-ID: <response-")
            .append(n).append(">\r\n\r\n");
        String json;
        String status;
        String extra = "";
        if (rateLimitOnce.remove(id)) {
          status = "429 Too Many Requests";
          extra = "Retry-After: 1\r\n";
          json = fixture("gmail/error-429.json");
        } else if (GoogleFakes.class.getResource("/google/gmail/messages/" + id + ".json") != null) {
          status = "200 OK";
          json = fixture("gmail/messages/" + id + ".json");
        } else {
          status = "404 Not Found";
          json = fixture("error-404.json");
        }
        out.append("HTTP/1.1 ").append(status).append("\r\nContent-Type: application/json; charset=UTF-8\r\n")
            .append(extra).append("\r\n").append(json).append("\r\n");
      }
      out.append("--").append(boundary).append("--\r\n");
      return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
          .withHeader("Content-Type", "multipart/mixed; boundary=" + boundary)
          .withBody(out.toString()).build();
    }
  }
}
