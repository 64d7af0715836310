package org.handoffbrief.internal.quality;

import org.handoffbrief.quality.ReviewPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.handoffbrief.extract.ExtractionDeadline;
import org.handoffbrief.extract.ExtractionInput;
import org.handoffbrief.model.QualityReport;
import org.handoffbrief.model.SectionId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The quality checks read the evidence again, so past the brief's deadline they stop and say they
 * did not finish rather than hold the brief; and the commitment gate compares each promise with
 * the cited quotes a bounded number of times.
 */
@Tag("reliability")
class QualityChecksDeadlineTest {

  private static Deal dealWithPromises(int n) {
    var d = new Deal();
    d.opportunity();
    for (int i = 0; i < n; i++) {
      d.mail("2026-05-01T10:00:00Z", Deal.ALEX, "We will deliver the sandbox for team " + i + " by June 3.");
    }
    return d;
  }

  /** Issue 8 item 1: past the deadline, checks that read evidence fail saying so; the others still judge. */
  @Test
  void checksStillReadingAtTheDeadlineFailSayingTheyDidNotFinish() {
    Deal d = dealWithPromises(3);
    var clock = Clock.fixed(Instant.parse("2026-07-01T12:00:00Z"), ZoneOffset.UTC);
    ExtractionInput late = d.input().withDeadline(ExtractionDeadline.of(clock, clock.instant().minusSeconds(1)));

    QualityReport report = QualityAssessor.assess(late, d.sections(), ReviewPolicy.ofDefaults());

    var commitments = report.checks().stream().filter(c -> c.id().equals("commitment_extraction")).findFirst()
        .orElseThrow();
    assertFalse(commitments.passed());
    assertEquals(QualityGates.UNFINISHED, commitments.reason());
    assertTrue(late.sentenceCache().isEmpty(), "no item was read past the deadline");
    var coverage = report.checks().stream().filter(c -> c.id().equals("stakeholder_coverage")).findFirst()
        .orElseThrow();
    assertFalse(coverage.reason().startsWith("Not finished"), "a check over the sections alone still judges");
  }

  /** Issue 8 item 1: each promise is compared with the distinct cited quotes once, not with every citation per pair. */
  @Test
  void promisesAreComparedWithEachDistinctQuoteAtMostOnce() {
    Deal d = dealWithPromises(500);
    var first = d.evidence.get(1);
    for (int i = 0; i < 40; i++) {
      // Forty claims citing the same words: one distinct quote.
      d.claim(SectionId.COMMITMENTS, "c" + i, Map.of(), first, "We will deliver the sandbox for team 0 by June 3.");
    }
    var cited = new QualityGates.Cited(d.sections().get(SectionId.COMMITMENTS));
    var input = d.input();
    for (var e : input.evidence()) {
      input.sentences(e).forEach(cited::covers);
    }
    assertTrue(cited.comparisons <= 501, "one distinct quote per sentence at most: " + cited.comparisons);
  }
}
