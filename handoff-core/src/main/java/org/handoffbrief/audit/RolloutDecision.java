package org.handoffbrief.audit;

import java.time.Instant;
import java.util.Set;

/**
 * What the rollout policy decided about write-back, and why.
 *
 * @param at when
 * @param week the week whose rolling pass rate was read
 * @param rolling that pass rate
 * @param targets the targets now on; the CRM Task and the Slack post always are
 * @param expanded whether the earned targets are on
 * @param changed whether this decision switched them (on or off)
 * @param reason one sentence a person reads, e.g. "pass rate 85.0% (17/20) fell below 90%"
 */
public record RolloutDecision(Instant at, String week, PassRate rolling, Set<WriteBackTarget> targets,
    boolean expanded, boolean changed, String reason) {
  public RolloutDecision {
    targets = Set.copyOf(targets);
  }

  /** Whether write-back may write {@code target}. */
  public boolean isOn(WriteBackTarget target) {
    return targets.contains(target);
  }
}
