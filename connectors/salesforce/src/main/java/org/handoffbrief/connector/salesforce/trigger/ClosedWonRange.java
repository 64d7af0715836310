package org.handoffbrief.connector.salesforce.trigger;

import com.sforce.soap.partner.sobject.SObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.handoffbrief.connector.salesforce.SalesforceConfig;
import org.handoffbrief.connector.salesforce.SalesforceSession;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.trigger.Fired;

/**
 * Every Closed-Won opportunity whose {@code CloseDate} falls in a date range: the weekly batch's
 * list of deals ({@link org.handoffbrief.trigger.BriefBatch}). Each is fired as
 * {@link DealRef.Trigger#BATCH} with the same dedupe key as the {@link ClosedWonPoller}
 * ({@code <opportunityId>/won@<won moment>}), so a deal the poller already fired is recognised, and
 * its won moment ({@link Fired#wonAt()}) lets the batch skip deals whose brief is already stored.
 *
 * <p>It keeps no state and admits nothing through a gate: reading a range twice lists the same
 * deals; the batch decides which are done. At most {@link #pageLimit} pages are read (query, then
 * {@code queryMore}); {@link Closes#more()} says when deals were left out.
 */
public final class ClosedWonRange implements AutoCloseable {
  /** Default most pages one read follows: at the Partner API's default batch of 500, 10,000 deals. */
  public static final int DEFAULT_PAGE_LIMIT = 20;

  private final SalesforceSession session;
  private final boolean ownsSession;
  private final Clock clock;
  private final int pageLimit;

  private ClosedWonRange(SalesforceSession session, boolean ownsSession, Clock clock, int pageLimit) {
    this.session = session;
    this.ownsSession = ownsSession;
    this.clock = clock;
    this.pageLimit = pageLimit;
  }

  /** Reads the org {@code config} names, signing in with it; {@link #close()} closes the session. */
  public static ClosedWonRange create(SalesforceConfig config) {
    return new ClosedWonRange(SalesforceSession.create(Objects.requireNonNull(config, "config == null")), true,
        Clock.systemUTC(), DEFAULT_PAGE_LIMIT);
  }

  /** Reads through a session shared with other work; the caller closes it. */
  public static ClosedWonRange using(SalesforceSession session) {
    return new ClosedWonRange(Objects.requireNonNull(session, "session == null"), false, Clock.systemUTC(),
        DEFAULT_PAGE_LIMIT);
  }

  /** This read with at most {@code pages} pages (at least 1). */
  public ClosedWonRange pageLimit(int pages) {
    if (pages < 1) {
      throw new IllegalArgumentException("pageLimit must be at least 1, was " + pages);
    }
    return new ClosedWonRange(session, ownsSession, clock, pages);
  }

  /** This read dating each firing by {@code clock}. */
  public ClosedWonRange clock(Clock clock) {
    return new ClosedWonRange(session, ownsSession, Objects.requireNonNull(clock, "clock == null"), pageLimit);
  }

  /**
   * The deals read.
   *
   * @param fired one per won opportunity, in close-date order
   * @param more true when the page limit stopped the read: the range holds more deals than listed
   */
  public record Closes(List<Fired> fired, boolean more) {
    public Closes {
      fired = List.copyOf(fired);
    }
  }

  /**
   * Every won opportunity with {@code CloseDate} from {@code from} to {@code to}, both included
   * (dates as the org records them).
   *
   * @throws IllegalArgumentException when {@code to} is before {@code from}
   * @throws org.handoffbrief.HandoffException typed, from the session (authentication, usage limit,
   *     unavailable, malformed)
   */
  public Closes read(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(to, "to == null");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("the range ends (" + to + ") before it starts (" + from + ")");
    }
    Instant now = clock.instant();
    String range = "closed " + from + " to " + to;
    WonOpportunities.Page page = WonOpportunities.read(session, clock, soql(from, to), pageLimit);
    var fired = new ArrayList<Fired>();
    for (SObject row : page.rows()) {
      fired.add(WonOpportunities.won(row, DealRef.Trigger.BATCH, now, why -> why + " (" + range + ")").fired());
    }
    return new Closes(fired, page.more());
  }

  /** The SOQL of a range; a date literal is unquoted {@code YYYY-MM-DD} (SOQL reference, "Date Formats"). */
  String soql(LocalDate from, LocalDate to) {
    return WonOpportunities.soql(WonOpportunities.hasLastStageChange(session),
        "CloseDate >= " + from + " AND CloseDate <= " + to + " ORDER BY CloseDate, Id");
  }

  /** Closes the session when this read created it from a configuration. */
  @Override
  public void close() {
    if (ownsSession) {
      session.close();
    }
  }

  @Override
  public String toString() {
    return "ClosedWonRange[pages<=" + pageLimit + ", " + session + "]";
  }
}
