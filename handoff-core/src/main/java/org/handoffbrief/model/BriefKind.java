package org.handoffbrief.model;

import java.util.Locale;

/**
 * Which brief of an account's life this is. The handoff brief is the first; kickoff, 30-day and
 * QBR briefs are made later for the same opportunity and show what changed since the one before.
 */
public enum BriefKind {
  /** At Closed-Won, for the CSM who takes the account over. */
  HANDOFF("handoff"),
  /** Before the kickoff call with the customer. */
  KICKOFF("kickoff"),
  /** Thirty days after close: what was promised, what happened since. */
  THIRTY_DAY("30-day"),
  /** Before a quarterly business review. */
  QBR("qbr");

  private final String wireId;

  BriefKind(String wireId) {
    this.wireId = wireId;
  }

  /** What a reader calls a brief of this kind: "Handoff brief", "30-day brief". */
  public String title() {
    return switch (this) {
      case HANDOFF -> "Handoff brief";
      case KICKOFF -> "Kickoff brief";
      case THIRTY_DAY -> "30-day brief";
      case QBR -> "QBR brief";
    };
  }

  /** The name used in JSON, the store and the command line, e.g. {@code 30-day}. */
  public String wireId() {
    return wireId;
  }

  /**
   * The kind named {@code text}: its wire id or its constant name, ignoring case
   * ({@code 30-day}, {@code thirty_day}, {@code QBR}).
   *
   * @throws IllegalArgumentException naming the kinds there are
   */
  public static BriefKind parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (BriefKind k : values()) {
      if (k.wireId.equals(t) || k.name().toLowerCase(Locale.ROOT).equals(t)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown brief kind '" + text + "'; one of handoff, kickoff, 30-day, qbr");
  }

  @Override
  public String toString() {
    return wireId;
  }
}
