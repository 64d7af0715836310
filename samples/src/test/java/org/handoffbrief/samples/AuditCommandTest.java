package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.handoffbrief.audit.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

  /** What the script answers for 15 citation questions: the 5th, 10th, 15th do not support, the 7th and 14th unsure. */
  @Test
  void theScriptIsTenSupportsThreeDoesNotSupportAndTwoUnsureOverFifteenCitations() {
    int supports = 0;
    int unsure = 0;
    for (int n = 1; n <= 15; n++) {
      supports += AuditCommand.scripted(n) == Verdict.SUPPORTS ? 1 : 0;
      unsure += AuditCommand.scripted(n) == Verdict.UNSURE ? 1 : 0;
    }
    assertEquals(10, supports);
    assertEquals(2, unsure);
  }

  /**
   * Issue 12: the demo runs a spot-check over a few demo briefs with scripted answers, signed Slack
   * clicks, and prints the pass rate and what the policy decided.
   */
  @Test
  void theAuditAnswersBySignedSlackClicksAndPrintsThePassRateTheReviewsAndThePolicysDecision(@TempDir Path dir) {
    Path html = dir.resolve("audit.html");

    Run run = Run.of("audit", "--report", html.toString());

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("Spot-check 2026-W13 (seed 12): 5 delivered briefs sampled, 15 citations to check"),
        run.out());
    assertTrue(run.out().contains("Slack: 20 DMs sent (a rerun sent 0)"), run.out());
    assertTrue(run.out().contains("Slack: 25 signed interactions, 0 refused"), run.out());
    assertTrue(run.out().contains("Citation pass rate 2026-W13: 76.9% (10/13, 95% CI 49.7-91.8%), 2 unsure"),
        run.out());
    assertTrue(run.out().contains("Reviews: 5 confirmed unchanged (83%), 0 flagged, 1 timed out (17%)"), run.out());
    assertTrue(run.out().contains("What the CSMs would have missed: 5 answers"), run.out());
    assertTrue(run.out().contains("Rollout policy: success plan, stored insight and follow-up tasks OFF: only 13"
        + " counted answers, fewer than the minimum 20"), run.out());
    assertTrue(Files.exists(html));
  }

  /** Issue 12: the same spot-check through the Java API gives the same numbers. */
  @Test
  void withoutSlackTheJavaApiRecordsTheSameAnswers(@TempDir Path dir) {
    Run run = Run.of("audit", "--no-slack", "--report", dir.resolve("audit.html").toString());

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("Citation pass rate 2026-W13: 76.9% (10/13, 95% CI 49.7-91.8%), 2 unsure"),
        run.out());
    assertTrue(!run.out().contains("Slack:"), run.out());
  }
}
