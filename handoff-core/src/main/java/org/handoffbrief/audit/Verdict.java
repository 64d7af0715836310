package org.handoffbrief.audit;

import java.util.Locale;

/** A manager's answer to "does this citation support the claim?". */
public enum Verdict {
  /** The quote, read in its source, says what the claim says. */
  SUPPORTS,
  /** It does not: the claim is marked in the stored brief and the account has a gate failure. */
  DOES_NOT_SUPPORT,
  /** The manager cannot tell; counted in neither side of the pass rate, but reported. */
  UNSURE;

  /** The wire form, e.g. {@code does_not_support}. */
  public String wireId() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The verdict with this wire form. */
  public static Verdict ofWireId(String wireId) {
    for (Verdict v : values()) {
      if (v.wireId().equals(wireId)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown verdict '" + wireId + "'");
  }
}
