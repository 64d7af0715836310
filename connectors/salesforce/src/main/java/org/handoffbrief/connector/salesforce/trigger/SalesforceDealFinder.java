package org.handoffbrief.connector.salesforce.trigger;

import com.sforce.soap.partner.QueryResult;
import com.sforce.ws.bind.XmlObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.handoffbrief.connector.salesforce.SalesforceSession;
import org.handoffbrief.connector.salesforce.internal.Soql;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.spi.SourceContext;
import org.handoffbrief.trigger.DealFinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds won opportunities by their account's name in Salesforce, for a manual request: first the
 * accounts whose name equals the words (SOQL's {@code =} ignores case), and only when there is none
 * those whose name contains them ({@code LIKE}, the words escaped so {@code %} and {@code _} match
 * as typed); most recent close first, at most {@link #DEFAULT_LIMIT}. An exact name wins over
 * partial ones so that "Example" does not ask back between Example and Example Logistics.
 *
 * <p>Uses the caller's {@link SalesforceSession} (shared with the poller and the write-back); the
 * caller closes it. Failures are the session's typed exceptions.
 */
public final class SalesforceDealFinder implements DealFinder {
  private static final Logger LOG = LoggerFactory.getLogger(SalesforceDealFinder.class);
  /** The most matches returned: a person chooses among a few buttons, not a list. */
  public static final int DEFAULT_LIMIT = 10;
  /** Longer words are refused: no account name is this long, and the query must stay short. */
  static final int MAX_WORDS = 255;
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final SalesforceSession session;
  private final Clock clock;
  private final int limit;

  private SalesforceDealFinder(SalesforceSession session, Clock clock, int limit) {
    this.session = session;
    this.clock = clock;
    this.limit = limit;
  }

  /** A finder on {@code session}, returning at most {@link #DEFAULT_LIMIT} matches. */
  public static SalesforceDealFinder create(SalesforceSession session) {
    return create(session, Clock.systemUTC(), DEFAULT_LIMIT);
  }

  /**
   * A finder whose matches are fired at {@code clock}'s time, returning at most {@code limit}.
   *
   * @throws IllegalArgumentException when the limit is not between 1 and 100
   */
  public static SalesforceDealFinder create(SalesforceSession session, Clock clock, int limit) {
    if (limit < 1 || limit > 100) {
      throw new IllegalArgumentException("limit must be between 1 and 100, was " + limit);
    }
    return new SalesforceDealFinder(Objects.requireNonNull(session, "session == null"),
        Objects.requireNonNull(clock, "clock == null"), limit);
  }

  @Override
  public List<Match> findWon(String accountName) {
    String words = words(accountName);
    Instant now = clock.instant();
    SourceContext context = SourceContext.counting(CrmEvidence.SYSTEM, now.plus(DEADLINE), 8, clock,
        call -> LOG.debug("Salesforce {} ({} ms): {}", call.operation(), call.elapsed().toMillis(), call.outcome()));
    SalesforceSession.Calls calls = session.calls(context);
    List<Match> exact = query(calls, "Account.Name = " + Soql.quote(words), now);
    return exact.isEmpty() ? query(calls, "Account.Name LIKE " + Soql.likeContaining(words), now) : exact;
  }

  /** The SOQL for one condition on the account's name. */
  String soql(String accountCondition) {
    return "SELECT Id, Name, CloseDate, Account.Name FROM Opportunity WHERE IsWon = true AND " + accountCondition
        + " ORDER BY CloseDate DESC NULLS LAST, Id LIMIT " + limit;
  }

  private List<Match> query(SalesforceSession.Calls calls, String condition, Instant now) {
    String soql = soql(condition);
    QueryResult result = calls.call("query", c -> c.query(soql));
    var out = new ArrayList<Match>();
    for (XmlObject r : result.getRecords() == null ? new XmlObject[0] : result.getRecords()) {
      String id = field(r, "Id");
      String account = field(r, "Account", "Name");
      if (id == null || account == null) {
        continue; // an opportunity without an account the user can see is not one they can name
      }
      out.add(new Match(new DealRef(id, DealRef.Trigger.MANUAL, now, false), account, field(r, "Name"),
          date(field(r, "CloseDate"))));
    }
    return out;
  }

  private static String words(String accountName) {
    if (accountName == null || accountName.isBlank()) {
      throw new IllegalArgumentException("accountName is blank: say which account, e.g. \"brief Example Co\"");
    }
    String w = accountName.strip().replaceAll("\\s+", " ");
    if (w.length() > MAX_WORDS) {
      throw new IllegalArgumentException("accountName has " + w.length() + " characters; at most " + MAX_WORDS);
    }
    return w;
  }

  private static String field(XmlObject record, String... path) {
    XmlObject node = record;
    for (String part : path) {
      node = node.getChild(part);
      if (node == null) {
        return null;
      }
    }
    Object v = node.getValue();
    return v == null || v.toString().isBlank() ? null : v.toString().strip();
  }

  private static LocalDate date(String value) {
    try {
      return value == null ? null : LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
    } catch (DateTimeParseException e) {
      return null; // the date only orders the choices a person sees; an odd one is left out
    }
  }

  @Override
  public String toString() {
    return "SalesforceDealFinder[limit=" + limit + ", " + session + "]";
  }
}
