package org.handoffbrief.review;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.ReviewStatus;
import org.handoffbrief.store.StoredBrief;

/**
 * The reviewer's confirmation of a stored brief, kept in the {@link BriefStore}: who was asked,
 * what they answered, and whether the brief may go to customer success. Slack's buttons and a
 * host's own UI (a Camel or Mule route, a ticket) drive the same methods; every move is checked
 * against {@link ReviewState#canMoveTo}, made once however many callers race, and written to the
 * audit trail with who and when.
 *
 * <p>Thread-safe; made with {@link #builder(BriefStore)}.
 */
public final class BriefReview {

  /** Whether a brief needs a person's confirmation before it is delivered. */
  public enum Mode {
    /** Every brief goes to the AE (or the sales manager when the quality route says so). */
    ALWAYS,
    /** Only briefs whose quality route names a reviewer (a review trigger fired). */
    WHEN_TRIGGERED,
    /** None: every brief is approved as it is stored (route {@code none}). */
    NEVER
  }

  /** What happens when the reviewer has not answered within the time-out. */
  public enum TimeoutAction {
    /** Deliver it, marked "not reviewed". */
    DELIVER_NOT_REVIEWED,
    /** Remind the reviewer once; after a second time-out, deliver it marked "not reviewed". */
    REMIND_ONCE,
    /** Keep waiting; the brief is not delivered until someone answers. */
    HOLD
  }

  /** What {@link #expire} decided for one brief. */
  public record Expiry(String briefId, TimeoutAction action, boolean remindNow, boolean deliverNow) {}

  private final BriefStore store;
  private final Clock clock;
  private final Mode mode;
  private final Duration timeout;
  private final TimeoutAction onTimeout;

  private BriefReview(Builder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.mode = b.mode;
    this.timeout = b.timeout;
    this.onTimeout = b.onTimeout;
  }

  /** A builder over {@code store}: mode ALWAYS, a 48-hour time-out that reminds once. */
  public static Builder builder(BriefStore store) {
    return new Builder(store);
  }

  /**
   * Starts the review of a stored brief: moves it from draft to {@code in_review} when it needs a
   * reviewer under this mode, else straight to {@code approved}. Starting again is a no-op.
   *
   * @param reviewer who is asked (a name or email a reader knows)
   * @return the state the brief is now in
   */
  public ReviewState start(StoredBrief brief, String reviewer) {
    throw new UnsupportedOperationException("issue 10");
  }

  /** Whether {@code brief} needs a reviewer under this mode (its quality route, or always, or never). */
  public boolean needsReview(HandoffBrief brief) {
    throw new UnsupportedOperationException("issue 10");
  }

  /**
   * The reviewer confirms the brief: {@code in_review -> approved}, with their note (may be
   * null) kept as a confirmation. The Java API for hosts without Slack interactivity.
   *
   * @throws IllegalStateException when the brief is not waiting for review (names its state)
   */
  public ReviewStatus approve(String briefId, String reviewer, String note) {
    throw new UnsupportedOperationException("issue 10");
  }

  /**
   * Records one answer from an interactive surface (a Slack button or modal), once per
   * {@link ReviewFeedback#id()}: a confirmation approves the brief; a flagged claim requests
   * changes; a note is kept and changes nothing else. A replayed answer changes nothing.
   *
   * @return the status after the answer
   */
  public ReviewStatus answer(String briefId, ReviewFeedback feedback) {
    throw new UnsupportedOperationException("issue 10");
  }

  /** The brief was posted: {@code approved (or in_review on time-out) -> delivered}. */
  public ReviewStatus delivered(String briefId, String actor, String note) {
    throw new UnsupportedOperationException("issue 10");
  }

  /** Delivery failed: {@code approved -> failed}; a later run may deliver it. */
  public ReviewStatus failed(String briefId, String actor, String reason) {
    throw new UnsupportedOperationException("issue 10");
  }

  /**
   * The briefs waiting longer than the time-out as of {@code now}, and what to do with each under
   * the time-out action (remind once, deliver marked "not reviewed", or hold).
   */
  public List<Expiry> expire(Instant now) {
    throw new UnsupportedOperationException("issue 10");
  }

  /**
   * The stored brief as the CSM receives it: the review's outcome ("confirmed by Alex Rivera,
   * 2026-03-28", or "not reviewed"), flagged claims marked with what the reviewer said, and each
   * reviewer note as its own cited item whose source is the note.
   */
  public HandoffBrief reviewed(StoredBrief brief) {
    throw new UnsupportedOperationException("issue 10");
  }

  /** The review's state now; {@link ReviewState#DRAFT} for a brief never moved. */
  public ReviewState state(String briefId) {
    return store.reviewStatus(briefId).map(ReviewStatus::state).orElse(ReviewState.DRAFT);
  }

  /** Options of a {@link BriefReview}. */
  public static final class Builder {
    private final BriefStore store;
    private Clock clock = Clock.systemUTC();
    private Mode mode = Mode.ALWAYS;
    private Duration timeout = Duration.ofHours(48);
    private TimeoutAction onTimeout = TimeoutAction.REMIND_ONCE;

    private Builder(BriefStore store) {
      this.store = Objects.requireNonNull(store, "store == null");
    }

    /** Which briefs need a reviewer; default {@link Mode#ALWAYS}. */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode == null");
      return this;
    }

    /** How long a reviewer has to answer; default 48 hours. */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.timeout = timeout;
      return this;
    }

    /** What happens after the time-out; default {@link TimeoutAction#REMIND_ONCE}. */
    public Builder onTimeout(TimeoutAction action) {
      this.onTimeout = Objects.requireNonNull(action, "action == null");
      return this;
    }

    /** The clock moves and time-outs are dated by. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** The review. */
    public BriefReview build() {
      return new BriefReview(this);
    }
  }
}
