package org.handoffbrief.connector.salesforce.trigger;

import com.sforce.soap.partner.sobject.SObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Objects;
import org.handoffbrief.connector.salesforce.SalesforceConfig;
import org.handoffbrief.connector.salesforce.SalesforceSession;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.trigger.Fired;
import org.handoffbrief.trigger.TriggerGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.handoffbrief.connector.salesforce.trigger.WonOpportunities.Won;

/**
 * Fires each opportunity that became Closed-Won since the last poll, once, for a host to call on a
 * schedule (a Camel timer, a cron job, a {@code ScheduledExecutorService}).
 *
 * <p>Each {@link #poll()} reads a named checkpoint from the store (the highest {@code SystemModstamp}
 * seen so far; on the first run, now minus the lookback), queries won opportunities modified since
 * the checkpoint <em>minus the overlap window</em>, and hands each through a {@link TriggerGate}.
 * The overlap re-reads records so that one committed late, stamped before the checkpoint but
 * visible only after the last poll, is still caught; the gate makes the re-read records fire
 * nothing twice.
 *
 * <p>A deal's dedupe key is {@code <opportunityId>/won@<won moment>}, the won moment being
 * {@code LastStageChangeDate} (else {@code CloseDate}). An edit to a won deal keeps its key and
 * fires nothing; a deal reopened and won again has a new won moment, so it fires again on purpose:
 * it is a new version of the handoff, not a duplicate.
 *
 * <p>{@code LastStageChangeDate} exists from API version 52.0; against an older version the query
 * leaves it out and the won moment is {@code CloseDate}, so a deal re-won with the same close date
 * does not fire again there.
 *
 * <p>The checkpoint moves only after the poll's firings were admitted, with a compare-and-set: of two
 * pollers on one store, the one that loses reports it ({@link Poll#raced()}) and the next poll
 * continues from the winner's value. A failed query (e.g. {@code REQUEST_LIMIT_EXCEEDED}) throws
 * the session's typed exception before anything fires, and the checkpoint stays where it was.
 * The poller keeps no state of its own: a new one on the same store continues where the old
 * stopped.
 */
public final class ClosedWonPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClosedWonPoller.class);
  /** Default overlap: longer than a slow transaction takes to commit. */
  public static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(10);
  /** Default look-back on the very first poll, when the store holds no checkpoint yet. */
  public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(1);
  /** Default most pages (query plus queryMore calls) one poll reads. */
  public static final int DEFAULT_PAGE_LIMIT = 10;

  private final SalesforceSession session;
  private final boolean ownsSession;
  private final BriefStore store;
  private final TriggerGate gate;
  private final Clock clock;
  private final String checkpointName;
  private final Duration overlap;
  private final Duration lookback;
  private final int pageLimit;
  private final boolean hasLastStageChange;

  private ClosedWonPoller(Builder b) {
    if (b.session == null && b.salesforce == null) {
      throw new IllegalStateException("ClosedWonPoller needs salesforce(config) or session(session)");
    }
    this.ownsSession = b.session == null;
    this.session = ownsSession ? SalesforceSession.create(b.salesforce) : b.session;
    this.store = Objects.requireNonNull(b.store, "store == null");
    this.clock = b.clock;
    this.gate = new TriggerGate(store, clock);
    this.checkpointName = b.checkpointName;
    this.overlap = b.overlap;
    this.lookback = b.lookback;
    this.pageLimit = b.pageLimit;
    this.hasLastStageChange = WonOpportunities.hasLastStageChange(session);
  }

  /** Starts a poller's configuration. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * What one poll did.
   *
   * @param fired the deals this poller was the first to fire, oldest change first
   * @param alreadySeen won deals read again (through the overlap, or fired by another poller) and skipped
   * @param checkpoint the checkpoint after this poll (the highest {@code SystemModstamp} handled)
   * @param raced true when another poller moved the checkpoint first; this poll's firings still
   *     count, and the next poll starts from the other poller's value
   * @param more true when the page limit stopped the read early: poll again soon for the rest
   */
  public record Poll(List<Fired> fired, List<Fired> alreadySeen, Instant checkpoint, boolean raced, boolean more) {
    public Poll {
      fired = List.copyOf(fired);
      alreadySeen = List.copyOf(alreadySeen);
      Objects.requireNonNull(checkpoint, "checkpoint == null");
    }
  }

  /**
   * Reads what was won since the checkpoint, fires each deal once and moves the checkpoint.
   *
   * @throws org.handoffbrief.HandoffException typed, from the session (authentication, usage limit,
   *     unavailable, malformed); nothing fired and the checkpoint is unchanged
   */
  public Poll poll() {
    String expected = store.checkpoint(checkpointName).orElse(null);
    Instant from = expected == null ? clock.instant().minus(lookback) : instant(expected, "checkpoint " + checkpointName);
    Instant since = from.minus(overlap);

    // Read every page before admitting anything: a failure half-way must not mark deals as fired
    // that the caller never receives.
    Instant now = clock.instant();
    WonOpportunities.Page read = WonOpportunities.read(session, clock, soql(since), pageLimit);
    var fired = new ArrayList<Fired>();
    var seen = new ArrayList<Fired>();
    Instant max = from;
    for (SObject row : read.rows()) {
      Won w = WonOpportunities.won(row, DealRef.Trigger.STAGE_CHANGE_POLL, now, UnaryOperator.identity());
      (gate.admit(w.fired()) ? fired : seen).add(w.fired());
      if (w.modstamp().isAfter(max)) {
        max = w.modstamp();
      }
    }

    String next = max.toString();
    boolean raced = false;
    if (!next.equals(expected) && !store.advanceCheckpoint(checkpointName, expected, next)) {
      raced = true;
      LOG.info("Closed-Won poller {}: another poller moved the checkpoint first; continuing from its value",
          checkpointName);
      next = store.checkpoint(checkpointName).orElse(next);
    }
    LOG.debug("Closed-Won poller {}: since {}, fired {}, already seen {}, checkpoint {}", checkpointName, since,
        fired.size(), seen.size(), next);
    return new Poll(fired, seen, instant(next, "checkpoint " + checkpointName), raced, read.more());
  }

  /** Closes the session when this poller created it from a configuration; a passed-in session stays open. */
  @Override
  public void close() {
    if (ownsSession) {
      session.close();
    }
  }

  @Override
  public String toString() {
    return "ClosedWonPoller[" + checkpointName + ", overlap=" + overlap + ", " + session + "]";
  }

  /** The SOQL of one poll; a datetime literal is unquoted ISO-8601 UTC (SOQL reference, "Date Formats"). */
  String soql(Instant since) {
    return WonOpportunities.soql(hasLastStageChange, "SystemModstamp >= " + since.truncatedTo(ChronoUnit.SECONDS)
        + " ORDER BY SystemModstamp, Id");
  }

  private static Instant instant(String value, String what) {
    return WonOpportunities.instant(value, what);
  }

  /** Configures a {@link ClosedWonPoller}; a store and either a configuration or a session are required. */
  public static final class Builder {
    private SalesforceConfig salesforce;
    private SalesforceSession session;
    private BriefStore store;
    private Clock clock = Clock.systemUTC();
    private String checkpointName = "salesforce.closed-won";
    private Duration overlap = DEFAULT_OVERLAP;
    private Duration lookback = DEFAULT_LOOKBACK;
    private int pageLimit = DEFAULT_PAGE_LIMIT;

    private Builder() {}

    /** The org to poll; the poller signs in with it and closes its session on {@link #close()}. */
    public Builder salesforce(SalesforceConfig config) {
      this.salesforce = Objects.requireNonNull(config, "config == null");
      return this;
    }

    /** A session shared with other work (the write-back); the caller closes it. */
    public Builder session(SalesforceSession session) {
      this.session = Objects.requireNonNull(session, "session == null");
      return this;
    }

    /** Where the checkpoint and the once-keys live; shared by every poller that must not double-fire. */
    public Builder store(BriefStore store) {
      this.store = Objects.requireNonNull(store, "store == null");
      return this;
    }

    /** The clock for the first run's look-back and each firing's time; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** The checkpoint's name in the store; one per org polled. Default {@code salesforce.closed-won}. */
    public Builder checkpoint(String name) {
      Objects.requireNonNull(name, "checkpoint name == null");
      if (name.isBlank()) {
        throw new IllegalArgumentException("checkpoint name is blank");
      }
      this.checkpointName = name.strip();
      return this;
    }

    /** How far before the checkpoint each poll reads again, to catch late commits. Default 10 minutes. */
    public Builder overlap(Duration overlap) {
      this.overlap = nonNegative(overlap, "overlap");
      return this;
    }

    /** How far back the very first poll reads. Default 1 day. */
    public Builder lookback(Duration lookback) {
      this.lookback = nonNegative(lookback, "lookback");
      return this;
    }

    /**
     * The most pages (query, then queryMore) one poll reads; the rest waits for the next poll. Default 10.
     * Keep {@code pages * batchSize} above the won records one overlap window holds, or a poll
     * re-reads the same window and the checkpoint cannot move.
     */
    public Builder pageLimit(int pages) {
      if (pages < 1) {
        throw new IllegalArgumentException("pageLimit must be at least 1, was " + pages);
      }
      this.pageLimit = pages;
      return this;
    }

    /** The poller. */
    public ClosedWonPoller build() {
      return new ClosedWonPoller(this);
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + d);
      }
      return d;
    }
  }
}
