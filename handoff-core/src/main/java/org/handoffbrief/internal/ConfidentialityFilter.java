package org.handoffbrief.internal;

import java.util.ArrayList;
import java.util.regex.Pattern;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.SectionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the seller's internal commercial reasoning out of a CSM brief: a claim whose words or
 * quotes speak of discounts, approval chains, floor prices, margins or pricing strategy is dropped
 * (and logged by id, never by content), wherever it came from. Evidence a connector marked
 * internal-only never reaches extraction at all; this catches the same talk in open channels.
 */
public final class ConfidentialityFilter {
  private static final Logger LOG = LoggerFactory.getLogger(ConfidentialityFilter.class);

  static final Pattern INTERNAL_COMMERCIAL = Pattern.compile("\\b(discount(?:s|ed|ing)?|deal[- ]desk|floor price|"
      + "margins?|pricing strategy|price approval|approval chain|approved the (?:price|discount)|rev(?:enue)? share|"
      + "walk-?away price|quota)\\b", Pattern.CASE_INSENSITIVE);

  private ConfidentialityFilter() {}

  /** Drops every such claim from the draft; returns how many. */
  public static int apply(FinishingDraft draft) {
    int dropped = 0;
    for (SectionId section : SectionId.values()) {
      var kept = new ArrayList<Claim>();
      for (Claim c : draft.claims(section)) {
        boolean internal = INTERNAL_COMMERCIAL.matcher(c.text()).find()
            || c.citations().stream().anyMatch(x -> INTERNAL_COMMERCIAL.matcher(x.quote()).find());
        if (internal) {
          dropped++;
          LOG.info("dropped claim {}: internal commercial terms are not for a CSM brief", c.id());
        } else {
          kept.add(c);
        }
      }
      draft.replaceClaims(section, kept);
    }
    return dropped;
  }
}
