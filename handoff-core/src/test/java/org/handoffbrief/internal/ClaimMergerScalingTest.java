package org.handoffbrief.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import org.handoffbrief.extract.BriefDraft;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.SectionId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Merging grows with the number of claims, not with its square; counted in word-set comparisons. */
@Tag("reliability")
class ClaimMergerScalingTest {

  /** A made-up word for a number, so every claim has words of its own ("bcad", "bcae", ...). */
  private static String word(int n) {
    var sb = new StringBuilder("q");
    for (int i = 0; i < 4; i++) {
      sb.append((char) ('a' + n % 26));
      n /= 26;
    }
    return sb.toString();
  }

  private static FinishingDraft draft(int claims, boolean alike) {
    var draft = new BriefDraft();
    for (int i = 0; i < claims; i++) {
      // Alike: the same concern each time. Otherwise two shared words and two of its own: a third
      // of the words agree, so no two merge, yet each is a candidate partner of every other.
      String said = alike ? "The warehouse rollout slipped again because nobody owns scanning."
          : "The warehouse rollout of " + word(i) + " " + word(i + 1_000_000) + " slipped.";
      Evidence e = Evidence.builder("gmail", "message", "m" + i)
          .timestamp(OffsetDateTime.parse("2026-03-01T10:00:00Z").plusMinutes(i)).text("From: x\n\n" + said).build();
      draft.claim(SectionId.RISKS, "objection", "Objection: " + said, Citation.of(e, said));
    }
    return FinishingDraft.of(draft);
  }

  private static long comparisons(FinishingDraft draft) {
    ClaimMerger.COMPARISONS.reset();
    ClaimMerger.apply(draft);
    return ClaimMerger.COMPARISONS.sum();
  }

  /** Issue 8 item 1: ten times the distinct claims cost at most ten times the comparisons per claim bound. */
  @Test
  void distinctClaimsThatShareWordsCostComparisonsLinearInTheirNumber() {
    FinishingDraft small = draft(1_000, false);
    FinishingDraft large = draft(10_000, false);
    long n = comparisons(small);
    long tenN = comparisons(large);
    assertEquals(1_000, small.claims(SectionId.RISKS).size(), "none merged");
    assertEquals(10_000, large.claims(SectionId.RISKS).size(), "none merged");
    assertTrue(n <= 1_000L * ClaimMerger.MAX_COMPARISONS_PER_CLAIM, "N: " + n);
    assertTrue(tenN <= 10_000L * ClaimMerger.MAX_COMPARISONS_PER_CLAIM, "10N: " + tenN);
    // Every pair would be 50 million comparisons at 10N.
    assertTrue(tenN < 12 * n, "N " + n + " -> 10N " + tenN);
  }

  /** Issue 8 item 1: the same concern said 10,000 times is one claim, each compared once with the first. */
  @Test
  void theSameClaimSaidManyTimesIsComparedOnceEach() {
    FinishingDraft draft = draft(10_000, true);
    long count = comparisons(draft);
    assertEquals(1, draft.claims(SectionId.RISKS).size());
    assertEquals(9_999, count);
    assertEquals(10_000, draft.claims(SectionId.RISKS).get(0).citations().size(), "capped later, by BriefLimits");
  }
}
