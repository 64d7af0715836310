package org.handoffbrief.model;

import java.util.List;
import java.util.Objects;

/**
 * One section of the brief: its claims, most important first, and its gaps.
 *
 * @param id which section
 * @param claims every claim, ranked; the first {@code shown} fit one screen
 * @param gaps what the section should say and cannot
 * @param shown how many of the claims a reader sees at first; renderers offer the rest as
 *     "N more". Never fewer than the claims the quality gates require to be seen.
 */
public record Section(SectionId id, List<Claim> claims, List<Gap> gaps, int shown) {
  public Section {
    Objects.requireNonNull(id, "id == null");
    claims = Checks.list(claims, "claims");
    gaps = Checks.list(gaps, "gaps");
    if (shown < 0 || shown > claims.size()) {
      throw new IllegalArgumentException("section " + id.wireId() + " shows " + shown + " of " + claims.size()
          + " claims");
    }
    for (Claim c : claims) {
      if (c.section() != id) {
        throw new IllegalArgumentException("claim " + c.id() + " belongs to " + c.section() + ", not " + id);
      }
    }
  }

  /** A section that shows all its claims. */
  public Section(SectionId id, List<Claim> claims, List<Gap> gaps) {
    this(id, claims, gaps, claims == null ? 0 : claims.size());
  }

  /** The claims a reader sees at first. */
  public List<Claim> shownClaims() {
    return claims.subList(0, shown);
  }

  /** The claims behind "N more". */
  public List<Claim> moreClaims() {
    return claims.subList(shown, claims.size());
  }

  /** True when the section has neither claims nor gaps. */
  public boolean isEmpty() {
    return claims.isEmpty() && gaps.isEmpty();
  }
}
