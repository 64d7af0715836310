package org.handoffbrief.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.handoffbrief.audit.AuditAnswer;
import org.handoffbrief.audit.AuditQuestion;
import org.handoffbrief.audit.ClaimMark;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.quality.QualityHistory;
import org.handoffbrief.review.ReviewFeedback;
import org.handoffbrief.review.ReviewState;

/**
 * The library's memory: brief versions per opportunity, the outbox of planned writes and what
 * became of each, the audit trail, each brief's review and delivery, gate failure history, and
 * what triggers need to fire once (checkpoints, processed notification ids), and the weekly
 * citation spot-check's samples and answers.
 *
 * <p>"Once" is the store's job, not its callers': two workers saving the same brief, beginning the
 * same write or marking the same notification race on the store's unique keys, and exactly one
 * wins. Implementations are safe for concurrent use from several threads and, for a shared
 * database, several processes.
 *
 * <p>{@link #inMemory()} keeps everything in this process (tests, one-off runs); the
 * {@code handoff-store-jdbc} module keeps it in H2 or PostgreSQL.
 */
public interface BriefStore extends AutoCloseable {

  // ---- brief versions

  /**
   * Stores a brief as the next version of its opportunity and kind. When the newest stored
   * version of that opportunity and kind has the same {@link StoredBrief#fingerprint
   * fingerprint}, nothing is stored and that version is returned: the same deal briefed twice is
   * one version.
   */
  StoredBrief save(HandoffBrief brief, BriefKind kind);

  /** The brief stored under {@code briefId}. */
  Optional<StoredBrief> find(String briefId);

  /** The newest version of this opportunity's brief of {@code kind}. */
  Optional<StoredBrief> latest(String opportunityId, BriefKind kind);

  /** The newest brief of this opportunity, of any kind. */
  Optional<StoredBrief> latest(String opportunityId);

  /** Every stored brief of this opportunity, oldest first. */
  List<StoredBrief> history(String opportunityId);

  // ---- the outbox

  /**
   * Stores a plan and its writes, all {@link OutboxWrite.Status#PENDING}, in one step, before any
   * of them is made. When a plan with the same key is already stored, nothing changes and the
   * stored plan is returned: a rerun continues the first plan instead of making a second.
   */
  OutboxPlan savePlan(OutboxPlan plan, List<OutboxWrite> writes);

  /** The plan stored under {@code planKey}. */
  Optional<OutboxPlan> plan(String planKey);

  /** The plan's writes in plan order, each as it stands now. */
  List<OutboxWrite> writes(String planKey);

  /**
   * Records a person's decision on a plan that waits for approval.
   *
   * @return the plan as it now stands
   * @throws IllegalArgumentException when no such plan is stored
   */
  OutboxPlan decide(String planKey, boolean approved, String actor, Instant at);

  /**
   * Takes a write for {@code worker} under a lease. Succeeds for a write that is pending, failed
   * or skipped, or in flight under a lease that has passed (its worker crashed); never for a write
   * that is done or held by a live lease. Exactly one of several racing workers gets it.
   *
   * @return the write, now in flight and counted as one more attempt; empty when it is not this
   *     worker's to make
   */
  Optional<OutboxWrite> begin(String writeKey, String worker, Instant now, Duration lease);

  /**
   * Records how a write ended: {@link OutboxWrite.Status#DONE} with the target's record id,
   * {@link OutboxWrite.Status#FAILED} or {@link OutboxWrite.Status#SKIPPED} with why. A write that
   * is done stays done.
   *
   * @return the write as it now stands
   */
  OutboxWrite finish(String writeKey, OutboxWrite.Status status, String recordId, String detail, Instant at);

  // ---- the audit trail

  /** Appends one line to the audit trail. */
  void audit(AuditEntry entry);

  /** The lines about {@code subject} or anything under it ({@code subject + "/..."}), oldest first. */
  List<AuditEntry> auditTrail(String subject);

  // ---- what triggers need

  /**
   * Records that {@code key} was handled in {@code scope} (an outbound message's notification id, a
   * trigger's dedupe key).
   *
   * @return true for the first caller ever, false for every later one
   */
  boolean markOnce(String scope, String key, Instant at);

  /** The value of a named checkpoint (a poller's high-water mark). */
  Optional<String> checkpoint(String name);

  /**
   * Moves a checkpoint from {@code expected} (null: not set yet) to {@code value}.
   *
   * @return false when another worker moved it first; read it again and decide
   */
  boolean advanceCheckpoint(String name, String expected, String value);

  // ---- review and delivery

  /** Where the brief's review stands; empty for a brief that was never moved (a draft). */
  Optional<ReviewStatus> reviewStatus(String briefId);

  /** Every brief whose review is now in {@code state}, oldest move first (the time-out's work list). */
  List<ReviewStatus> reviews(ReviewState state);

  /**
   * Moves a brief's review from {@code expected} (null: never moved, a draft) to {@code next}, if
   * it is still there: of two racing reviewers or workers exactly one moves it. The caller checks
   * {@link org.handoffbrief.review.ReviewState#canMoveTo} and writes the audit line.
   *
   * @return false when the brief is no longer in {@code expected}; read it again and decide
   */
  boolean moveReview(String briefId, ReviewState expected, ReviewStatus next);

  /**
   * Records a reviewer's answer once: the same answer delivered twice (a replayed Slack request)
   * is kept once.
   *
   * @return true when it was new
   */
  boolean addFeedback(String briefId, ReviewFeedback feedback);

  /** The reviewer's answers on this brief, oldest first. */
  List<ReviewFeedback> feedback(String briefId);

  /** The delivery under {@code deliveryKey}: where the brief's message is. */
  Optional<Delivery> delivery(String deliveryKey);

  /**
   * Reserves a delivery before its first post (its message id null), so that of two workers
   * exactly one posts, and a crash between the post and {@link #saveDelivery} is known afterwards.
   *
   * @return true when this caller reserved it; false when a delivery under that key exists
   */
  boolean reserveDelivery(Delivery pending);

  /** Records where the message is and which version it shows, replacing what was stored. */
  void saveDelivery(Delivery delivery);

  // ---- the weekly spot-check (org.handoffbrief.audit)

  /**
   * Stores a week's sample, all its questions in one step, unless that week already has one: then
   * nothing changes and the stored sample is returned, so of two workers drawing the same week
   * exactly one sample is kept. An empty list stores nothing.
   *
   * @return true when this call stored them; false when the week had a sample already or the list
   *     was empty (read it with {@link #sample})
   * @throws IllegalArgumentException when a question is of another week
   */
  boolean saveSample(String week, List<AuditQuestion> questions);

  /** The week's stored questions in {@link AuditQuestion#seq} order; empty when none was drawn. */
  List<AuditQuestion> sample(String week);

  /** The question stored under {@code questionId}. */
  Optional<AuditQuestion> auditQuestion(String questionId);

  /**
   * Records an answer once per question: a second answer (a replay, or a changed mind) is not
   * stored.
   *
   * @return true when it was the first
   */
  boolean saveAnswer(AuditAnswer answer);

  /** The answer to {@code questionId}, if it has one. */
  Optional<AuditAnswer> auditAnswer(String questionId);

  /** The answers to the week's questions, in question order. */
  List<AuditAnswer> answers(String week);

  /**
   * The claims of this stored brief that a spot-check answered "does not support", oldest first:
   * what a reader of the brief is shown next to those claims.
   */
  List<ClaimMark> claimMarks(String briefId);

  // ---- gate failures

  /** Gate failure history kept in this store: the persistent twin of {@link QualityHistory#inMemory()}. */
  QualityHistory qualityHistory();

  /** Releases connections the store holds; the default holds none. */
  @Override
  default void close() {}

  /** A store in this process's memory, on the system clock. */
  static BriefStore inMemory() {
    return new InMemoryBriefStore(Clock.systemUTC());
  }

  /** A store in this process's memory that dates what it stores by {@code clock}. */
  static BriefStore inMemory(Clock clock) {
    return new InMemoryBriefStore(clock);
  }
}
