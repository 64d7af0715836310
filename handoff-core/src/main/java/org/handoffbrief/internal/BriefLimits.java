package org.handoffbrief.internal;

import java.util.LinkedHashMap;
import java.util.List;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.SectionId;

/**
 * What one claim and one section can carry. A pasted log or a long transcript can say the same
 * thing thousands of times; the brief keeps enough to trust a claim and says how much it left out,
 * so its size (and the time to render, store and read it) stays bounded whatever the sources hold.
 *
 * <p>The caps sit far above real briefs: across the independent evaluation deals no claim had more
 * than 6 citations and no section more than 31 claims, and one screen shows about 8 per section.
 */
public final class BriefLimits {
  private BriefLimits() {}

  /** Citations one claim keeps, in the order found; the rest are counted in {@link #CITATIONS_OMITTED}. */
  public static final int MAX_CITATIONS_PER_CLAIM = 25;
  /** Claims one section keeps, best ranked first; a section cut says so with a {@link #SECTION_TRUNCATED} gap. */
  public static final int MAX_CLAIMS_PER_SECTION = 100;
  /** The claim attribute saying how many further citations were left out. */
  public static final String CITATIONS_OMITTED = "citationsOmitted";
  /** The gap code of a section whose claims were cut. */
  public static final String SECTION_TRUNCATED = "section_truncated";

  /**
   * Cuts each claim's citations to {@link #MAX_CITATIONS_PER_CLAIM}, keeping the first ones (the
   * oldest evidence, where the item was first said) and recording how many more there were.
   */
  public static void capCitations(FinishingDraft draft) {
    for (SectionId section : SectionId.values()) {
      List<Claim> claims = draft.claims(section);
      if (claims.stream().noneMatch(c -> c.citations().size() > MAX_CITATIONS_PER_CLAIM)) {
        continue;
      }
      draft.replaceClaims(section, claims.stream().map(BriefLimits::capped).toList());
    }
  }

  private static Claim capped(Claim c) {
    int extra = c.citations().size() - MAX_CITATIONS_PER_CLAIM;
    if (extra <= 0) {
      return c;
    }
    var attrs = new LinkedHashMap<>(c.attributes());
    attrs.put(CITATIONS_OMITTED, Integer.toString(extra));
    return new Claim(c.id(), c.section(), c.text(), attrs, c.citations().subList(0, MAX_CITATIONS_PER_CLAIM));
  }

  /**
   * Keeps the first {@link #MAX_CLAIMS_PER_SECTION} claims of each section (run after
   * {@link OneScreen} has ranked them, so what a reader must see is kept) and adds a
   * {@link #SECTION_TRUNCATED} gap saying how many were left out.
   */
  public static void capSections(FinishingDraft draft) {
    for (SectionId section : SectionId.values()) {
      List<Claim> claims = draft.claims(section);
      if (claims.size() <= MAX_CLAIMS_PER_SECTION) {
        continue;
      }
      draft.replaceClaims(section, claims.subList(0, MAX_CLAIMS_PER_SECTION));
      draft.gap(section, SECTION_TRUNCATED, (claims.size() - MAX_CLAIMS_PER_SECTION) + " further claims were left"
          + " out: a section keeps its " + MAX_CLAIMS_PER_SECTION + " best-ranked claims; the sources hold the rest.");
    }
  }
}
