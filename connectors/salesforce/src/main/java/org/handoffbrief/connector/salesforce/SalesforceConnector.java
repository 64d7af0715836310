package org.handoffbrief.connector.salesforce;

import com.sforce.soap.partner.QueryResult;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.bind.XmlObject;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.DealNotFoundException;
import org.handoffbrief.InvalidRequestException;
import org.handoffbrief.PermissionException;
import org.handoffbrief.connector.salesforce.internal.SalesforceIds;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.TimeWindow;
import org.handoffbrief.spi.DealResolver;
import org.handoffbrief.spi.Resolution;
import org.handoffbrief.spi.SourceContext;
import org.handoffbrief.spi.SourceResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a deal from Salesforce through the Partner SOAP API (force-wsc): one SOQL query reads
 * the opportunity with its account, owner, handoff fields, contact roles, team, tasks, events and
 * stage and field history; {@code queryMore} follows only child lists too long for one answer.
 * Thread-safe: one instance serves many resolutions at once and shares their session.
 *
 * <h2>Before any call</h2>
 * The id must be a 15- or 18-character Salesforce id with a valid checksum and the Opportunity
 * key prefix {@code 006}; anything else is an {@link InvalidRequestException}. The id is then
 * escaped as a SOQL literal anyway.
 *
 * <h2>Failures</h2>
 * <ul>
 *   <li>no such opportunity: {@link DealNotFoundException};
 *   <li>not Closed-Won and {@link DealRef#allowPreClose()} false: {@link InvalidRequestException};
 *   <li>{@code INVALID_SESSION_ID}: signs in again once and retries; a second one is an
 *       {@link AuthenticationException} (a fixed {@link SalesforceAuth#session session} cannot renew);
 *   <li>{@code REQUEST_LIMIT_EXCEEDED}: {@link org.handoffbrief.UsageLimitExceededException} at once,
 *       never retried (it is a rolling 24-hour org limit);
 *   <li>a handoff field, child relationship or child field the integration user cannot see: left out,
 *       the query runs again without it, and {@link SourceResult#notes()} says what is missing;
 *   <li>the Organization object not readable ({@code INVALID_TYPE}, {@code INSUFFICIENT_ACCESS}) or its
 *       time zone unknown to Java: dates are read in UTC and a note says so (set
 *       {@link SalesforceConfig#timeZone()} to avoid it);
 *   <li>unreachable host: {@link org.handoffbrief.SourceUnavailableException}; an answer that is not a
 *       SOAP response: {@link org.handoffbrief.MalformedResponseException}.
 * </ul>
 *
 * <h2>Dates</h2>
 * A close date is a day in the org's time zone ({@code Organization.TimeZoneSidKey}, read once per
 * connector with {@code SELECT TimeZoneSidKey FROM Organization}, or
 * {@link SalesforceConfig#timeZone()}), so the sales-cycle window runs from the opportunity's
 * creation to midnight after the close day in that zone ({@link TimeWindow#salesCycle}), and
 * {@link DealContext#orgZone()} carries the zone on.
 *
 * <h2>Evidence</h2>
 * System {@code salesforce}, kinds as in {@link CrmEvidence}, attributes keyed by field API name
 * ({@code Owner.Name} for relationship fields; {@code handoff.<Label>} for configured handoff
 * fields with a value, and {@link CrmEvidence#BLANK_HANDOFF_FIELDS} listing the labels of those left
 * blank on the record). Text is one {@code Label: value} line per populated field in this order, then a blank
 * line and the record's description when it has one:
 * <ul>
 *   <li>Opportunity: {@code Opportunity, Account, Stage, Amount, Close date, Type, Lead source,
 *       Next step, Probability}, then one {@code <Label>: <value>} line per opportunity handoff field;
 *   <li>Account: {@code Account, Industry, Type, Employees, Website}, then the account handoff fields;
 *   <li>OpportunityContactRole: {@code Contact, Title, Email, Role, Primary} (yes/no);
 *   <li>OpportunityTeamMember: {@code Team member, Title, Email, Team role};
 *   <li>Task: {@code Subject, Status, Due, Assigned to, Regarding, Priority}, then the description;
 *   <li>Event: {@code Subject, Start, End, Location, Assigned to, Regarding}, then the description;
 *   <li>OpportunityHistory: {@code Stage, Amount, Close date, Changed by};
 *   <li>OpportunityFieldHistory: {@code Field, Old value, New value, Changed by}.
 * </ul>
 * Values: amounts as {@code USD 168,000} (currency code only in multi-currency orgs, grouping with
 * commas, no trailing {@code .0}); probability {@code 100%}; employees {@code 1,200}; dates
 * {@code 2025-03-28}; event times {@code 2025-03-08 15:00 UTC}; handoff and history values as
 * Salesforce wrote them, whole numbers without {@code .0}. A line break inside a value becomes a
 * space. Permalinks are Lightning record pages ({@code {instance}/lightning/r/Task/00T.../view});
 * history rows link to their related list on the opportunity.
 */
public final class SalesforceConnector implements DealResolver {
  private static final Logger LOG = LoggerFactory.getLogger(SalesforceConnector.class);

  /** Pages read per child list at most: 50 batches of up to 2000 records is far beyond any real deal. */
  static final int MAX_PAGES_PER_CHILD = 50;

  private final SalesforceConfig config;
  private final SalesforceSession session;
  /**
   * What the org refused before (a field the integration user cannot see, a relationship the org
   * lacks), replayed on every later brief so the query is not sent twice: each probe costs an API
   * call against the org's 24-hour limit. Kept for the life of the connector; a new connector (or a
   * restart) asks again, which is how a granted permission is picked up.
   */
  private final java.util.List<String> knownFieldFaults = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** The org's zone once read; an org's zone is an admin setting that practically never changes. */
  private volatile ZoneId orgZone;

  private SalesforceConnector(SalesforceConfig config, Clock clock) {
    this.config = config;
    this.session = new SalesforceSession(config, clock);
  }

  /** A connector for this org. Signs in lazily, on the first resolution. */
  public static SalesforceConnector create(SalesforceConfig config) {
    return new SalesforceConnector(Objects.requireNonNull(config, "config == null"), Clock.systemUTC());
  }

  @Override
  public String system() {
    return CrmEvidence.SYSTEM;
  }

  /** The configuration this connector was made with. */
  public SalesforceConfig config() {
    return config;
  }

  /**
   * Drops the sign-in HTTP client (SOAP calls open a connection per call and keep none). Idempotent;
   * a closed connector can no longer sign in.
   */
  @Override
  public void close() {
    session.close();
  }

  @Override
  public Resolution resolve(DealRef ref, SourceContext context) {
    Objects.requireNonNull(ref, "ref == null");
    Objects.requireNonNull(context, "context == null");
    String id = validId(ref.opportunityId());
    var run = new Run(session, context);
    var query = new DealQuery(config);
    for (String known : knownFieldFaults) {
      query.degrade(known).ifPresent(run.notes::add);
    }

    QueryResult result = null;
    int attempts = query.droppable() + 1;
    while (result == null) {
      try {
        String soql = query.soql(id);
        result = run.call("query", c -> c.query(soql));
      } catch (FieldFault f) {
        Optional<String> note = --attempts > 0 ? query.degrade(f.message) : Optional.empty();
        if (note.isEmpty()) {
          throw new PermissionException(system(), "Salesforce refused the opportunity query (" + f.code + ": "
              + f.message.replaceAll("\\s+", " ") + "); give the integration user read access to it.", f.getCause());
        }
        LOG.warn("Opportunity {}: {}", id, note.get());
        run.notes.add(note.get());
        knownFieldFaults.add(f.message);
      }
    }
    if (result.getRecords().length == 0) {
      throw new DealNotFoundException(system(), id);
    }
    XmlObject opp = result.getRecords()[0];
    if (!ref.allowPreClose() && !Boolean.parseBoolean(DealMapper.str(opp, "IsWon"))) {
      throw new InvalidRequestException(system(), "Opportunity " + id + " (" + DealMapper.str(opp, "Name")
          + ") is at stage " + DealMapper.str(opp, "StageName") + ", not Closed-Won; request a pre-close brief to"
          + " proceed.");
    }
    var children = new LinkedHashMap<String, List<XmlObject>>();
    for (DealQuery.Child child : query.children()) {
      children.put(child.relationship, readChild(opp.getChild(child.relationship), child.relationship, run));
    }
    ZoneId zone = orgZone(run);
    var mapper = new DealMapper(run.instanceUrl(), query.opportunityFields(), query.accountFields(),
        config.vendorDomains(), zone);
    DealMapper.Mapped mapped = mapper.map(opp, children);
    return new Resolution(mapped.context(), new SourceResult(mapped.evidence(), run.usage(), run.notes));
  }

  /**
   * The org's time zone: configured, read before, or read now. When the integration user may not
   * read Organization, dates fall back to UTC with a note rather than failing the brief: a window a
   * few hours off is better than no brief.
   */
  private ZoneId orgZone(Run run) {
    if (config.timeZone() != null) {
      return config.timeZone();
    }
    ZoneId known = orgZone;
    if (known != null) {
      return known;
    }
    String fallback = "; close dates are read as UTC days, so the sales cycle may end a few hours early or late"
        + " (set salesforce.timeZone to the org's zone to fix this).";
    String key;
    try {
      QueryResult r = run.call("query", c -> c.query("SELECT TimeZoneSidKey FROM Organization"));
      key = r.getRecords().length == 0 ? null : DealMapper.str(r.getRecords()[0], "TimeZoneSidKey");
    } catch (FieldFault f) {
      return noteUtc(run, "the org's time zone is not readable (" + f.code + " on Organization)" + fallback);
    } catch (PermissionException e) {
      return noteUtc(run, "the integration user may not read the org's time zone (Organization)" + fallback);
    }
    if (key == null) {
      return noteUtc(run, "the org did not return its time zone (Organization.TimeZoneSidKey)" + fallback);
    }
    try {
      orgZone = ZoneId.of(key);
      return orgZone;
    } catch (DateTimeException e) {
      return noteUtc(run, "the org's time zone '" + key + "' is not a zone Java knows" + fallback);
    }
  }

  private static ZoneId noteUtc(Run run, String note) {
    LOG.warn("Salesforce: {}", note);
    run.notes.add(note);
    return ZoneOffset.UTC;
  }

  private String validId(String raw) {
    try {
      return SalesforceIds.normalize(raw, SalesforceIds.OPPORTUNITY_PREFIX, "Opportunity");
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(system(), e.getMessage());
    }
  }

  /** A child list: its inline first batch, then {@code queryMore} until done, the budget or the page cap. */
  private List<XmlObject> readChild(XmlObject inline, String relationship, Run run) {
    var records = new ArrayList<>(DealMapper.records(inline));
    if (inline == null) {
      return records;
    }
    boolean done = !"false".equals(DealMapper.str(inline, "done"));
    String locator = DealMapper.str(inline, "queryLocator");
    int pages = 0;
    while (!done && locator != null) {
      if (run.context.budgetExhausted() || pages >= MAX_PAGES_PER_CHILD) {
        run.notes.add(relationship + ": stopped after " + records.size() + " records because "
            + (pages >= MAX_PAGES_PER_CHILD ? "the page limit (" + MAX_PAGES_PER_CHILD + ") was reached"
                : "the call budget for salesforce (" + run.context.callBudget() + " calls) is spent")
            + "; older or later records are not in the brief.");
        break;
      }
      String next = locator;
      QueryResult more = run.call("queryMore", c -> c.queryMore(next));
      Collections.addAll(records, more.getRecords());
      done = more.isDone();
      locator = more.getQueryLocator();
      pages++;
    }
    return records;
  }

  /** An INVALID_FIELD or INVALID_TYPE fault, which {@link #resolve} may degrade around. */
  private static final class FieldFault extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String code;
    final String message;

    FieldFault(String code, String message, ConnectionException cause) {
      super(code, cause, false, false);
      this.code = code;
      this.message = message;
    }
  }

  /** The state of one resolution: its calls (with the one renewal they may make) and notes. */
  private static final class Run {
    final SourceContext context;
    final SalesforceSession.Calls calls;
    final List<String> notes = new ArrayList<>();

    Run(SalesforceSession session, SourceContext context) {
      this.context = context;
      this.calls = session.calls(context);
    }

    java.net.URI instanceUrl() {
      return calls.instanceUrl();
    }

    Map<String, String> usage() {
      return calls.usage();
    }

    /**
     * Makes one call (see {@link SalesforceSession.Calls#call}); an INVALID_FIELD or INVALID_TYPE
     * fault of a query comes back as a {@link FieldFault}, which {@link #resolve} degrades around.
     */
    <T> T call(String operation, SalesforceSession.PartnerCall<T> call) {
      return calls.call(operation, call, (code, message, fault) ->
          operation.equals("query") && ("INVALID_FIELD".equals(code) || "INVALID_TYPE".equals(code))
              ? new FieldFault(code, message, fault) : null);
    }
  }
}
