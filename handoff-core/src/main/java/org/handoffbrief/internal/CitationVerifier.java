package org.handoffbrief.internal;

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
    if (e.sourceSpanOf(c.start(), c.end()) == null) {
      return Optional.of("quote is not the source's own words in " + c.evidenceId() + " (it touches a line the "
          + "connector composed)");
    }
    return Optional.empty();
  }

  /**
   * Drops every claim of the draft with a citation that fails the check, and returns how many
   * were dropped. A citation that is exact but quotes a line the connector composed (a label, an
   * attendee list) is only removed: the claim stands on its other citations, or falls when none
   * is left. Any other failure (a forged quote, unread or internal-only evidence) drops the claim,
   * whose words may carry what its bad citation does.
   */
  public static int verify(FinishingDraft draft, Map<String, Evidence> evidenceById) {
    int dropped = 0;
    for (SectionId section : SectionId.values()) {
      var kept = new ArrayList<Claim>();
      for (Claim claim : draft.claims(section)) {
        var holding = new ArrayList<Citation>();
        String failure = null;
        for (Citation c : claim.citations()) {
          Optional<String> why = check(c, evidenceById);
          if (why.isEmpty()) {
            holding.add(c);
          } else if (quotesComposedText(c, evidenceById)) {
            LOG.debug("claim {} loses a citation: {}", claim.id(), why.get());
          } else {
            failure = why.get();
            break;
          }
        }
        if (failure != null || holding.isEmpty()) {
          dropped++;
          LOG.warn("dropped claim {}: {}", claim.id(), failure != null ? failure : "it cites only composed lines");
        } else {
          kept.add(holding.size() == claim.citations().size() ? claim : claim.withCitations(holding));
        }
      }
      draft.replaceClaims(section, kept);
    }
    return dropped;
  }

  private static boolean quotesComposedText(Citation c, Map<String, Evidence> evidenceById) {
    Evidence e = evidenceById.get(c.evidenceId());
    return e != null && !e.internalOnly() && c.end() <= e.text().length()
        && e.text().substring(c.start(), c.end()).equals(c.quote()) && e.sourceSpanOf(c.start(), c.end()) == null;
  }
}
