package org.handoffbrief.store.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.handoffbrief.audit.AuditAnswer;
import org.handoffbrief.audit.AuditQuestion;
import org.handoffbrief.audit.ClaimMark;
import org.handoffbrief.audit.Verdict;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.quality.QualityHistory;
import org.handoffbrief.render.JsonBriefRenderer;
import org.handoffbrief.review.ReviewFeedback;
import org.handoffbrief.review.ReviewState;
import org.handoffbrief.store.AuditEntry;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.BriefStoreException;
import org.handoffbrief.store.Delivery;
import org.handoffbrief.store.OutboxPlan;
import org.handoffbrief.store.OutboxWrite;
import org.handoffbrief.store.ReviewStatus;
import org.handoffbrief.store.StoredBrief;

/**
 * The brief store in a database, over plain JDBC: H2 in a file ({@link #h2File(Path)}, what the
 * sample app uses) or PostgreSQL ({@link #open(String, String, String)} or a host's pool through
 * {@link #create(DataSource)}).
 *
 * <p>"Once" is the database's: a brief version, a plan, a once-key, a gate failure, a reviewer's
 * answer and a reserved delivery are rows under unique keys, and taking a write, moving a
 * checkpoint or moving a review is a conditional {@code UPDATE} whose update count says who won. Nothing is checked in Java and then acted on, so several
 * threads and several processes may share one database.
 *
 * <p>Opening the store applies the schema migrations under {@code db/handoff/<dialect>/} unless
 * the {@linkplain Builder#migrate(boolean) builder is told not to}. Times are kept to the
 * microsecond. Every database error surfaces as a {@link BriefStoreException} naming the
 * operation and the SQLState.
 */
public final class JdbcBriefStore implements BriefStore {
  /** How often save() re-reads and retries when other workers keep storing new versions first. */
  private static final int SAVE_ATTEMPTS = 20;

  private static final String BRIEF_COLUMNS =
      "brief_id, account_id, opportunity_id, kind, version, stored_at, fingerprint, json";
  private static final String PLAN_COLUMNS =
      "plan_key, brief_id, opportunity_id, plan_json, created_at, approval, approved_by, approved_at";
  private static final String WRITE_COLUMNS =
      "plan_key, write_key, seq, target, description, status, record_id, detail, attempts, updated_at";
  private static final String REVIEW_COLUMNS = "brief_id, state, actor, moved_at, note";
  private static final String FEEDBACK_COLUMNS = "feedback_id, kind, reviewer, answered_at, claim_id, answer_text";
  private static final String DELIVERY_COLUMNS = "delivery_key, channel, message_id, brief_id, updated_at";
  private static final String QUESTION_COLUMNS = "question_id, week, seq, kind, brief_id, account_id, opportunity_id,"
      + " section_id, claim_id, claim_text, source_system, evidence_id, quote, link, created_at";
  private static final String ANSWER_COLUMNS = "question_id, verdict, answered_by, answered_at, note";

  private final DataSource dataSource;
  private final Dialect dialect;
  private final Clock clock;
  private final String where;
  /** H2 only: held open so the database stays open between the calls' own connections. */
  private final Connection keeper;
  private final QualityHistory qualityHistory = new JdbcQualityHistory();

  private JdbcBriefStore(DataSource dataSource, Dialect dialect, Clock clock, String where, Connection keeper) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.clock = clock;
    this.where = where;
    this.keeper = keeper;
  }

  /** A store in the database behind {@code dataSource} (e.g. the host's pool), migrated on opening. */
  public static JdbcBriefStore create(DataSource dataSource) {
    return builder(dataSource).build();
  }

  /**
   * A store in the database at {@code url}, a new connection per call, migrated on opening. The
   * driver of that database must be on the class path (H2's always is).
   */
  public static JdbcBriefStore open(String url, String user, String password) {
    return builder(url, user, password).build();
  }

  /**
   * A store in an embedded H2 database in a file, created when missing: no server, no set-up.
   * H2 names the file {@code <file>.mv.db}; one process opens it at a time.
   *
   * @param file the database's path without H2's {@code .mv.db} suffix, e.g. {@code data/briefs}
   */
  public static JdbcBriefStore h2File(Path file) {
    return builder(h2Url(file), "sa", "").build();
  }

  /** The JDBC URL of the H2 file database {@link #h2File(Path)} opens. */
  public static String h2Url(Path file) {
    Objects.requireNonNull(file, "file == null");
    String path = file.toAbsolutePath().toString();
    if (path.endsWith(".mv.db")) {
      path = path.substring(0, path.length() - ".mv.db".length());
    }
    return "jdbc:h2:file:" + path;
  }

  /** Starts a store over the host's {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource == null");
    return new Builder(dataSource, "a " + dataSource.getClass().getSimpleName());
  }

  /** Starts a store over a connection per call to {@code url}; the password is never shown. */
  public static Builder builder(String url, String user, String password) {
    return new Builder(new DriverDataSource(url, user, password), DriverDataSource.safeUrl(url));
  }

  /** Options of a {@link JdbcBriefStore}; {@link #build()} opens it. */
  public static final class Builder {
    private final DataSource dataSource;
    private final String where;
    private boolean migrate = true;
    private Clock clock = Clock.systemUTC();

    private Builder(DataSource dataSource, String where) {
      this.dataSource = dataSource;
      this.where = where;
    }

    /**
     * Whether opening the store applies missing schema migrations (default true). False for a
     * database whose DBA runs the scripts under {@code db/handoff/<dialect>/} with their own tool;
     * a store used on an unmigrated database then fails with a message that says so.
     */
    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /** The clock that dates stored briefs, once-keys and gate failures (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Connects, tells the database apart and migrates it.
     *
     * @throws IllegalStateException for a database other than H2 or PostgreSQL
     * @throws BriefStoreException when the database cannot be reached or migrated
     */
    public JdbcBriefStore build() {
      Connection first;
      Dialect dialect;
      try {
        first = dataSource.getConnection();
      } catch (SQLException e) {
        throw failure("open", e);
      }
      try {
        dialect = Dialect.of(first);
        if (migrate) {
          Migrations.migrate(dataSource, dialect, clock);
        }
      } catch (SQLException | RuntimeException e) {
        closeQuietly(first);
        throw e instanceof SQLException s ? failure(migrate ? "migrate" : "open", s) : (RuntimeException) e;
      }
      if (dialect != Dialect.H2) {
        closeQuietly(first);
        first = null;
      }
      return new JdbcBriefStore(dataSource, dialect, clock, where, first);
    }
  }

  // ---- brief versions

  @Override
  public StoredBrief save(HandoffBrief brief, BriefKind kind) {
    Objects.requireNonNull(brief, "brief == null");
    Objects.requireNonNull(kind, "kind == null");
    String fingerprint = StoredBrief.fingerprint(brief);
    String json = JsonBriefRenderer.create().render(brief);
    for (int attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
      Optional<StoredBrief> last = latest(brief.opportunityId(), kind);
      if (last.isPresent() && last.get().fingerprint().equals(fingerprint)) {
        return last.get();
      }
      int version = last.map(StoredBrief::version).orElse(0) + 1;
      var stored = new StoredBrief(StoredBrief.briefId(brief.opportunityId(), kind, version), brief.accountId(),
          brief.opportunityId(), kind, version, now(), fingerprint, json);
      if (insertBrief(stored)) {
        return stored;
      }
      // Another worker stored this version first; read again: theirs may be this very content.
    }
    throw new BriefStoreException("save", null, "other workers kept storing new " + kind + " versions of "
        + brief.opportunityId() + " first; gave up after " + SAVE_ATTEMPTS + " attempts", null);
  }

  private boolean insertBrief(StoredBrief b) {
    return run("save", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO handoff_brief (" + BRIEF_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, b.briefId());
        ps.setString(2, b.accountId());
        ps.setString(3, b.opportunityId());
        ps.setString(4, b.kind().wireId());
        ps.setInt(5, b.version());
        setInstant(ps, 6, b.storedAt());
        ps.setString(7, b.fingerprint());
        ps.setString(8, b.json());
        ps.executeUpdate();
        return true;
      } catch (SQLException e) {
        // The statement ran on its own (autocommit), so PostgreSQL has no aborted transaction to undo.
        if (isUniqueViolation(e)) {
          return false;
        }
        throw e;
      }
    });
  }

  @Override
  public Optional<StoredBrief> find(String briefId) {
    return first("find", "SELECT " + BRIEF_COLUMNS + " FROM handoff_brief WHERE brief_id = ?",
        JdbcBriefStore::brief, briefId);
  }

  @Override
  public Optional<StoredBrief> latest(String opportunityId, BriefKind kind) {
    Objects.requireNonNull(kind, "kind == null");
    return first("latest", "SELECT " + BRIEF_COLUMNS + " FROM handoff_brief WHERE opportunity_id = ? AND kind = ?"
        + " ORDER BY version DESC FETCH FIRST 1 ROWS ONLY", JdbcBriefStore::brief, opportunityId, kind.wireId());
  }

  @Override
  public Optional<StoredBrief> latest(String opportunityId) {
    return first("latest", "SELECT " + BRIEF_COLUMNS + " FROM handoff_brief WHERE opportunity_id = ?"
        + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", JdbcBriefStore::brief, opportunityId);
  }

  @Override
  public List<StoredBrief> history(String opportunityId) {
    // The identity column counts rows in storing order.
    return all("history", "SELECT " + BRIEF_COLUMNS + " FROM handoff_brief WHERE opportunity_id = ? ORDER BY id",
        JdbcBriefStore::brief, opportunityId);
  }

  private static StoredBrief brief(ResultSet rs) throws SQLException {
    return new StoredBrief(rs.getString(1), rs.getString(2), rs.getString(3), BriefKind.parse(rs.getString(4)),
        rs.getInt(5), instant(rs, 6), rs.getString(7), rs.getString(8));
  }

  // ---- the outbox

  @Override
  public OutboxPlan savePlan(OutboxPlan plan, List<OutboxWrite> writes) {
    Objects.requireNonNull(plan, "plan == null");
    Objects.requireNonNull(writes, "writes == null");
    for (OutboxWrite w : writes) {
      if (!w.planKey().equals(plan.planKey())) {
        throw new IllegalArgumentException("write " + w.writeKey() + " belongs to plan " + w.planKey());
      }
    }
    return run("savePlan", c -> {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        // The plan row first: its primary key decides which of two racing savers stores the plan.
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO handoff_outbox_plan (" + PLAN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
          ps.setString(1, plan.planKey());
          ps.setString(2, plan.briefId());
          ps.setString(3, plan.opportunityId());
          ps.setString(4, plan.planJson());
          setInstant(ps, 5, plan.createdAt());
          ps.setString(6, plan.approval().name());
          ps.setString(7, plan.approvedBy());
          setInstant(ps, 8, plan.approvedAt());
          ps.executeUpdate();
        } catch (SQLException e) {
          c.rollback();
          if (isUniqueViolation(e)) {
            return readPlan(c, plan.planKey()).orElseThrow(() -> e);
          }
          throw e;
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO handoff_outbox_write (" + WRITE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          for (OutboxWrite w : writes) {
            ps.setString(1, w.planKey());
            ps.setString(2, w.writeKey());
            ps.setInt(3, w.seq());
            ps.setString(4, w.target());
            ps.setString(5, w.description());
            ps.setString(6, w.status().name());
            ps.setString(7, w.recordId());
            ps.setString(8, w.detail());
            ps.setInt(9, w.attempts());
            setInstant(ps, 10, w.updatedAt());
            try {
              ps.executeUpdate();
            } catch (SQLException e) {
              c.rollback();
              if (isUniqueViolation(e)) {
                throw new IllegalArgumentException("write key " + w.writeKey() + " or seq " + w.seq()
                    + " is already stored (under this or another plan)");
              }
              throw e;
            }
          }
        }
        c.commit();
        return readPlan(c, plan.planKey()).orElseThrow();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    });
  }

  @Override
  public Optional<OutboxPlan> plan(String planKey) {
    return run("plan", c -> readPlan(c, planKey));
  }

  private static Optional<OutboxPlan> readPlan(Connection c, String planKey) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + PLAN_COLUMNS + " FROM handoff_outbox_plan WHERE plan_key = ?")) {
      ps.setString(1, planKey);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new OutboxPlan(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            instant(rs, 5), OutboxPlan.Approval.valueOf(rs.getString(6)), rs.getString(7), instant(rs, 8)));
      }
    }
  }

  @Override
  public List<OutboxWrite> writes(String planKey) {
    return all("writes", "SELECT " + WRITE_COLUMNS + " FROM handoff_outbox_write WHERE plan_key = ? ORDER BY seq",
        JdbcBriefStore::write, planKey);
  }

  private Optional<OutboxWrite> write(String operation, String writeKey) {
    return first(operation, "SELECT " + WRITE_COLUMNS + " FROM handoff_outbox_write WHERE write_key = ?",
        JdbcBriefStore::write, writeKey);
  }

  private static OutboxWrite write(ResultSet rs) throws SQLException {
    return new OutboxWrite(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
        OutboxWrite.Status.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getInt(9), instant(rs, 10));
  }

  @Override
  public OutboxPlan decide(String planKey, boolean approved, String actor, Instant at) {
    notBlank(actor, "actor");
    Objects.requireNonNull(at, "at == null");
    int updated = update("decide", "UPDATE handoff_outbox_plan SET approval = ?, approved_by = ?, approved_at = ?"
        + " WHERE plan_key = ?", (approved ? OutboxPlan.Approval.APPROVED : OutboxPlan.Approval.REJECTED).name(),
        actor, at, planKey);
    if (updated == 0) {
      throw new IllegalArgumentException("no plan " + planKey + " is stored");
    }
    return plan(planKey).orElseThrow();
  }

  @Override
  public Optional<OutboxWrite> begin(String writeKey, String worker, Instant now, Duration lease) {
    notBlank(worker, "worker");
    Objects.requireNonNull(now, "now == null");
    Objects.requireNonNull(lease, "lease == null");
    // One conditional UPDATE: the database re-checks the condition on the row it locks, so of
    // several racing workers exactly one sees an update count of 1.
    int taken = update("begin", "UPDATE handoff_outbox_write SET status = 'IN_FLIGHT', lease_holder = ?,"
        + " lease_until = ?, attempts = attempts + 1, updated_at = ?"
        + " WHERE write_key = ? AND status <> 'DONE'"
        + " AND (status <> 'IN_FLIGHT' OR lease_until IS NULL OR lease_until <= ?)",
        worker, now.plus(lease), now, writeKey, now);
    return taken == 1 ? write("begin", writeKey) : Optional.empty();
  }

  @Override
  public OutboxWrite finish(String writeKey, OutboxWrite.Status status, String recordId, String detail, Instant at) {
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(at, "at == null");
    if (status == OutboxWrite.Status.PENDING || status == OutboxWrite.Status.IN_FLIGHT) {
      throw new IllegalArgumentException("a write finishes as DONE, FAILED or SKIPPED, not " + status);
    }
    // "A write that is done stays done" is the WHERE clause, not a read before the write.
    update("finish", "UPDATE handoff_outbox_write SET status = ?, record_id = COALESCE(?, record_id), detail = ?,"
        + " updated_at = ?, lease_holder = NULL, lease_until = NULL WHERE write_key = ? AND status <> 'DONE'",
        status.name(), recordId, detail, at, writeKey);
    return write("finish", writeKey)
        .orElseThrow(() -> new IllegalArgumentException("no write " + writeKey + " is stored"));
  }

  // ---- review and delivery

  @Override
  public Optional<ReviewStatus> reviewStatus(String briefId) {
    return first("reviewStatus", "SELECT " + REVIEW_COLUMNS + " FROM handoff_review WHERE brief_id = ?",
        JdbcBriefStore::review, briefId);
  }

  @Override
  public List<ReviewStatus> reviews(ReviewState state) {
    Objects.requireNonNull(state, "state == null");
    return all("reviews", "SELECT " + REVIEW_COLUMNS + " FROM handoff_review WHERE state = ?"
        + " ORDER BY moved_at, brief_id", JdbcBriefStore::review, state.wireId());
  }

  private static ReviewStatus review(ResultSet rs) throws SQLException {
    return new ReviewStatus(rs.getString(1), ReviewState.ofWireId(rs.getString(2)), rs.getString(3),
        instant(rs, 4), rs.getString(5));
  }

  @Override
  public boolean moveReview(String briefId, ReviewState expected, ReviewStatus next) {
    Objects.requireNonNull(next, "next == null");
    if (!next.briefId().equals(briefId)) {
      throw new IllegalArgumentException("status of " + next.briefId() + " given for " + briefId);
    }
    if (expected == null) {
      // A draft has no row: the first move is an insert, and of racing movers the key lets one in.
      return insertOnce("moveReview", "INSERT INTO handoff_review (" + REVIEW_COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
          briefId, next.state().wireId(), next.actor(), next.at(), next.note());
    }
    return update("moveReview", "UPDATE handoff_review SET state = ?, actor = ?, moved_at = ?, note = ?"
        + " WHERE brief_id = ? AND state = ?", next.state().wireId(), next.actor(), next.at(), next.note(),
        briefId, expected.wireId()) == 1;
  }

  @Override
  public boolean addFeedback(String briefId, ReviewFeedback f) {
    notBlank(briefId, "briefId");
    Objects.requireNonNull(f, "feedback == null");
    return insertOnce("addFeedback", "INSERT INTO handoff_review_feedback (brief_id, " + FEEDBACK_COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?)", briefId, f.id(), f.kind().wireId(), f.reviewer(), f.at(), f.claimId(),
        f.text());
  }

  @Override
  public List<ReviewFeedback> feedback(String briefId) {
    // seq counts rows in arrival order, which answered_at (the reviewer's clock) need not.
    return all("feedback", "SELECT " + FEEDBACK_COLUMNS + " FROM handoff_review_feedback WHERE brief_id = ?"
        + " ORDER BY seq", rs -> new ReviewFeedback(rs.getString(1), ReviewFeedback.Kind.ofWireId(rs.getString(2)),
            rs.getString(3), instant(rs, 4), rs.getString(5), rs.getString(6)), briefId);
  }

  @Override
  public Optional<Delivery> delivery(String deliveryKey) {
    return first("delivery", "SELECT " + DELIVERY_COLUMNS + " FROM handoff_delivery WHERE delivery_key = ?",
        rs -> new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5)),
        deliveryKey);
  }

  @Override
  public boolean reserveDelivery(Delivery pending) {
    Objects.requireNonNull(pending, "pending == null");
    return insertOnce("reserveDelivery", "INSERT INTO handoff_delivery (" + DELIVERY_COLUMNS
        + ") VALUES (?, ?, ?, ?, ?)", pending.deliveryKey(), pending.channel(), pending.messageId(),
        pending.briefId(), pending.updatedAt());
  }

  @Override
  public void saveDelivery(Delivery d) {
    Objects.requireNonNull(d, "delivery == null");
    // An upsert on both databases: UPDATE, else INSERT, else (another worker inserted in between)
    // UPDATE the row it made. Rows are never deleted, so the last UPDATE finds one.
    if (updateDelivery(d) == 0 && !reserveDelivery(d) && updateDelivery(d) == 0) {
      throw new BriefStoreException("saveDelivery", null, "the delivery row of " + d.deliveryKey()
          + " was neither updated nor inserted; is something deleting rows of handoff_delivery?", null);
    }
  }

  private int updateDelivery(Delivery d) {
    return update("saveDelivery", "UPDATE handoff_delivery SET channel = ?, message_id = ?, brief_id = ?,"
        + " updated_at = ? WHERE delivery_key = ?", d.channel(), d.messageId(), d.briefId(), d.updatedAt(),
        d.deliveryKey());
  }

  // ---- the audit trail

  @Override
  public void audit(AuditEntry e) {
    Objects.requireNonNull(e, "entry == null");
    update("audit", "INSERT INTO handoff_audit (occurred_at, actor, action, subject, target, record_id, outcome,"
        + " detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", e.at(), e.actor(), e.action(), e.subject(), e.target(),
        e.recordId(), e.outcome(), e.detail());
  }

  @Override
  public List<AuditEntry> auditTrail(String subject) {
    notBlank(subject, "subject");
    String prefix = subject.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "/%";
    return all("auditTrail", "SELECT occurred_at, actor, action, subject, target, record_id, outcome, detail"
        + " FROM handoff_audit WHERE subject = ? OR subject LIKE ? ESCAPE '!' ORDER BY id",
        rs -> new AuditEntry(instant(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getString(8)), subject, prefix);
  }

  // ---- what triggers need

  @Override
  public boolean markOnce(String scope, String key, Instant at) {
    notBlank(scope, "scope");
    notBlank(key, "key");
    return insertOnce("markOnce", "INSERT INTO handoff_once (scope, once_key, marked_at) VALUES (?, ?, ?)",
        scope, key, at != null ? at : now());
  }

  @Override
  public Optional<String> checkpoint(String name) {
    return first("checkpoint", "SELECT checkpoint_value FROM handoff_checkpoint WHERE name = ?",
        rs -> rs.getString(1), name);
  }

  @Override
  public boolean advanceCheckpoint(String name, String expected, String value) {
    notBlank(name, "name");
    Objects.requireNonNull(value, "value == null");
    if (expected == null) {
      return insertOnce("advanceCheckpoint",
          "INSERT INTO handoff_checkpoint (name, checkpoint_value, updated_at) VALUES (?, ?, ?)", name, value, now());
    }
    return update("advanceCheckpoint", "UPDATE handoff_checkpoint SET checkpoint_value = ?, updated_at = ?"
        + " WHERE name = ? AND checkpoint_value = ?", value, now(), name, expected) == 1;
  }

  // ---- the weekly spot-check

  @Override
  public boolean saveSample(String week, List<AuditQuestion> questions) {
    notBlank(week, "week");
    Objects.requireNonNull(questions, "questions == null");
    for (AuditQuestion q : questions) {
      if (!q.week().equals(week)) {
        throw new IllegalArgumentException("question " + q.questionId() + " is of week " + q.week());
      }
    }
    if (questions.isEmpty()) {
      return false;
    }
    return run("saveSample", c -> {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO handoff_audit_question (" + QUESTION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (AuditQuestion q : questions) {
          bind(ps, q.questionId(), q.week(), q.seq(), q.kind().wireId(), q.briefId(), q.accountId(),
              q.opportunityId(), q.sectionId(), q.claimId(), q.claimText(), q.system(), q.evidenceId(), q.quote(),
              q.link(), q.createdAt());
          ps.executeUpdate();
        }
        c.commit();
        return true;
      } catch (SQLException e) {
        c.rollback();
        // (week, seq) is taken: another worker stored this week's sample first; theirs is kept.
        if (isUniqueViolation(e)) {
          return false;
        }
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    });
  }

  @Override
  public List<AuditQuestion> sample(String week) {
    return all("sample", "SELECT " + QUESTION_COLUMNS + " FROM handoff_audit_question WHERE week = ? ORDER BY seq",
        JdbcBriefStore::question, week);
  }

  @Override
  public Optional<AuditQuestion> auditQuestion(String questionId) {
    return first("auditQuestion", "SELECT " + QUESTION_COLUMNS + " FROM handoff_audit_question WHERE question_id = ?",
        JdbcBriefStore::question, questionId);
  }

  private static AuditQuestion question(ResultSet rs) throws SQLException {
    return new AuditQuestion(rs.getString(1), rs.getString(2), rs.getInt(3), AuditQuestion.Kind.ofWireId(
        rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
        rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), instant(rs, 15));
  }

  @Override
  public boolean saveAnswer(AuditAnswer a) {
    Objects.requireNonNull(a, "answer == null");
    // Questions are never deleted, so a question found now is there when the answer is inserted.
    if (auditQuestion(a.questionId()).isEmpty()) {
      throw new IllegalArgumentException("no question " + a.questionId() + " is stored");
    }
    return insertOnce("saveAnswer", "INSERT INTO handoff_audit_answer (" + ANSWER_COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
        a.questionId(), a.verdict() == null ? null : a.verdict().wireId(), a.answeredBy(), a.answeredAt(), a.note());
  }

  @Override
  public Optional<AuditAnswer> auditAnswer(String questionId) {
    return first("auditAnswer", "SELECT " + ANSWER_COLUMNS + " FROM handoff_audit_answer WHERE question_id = ?",
        JdbcBriefStore::answer, questionId);
  }

  @Override
  public List<AuditAnswer> answers(String week) {
    return all("answers", "SELECT a.question_id, a.verdict, a.answered_by, a.answered_at, a.note"
        + " FROM handoff_audit_answer a JOIN handoff_audit_question q ON q.question_id = a.question_id"
        + " WHERE q.week = ? ORDER BY q.seq", JdbcBriefStore::answer, week);
  }

  private static AuditAnswer answer(ResultSet rs) throws SQLException {
    String verdict = rs.getString(2);
    return new AuditAnswer(rs.getString(1), verdict == null ? null : Verdict.ofWireId(verdict), rs.getString(3),
        instant(rs, 4), rs.getString(5));
  }

  @Override
  public List<ClaimMark> claimMarks(String briefId) {
    return all("claimMarks", "SELECT q.brief_id, q.claim_id, q.question_id, a.answered_by, a.answered_at, a.note"
        + " FROM handoff_audit_question q JOIN handoff_audit_answer a ON a.question_id = q.question_id"
        + " WHERE q.brief_id = ? AND a.verdict = ? ORDER BY a.answered_at, q.question_id",
        rs -> new ClaimMark(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
            rs.getString(6)), briefId, Verdict.DOES_NOT_SUPPORT.wireId());
  }

  // ---- gate failures

  @Override
  public QualityHistory qualityHistory() {
    return qualityHistory;
  }

  /**
   * {@link QualityHistory#inMemory()}'s semantics on a table: a failing opportunity is a row under
   * the key (account, opportunity), a passing one has none, and the count is the account's rows.
   */
  private final class JdbcQualityHistory implements QualityHistory {
    @Override
    public int record(String accountId, String opportunityId, boolean failed) {
      Objects.requireNonNull(accountId, "accountId == null");
      Objects.requireNonNull(opportunityId, "opportunityId == null");
      if (failed) {
        insertOnce("qualityHistory", "INSERT INTO handoff_gate_failure (account_id, opportunity_id, failed_at)"
            + " VALUES (?, ?, ?)", accountId, opportunityId, now());
      } else {
        update("qualityHistory", "DELETE FROM handoff_gate_failure WHERE account_id = ? AND opportunity_id = ?",
            accountId, opportunityId);
      }
      return first("qualityHistory", "SELECT COUNT(*) FROM handoff_gate_failure WHERE account_id = ?",
          rs -> rs.getInt(1), accountId).orElse(0);
    }

    @Override
    public String toString() {
      return "QualityHistory(" + JdbcBriefStore.this + ")";
    }
  }

  @Override
  public void close() {
    if (keeper != null) {
      closeQuietly(keeper);
    }
  }

  @Override
  public String toString() {
    return "JdbcBriefStore(" + dialect + ", " + where + ")";
  }

  // ---- JDBC plumbing

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  @FunctionalInterface
  private interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Runs {@code work} on a connection of its own, each statement committed on its own. */
  private <T> T run(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      // A host's pool may hand out connections in manual-commit mode; every call here commits
      // its own statements (savePlan opens its transaction itself).
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      return work.run(c);
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  private int update(String operation, String sql, Object... args) {
    return run(operation, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bind(ps, args);
        return ps.executeUpdate();
      }
    });
  }

  /** An INSERT that may meet its row already there: true when this call inserted it. */
  private boolean insertOnce(String operation, String sql, Object... args) {
    return run(operation, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bind(ps, args);
        return ps.executeUpdate() == 1;
      } catch (SQLException e) {
        if (isUniqueViolation(e)) {
          return false;
        }
        throw e;
      }
    });
  }

  private <T> Optional<T> first(String operation, String sql, Row<T> row, Object... args) {
    List<T> rows = all(operation, sql, row, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private <T> List<T> all(String operation, String sql, Row<T> row, Object... args) {
    return run(operation, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          var out = new ArrayList<T>();
          while (rs.next()) {
            out.add(row.read(rs));
          }
          return out;
        }
      }
    });
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof Instant t) {
        setInstant(ps, i + 1, t);
      } else if (a instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else {
        ps.setString(i + 1, (String) a);
      }
    }
  }

  private static void setInstant(PreparedStatement ps, int index, Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }
  }

  private static Instant instant(ResultSet rs, int index) throws SQLException {
    OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static void notBlank(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
  }

  /** Both H2 and PostgreSQL report a unique or primary key violation as SQLState 23505. */
  static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  /** A database error as the store's exception: the operation, the SQLState and what to do. */
  static BriefStoreException failure(String operation, SQLException e) {
    String state = e.getSQLState();
    String message;
    // PostgreSQL's undefined_table; H2's "table not found" and "table not found, database empty".
    if ("42P01".equals(state) || "42S02".equals(state) || "42S04".equals(state)) {
      message = "a handoff_ table is missing: the schema is not migrated. Run the scripts under db/handoff/"
          + "<h2|postgresql>/ in this jar with your migration tool, or open the store with migrate(true)";
    } else if (state != null && state.startsWith("08")) {
      // Our own DriverDataSource's "no driver" message is safe to repeat; a driver's may hold the URL.
      message = e.getMessage() != null && e.getMessage().startsWith("no JDBC driver") ? e.getMessage()
          : "cannot connect to the database; check that it is running and that the URL is right";
    } else if (state != null && state.startsWith("28")) {
      message = "the database refused the user name or password";
    } else {
      message = "the database refused the statement (" + e.getClass().getSimpleName() + ", vendor code "
          + e.getErrorCode() + ")";
    }
    return new BriefStoreException(operation, state, message, e);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // Nothing to do about a connection that will not close; the data is committed.
    }
  }
}
