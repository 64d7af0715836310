package org.handoffbrief;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.handoffbrief.model.Account;
import org.handoffbrief.model.DealContact;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.Identity;
import org.handoffbrief.model.Opportunity;
import org.handoffbrief.model.Person;
import org.handoffbrief.model.SourceReport;
import org.handoffbrief.model.TeamMember;
import org.handoffbrief.model.TimeWindow;
import org.handoffbrief.observe.ApiCall;
import org.handoffbrief.observe.HandoffListener;
import org.handoffbrief.spi.DealResolver;
import org.handoffbrief.spi.Resolution;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.SourceContext;
import org.handoffbrief.spi.SourceResult;

/** Small in-memory stand-ins for a CRM, a source and a host, shared by the core tests. */
public final class Fakes {
  private Fakes() {}

  /** The system of the fake CRM resolver. */
  public static final String CRM = "testcrm";
  /** A normalised opportunity id. */
  public static final String OPPORTUNITY_ID = "006000000000001AAA";
  public static final Instant T0 = Instant.parse("2025-03-31T12:00:00Z");
  public static final OffsetDateTime WRITTEN = OffsetDateTime.of(2025, 3, 8, 9, 30, 0, 0, ZoneOffset.ofHours(-5));

  /** The demo deal, reduced to what the core needs: an account, a won opportunity, one champion. */
  public static DealContext deal() {
    var account = new Account("001000000000001AAA", "Meridian Health", "Healthcare", "Customer",
        "https://meridianhealth.example", 4200L);
    var opportunity = new Opportunity(OPPORTUNITY_ID, "Meridian Health - 420 seats", "Closed Won",
        new BigDecimal("250000"), "USD", LocalDate.of(2025, 3, 28), Instant.parse("2024-11-04T15:00:00Z"),
        "New Business", true, true);
    var owner = new Person("Alex Rivera", "alex.rivera@vendor.example", "Account Executive", true,
        Set.of(new Identity(CRM, "005000000000001AAA")));
    var champion = new Person("Dana Okonkwo", "dana.okonkwo@meridianhealth.example", "VP Operations", false,
        Set.of(new Identity(CRM, "003000000000001AAA")));
    var se = new Person("Sam Lee", "sam.lee@vendor.example", "Sales Engineer", true, Set.of());
    return new DealContext(account, opportunity, owner, List.of(new DealContact(champion, "Champion", true)),
        List.of(new TeamMember(se, "Sales Engineer")),
        new TimeWindow(opportunity.createdAt(), Instant.parse("2025-03-28T23:59:59Z")),
        Set.of("vendor.example"), Map.of());
  }

  /** Evidence with the given text, written at {@link #WRITTEN}. */
  public static Evidence evidence(String system, String nativeId, String text) {
    return Evidence.builder(system, "message", nativeId).timestamp(WRITTEN).text(text).build();
  }

  /** A resolver that answers with {@link #deal()} and one opportunity record. */
  public static DealResolver resolver() {
    return resolver((ref, ctx) -> new Resolution(deal(),
        SourceResult.of(List.of(evidence(CRM, "opp-1", "Stage: Closed Won\nAmount: 250000")))));
  }

  /** A resolver for {@link #CRM} doing whatever {@code resolve} does. */
  public static DealResolver resolver(BiFunction<DealRef, SourceContext, Resolution> resolve) {
    return new DealResolver() {
      @Override
      public String system() {
        return CRM;
      }

      @Override
      public Resolution resolve(DealRef ref, SourceContext context) {
        return resolve.apply(ref, context);
      }
    };
  }

  /** A connector for {@code system} doing whatever {@code fetch} does. */
  public static SourceConnector connector(String system, BiFunction<DealContext, SourceContext, SourceResult> fetch) {
    return new SourceConnector() {
      @Override
      public String system() {
        return system;
      }

      @Override
      public SourceResult fetch(DealContext deal, SourceContext context) {
        return fetch.apply(deal, context);
      }

      @Override
      public String toString() {
        return "fake " + system;
      }
    };
  }

  /** A connector that returns one evidence item at once. */
  public static SourceConnector answering(String system, String text) {
    return connector(system, (deal, ctx) -> SourceResult.of(List.of(evidence(system, system + "-1", text))));
  }

  /** The report for {@code system} in the brief. */
  public static SourceReport report(HandoffBrief brief, String system) {
    return brief.sources().stream().filter(r -> r.system().equals(system)).findFirst()
        .orElseThrow(() -> new AssertionError("no report for " + system + " in " + brief.sources()));
  }

  /** A listener that writes down, thread-safely, everything it is told. */
  public static final class RecordingListener implements HandoffListener {
    public final List<String> events = new CopyOnWriteArrayList<>();
    public final List<ApiCall> calls = new CopyOnWriteArrayList<>();
    public final List<SourceReport> finished = new CopyOnWriteArrayList<>();
    public final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    @Override
    public void briefStarted(DealRef ref) {
      events.add("briefStarted " + ref.opportunityId());
    }

    @Override
    public void followUpStarted(org.handoffbrief.spi.FollowUp followUp) {
      events.add("followUpStarted " + followUp.newPeople().size() + " new, champion "
          + (followUp.champion() == null ? "none" : followUp.champion().name()));
    }

    @Override
    public void sourceStarted(String system) {
      events.add("sourceStarted " + system);
    }

    @Override
    public void apiCall(ApiCall call) {
      calls.add(call);
    }

    @Override
    public void sourceFinished(SourceReport report) {
      finished.add(report);
      events.add("sourceFinished " + report.system() + " " + report.status());
    }

    @Override
    public void briefCompleted(HandoffBrief brief, Duration elapsed) {
      events.add("briefCompleted " + brief.opportunityId());
    }

    @Override
    public void briefFailed(DealRef ref, RuntimeException error) {
      failure.set(error);
      events.add("briefFailed " + ref.opportunityId());
    }
  }

  /** A clock that moves only when told to, so deadlines can be placed exactly. */
  /** A UTC clock that reads {@code now} at every reading: time that moves as a test decides. */
  public static Clock clock(java.util.function.Supplier<Instant> now) {
    return new Clock() {
      @Override
      public Instant instant() {
        return now.get();
      }

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("not needed by the tests");
      }
    };
  }

  public static final class SettableClock extends Clock {
    private final AtomicReference<Instant> now;

    public SettableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    public void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("not needed by the tests");
    }
  }
}
