package org.handoffbrief.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.handoffbrief.review.ReviewFeedback;
import org.handoffbrief.review.ReviewState;
import org.jspecify.annotations.Nullable;

/**
 * How a person's review of the brief came out, as the CSM reads it: the state it reached, who
 * answered and when, one sentence saying so, and every answer given. Made by
 * {@link org.handoffbrief.review.BriefReview#reviewed}; a brief that was never reviewed has none.
 *
 * @param state where the review stands
 * @param reviewer who confirmed or flagged it (or, while it waits, who was asked); null when no
 *     person was involved (no review asked for, or not reviewed in time)
 * @param at when the review reached that outcome
 * @param outcome one sentence, e.g. {@code confirmed by Alex Rivera, 2026-03-28} or
 *     {@code not reviewed: no answer within 48 hours}
 * @param feedback the reviewer's answers, oldest first (may be empty)
 */
public record Review(ReviewState state, @Nullable String reviewer, Instant at, String outcome, List<ReviewFeedback> feedback) {

  /** The claim attribute that holds what the reviewer said is wrong with a flagged claim. */
  public static final String FLAGGED = "flagged";
  /** The claim attribute that names who flagged the claim. */
  public static final String FLAGGED_BY = "flaggedBy";

  public Review {
    Objects.requireNonNull(state, "state == null");
    reviewer = Checks.blankToNull(reviewer);
    Objects.requireNonNull(at, "at == null");
    outcome = Checks.notBlank(outcome, "outcome");
    feedback = Checks.list(feedback, "feedback");
  }
}
