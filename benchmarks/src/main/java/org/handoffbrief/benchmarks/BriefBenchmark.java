package org.handoffbrief.benchmarks;

import java.util.concurrent.TimeUnit;
import org.handoffbrief.Handoff;
import org.handoffbrief.model.HandoffBrief;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One brief end to end, as a host calls it: {@link Handoff#brief(String)} resolves a
 * {@link SyntheticDeal} from memory, federates six sources that find nothing (the cost of
 * federation itself: threads, deadlines, reports), runs every standard extractor and verifies
 * every citation. The CRM and the sources cost nothing here, so what is measured is the
 * library's own work per brief.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BriefBenchmark {

  /** Tasks and Events on the deal. */
  @Param({"50", "500", "5000"})
  public int activities;

  private Handoff handoff;

  /** Builds the deal and the {@link Handoff} once per trial: neither is part of a brief's cost. */
  @Setup
  public void setUp() {
    handoff = SyntheticDeal.generate(activities).handoff();
  }

  /** Stops the library's worker threads. */
  @TearDown
  public void tearDown() {
    handoff.close();
  }

  /** Makes one brief. */
  @Benchmark
  public HandoffBrief brief() {
    return handoff.brief(SyntheticDeal.OPPORTUNITY_ID);
  }
}
