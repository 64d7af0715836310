package org.handoffbrief.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.SectionId;

/**
 * Ranks each section's claims and decides how many fit one screen; the rest stay in the brief
 * behind "N more". What the quality gates require a reader to see (every support ticket, every
 * vendor promise, every contradiction, every open legal item, every stakeholder's role) is ranked
 * first and is never behind the cap, so the cap can only grow past its size, never hide them.
 */
public final class OneScreen {
  private OneScreen() {}

  /** How many claims of each section one screen holds. */
  static final Map<SectionId, Integer> CAPS = new EnumMap<>(Map.of(SectionId.ACCOUNT_SNAPSHOT, 8,
      SectionId.WHY_THEY_BOUGHT, 5, SectionId.STAKEHOLDERS, 8, SectionId.DEAL_HISTORY, 5, SectionId.COMMITMENTS, 8,
      SectionId.RISKS, 6, SectionId.OPEN_THREADS, 6));

  /** Claim kinds (the middle part of a claim id) a reader must see, per section. */
  private static final Map<SectionId, Set<String>> REQUIRED = new EnumMap<>(Map.of(
      SectionId.STAKEHOLDERS, Set.of("champion", "economic_buyer", "blocker", "security_contact"),
      SectionId.COMMITMENTS, Set.of("promise"),
      SectionId.RISKS, Set.of("support_ticket", "contradiction"),
      SectionId.OPEN_THREADS, Set.of("open_ticket", "legal", "unanswered"),
      SectionId.ACCOUNT_SNAPSHOT, Set.of("contradiction"),
      SectionId.DEAL_HISTORY, Set.of("contradiction")));

  /** Ranks every section of the draft and records how many claims it shows. */
  public static void apply(FinishingDraft draft) {
    for (SectionId section : SectionId.values()) {
      List<Claim> claims = new ArrayList<>(draft.claims(section));
      Set<String> required = REQUIRED.getOrDefault(section, Set.of());
      // Stable: claims of equal rank keep the order the extractor gave them (template order).
      claims.sort(Comparator.comparingInt((Claim c) -> required.contains(kind(c)) ? 0 : 1)
          .thenComparing(Comparator.comparingInt((Claim c) -> rankWithin(section, c)))
          .thenComparing(OneScreen::newest, Comparator.reverseOrder()));
      int mustShow = (int) claims.stream().filter(c -> required.contains(kind(c))).count();
      draft.replaceClaims(section, claims);
      draft.show(section, Math.min(claims.size(), Math.max(CAPS.getOrDefault(section, claims.size()), mustShow)));
    }
  }

  /**
   * Within a rank: in the snapshot and the history the extractor's order is the template's; in
   * the other sections what was said in more places, then most recently, reads first.
   */
  private static int rankWithin(SectionId section, Claim c) {
    if (section == SectionId.ACCOUNT_SNAPSHOT || section == SectionId.DEAL_HISTORY
        || section == SectionId.WHY_THEY_BOUGHT) {
      return 0;
    }
    return -(int) c.citations().stream().map(Citation::evidenceId).distinct().count();
  }

  private static OffsetDateTime newest(Claim c) {
    return c.citations().stream().map(Citation::timestamp).max(Comparator.naturalOrder()).orElse(OffsetDateTime.MIN);
  }

  /** {@code risks.support_ticket.2} -> {@code support_ticket}. */
  static String kind(Claim c) {
    String id = c.id();
    int first = id.indexOf('.');
    int last = id.lastIndexOf('.');
    return first < 0 || last <= first ? id : id.substring(first + 1, last);
  }
}
