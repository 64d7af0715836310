package org.handoffbrief.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.handoffbrief.Handoff;
import org.handoffbrief.extract.BriefDraft;
import org.handoffbrief.internal.CitationVerifier;
import org.handoffbrief.internal.FinishingDraft;
import org.handoffbrief.extract.ExtractionInput;
import org.handoffbrief.extract.StandardExtractors;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.model.SourceReport;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Keeps the harness from rotting: every benchmark runs once through JMH itself (untimed, in this
 * JVM), and the synthetic deal is checked to be the realistic, stable input the numbers rest on.
 */
class BenchmarksTest {

  @Test
  void everyBenchmarkRunsOnceThroughJmhAtEverySize() throws RunnerException {
    var options = new OptionsBuilder()
        .include(BriefBenchmark.class.getName() + "\\.")
        .include(RenderBenchmark.class.getName() + "\\.")
        .forks(0)
        .mode(Mode.SingleShotTime)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementBatchSize(1)
        .timeout(TimeValue.seconds(60))
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT)
        .build();

    var ran = new TreeSet<String>();
    for (RunResult r : new Runner(options).run()) {
      BenchmarkParams p = r.getParams();
      String name = p.getBenchmark().substring(BriefBenchmark.class.getPackageName().length() + 1);
      String activities = p.getParamsKeys().contains("activities") ? "@" + p.getParam("activities") : "";
      ran.add(name + activities);
      assertEquals(1, r.getPrimaryResult().getSampleCount(), name + activities);
    }

    assertEquals(new TreeSet<>(Set.of("BriefBenchmark.brief@50", "BriefBenchmark.brief@500", "BriefBenchmark.brief@5000",
        "RenderBenchmark.html", "RenderBenchmark.json", "RenderBenchmark.markdown")), ran);
  }

  @Test
  void sameSizeAndSeedGiveTheSameDeal() {
    var first = SyntheticDeal.generate(200);
    var second = SyntheticDeal.generate(200);

    assertEquals(first.evidence(), second.evidence());
    assertEquals(first.context(), second.context());
    assertEquals(200, first.activityCount());
    assertFalse(first.evidence().equals(SyntheticDeal.generate(200, SyntheticDeal.SEED + 1).evidence()));
  }

  @Test
  void everyCitationTheExtractorsMakeFromTheSyntheticDealHolds() {
    var deal = SyntheticDeal.generate(500);
    var byId = new LinkedHashMap<String, Evidence>();
    deal.evidence().forEach(e -> byId.put(e.id(), e));
    var sorted = deal.evidence().stream().sorted(java.util.Comparator.comparing(Evidence::timestamp)).toList();
    var input = new ExtractionInput(deal.context(), sorted, SyntheticDeal.NOW, java.util.List.of());
    var draft = new BriefDraft();
    StandardExtractors.all().forEach(x -> x.extract(input, draft));

    // The benchmark must measure verification of claims that hold, not the dropping of ones that don't.
    assertEquals(0, CitationVerifier.verify(FinishingDraft.of(draft), byId));
  }

  @Test
  void theBriefOfTheSyntheticDealHasEveryKindOfClaimTheBenchmarkMeansToExercise() {
    HandoffBrief brief;
    try (Handoff handoff = SyntheticDeal.generate(500).handoff()) {
      brief = handoff.brief(SyntheticDeal.OPPORTUNITY_ID);
    }

    Set<String> kinds = brief.claims().stream().map(c -> c.id().substring(0, c.id().lastIndexOf('.')))
        .collect(Collectors.toSet());
    for (String kind : List.of("account_snapshot.go_live", "stakeholders.champion", "stakeholders.economic_buyer",
        "stakeholders.security_contact", "deal_history.stages", "deal_history.objection", "commitments.promise",
        "commitments.open_se_item", "risks.security_review", "risks.technical_dependency", "open_threads.legal",
        "open_threads.pending")) {
      assertTrue(kinds.contains(kind), () -> "no " + kind + " claim; kinds: " + new TreeSet<>(kinds));
    }
    for (SectionId s : SectionId.values()) {
      assertFalse(brief.section(s).claims().isEmpty(), () -> s + " has no claims");
    }
    // Hedged, negated and customer-voiced promises are planted too; none may become a commitment.
    List<String> promises = brief.section(SectionId.COMMITMENTS).claims().stream().map(Claim::text).toList();
    assertTrue(promises.stream().noneMatch(t -> t.contains("might be able") || t.contains("can't promise")
        || t.contains("will send the current workflow specs")), () -> String.join("\n", promises));
    assertEquals(1 + SyntheticDeal.EMPTY_SOURCES.size(), brief.sources().size());
    assertTrue(brief.sources().stream().allMatch(r -> r.status() == SourceReport.Status.OK), brief.sources()::toString);
  }

  /** Runs one plain harness at its smallest setting and returns what it printed. */
  private static String printed(HarnessRun harness) throws Exception {
    var bytes = new java.io.ByteArrayOutputStream();
    harness.run(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private interface HarnessRun {
    void run(java.io.PrintStream out) throws Exception;
  }

  @Test
  void theRealConnectorsReadEverySyntheticSourceFromTheStubsAndNoneIsLeftOut() {
    var deal = SyntheticDeal.generate(50);
    var data = SyntheticSources.generate(deal.context(), 1);
    var run = new BriefRun();
    try (var stubs = VendorStubs.start(data);
        Handoff handoff = run.handoff(deal.resolver(), stubs.connectors(1000), java.time.Duration.ofMinutes(2), 2000)) {
      HandoffBrief brief = run.measure(handoff, SyntheticDeal.OPPORTUNITY_ID).brief();

      // A harness that measures sources which read nothing would measure nothing.
      assertEquals(1 + VendorStubs.SYSTEMS.size(), brief.sources().size(), BriefRun.sources(brief));
      for (SourceReport r : brief.sources()) {
        assertEquals(SourceReport.Status.OK, r.status(), BriefRun.sources(brief));
        assertTrue(r.items() > 0, BriefRun.sources(brief));
      }
      int mail = data.gmail().size();
      assertEquals(mail, brief.sources().stream().filter(r -> r.system().equals("gmail")).findFirst().orElseThrow().items());
      assertEquals(data.slack().size(),
          brief.sources().stream().filter(r -> r.system().equals("slack")).findFirst().orElseThrow().items());
    }
  }

  @Test
  void theScaleHarnessPrintsARowPerScale() throws Exception {
    String table = printed(out -> ScaleRun.run(List.of(1), 5, false, false, out));

    assertTrue(table.contains("| 1x |"), table);
  }

  @Test
  void theFanOutHarnessComparesAllSourcesWithTheSlowestAloneAndWithTheSequence() throws Exception {
    String table = printed(out -> FanOutRun.run(1, 1, out));

    assertTrue(table.contains("resolve + all six sources"), table);
    assertTrue(table.contains("goal <= 1.10"), table);
  }

  @Test
  void theWarmHarnessReportsTheFirstAndTheLaterBriefsOfOneHandoff() throws Exception {
    String table = printed(out -> WarmRun.run(2, 1, out));

    assertTrue(table.contains("| 1st (cold JVM) |") && table.contains("| 2nd |"), table);
  }

  @Test
  void theCallsHarnessCountsEveryVendorsCallsBesideTheLeastItsApiAllows() throws Exception {
    String table = printed(out -> CallsRun.run(List.of(1), out));

    for (String system : List.of("gmail", "google-calendar", "outlook", "slack", "zendesk", "gong")) {
      assertTrue(table.contains("| 1x | " + system + " |"), table);
    }
  }

  @Test
  void theBatchHarnessCountsThe429sItCausedAndTheThroughputAgainstTheLimits() throws Exception {
    String table = printed(out -> BatchRun.run(2, 2, out));

    assertTrue(table.contains("429s caused") && table.contains("briefs/s"), table);
  }

  @Test
  void theLeastCallsOfAVendorGrowWithItsPagesNotWithItsItems() {
    var deal = SyntheticDeal.generate(5);
    var small = SyntheticSources.generate(deal.context(), 1);

    // Two calls for two Gong calls: one page of calls, one page of transcripts.
    assertEquals(2, CallsRun.least("gong", small).calls());
    // 100 Zendesk comments a page: four comments per ticket are one page each.
    assertEquals(1 + 1 + 1 + small.tickets().size(), CallsRun.least("zendesk", small).calls());
  }
}
