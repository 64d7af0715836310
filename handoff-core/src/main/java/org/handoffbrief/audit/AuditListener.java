package org.handoffbrief.audit;

/**
 * What the spot-check and the rollout policy tell the host (metrics, a Slack DM flow, a log).
 * Called on the caller's thread after the store has the change; every method has an empty
 * default. A listener that throws is logged and does not undo what was stored.
 */
public interface AuditListener {
  /** A week's sample was drawn and saved (called once per week, not when it is read again). */
  default void sampled(String week, java.util.List<AuditQuestion> questions) {}

  /** A first answer to a question was recorded (never for a replay). */
  default void answered(AuditQuestion question, AuditAnswer answer) {}

  /** A claim was marked unsupported in its stored brief and the account got a gate failure. */
  default void claimMarked(ClaimMark mark) {}

  /** The rollout policy decided which write-back targets are on. */
  default void rolloutDecided(RolloutDecision decision) {}

  /** Listens to nothing. */
  AuditListener NONE = new AuditListener() {};
}
