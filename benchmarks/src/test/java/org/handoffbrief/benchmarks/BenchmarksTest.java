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
import org.handoffbrief.extract.CitationVerifier;
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
    assertEquals(0, CitationVerifier.verify(draft, byId));
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
}
