package org.handoffbrief.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.SectionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every claim of a draft mechanically: each citation must name evidence that was read for
 * this brief and is citable, and its quote must be exactly the evidence text at its offsets. A
 * claim with any failing citation is dropped, and the reason logged; nothing unverified reaches a
 * reader.
 */
public final class CitationVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(CitationVerifier.class);

  private CitationVerifier() {}

  /** Why a citation fails, or empty when it holds. */
  public static Optional<String> check(Citation c, Map<String, Evidence> evidenceById) {
    Evidence e = evidenceById.get(c.evidenceId());
    if (e == null) {
      return Optional.of("cites " + c.evidenceId() + ", which is not citable evidence of this brief");
    }
    if (e.internalOnly()) {
      return Optional.of("cites internal-only evidence " + c.evidenceId());
    }
    String text = e.text();
    if (c.end() > text.length() || !text.substring(c.start(), c.end()).equals(c.quote())) {
      return Optional.of("quote is not the text of " + c.evidenceId() + " at [" + c.start() + ", " + c.end() + ")");
    }
    return Optional.empty();
  }

  /** Drops every claim of the draft that fails the check; returns how many were dropped. */
  public static int verify(BriefDraft draft, Map<String, Evidence> evidenceById) {
    int dropped = 0;
    for (SectionId section : SectionId.values()) {
      var kept = new ArrayList<Claim>();
      for (Claim claim : draft.claims(section)) {
        Optional<String> failure = claim.citations().stream()
            .map(c -> check(c, evidenceById)).flatMap(Optional::stream).findFirst();
        if (failure.isPresent()) {
          dropped++;
          LOG.warn("dropped claim {}: {}", claim.id(), failure.get());
        } else {
          kept.add(claim);
        }
      }
      draft.replaceClaims(section, kept);
    }
    return dropped;
  }

  /** True when every citation of every claim holds. */
  public static boolean allHold(List<Claim> claims, Map<String, Evidence> evidenceById) {
    return claims.stream().flatMap(c -> c.citations().stream()).allMatch(c -> check(c, evidenceById).isEmpty());
  }
}
