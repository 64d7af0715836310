package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.store.jdbc.JdbcBriefStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weekly batch over the demo company's week: 50 closes, then the same week again. */
class DemoBatchTest {

  @TempDir
  Path dir;

  @Test
  void theDemoWeekHasFiftyClosesWithTheirOwnAccountsDomainsAndContacts() {
    var deals = DemoWeek.generated();
    assertEquals(49, deals.size());
    assertEquals(49, deals.stream().map(DemoWeek.Deal::account).distinct().count());
    assertEquals(49, deals.stream().map(DemoWeek.Deal::domain).distinct().count());
    Set<String> emails = deals.stream().flatMap(d -> d.contacts().stream().map(c -> c[2])).collect(Collectors.toSet());
    assertEquals(98, emails.size());
    assertTrue(deals.stream().allMatch(d -> !d.closeDate().isBefore(DemoWeek.FROM) && !d.closeDate().isAfter(DemoWeek.TO)));
    assertEquals(50, DemoWeek.opportunityIds().size());
    assertEquals(deals.stream().map(d -> d.opportunityId() + " " + d.account() + " " + d.wonAt()).toList(),
        DemoWeek.generated().stream().map(d -> d.opportunityId() + " " + d.account() + " " + d.wonAt()).toList(),
        "the same deals on every run");
  }

  /**
   * Issue 11: the note shows the batch summary for 50 demo closes; a second run over the same store
   * skips all 50 as already done. Slack is paced fast here: its rate bounds the real demo's
   * wall time, and this test counts outcomes.
   */
  @Test
  void aBatchOfTheDemoWeekBuildsFiftyBriefsAndASecondRunSkipsThemAll() {
    var out = new ByteArrayOutputStream();
    var terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), name -> null);
    var command = new BatchCommand(terminal);
    command.concurrency = 8;
    int first;
    int second;
    try (JdbcBriefStore briefs = Stores.open(dir.resolve("store").toString(), terminal);
        DemoSystems systems = DemoSystems.start(terminal.err())) {
      first = command.run(systems.builder(6000), systems.salesforceConfig(), briefs, BriefKind.HANDOFF,
          DemoWeek.FROM, DemoWeek.TO);
      String firstRun = out.toString(StandardCharsets.UTF_8);
      int list = slackCalls(systems, "conversations.list");
      int users = slackCalls(systems, "users.info");
      int history = slackCalls(systems, "conversations.history");
      int total = systems.slack.fake().requests();
      out.reset();
      second = command.run(systems.builder(6000), systems.salesforceConfig(), briefs, BriefKind.HANDOFF,
          DemoWeek.FROM, DemoWeek.TO);
      String secondRun = out.toString(StandardCharsets.UTF_8);

      assertTrue(firstRun.contains("Closed-Won 2026-03-23 to 2026-03-29: 50 deals"), firstRun);
      assertTrue(firstRun.contains("[##############################] 50/50"), firstRun);
      assertTrue(firstRun.contains("Batch of 50 deals, 8 at a time"), firstRun);
      assertTrue(firstRun.contains("  built:       50"), firstRun);
      assertTrue(firstRun.contains("  skipped:     0 already done"), firstRun);
      // Issue 11: the workspace-level reads are shared by the batch's briefs; history stays per brief.
      assertEquals(2, list, "one read of the channel list (its two pages) for 50 briefs");
      assertTrue(users < 50, "users.info once per person, not per brief: " + users);
      assertTrue(history >= 50, "every brief reads its own history: " + history);
      assertTrue(firstRun.contains("  API calls:   ") && firstRun.contains("slack " + total + " ("), firstRun);
      assertTrue(secondRun.contains("  built:       0"), secondRun);
      assertTrue(secondRun.contains("  skipped:     50 already done"), secondRun);
      assertTrue(secondRun.contains("  failed:      0"), secondRun);
      for (String id : DemoWeek.opportunityIds()) {
        assertTrue(briefs.latest(id, BriefKind.HANDOFF).isPresent(), "no brief stored for " + id);
      }
    }
    assertTrue(first == HandoffSamples.EXIT_OK || first == HandoffSamples.EXIT_SOURCE, "exit " + first);
    assertEquals(HandoffSamples.EXIT_OK, second);
  }

  @Test
  void theProgressBarEstimatesTheTimeLeftOnceAFewDealsAreDone() {
    long tenSeconds = 10_000_000_000L;
    assertEquals("", TerminalProgress.left(2, 50, tenSeconds), "too few done to say");
    assertEquals(", about 15 s left", TerminalProgress.left(4, 10, tenSeconds));
    assertEquals(", about 3 min left", TerminalProgress.left(4, 80, tenSeconds));
    assertEquals("", TerminalProgress.left(50, 50, tenSeconds), "done");
  }

  @Test
  void aBatchDeadlineMustBeAPositiveDuration() {
    Run zero = Run.of("batch", "--demo", "--deadline", "0s");
    assertEquals(HandoffSamples.EXIT_USAGE, zero.exitCode());
    assertTrue(zero.err().contains("--deadline must be a positive duration"), zero.err());
  }

  private static int slackCalls(DemoSystems systems, String method) {
    return systems.slack.fake().requests(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/" + method)));
  }

  @Test
  void batchNeedsEitherTheDemoOrAConfigAndItsDates() {
    Run neither = Run.of("batch", "--from", "2026-03-23", "--to", "2026-03-29");
    assertEquals(HandoffSamples.EXIT_USAGE, neither.exitCode());
    assertTrue(neither.err().contains("give either --demo or --config FILE"), neither.err());

    Run backwards = Run.of("batch", "--demo", "--from", "2026-03-29", "--to", "2026-03-23");
    assertEquals(HandoffSamples.EXIT_USAGE, backwards.exitCode());
    assertTrue(backwards.err().contains("--to 2026-03-23 is before --from 2026-03-29"), backwards.err());
  }
}
