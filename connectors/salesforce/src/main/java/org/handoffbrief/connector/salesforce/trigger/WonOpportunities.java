package org.handoffbrief.connector.salesforce.trigger;

import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.sobject.SObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.connector.salesforce.SalesforceSession;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.spi.SourceContext;
import org.handoffbrief.trigger.Fired;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Closed-Won poller and the date-range read share: the SOQL of won opportunities, reading
 * its pages, and a won row as a {@link Fired} keyed {@code <opportunityId>/won@<won moment>}, so a
 * deal found by either is the same firing.
 */
final class WonOpportunities {
  private static final Logger LOG = LoggerFactory.getLogger(WonOpportunities.class);
  /** The API version that added {@code Opportunity.LastStageChangeDate}. */
  static final double LAST_STAGE_CHANGE_SINCE = 52.0;
  /** Bounds one read's calls; a read that hangs longer would only overlap the next one. */
  private static final Duration READ_DEADLINE = Duration.ofMinutes(5);

  private WonOpportunities() {}

  /** A won opportunity as read, and its {@code SystemModstamp} (the poller's checkpoint). */
  record Won(Fired fired, Instant modstamp) {}

  /** Won opportunities read, and whether the page limit stopped the read early. */
  record Page(List<SObject> rows, boolean more) {}

  /** Whether the session's API version has {@code LastStageChangeDate}. */
  static boolean hasLastStageChange(SalesforceSession session) {
    return Double.parseDouble(session.config().apiVersion()) >= LAST_STAGE_CHANGE_SINCE;
  }

  /** {@code SELECT <fields> FROM Opportunity WHERE IsWon = true AND } followed by {@code condition}. */
  static String soql(boolean hasLastStageChange, String conditionAndOrder) {
    return "SELECT Id, AccountId, StageName, IsWon, CloseDate, "
        + (hasLastStageChange ? "LastStageChangeDate, " : "")
        + "SystemModstamp FROM Opportunity WHERE IsWon = true AND " + conditionAndOrder;
  }

  /**
   * Runs {@code soql} and follows {@code queryMore} to the end or to {@code pageLimit} pages.
   *
   * @throws org.handoffbrief.HandoffException typed, from the session, before anything is returned
   */
  static Page read(SalesforceSession session, Clock clock, String soql, int pageLimit) {
    // Each page may be retried on the session's policy; the budget allows that, and sign-in.
    SourceContext context = SourceContext.counting(CrmEvidence.SYSTEM, clock.instant().plus(READ_DEADLINE),
        pageLimit * 3 + 2, clock, call -> LOG.debug("Salesforce {} ({} ms): {}", call.operation(),
            call.elapsed().toMillis(), call.outcome()));
    SalesforceSession.Calls calls = session.calls(context);
    var rows = new ArrayList<SObject>();
    QueryResult result = calls.call("query", c -> c.query(soql));
    int pages = 1;
    while (true) {
      if (result.getRecords() != null) {
        rows.addAll(List.of(result.getRecords()));
      }
      if (result.isDone()) {
        return new Page(rows, false);
      }
      if (pages >= pageLimit) {
        return new Page(rows, true);
      }
      String locator = result.getQueryLocator();
      result = calls.call("queryMore", c -> c.queryMore(locator));
      pages++;
    }
  }

  /**
   * A won row as a firing of {@code trigger} at {@code now}; {@code reason} turns the sentence
   * "stage changed to Closed Won at ..." into the trigger's own.
   */
  static Won won(SObject r, DealRef.Trigger trigger, Instant now, UnaryOperator<String> reason) {
    String id = field(r, "Id");
    if (id == null) {
      throw new MalformedResponseException(CrmEvidence.SYSTEM, "Salesforce returned a won opportunity without"
          + " an Id.", null);
    }
    Instant modstamp = instant(field(r, "SystemModstamp"), "SystemModstamp of " + id);
    String stageChange = field(r, "LastStageChangeDate");
    String closeDate = field(r, "CloseDate");
    Instant wonAt;
    String wonKey;
    if (stageChange != null) {
      wonAt = instant(stageChange, "LastStageChangeDate of " + id);
      wonKey = wonAt.toString();
    } else if (closeDate != null) {
      // A date without a time: the start of that day in UTC stands for the moment, the date for the key.
      wonAt = date(closeDate, id).atStartOfDay(ZoneOffset.UTC).toInstant();
      wonKey = closeDate;
    } else {
      throw new MalformedResponseException(CrmEvidence.SYSTEM, "Salesforce returned won opportunity " + id
          + " with neither LastStageChangeDate nor CloseDate.", null);
    }
    String stage = field(r, "StageName");
    var ref = new DealRef(id, trigger, now, false);
    String why = reason.apply("stage changed to " + (stage == null ? "a won stage" : stage) + " at " + wonKey);
    return new Won(new Fired(ref, id + "/won@" + wonKey, why, wonAt), modstamp);
  }

  static String field(SObject r, String name) {
    Object v = r.getField(name);
    return v == null || v.toString().isBlank() ? null : v.toString().strip();
  }

  static Instant instant(String value, String what) {
    if (value == null) {
      throw new MalformedResponseException(CrmEvidence.SYSTEM, "Salesforce sent no " + what + ".", null);
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new MalformedResponseException(CrmEvidence.SYSTEM, "Salesforce sent " + what
          + " that is not an ISO-8601 UTC timestamp: " + value, e);
    }
  }

  private static LocalDate date(String value, String id) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new MalformedResponseException(CrmEvidence.SYSTEM, "Salesforce sent CloseDate of " + id
          + " that is not a date: " + value, e);
    }
  }
}
