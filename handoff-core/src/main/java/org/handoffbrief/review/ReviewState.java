package org.handoffbrief.review;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a stored brief stands on its way to the CSM. Every move is recorded with who and when.
 *
 * <pre>
 * draft -> in_review -> approved | changes_requested
 * approved -> delivered | failed;  failed -> delivered (a retry)
 * draft -> approved            (no review asked for: route none)
 * in_review -> delivered       (the time-out delivers it marked "not reviewed")
 * changes_requested -> in_review (the AE's points addressed, asked again)
 * </pre>
 */
public enum ReviewState {
  /** Stored, not yet sent to anyone. */
  DRAFT,
  /** Sent to the reviewer (the AE, or the sales manager when the route says so); waiting. */
  IN_REVIEW,
  /** Confirmed by the reviewer, or needing no review; may be delivered. */
  APPROVED,
  /** The reviewer flagged a problem; not delivered until addressed. */
  CHANGES_REQUESTED,
  /** Posted to customer success. */
  DELIVERED,
  /** Delivery failed; a later run may deliver it. */
  FAILED;

  /** The wire form, e.g. {@code in_review}. */
  public String wireId() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state with this wire form. */
  public static ReviewState ofWireId(String wireId) {
    for (ReviewState s : values()) {
      if (s.wireId().equals(wireId)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown review state '" + wireId + "'");
  }

  /** The states this one may move to. */
  public Set<ReviewState> next() {
    return switch (this) {
      case DRAFT -> EnumSet.of(IN_REVIEW, APPROVED);
      case IN_REVIEW -> EnumSet.of(APPROVED, CHANGES_REQUESTED, DELIVERED);
      case APPROVED -> EnumSet.of(DELIVERED, FAILED);
      case CHANGES_REQUESTED -> EnumSet.of(IN_REVIEW);
      case FAILED -> EnumSet.of(DELIVERED, FAILED);
      case DELIVERED -> EnumSet.noneOf(ReviewState.class);
    };
  }

  /** Whether a brief in this state may move to {@code next}. */
  public boolean canMoveTo(ReviewState next) {
    return next().contains(next);
  }
}
