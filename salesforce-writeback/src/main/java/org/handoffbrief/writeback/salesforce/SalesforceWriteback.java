package org.handoffbrief.writeback.salesforce;

import com.sforce.soap.partner.DescribeGlobalSObjectResult;
import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.UpsertResult;
import com.sforce.soap.partner.sobject.SObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.handoffbrief.DealNotFoundException;
import org.handoffbrief.HandoffException;
import org.handoffbrief.InvalidRequestException;
import org.handoffbrief.audit.RolloutDecision;
import org.handoffbrief.connector.salesforce.SalesforceConfig;
import org.handoffbrief.connector.salesforce.SalesforceSession;
import org.handoffbrief.connector.salesforce.internal.SalesforceIds;
import org.handoffbrief.connector.salesforce.internal.Soql;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.review.ReviewFeedback;
import org.handoffbrief.review.ReviewState;
import org.handoffbrief.spi.SourceContext;
import org.handoffbrief.store.AuditEntry;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.OutboxPlan;
import org.handoffbrief.store.OutboxWrite;
import org.handoffbrief.store.ReviewStatus;
import org.handoffbrief.store.StoredBrief;
import org.handoffbrief.writeback.salesforce.WritebackPlan.PlannedWrite;
import org.handoffbrief.writeback.salesforce.WritebackResult.Status;
import org.handoffbrief.writeback.salesforce.WritebackResult.WriteOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a stored brief back to Salesforce: the full brief on its object, the success plan, a
 * completed Task with the summary, and a follow-up Task per open thread. Thread-safe.
 *
 * <h2>Plan, then write</h2>
 * {@link #plan(StoredBrief)} makes only read-only calls ({@code describeGlobal},
 * {@code describeSObjects}, {@link #OPPORTUNITY_QUERY} and {@link #USER_QUERY}) and returns the
 * exact writes; {@link WritebackPlan#render()} prints them for a dry run. {@link #execute} stores
 * the plan in the {@link BriefStore}'s outbox before the first write; when the store already holds
 * a plan for the brief, that stored plan is the one that runs, so a rerun makes exactly the writes
 * first planned.
 *
 * <h2>Exactly once</h2>
 * Every record is upserted on an external id made of stable keys (opportunity, brief kind, item),
 * each write is taken under a lease ({@link BriefStore#begin}) and marked done with its record id.
 * A run that crashes between any two writes is completed by the next run; a record upserted twice
 * is updated, never duplicated; a write marked done is never sent again, so a second run of the same
 * brief sends nothing.
 *
 * <h2>Failures</h2>
 * A record Salesforce refuses (an {@code UpsertResult} with errors) is reported on its own, marked
 * failed and retried by a later run; the other records of the call are written. A fault of a whole
 * call stops the run with a {@link WritebackStoppedException} after recording what was done. An
 * object or external id field the org lacks skips that write with a message saying what to deploy;
 * a missing optional field is left out of its write with a note.
 */
public final class SalesforceWriteback implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SalesforceWriteback.class);

  /**
   * The one opportunity read: owner and account. {@code %s} is the opportunity id as a quoted SOQL
   * literal ({@link Soql#quote}); simulators and fakes answer exactly this text.
   */
  public static final String OPPORTUNITY_QUERY = "SELECT Id, OwnerId, AccountId FROM Opportunity WHERE Id = %s";
  /**
   * The owners of open threads: {@code %s} is the distinct names, sorted, each quoted with
   * {@link Soql#quote} and joined with {@code ", "}.
   */
  public static final String USER_QUERY = "SELECT Id, Name, Email FROM User WHERE IsActive = true AND Name IN (%s)";
  /** The Partner API takes at most 200 records per upsert. */
  static final int MAX_BATCH = 200;
  /** How long one plan or run may take: a write-back has no brief deadline, but must not hang. */
  private static final Duration RUN_DEADLINE = Duration.ofMinutes(30);
  /** Calls one plan or run may make: describes, two look-ups, an upsert per 200 records; far above need. */
  private static final int RUN_BUDGET = 10_000;

  private final SalesforceSession session;
  private final boolean ownsSession;
  private final WritebackConfig config;
  private final BriefStore store;
  private final Clock clock;
  private final String worker;
  private final String actor;
  private final Supplier<RolloutDecision> rollout;

  private SalesforceWriteback(Builder b) {
    this.session = b.session != null ? b.session : SalesforceSession.create(b.salesforce);
    this.ownsSession = b.session == null;
    this.config = b.config;
    this.store = b.store;
    this.clock = b.clock;
    this.worker = b.worker;
    this.rollout = b.rollout;
    String user = session.username();
    this.actor = user != null ? user : "salesforce-writeback";
  }

  /** A builder; {@link Builder#salesforce} (or {@link Builder#session}) and {@link Builder#store} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The configuration. */
  public WritebackConfig config() {
    return config;
  }

  /**
   * The writes this brief causes: the plan stored for it before, or a new one made from read-only
   * calls to the org. Writes nothing, here or in the store.
   *
   * @throws DealNotFoundException when the org has no such opportunity
   * @throws HandoffException typed, when a read fails
   */
  public WritebackPlan plan(StoredBrief brief) {
    Objects.requireNonNull(brief, "brief == null");
    Optional<OutboxPlan> stored = store.plan(planKey(brief));
    if (stored.isPresent()) {
      return WritebackPlan.fromJson(stored.get().planJson());
    }
    return new WritebackPlanner(config, rollout.get()).plan(brief, readOrg(brief, newCalls()));
  }

  /** {@link #plan} then {@link #execute}: what a trigger or the sample app's {@code demo} runs. */
  public WritebackResult run(StoredBrief brief) {
    return execute(plan(brief));
  }

  /**
   * Makes the plan's writes that are not done yet. Stores the plan first (all writes pending);
   * when approval is required, nothing is written until the plan is approved: by
   * {@link BriefStore#decide}, or here, as soon as the brief's review
   * ({@link org.handoffbrief.review.BriefReview}) has approved or delivered it.
   *
   * @throws WritebackStoppedException when a whole call fails; what was done is recorded
   */
  public WritebackResult execute(WritebackPlan proposed) {
    Objects.requireNonNull(proposed, "plan == null");
    Instant now = clock.instant();
    String json = proposed.toJson();
    var pending = new ArrayList<OutboxWrite>();
    int seq = 0;
    for (PlannedWrite w : proposed.writes()) {
      pending.add(OutboxWrite.pending(proposed.planKey(), proposed.writeKey(w), ++seq, w.target(), w.description(),
          now));
    }
    var mine = new OutboxPlan(proposed.planKey(), proposed.briefId(), proposed.opportunityId(), json, now,
        config.approvalRequired() ? OutboxPlan.Approval.PENDING : OutboxPlan.Approval.NOT_REQUIRED, null, null);
    OutboxPlan saved = store.savePlan(mine, pending);
    if (saved.equals(mine)) {
      audit(proposed.planKey(), "plan.saved", null, null, "ok", proposed.writes().size() + " writes planned"
          + (config.approvalRequired() ? "; waiting for approval" : ""));
    }
    // The stored plan wins: a rerun makes the writes first planned, not what the org looks like now.
    WritebackPlan plan = saved.planJson().equals(json) ? proposed : WritebackPlan.fromJson(saved.planJson());
    OutboxPlan stored = saved.approval() == OutboxPlan.Approval.PENDING ? approvedByReview(saved) : saved;

    var outcomes = new LinkedHashMap<String, WriteOutcome>();
    plan.writes().forEach(w -> outcomes.put(w.itemKey(), outcome(w, Status.NOT_RUN, null, null)));
    if (!stored.approval().allowsWrites()) {
      boolean rejected = stored.approval() == OutboxPlan.Approval.REJECTED;
      plan.writes().forEach(w -> outcomes.put(w.itemKey(), outcome(w, rejected ? Status.SKIPPED : Status.AWAITING_APPROVAL,
          null, rejected ? "the plan was rejected by " + stored.approvedBy() : "the plan waits for approval")));
      return new WritebackResult(plan.planKey(), List.copyOf(outcomes.values()));
    }

    SalesforceSession.Calls calls = newCalls();
    for (List<PlannedWrite> batch : batches(plan.writes())) {
      var send = new ArrayList<PlannedWrite>();
      for (PlannedWrite w : batch) {
        String key = plan.writeKey(w);
        Optional<OutboxWrite> taken = store.begin(key, worker, clock.instant(), config.lease());
        if (taken.isEmpty()) {
          OutboxWrite now2 = current(plan, key);
          outcomes.put(w.itemKey(), now2 != null && now2.status() == OutboxWrite.Status.DONE
              ? outcome(w, Status.ALREADY_DONE, now2.recordId(), null)
              : outcome(w, Status.IN_PROGRESS_ELSEWHERE, null, heldElsewhere(now2)));
          continue;
        }
        if (w.skipped()) {
          store.finish(key, OutboxWrite.Status.SKIPPED, null, w.skipReason(), clock.instant());
          audit(key, "write.skipped", w.target(), null, "skipped", w.skipReason());
          LOG.warn("Salesforce write-back: {} skipped: {}", w.description(), w.skipReason());
          outcomes.put(w.itemKey(), outcome(w, Status.SKIPPED, null, w.skipReason()));
          continue;
        }
        send.add(w);
      }
      if (send.isEmpty()) {
        continue;
      }
      SObject[] records = send.stream().map(w -> sObject(plan, w)).toArray(SObject[]::new);
      String field = send.get(0).externalIdField();
      UpsertResult[] results;
      try {
        results = calls.call("upsert", c -> c.upsert(field, records));
      } catch (HandoffException e) {
        for (PlannedWrite w : send) {
          String detail = "not written: " + e.getMessage();
          store.finish(plan.writeKey(w), OutboxWrite.Status.FAILED, null, detail, clock.instant());
          audit(plan.writeKey(w), "upsert", w.target(), null, e.kind().name(), detail);
          outcomes.put(w.itemKey(), outcome(w, Status.FAILED, null, detail));
        }
        throw new WritebackStoppedException(new WritebackResult(plan.planKey(), List.copyOf(outcomes.values())), e);
      }
      for (int i = 0; i < send.size(); i++) {
        PlannedWrite w = send.get(i);
        UpsertResult r = i < results.length ? results[i] : null;
        outcomes.put(w.itemKey(), record(plan, w, r));
      }
    }
    WritebackResult result = new WritebackResult(plan.planKey(), List.copyOf(outcomes.values()));
    LOG.info("Salesforce write-back: {}", result.summary());
    return result;
  }

  /**
   * The plan approved on the brief's behalf once its review approved it: a brief that is
   * {@code approved} or {@code delivered} was confirmed by its reviewer (or needed none, or the
   * time-out delivered it), so the writes it causes may run, with the reviewer named as approver.
   * Any other review state leaves the plan waiting.
   */
  private OutboxPlan approvedByReview(OutboxPlan pending) {
    Optional<ReviewStatus> review = store.reviewStatus(pending.briefId());
    if (review.isEmpty() || (review.get().state() != ReviewState.APPROVED
        && review.get().state() != ReviewState.DELIVERED)) {
      return pending;
    }
    String approver = store.feedback(pending.briefId()).stream()
        .filter(f -> f.kind() == ReviewFeedback.Kind.CONFIRMED).map(ReviewFeedback::reviewer)
        .reduce((a, b) -> b).orElse(review.get().actor());
    OutboxPlan decided = store.decide(pending.planKey(), true, approver, clock.instant());
    store.audit(new AuditEntry(clock.instant(), approver, "plan.approved", pending.planKey(), null, null, "ok",
        "approved with the brief's review (" + review.get().state().wireId() + ")"));
    return decided;
  }

  /** Marks one upsert's result in the store and the audit trail. */
  private WriteOutcome record(WritebackPlan plan, PlannedWrite w, UpsertResult r) {
    String key = plan.writeKey(w);
    Instant at = clock.instant();
    if (r != null && r.isSuccess()) {
      store.finish(key, OutboxWrite.Status.DONE, r.getId(), null, at);
      String how = r.isCreated() ? "created" : "updated";
      audit(key, "upsert", w.target(), r.getId(), "ok", how + " " + w.sObjectType() + " " + r.getId() + " on "
          + w.externalIdField() + " = " + w.externalId());
      return outcome(w, r.isCreated() ? Status.CREATED : Status.UPDATED, r.getId(), null);
    }
    String code = "NO_RESULT";
    String message = "Salesforce returned no result for this record";
    if (r != null && r.getErrors() != null && r.getErrors().length > 0) {
      var e = r.getErrors()[0];
      code = e.getStatusCode() != null ? e.getStatusCode().name() : "UNKNOWN";
      message = Arrays.stream(r.getErrors()).map(x -> (x.getStatusCode() != null ? x.getStatusCode().name() : "UNKNOWN")
          + ": " + x.getMessage() + (x.getFields() == null || x.getFields().length == 0 ? ""
              : " (fields: " + String.join(", ", x.getFields()) + ")")).collect(Collectors.joining("; "));
    }
    store.finish(key, OutboxWrite.Status.FAILED, null, message, at);
    audit(key, "upsert", w.target(), null, code, message);
    LOG.warn("Salesforce refused {} ({}): {}", w.description(), w.externalId(), message);
    return outcome(w, Status.FAILED, null, message);
  }

  /**
   * Why a write is not this run's: a live lease. The worker holding it may also have died mid-write
   * (a crash leaves its lease behind), so say when a later run can take it over; the record it may
   * have made is upserted on the same key then, never duplicated.
   */
  private String heldElsewhere(OutboxWrite held) {
    if (held == null || held.status() != OutboxWrite.Status.IN_FLIGHT || held.updatedAt() == null) {
      return "another worker holds this write";
    }
    Instant until = held.updatedAt().plus(config.lease());
    return "another worker began this write at " + held.updatedAt() + " and holds it until " + until
        + "; if that run stopped without finishing, a run after " + until + " completes it (writeback.lease)";
  }

  private OutboxWrite current(WritebackPlan plan, String writeKey) {
    return store.writes(plan.planKey()).stream().filter(x -> x.writeKey().equals(writeKey)).findFirst().orElse(null);
  }

  /** The record to send, with the brief record's id (or the opportunity's page when it was not written) in links. */
  private SObject sObject(WritebackPlan plan, PlannedWrite w) {
    var s = new SObject(w.sObjectType());
    String briefUrl = null;
    String replacement = null;
    for (var e : w.fields().entrySet()) {
      String v = e.getValue();
      if (v != null && v.contains(WritebackPlan.BRIEF_RECORD_ID)) {
        if (replacement == null) {
          PlannedWrite briefWrite = plan.write("brief");
          OutboxWrite done = briefWrite == null ? null : current(plan, plan.writeKey(briefWrite));
          if (done != null && done.status() == OutboxWrite.Status.DONE && done.recordId() != null) {
            briefUrl = WritebackPlan.BRIEF_RECORD_ID;
            replacement = done.recordId();
          } else {
            String object = briefWrite == null ? config.briefObject() : briefWrite.sObjectType();
            briefUrl = plan.instanceUrl() + "/lightning/r/" + object + "/" + WritebackPlan.BRIEF_RECORD_ID + "/view";
            replacement = plan.instanceUrl() + "/lightning/r/Opportunity/" + plan.opportunityId() + "/view";
          }
        }
        v = v.replace(briefUrl, replacement);
      }
      s.setField(e.getKey(), v);
    }
    return s;
  }

  /** Consecutive writes to the same object on the same external id field, at most {@link #MAX_BATCH} a call. */
  static List<List<PlannedWrite>> batches(List<PlannedWrite> writes) {
    var out = new ArrayList<List<PlannedWrite>>();
    List<PlannedWrite> cur = null;
    for (PlannedWrite w : writes) {
      if (cur == null || cur.size() >= MAX_BATCH || !cur.get(0).sObjectType().equals(w.sObjectType())
          || !cur.get(0).externalIdField().equals(w.externalIdField())) {
        cur = new ArrayList<>();
        out.add(cur);
      }
      cur.add(w);
    }
    return out;
  }

  private static WriteOutcome outcome(PlannedWrite w, Status status, String recordId, String message) {
    return new WriteOutcome(w.itemKey(), w.target(), w.externalId(), status, recordId, message);
  }

  private void audit(String subject, String action, String target, String recordId, String outcome, String detail) {
    store.audit(new AuditEntry(clock.instant(), actor, action, subject, target, recordId, outcome, detail));
  }

  static String planKey(StoredBrief brief) {
    return "salesforce:" + brief.briefId();
  }

  // ---- the read-only calls before a plan

  private OrgFacts readOrg(StoredBrief brief, SalesforceSession.Calls calls) {
    String opp;
    try {
      opp = SalesforceIds.normalize(brief.opportunityId(), SalesforceIds.OPPORTUNITY_PREFIX, "Opportunity");
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(CrmEvidence.SYSTEM, e.getMessage());
    }
    DescribeGlobalSObjectResult[] global = calls.call("describeGlobal", c -> c.describeGlobal()).getSobjects();
    Set<String> objects = new LinkedHashSet<>();
    for (DescribeGlobalSObjectResult o : global) {
      objects.add(o.getName());
    }
    // describeSObjects faults the whole call for one unknown type: ask only for objects the org has.
    var wanted = new LinkedHashSet<String>();
    if (config.task() || config.followUps()) {
      wanted.add("Task");
    }
    if (config.successPlan()) {
      wanted.add(config.successPlanObject());
    }
    if (config.brief()) {
      wanted.add(config.briefObject());
    }
    String[] present = wanted.stream().map(w -> objects.stream().filter(o -> o.equalsIgnoreCase(w)).findFirst()
        .orElse(null)).filter(Objects::nonNull).toArray(String[]::new);
    Map<String, Map<String, OrgFacts.Field>> fields = new HashMap<>();
    if (present.length > 0) {
      for (DescribeSObjectResult d : calls.call("describeSObjects", c -> c.describeSObjects(present))) {
        var byName = new LinkedHashMap<String, OrgFacts.Field>();
        for (Field f : d.getFields()) {
          byName.put(f.getName(), new OrgFacts.Field(f.getName(), f.getType() == null ? null : f.getType().name(),
              f.getLength(), f.isExternalId()));
        }
        fields.put(d.getName(), byName);
      }
    }
    QueryResult oppRows = calls.call("query", c -> c.query(String.format(OPPORTUNITY_QUERY, Soql.quote(opp))));
    if (oppRows.getRecords() == null || oppRows.getRecords().length == 0) {
      throw new DealNotFoundException(CrmEvidence.SYSTEM, opp);
    }
    SObject o = oppRows.getRecords()[0];
    String owner = str(o.getField("OwnerId"));
    String account = str(o.getField("AccountId"));

    var users = new HashMap<String, List<String>>();
    TreeSet<String> names = new TreeSet<>();
    if (config.followUps()) {
      for (Claim c : brief.brief().section(SectionId.OPEN_THREADS).claims()) {
        String n = c.attributes().get("owedBy");
        if (n != null && !n.isBlank()) {
          names.add(n.strip());
        }
      }
    }
    if (!names.isEmpty()) {
      String in = names.stream().map(Soql::quote).collect(Collectors.joining(", "));
      QueryResult rows = calls.call("query", c -> c.query(String.format(USER_QUERY, in)));
      for (SObject u : rows.getRecords() == null ? new SObject[0] : rows.getRecords()) {
        String name = str(u.getField("Name"));
        if (name != null) {
          users.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(str(u.getField("Id")));
        }
      }
    }
    String instance = calls.instanceUrl() == null ? "" : calls.instanceUrl().toString().replaceAll("/+$", "");
    return new OrgFacts(instance, objects, fields, owner, account, users);
  }

  private static String str(Object v) {
    return v == null ? null : v.toString();
  }

  @Override
  public void close() {
    if (ownsSession) {
      session.close();
    }
  }

  @Override
  public String toString() {
    return "SalesforceWriteback[" + config + ", worker=" + worker + "]";
  }

  /**
   * The calls of one plan or run: counted and logged at debug, never reported elsewhere. A
   * write-back has no brief deadline; half an hour bounds a run that would otherwise hang.
   */
  private SalesforceSession.Calls newCalls() {
    return session.calls(SourceContext.counting(CrmEvidence.SYSTEM, clock.instant().plus(RUN_DEADLINE), RUN_BUDGET,
        clock, call -> LOG.debug("Salesforce {} ({} ms): {}", call.operation(), call.elapsed().toMillis(),
            call.outcome())));
  }

  /** Builds a {@link SalesforceWriteback}. */
  public static final class Builder {
    private SalesforceConfig salesforce;
    private SalesforceSession session;
    private WritebackConfig config = WritebackConfig.ofDefaults();
    private BriefStore store;
    private Clock clock = Clock.systemUTC();
    private String worker = "writeback-" + ProcessHandle.current().pid() + "-" + Integer.toHexString(
        System.identityHashCode(new Object()));
    private Supplier<RolloutDecision> rollout = () -> null;

    private Builder() {}

    /**
     * The rollout policy's current decision, read when a plan is made: the success plan, the
     * brief record (the "stored insight") and follow-up Tasks it has off are planned as skipped
     * writes saying why; the completed Task is always written. E.g. {@code () -> lastDecision},
     * kept by the host's weekly {@link org.handoffbrief.audit.RolloutPolicy#decide(String)}; a
     * supplier returning null means no policy (the default). A plan already stored keeps what was
     * decided when it was made.
     */
    public Builder rollout(Supplier<RolloutDecision> current) {
      this.rollout = Objects.requireNonNull(current, "current == null");
      return this;
    }

    /** The org to write to; the write-back signs in with it and closes the session when closed. */
    public Builder salesforce(SalesforceConfig salesforce) {
      this.salesforce = Objects.requireNonNull(salesforce, "salesforce == null");
      return this;
    }

    /** A session the host shares (e.g. with the connector); not closed by the write-back. */
    public Builder session(SalesforceSession session) {
      this.session = Objects.requireNonNull(session, "session == null");
      return this;
    }

    /** What to write and where; defaults to {@link WritebackConfig#ofDefaults()}. */
    public Builder config(WritebackConfig config) {
      this.config = Objects.requireNonNull(config, "config == null");
      return this;
    }

    /** Where plans, write outcomes and the audit trail are kept. */
    public Builder store(BriefStore store) {
      this.store = Objects.requireNonNull(store, "store == null");
      return this;
    }

    /** The clock leases and the audit trail are dated by. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** This worker's name in leases; unique per process by default. */
    public Builder worker(String worker) {
      if (worker == null || worker.isBlank()) {
        throw new IllegalArgumentException("worker is blank");
      }
      this.worker = worker;
      return this;
    }

    /** The write-back. */
    public SalesforceWriteback build() {
      if (salesforce == null && session == null) {
        throw new IllegalStateException("set salesforce(config) or session(session): the write-back needs an org");
      }
      if (store == null) {
        throw new IllegalStateException("set store(...): plans and write outcomes must be kept somewhere, e.g."
            + " BriefStore.inMemory()");
      }
      return new SalesforceWriteback(this);
    }
  }
}
