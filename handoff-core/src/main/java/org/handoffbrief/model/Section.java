package org.handoffbrief.model;

import java.util.List;
import java.util.Objects;

/** One section of the brief: its claims and its gaps. */
public record Section(SectionId id, List<Claim> claims, List<Gap> gaps) {
  public Section {
    Objects.requireNonNull(id, "id == null");
    claims = Checks.list(claims, "claims");
    gaps = Checks.list(gaps, "gaps");
    for (Claim c : claims) {
      if (c.section() != id) {
        throw new IllegalArgumentException("claim " + c.id() + " belongs to " + c.section() + ", not " + id);
      }
    }
  }

  /** True when the section has neither claims nor gaps. */
  public boolean isEmpty() {
    return claims.isEmpty() && gaps.isEmpty();
  }
}
