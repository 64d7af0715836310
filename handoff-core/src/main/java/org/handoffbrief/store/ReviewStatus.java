package org.handoffbrief.store;

import java.time.Instant;
import java.util.Objects;
import org.handoffbrief.review.ReviewState;

/**
 * Where a stored brief's review stands, as of its last move.
 *
 * @param briefId the stored brief
 * @param state the state it is in
 * @param actor who moved it there (a reviewer, a worker, the time-out)
 * @param at when
 * @param note why, or null (e.g. "not reviewed: no answer within PT48H")
 */
public record ReviewStatus(String briefId, ReviewState state, String actor, Instant at, String note) {
  public ReviewStatus {
    Text.notBlank(briefId, "briefId");
    Objects.requireNonNull(state, "state == null");
    Text.notBlank(actor, "actor");
    Objects.requireNonNull(at, "at == null");
  }
}
