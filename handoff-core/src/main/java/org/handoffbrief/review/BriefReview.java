package org.handoffbrief.review;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.Participant;
import org.handoffbrief.model.Review;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.store.AuditEntry;
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

  /** The {@link Evidence#system()} of a reviewer's note cited as its own source. */
  public static final String NOTE_SYSTEM = "review";

  private static final String REMINDED = "review.reminded";

  private final BriefStore store;
  private final Clock clock;
  private final BiFunction<String, LocalDate, Mode> modes;
  private final Duration timeout;
  private final TimeoutAction onTimeout;
  private final ZoneId zone;

  private BriefReview(Builder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.modes = b.modes;
    this.timeout = b.timeout;
    this.onTimeout = b.onTimeout;
    this.zone = b.zone;
  }

  /** A builder over {@code store}: mode ALWAYS, a 48-hour time-out that reminds once. */
  public static Builder builder(BriefStore store) {
    return new Builder(store);
  }

  /**
   * Starts the review of a stored brief: moves it from draft to {@code in_review} when it needs a
   * reviewer under this mode ({@link #needsReview}), else straight to {@code approved} with the note
   * "no review asked for". Starting again, or racing another starter, is a no-op that returns the
   * state the brief is in.
   *
   * @param reviewer who is asked (a name or email a reader knows); may be null when the mode is
   *     {@link Mode#NEVER}
   * @return the state the brief is now in
   * @throws IllegalArgumentException when the brief needs a reviewer and none is named
   */
  public ReviewState start(StoredBrief brief, String reviewer) {
    Objects.requireNonNull(brief, "brief == null");
    if (state(brief.briefId()) != ReviewState.DRAFT) {
      return state(brief.briefId());
    }
    if (needsReview(brief.brief())) {
      if (reviewer == null || reviewer.isBlank()) {
        throw new IllegalArgumentException("brief " + brief.briefId() + " needs a reviewer; name who is asked");
      }
      return move(brief.briefId(), ReviewState.IN_REVIEW, reviewer, "asked " + reviewer).status().state();
    }
    return move(brief.briefId(), ReviewState.APPROVED, POLICY, NO_REVIEW).status().state();
  }

  /**
   * Asks again after the reviewer requested changes and their points were addressed:
   * {@code changes_requested -> in_review}, a new round with its own time-out.
   *
   * @throws IllegalStateException when changes were not requested (names the state)
   */
  public ReviewStatus reopen(String briefId, String reviewer) {
    requireStored(briefId);
    if (reviewer == null || reviewer.isBlank()) {
      throw new IllegalArgumentException("reviewer is blank");
    }
    Move m = state(briefId) == ReviewState.CHANGES_REQUESTED
        ? move(briefId, ReviewState.IN_REVIEW, reviewer, "asked " + reviewer + " again")
        : new Move(false, state(briefId), store.reviewStatus(briefId).orElse(null));
    if (!m.won()) {
      throw new IllegalStateException("brief " + briefId + " is " + m.state().wireId()
          + "; only a brief with changes requested is asked again");
    }
    return m.status();
  }

  /**
   * Whether {@code brief} needs a reviewer under the mode for its opportunity and the day it was
   * made (its quality route, or always, or never).
   */
  public boolean needsReview(HandoffBrief brief) {
    Objects.requireNonNull(brief, "brief == null");
    Mode mode = Objects.requireNonNull(modes.apply(brief.opportunityId(),
        LocalDate.ofInstant(brief.generatedAt(), zone)), "the mode function answered null");
    return switch (mode) {
      case ALWAYS -> true;
      case NEVER -> false;
      case WHEN_TRIGGERED -> brief.quality() != null && brief.quality().reviewRequired();
    };
  }

  /**
   * The reviewer confirms the brief: {@code in_review -> approved}, with their note (may be
   * null) kept as a confirmation. The Java API for hosts without Slack interactivity (a Camel or
   * Mule route, a ticketing UI). Calling it again for the same reviewer in the same round of
   * review is the same answer: it changes nothing and returns the status.
   *
   * @throws IllegalStateException when the brief is not waiting for review (names its state)
   * @throws IllegalArgumentException when no brief is stored under {@code briefId}
   */
  public ReviewStatus approve(String briefId, String reviewer, String note) {
    requireStored(briefId);
    if (reviewer == null || reviewer.isBlank()) {
      throw new IllegalArgumentException("reviewer is blank");
    }
    ReviewState state = state(briefId);
    // One answer per reviewer and round of review (dated by its move to in_review): calling again
    // is the same answer; a later round, after changes were requested, takes a new one.
    String round = store.auditTrail(briefId).stream()
        .filter(e -> e.subject().equals(briefId) && e.action().equals("review." + ReviewState.IN_REVIEW.wireId()))
        .map(e -> Long.toString(e.at().toEpochMilli())).reduce((a, b) -> b).orElse("draft");
    String id = "api-confirm:" + reviewer.strip().toLowerCase(Locale.ROOT) + ":" + round;
    if (state != ReviewState.IN_REVIEW && !hasFeedback(briefId, id)) {
      throw new IllegalStateException("brief " + briefId + " is " + state.wireId() + ", not in_review; only a brief "
          + "waiting for review can be approved");
    }
    return answer(briefId, new ReviewFeedback(id, ReviewFeedback.Kind.CONFIRMED, reviewer.strip(), clock.instant(),
        null, note == null || note.isBlank() ? null : note));
  }

  /**
   * Records one answer from an interactive surface (a Slack button or modal), once per
   * {@link ReviewFeedback#id()}: a confirmation approves the brief; a flagged claim requests
   * changes; a note is kept and changes nothing else. A replayed answer changes nothing and
   * returns the current status. Of racing answers (two confirmations, a confirmation and a flag)
   * one moves the brief; the others are kept as answers and get the status the winner made.
   *
   * @return the status after the answer
   * @throws IllegalArgumentException when no brief is stored under {@code briefId}, or the answer
   *     names a claim the brief does not have
   * @throws IllegalStateException when a confirmation or flag comes for a brief that is not in
   *     review (names its state)
   */
  public ReviewStatus answer(String briefId, ReviewFeedback feedback) {
    Objects.requireNonNull(feedback, "feedback == null");
    StoredBrief stored = requireStored(briefId);
    // The state is read before the answers: an answer is recorded before the move it causes, so a
    // twin that sees the move also sees the answer, and is a replay rather than refused.
    ReviewState state = state(briefId);
    if (hasFeedback(briefId, feedback.id())) {
      return replayed(briefId, feedback.id());
    }
    if (feedback.claimId() != null && claim(stored.brief(), feedback.claimId()) == null) {
      throw new IllegalArgumentException("brief " + briefId + " has no claim " + feedback.claimId()
          + "; a flag or note names a claim of the brief it is about");
    }
    if (feedback.kind() != ReviewFeedback.Kind.NOTE && state != ReviewState.IN_REVIEW) {
      throw new IllegalStateException("brief " + briefId + " is " + state.wireId() + ", not in_review; a "
          + feedback.kind().wireId() + " answer is taken only while it waits for review");
    }
    if (!store.addFeedback(briefId, feedback)) {
      return replayed(briefId, feedback.id());
    }
    if (feedback.kind() == ReviewFeedback.Kind.NOTE) {
      audit(clock.instant(), briefId, feedback.reviewer(), "review.note", "ok", "note kept"
          + (feedback.claimId() == null ? "" : " on " + feedback.claimId()));
      return currentStatus(briefId);
    }
    return settle(briefId, feedback);
  }

  /**
   * The brief was posted: {@code approved -> delivered}, or {@code failed -> delivered} (a retry),
   * or {@code in_review -> delivered} when the time-out delivers it unreviewed; then {@code note}
   * null or "not reviewed" becomes {@link #notReviewedNote()}. Delivering a delivered brief again (a
   * re-delivery that updates the message) changes nothing.
   *
   * @throws IllegalStateException when the brief may not be delivered (a draft, or changes requested)
   */
  public ReviewStatus delivered(String briefId, String actor, String note) {
    requireStored(briefId);
    ReviewState state = state(briefId);
    if (state == ReviewState.DELIVERED) {
      return currentStatus(briefId);
    }
    String why = note;
    if (state == ReviewState.IN_REVIEW && (note == null || note.isBlank() || note.strip().equalsIgnoreCase(
        "not reviewed"))) {
      why = notReviewedNote();
    }
    return require(move(briefId, ReviewState.DELIVERED, actor, why), ReviewState.DELIVERED);
  }

  /**
   * Delivery failed: {@code approved -> failed} (or {@code failed -> failed} on another failed
   * attempt); a later run may deliver it.
   *
   * @throws IllegalStateException when the brief was not approved for delivery
   */
  public ReviewStatus failed(String briefId, String actor, String reason) {
    requireStored(briefId);
    return require(move(briefId, ReviewState.FAILED, actor, reason), ReviewState.FAILED);
  }

  /**
   * The briefs waiting longer than the time-out as of {@code now} (since they were sent for review,
   * or since their reminder), and what to do with each under the time-out action. Records a
   * reminder once, so the next call after another time-out says deliver; delivers nothing itself:
   * the caller posts the brief and then calls {@link #delivered} (note "not reviewed").
   */
  public List<Expiry> expire(Instant now) {
    Objects.requireNonNull(now, "now == null");
    var out = new ArrayList<Expiry>();
    for (ReviewStatus waiting : store.reviews(ReviewState.IN_REVIEW)) {
      if (!waiting.at().plus(timeout).isBefore(now)) {
        continue;
      }
      String id = waiting.briefId();
      switch (onTimeout) {
        case HOLD -> out.add(new Expiry(id, TimeoutAction.HOLD, false, false));
        case DELIVER_NOT_REVIEWED -> out.add(new Expiry(id, TimeoutAction.DELIVER_NOT_REVIEWED, false, true));
        case REMIND_ONCE -> {
          Optional<Instant> reminded = remindedAt(waiting);
          // Of two workers expiring at once, exactly one reminds; the key is this round of review.
          if (reminded.isEmpty() && store.markOnce(REMINDED, id + "@" + waiting.at().toEpochMilli(), now)) {
            audit(now, id, "review-timeout", REMINDED, "ok", "no answer within " + hours(timeout) + "; reminded once");
            out.add(new Expiry(id, TimeoutAction.REMIND_ONCE, true, false));
            continue;
          }
          // Another worker reminded but its line is not readable (yet): date its reminder at the earliest.
          Instant remindedAt = reminded.orElse(waiting.at().plus(timeout));
          if (remindedAt.plus(timeout).isBefore(now)) {
            out.add(new Expiry(id, TimeoutAction.REMIND_ONCE, false, true));
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * The note a brief delivered on time-out carries: "not reviewed: no answer within 48 hours", or
   * with {@link TimeoutAction#REMIND_ONCE} "... within 48 hours of a reminder".
   */
  public String notReviewedNote() {
    return "not reviewed: no answer within " + hours(timeout)
        + (onTimeout == TimeoutAction.REMIND_ONCE ? " of a reminder" : "");
  }

  /**
   * The stored brief as the CSM receives it: the review's outcome ("confirmed by Alex Rivera,
   * 2026-03-28", or "not reviewed: ..."), each flagged claim with the attributes
   * {@link Review#FLAGGED} (what the reviewer said) and {@link Review#FLAGGED_BY}, and each reviewer
   * note as its own claim {@code reviewer_note.<n>} in the section of the claim it names (else open
   * threads) whose citation is the note itself ({@link #noteEvidence}). A brief whose review never
   * started comes back with the outcome "not yet sent for review".
   */
  public HandoffBrief reviewed(StoredBrief stored) {
    Objects.requireNonNull(stored, "stored == null");
    HandoffBrief brief = stored.brief();
    List<ReviewFeedback> answers = store.feedback(stored.briefId());
    Map<String, List<ReviewFeedback>> flags = new LinkedHashMap<>();
    var notes = new EnumMap<SectionId, List<Claim>>(SectionId.class);
    int n = 0;
    for (ReviewFeedback f : answers) {
      if (f.kind() == ReviewFeedback.Kind.FLAGGED_CLAIM) {
        flags.computeIfAbsent(f.claimId(), k -> new ArrayList<>()).add(f);
      } else if (f.kind() == ReviewFeedback.Kind.NOTE) {
        Claim about = f.claimId() == null ? null : claim(brief, f.claimId());
        SectionId section = about == null ? SectionId.OPEN_THREADS : about.section();
        notes.computeIfAbsent(section, k -> new ArrayList<>()).add(noteClaim(stored.briefId(), f, ++n, section,
            about));
      }
    }
    var sections = new EnumMap<SectionId, Section>(SectionId.class);
    for (Section s : brief.sections().values()) {
      var claims = new ArrayList<Claim>();
      for (Claim c : s.claims()) {
        List<ReviewFeedback> onIt = flags.get(c.id());
        claims.add(onIt == null ? c : flagged(c, onIt));
      }
      // A reviewer's note is read first-hand: shown with the section's claims, never behind "more".
      List<Claim> added = notes.getOrDefault(s.id(), List.of());
      claims.addAll(s.shown(), added);
      sections.put(s.id(), new Section(s.id(), claims, s.gaps(), s.shown() + added.size()));
    }
    return brief.withSections(sections).withReview(review(stored, answers));
  }

  /**
   * The evidence a reviewer's note is: system {@code review}, id
   * {@code review:<briefId>:<feedbackId>}, the note as its text (all of it the reviewer's own
   * words), the reviewer as its author, dated when they wrote it. A note claim quotes all of it.
   */
  public static Evidence noteEvidence(String briefId, ReviewFeedback note) {
    Objects.requireNonNull(note, "note == null");
    if (note.text() == null) {
      throw new IllegalArgumentException("answer " + note.id() + " has no text to cite");
    }
    return Evidence.builder(NOTE_SYSTEM, briefId, note.id())
        .timestamp(note.at().atOffset(ZoneOffset.UTC))
        .author(Participant.of(note.reviewer(), null))
        .text(note.text())
        .build();
  }

  /** The review's state now; {@link ReviewState#DRAFT} for a brief never moved. */
  public ReviewState state(String briefId) {
    return store.reviewStatus(briefId).map(ReviewStatus::state).orElse(ReviewState.DRAFT);
  }

  // ---- moves

  /** The actor of a move the review policy makes by itself (no review asked for). */
  private static final String POLICY = "review-policy";
  private static final String NO_REVIEW = "no review asked for";

  /** A move's outcome: whether this caller made it, and the state (and status) the brief is in now. */
  private record Move(boolean won, ReviewState state, ReviewStatus status) {}

  /**
   * Moves the brief to {@code next} when its state allows it, with compare-and-set: of racing
   * callers exactly one moves it and writes the audit line; the others re-read and get the state
   * the winner made.
   */
  private Move move(String briefId, ReviewState next, String actor, String note) {
    Optional<ReviewStatus> now = store.reviewStatus(briefId);
    ReviewState from = now.map(ReviewStatus::state).orElse(ReviewState.DRAFT);
    if (!from.canMoveTo(next)) {
      return new Move(false, from, now.orElse(null));
    }
    var status = new ReviewStatus(briefId, next, actor, clock.instant(), note);
    // A draft has never been moved: the store holds no status for it, hence null.
    if (store.moveReview(briefId, now.isPresent() ? from : null, status)) {
      audit(status.at(), briefId, actor, "review." + next.wireId(), "ok",
          from.wireId() + " -> " + next.wireId() + (note == null ? "" : ": " + note));
      return new Move(true, next, status);
    }
    Optional<ReviewStatus> after = store.reviewStatus(briefId);
    return new Move(false, after.map(ReviewStatus::state).orElse(ReviewState.DRAFT), after.orElse(null));
  }

  /** The status after a move that had to end in {@code target}, by this caller or a racing one. */
  private static ReviewStatus require(Move move, ReviewState target) {
    if (move.won() || (move.state() == target && move.status() != null)) {
      return move.status();
    }
    throw new IllegalStateException("brief " + (move.status() == null ? "" : move.status().briefId() + " ")
        + "is " + move.state().wireId() + "; it cannot move to " + target.wireId());
  }

  /** Moves the brief as a confirmation or a flag asks; the loser of a race gets the winner's status. */
  private ReviewStatus settle(String briefId, ReviewFeedback answer) {
    Move m = answer.kind() == ReviewFeedback.Kind.CONFIRMED
        ? move(briefId, ReviewState.APPROVED, answer.reviewer(), answer.text())
        : move(briefId, ReviewState.CHANGES_REQUESTED, answer.reviewer(),
            "flagged " + answer.claimId() + ": " + answer.text());
    return m.status() != null ? m.status() : currentStatus(briefId);
  }

  /**
   * An answer already recorded. It changes nothing, with one exception that keeps "once" whole:
   * when its confirmation or flag is of this round of review and the brief still waits (its first
   * delivery crashed between recording and moving, or a racing twin has not moved yet), the move it
   * asked for is made now, once.
   */
  private ReviewStatus replayed(String briefId, String feedbackId) {
    Optional<ReviewStatus> now = store.reviewStatus(briefId);
    if (now.isPresent() && now.get().state() == ReviewState.IN_REVIEW) {
      for (ReviewFeedback f : store.feedback(briefId)) {
        if (f.id().equals(feedbackId) && f.kind() != ReviewFeedback.Kind.NOTE && !f.at().isBefore(now.get().at())) {
          return settle(briefId, f);
        }
      }
    }
    return currentStatus(briefId);
  }

  private ReviewStatus currentStatus(String briefId) {
    return store.reviewStatus(briefId).orElseGet(() -> new ReviewStatus(briefId, ReviewState.DRAFT, POLICY,
        clock.instant(), "not yet sent for review"));
  }

  private boolean hasFeedback(String briefId, String feedbackId) {
    return store.feedback(briefId).stream().anyMatch(f -> f.id().equals(feedbackId));
  }

  private StoredBrief requireStored(String briefId) {
    Objects.requireNonNull(briefId, "briefId == null");
    return store.find(briefId).orElseThrow(() -> new IllegalArgumentException("no brief is stored under " + briefId));
  }

  private void audit(Instant at, String briefId, String actor, String action, String outcome, String detail) {
    store.audit(new AuditEntry(at, actor, action, briefId, null, null, outcome, detail));
  }

  /** When this round of review was reminded: the audit line written by {@link #expire}, if any. */
  private Optional<Instant> remindedAt(ReviewStatus waiting) {
    return store.auditTrail(waiting.briefId()).stream()
        .filter(e -> e.subject().equals(waiting.briefId()) && e.action().equals(REMINDED)
            && !e.at().isBefore(waiting.at()))
        .map(AuditEntry::at).reduce((a, b) -> b);
  }

  // ---- the reviewed brief

  private static Claim claim(HandoffBrief brief, String claimId) {
    return brief.claims().stream().filter(c -> c.id().equals(claimId)).findFirst().orElse(null);
  }

  private static Claim flagged(Claim claim, List<ReviewFeedback> flags) {
    var attributes = new LinkedHashMap<>(claim.attributes());
    attributes.put(Review.FLAGGED, flags.stream().map(f -> f.text().strip()).distinct()
        .collect(Collectors.joining("; ")));
    attributes.put(Review.FLAGGED_BY, flags.stream().map(ReviewFeedback::reviewer).distinct()
        .collect(Collectors.joining(", ")));
    return new Claim(claim.id(), claim.section(), claim.text(), attributes, claim.citations());
  }

  private static Claim noteClaim(String briefId, ReviewFeedback note, int n, SectionId section, Claim about) {
    Evidence source = noteEvidence(briefId, note);
    var attributes = new LinkedHashMap<String, String>();
    attributes.put("reviewer", note.reviewer());
    if (about != null) {
      attributes.put("about", about.id());
    }
    // The quote is the whole note: the reviewer's own words are the source, nothing composed.
    return new Claim("reviewer_note." + n, section, "Note from " + note.reviewer() + ": " + note.text().strip(),
        attributes, List.of(Citation.span(source, 0, source.text().length())));
  }

  private Review review(StoredBrief stored, List<ReviewFeedback> answers) {
    Optional<ReviewStatus> found = store.reviewStatus(stored.briefId());
    if (found.isEmpty()) {
      return new Review(ReviewState.DRAFT, null, stored.storedAt(), "not yet sent for review", answers);
    }
    ReviewStatus status = found.get();
    return switch (status.state()) {
      case DRAFT -> new Review(ReviewState.DRAFT, null, status.at(), "not yet sent for review", answers);
      case IN_REVIEW -> new Review(status.state(), status.actor(), status.at(),
          "waiting for review by " + status.actor() + " since " + day(status.at()), answers);
      case CHANGES_REQUESTED -> new Review(status.state(), status.actor(), status.at(),
          "changes requested by " + status.actor() + ", " + day(status.at()), answers);
      case APPROVED, DELIVERED, FAILED -> {
        List<AuditEntry> trail = store.auditTrail(stored.briefId()).stream()
            .filter(e -> e.subject().equals(stored.briefId())).toList();
        AuditEntry approval = last(trail, "review." + ReviewState.APPROVED.wireId());
        if (approval == null) {
          // Delivered straight from review: the time-out's note says so.
          AuditEntry delivery = last(trail, "review." + ReviewState.DELIVERED.wireId());
          String note = status.state() == ReviewState.DELIVERED && status.note() != null ? status.note()
              : notReviewedNote();
          yield new Review(status.state(), null, delivery != null ? delivery.at() : status.at(), note, answers);
        }
        if (approval.actor().equals(POLICY)) {
          yield new Review(status.state(), null, approval.at(), NO_REVIEW, answers);
        }
        yield new Review(status.state(), approval.actor(), approval.at(),
            "confirmed by " + approval.actor() + ", " + day(approval.at()), answers);
      }
    };
  }

  private static AuditEntry last(List<AuditEntry> trail, String action) {
    AuditEntry found = null;
    for (AuditEntry e : trail) {
      if (e.action().equals(action)) {
        found = e;
      }
    }
    return found;
  }

  private String day(Instant at) {
    return LocalDate.ofInstant(at, zone).toString();
  }

  /** "48 hours", "1 hour", "90 minutes". */
  private static String hours(Duration d) {
    if (d.toMinutes() % 60 == 0) {
      long h = d.toHours();
      return h == 1 ? "1 hour" : h + " hours";
    }
    long m = Math.max(1, d.toMinutes());
    return m == 1 ? "1 minute" : m + " minutes";
  }

  /** Options of a {@link BriefReview}. */
  public static final class Builder {
    private final BriefStore store;
    private Clock clock = Clock.systemUTC();
    private BiFunction<String, LocalDate, Mode> modes = (opportunityId, day) -> Mode.ALWAYS;
    private Duration timeout = Duration.ofHours(48);
    private TimeoutAction onTimeout = TimeoutAction.REMIND_ONCE;
    private ZoneId zone = ZoneOffset.UTC;

    private Builder(BriefStore store) {
      this.store = Objects.requireNonNull(store, "store == null");
    }

    /** Which briefs need a reviewer; default {@link Mode#ALWAYS}. */
    public Builder mode(Mode mode) {
      Objects.requireNonNull(mode, "mode == null");
      this.modes = (opportunityId, day) -> mode;
      return this;
    }

    /**
     * The mode per brief, from its opportunity id and the day it was made (in this review's zone):
     * e.g. {@code modeFrom(rolloutPolicy::reviewMode)}, so the AE's review is mandatory for the
     * pilot's first days and the policy's later mode after.
     */
    public Builder modeFrom(BiFunction<String, LocalDate, Mode> modes) {
      this.modes = Objects.requireNonNull(modes, "modes == null");
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

    /**
     * The zone the review's dates are shown in ("confirmed by ..., 2026-03-28"); default UTC. Use
     * the org's ({@code Organization.TimeZoneSidKey}) so the day is the one the reviewer saw.
     */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone == null");
      return this;
    }

    /** The review. */
    public BriefReview build() {
      return new BriefReview(this);
    }
  }
}
