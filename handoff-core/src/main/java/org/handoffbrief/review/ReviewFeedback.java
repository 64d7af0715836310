package org.handoffbrief.review;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One answer of a reviewer, kept with the brief and shown in the delivered brief: a
 * confirmation, a claim flagged as wrong, or a note about something no system of record holds.
 *
 * @param id stable id of this answer (e.g. the Slack action or view id), unique per brief
 * @param kind what it is
 * @param reviewer who answered: a name a reader knows ("Alex Rivera"), not a bare user id
 * @param at when
 * @param claimId the claim a flag is about; null for a confirmation or a free note
 * @param text what the reviewer wrote; null for a bare confirmation
 */
public record ReviewFeedback(String id, Kind kind, String reviewer, Instant at, String claimId, String text) {

  /** What an answer is. */
  public enum Kind {
    /** "Confirm": the stakeholder map and commitments are right. */
    CONFIRMED,
    /** A claim the reviewer says is wrong, with what is wrong. */
    FLAGGED_CLAIM,
    /** Something the reviewer knows that is in no system of record. */
    NOTE;

    /** The wire form, e.g. {@code flagged_claim}. */
    public String wireId() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with this wire form. */
    public static Kind ofWireId(String wireId) {
      for (Kind k : values()) {
        if (k.wireId().equals(wireId)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown feedback kind '" + wireId + "'");
    }
  }

  public ReviewFeedback {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id is blank");
    }
    Objects.requireNonNull(kind, "kind == null");
    if (reviewer == null || reviewer.isBlank()) {
      throw new IllegalArgumentException("reviewer is blank");
    }
    Objects.requireNonNull(at, "at == null");
    if (kind == Kind.FLAGGED_CLAIM && (claimId == null || claimId.isBlank())) {
      throw new IllegalArgumentException("a flag names the claim it is about");
    }
    if (kind != Kind.CONFIRMED && (text == null || text.isBlank())) {
      throw new IllegalArgumentException("a " + kind.wireId() + " says what the reviewer wrote");
    }
  }
}
