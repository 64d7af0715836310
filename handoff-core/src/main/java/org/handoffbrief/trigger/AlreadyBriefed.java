package org.handoffbrief.trigger;

import java.util.Objects;
import java.util.Optional;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.StoredBrief;

/**
 * Whether a win already has its brief: the one check every trigger path makes before briefing, so
 * a deal that fires through several triggers (an outbound message, and the poller as its backstop)
 * is briefed once per win.
 *
 * <p>It asks the store for what was made, not the {@link TriggerGate} for what was taken: a key the
 * gate admitted says a worker took the firing, not that its brief was stored (the worker may have
 * died), so a later firing of the same win from another trigger still briefs it.
 */
public final class AlreadyBriefed {
  private AlreadyBriefed() {}

  /**
   * This win's stored brief of {@code kind}, if any: the latest brief of that kind for the firing's
   * opportunity, when it was stored at or after the moment the deal was won ({@link Fired#wonAt()}).
   * A brief stored before belongs to an earlier win of a deal reopened since, and does not count.
   * A firing whose won moment is unknown counts any brief of that kind.
   */
  public static Optional<StoredBrief> find(BriefStore store, Fired fired, BriefKind kind) {
    Objects.requireNonNull(store, "store == null");
    Objects.requireNonNull(fired, "fired == null");
    Objects.requireNonNull(kind, "kind == null");
    return store.latest(fired.ref().opportunityId(), kind)
        .filter(s -> fired.wonAt() == null || !s.storedAt().isBefore(fired.wonAt()));
  }
}
