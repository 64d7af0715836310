package org.handoffbrief.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.handoffbrief.Handoff;

/**
 * Issue 8 "Warm path": how a host runs the library, one {@link Handoff} kept for the life of the
 * JVM and a brief per closed deal. The six real connectors read {@link VendorStubs} (no delay) and
 * the CRM is in memory; the first brief pays class loading, JIT and connection set-up, the later
 * ones are what a host sees.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.handoffbrief.benchmarks.WarmRun [--briefs 30] [--scale 1]
 * </pre>
 */
public final class WarmRun {

  private WarmRun() {}

  /** Runs the harness and prints the table to standard output. */
  public static void main(String[] args) {
    int briefs = 30;
    int scale = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--briefs" -> briefs = Integer.parseInt(args[++i]);
        case "--scale" -> scale = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    run(briefs, scale, System.out);
  }

  static void run(int briefs, int scale, PrintStream out) {
    SyntheticDeal deal = SyntheticDeal.generate(50 * scale);
    var run = new BriefRun();
    var later = new ArrayList<Long>();
    var laterAfterFetch = new ArrayList<Long>();
    BriefRun.Cost first;
    try (VendorStubs stubs = VendorStubs.start(SyntheticSources.generate(deal.context(), scale));
        Handoff handoff = run.handoff(deal.resolver(), stubs.connectors(1000), Duration.ofMinutes(5), 20_000)) {
      first = run.measure(handoff, SyntheticDeal.OPPORTUNITY_ID);
      for (int i = 1; i < briefs; i++) {
        BriefRun.Cost c = run.measure(handoff, SyntheticDeal.OPPORTUNITY_ID);
        later.add(c.wallMs());
        laterAfterFetch.add(c.afterFetchMs());
      }
    }
    out.println("| brief (scale " + scale + "x, one Handoff) | wall | after fetch |");
    out.println("|---|---:|---:|");
    out.printf("| 1st (cold JVM) | %,d ms | %,d ms |%n", first.wallMs(), first.afterFetchMs());
    if (!later.isEmpty()) {
      out.printf("| 2nd | %,d ms | %,d ms |%n", later.get(0), laterAfterFetch.get(0));
      out.printf("| 2nd to %dth, median | %,d ms | %,d ms |%n", briefs, pct(later, 50), pct(laterAfterFetch, 50));
      out.printf("| 2nd to %dth, 90th percentile | %,d ms | %,d ms |%n", briefs, pct(later, 90),
          pct(laterAfterFetch, 90));
    }
  }

  static long pct(List<Long> values, int p) {
    var sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
