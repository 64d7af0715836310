package org.handoffbrief.trigger;

import java.time.Instant;
import java.util.Objects;
import org.handoffbrief.model.DealRef;

/**
 * A trigger fired for one deal: what to brief, the key that makes it once, and why.
 *
 * @param ref the deal and the kind of trigger
 * @param dedupeKey what makes this firing the same as another (an outbound message's notification
 *     id, a CDC transaction key and record id, an order id, an opportunity and the moment it was
 *     won); two workers given the same event compute the same key
 * @param reason one sentence a person reads, e.g. "stage changed to Closed Won at 2026-03-27T18:02Z"
 * @param wonAt when the deal was won, when the trigger knows it (null otherwise): a brief stored at
 *     or after it is this win's brief, one stored before it belongs to an earlier win of a deal
 *     reopened since ({@link AlreadyBriefed} tells them apart)
 */
public record Fired(DealRef ref, String dedupeKey, String reason, Instant wonAt) {
  public Fired {
    Objects.requireNonNull(ref, "ref == null");
    if (dedupeKey == null || dedupeKey.isBlank()) {
      throw new IllegalArgumentException("dedupeKey is blank");
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason is blank");
    }
  }

  /** A firing whose won moment the trigger does not know. */
  public Fired(DealRef ref, String dedupeKey, String reason) {
    this(ref, dedupeKey, reason, null);
  }
}
