package org.handoffbrief.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handoffbrief.DealNotFoundException;
import org.handoffbrief.Handoff;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.spi.DealResolver;
import org.handoffbrief.spi.Resolution;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.SourceContext;

/**
 * Issue 8 "Fan-out": the six real connectors against {@link VendorStubs} with a fixed delay on every
 * answer (a different one per vendor) and a CRM resolve that takes a fixed time. The brief's wall
 * time is compared with resolve plus the slowest source alone (goal: at most 1.1x) and with every
 * source read one after another, both for the whole brief and for the fetch alone (until the last
 * source reported: extraction of six sources' evidence is more work than of one source's, and is
 * not what fan-out is about).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.handoffbrief.benchmarks.FanOutRun [--scale 1] [--runs 3]
 * </pre>
 * Delays per call: resolve 300 ms; gmail 150, calendar 100, outlook 120, slack 60, zendesk 80, gong 200 ms.
 * Each configuration runs {@code --runs} times (the all-six one after a warm-up); the table shows the
 * fastest run of each, the one least disturbed by whatever else the machine was doing.
 */
public final class FanOutRun {

  static final Duration RESOLVE = Duration.ofMillis(300);
  static final Map<String, Duration> DELAYS = delays();

  private FanOutRun() {}

  /** Runs the harness and prints the table to standard output. */
  public static void main(String[] args) {
    int scale = 1;
    int runs = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scale" -> scale = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    run(scale, runs, System.out);
  }

  static void run(int scale, int runs, PrintStream out) {
    SyntheticDeal deal = SyntheticDeal.generate(50);
    try (VendorStubs stubs = VendorStubs.start(SyntheticSources.generate(deal.context(), scale))) {
      DELAYS.forEach(stubs::delay);
      DealResolver resolver = slow(deal.resolver());
      List<SourceConnector> all = stubs.connectors(1000);
      long[] together = fastest(resolver, all, runs, true);
      long[] resolveAlone = fastest(resolver, List.of(), runs, false);
      var alone = new LinkedHashMap<String, long[]>();
      for (int i = 0; i < all.size(); i++) {
        alone.put(VendorStubs.SYSTEMS.get(i), fastest(resolver, List.of(all.get(i)), runs, false));
      }
      long[] slowest = new long[2];
      long[] sequence = {resolveAlone[0], resolveAlone[1]};
      for (long[] a : alone.values()) {
        for (int k = 0; k < 2; k++) {
          slowest[k] = Math.max(slowest[k], a[k]);
          sequence[k] += a[k] - resolveAlone[k];
        }
      }
      out.println("| brief | wall (fastest of " + runs + ") | until the last source reported |");
      out.println("|---|---:|---:|");
      out.printf("| resolve alone (%d ms per resolve) | %,d ms | %,d ms |%n", RESOLVE.toMillis(), resolveAlone[0],
          resolveAlone[1]);
      alone.forEach((system, ms) -> out.printf("| resolve + %s alone (%d ms per call) | %,d ms | %,d ms |%n", system,
          DELAYS.get(system).toMillis(), ms[0], ms[1]));
      out.printf("| **resolve + all six sources** | **%,d ms** | **%,d ms** |%n", together[0], together[1]);
      out.printf("| resolve + every source one after another (sum of the above) | %,d ms | %,d ms |%n", sequence[0],
          sequence[1]);
      out.println();
      out.printf("wall: all six / (resolve + slowest alone) = %.2f (goal <= 1.10), all six / in sequence = %.2f%n",
          (double) together[0] / slowest[0], (double) together[0] / sequence[0]);
      out.printf("until the last source reported: all six / slowest alone = %.2f, all six / in sequence = %.2f%n",
          (double) together[1] / slowest[1], (double) together[1] / sequence[1]);
    }
  }

  /** The fastest run's wall time and its time until the last source reported (wall minus after-fetch), in ms. */
  private static long[] fastest(DealResolver resolver, List<SourceConnector> connectors, int runs, boolean warmUp) {
    var run = new BriefRun();
    try (Handoff handoff = run.handoff(resolver, connectors, Duration.ofMinutes(2), 2000)) {
      if (warmUp) {
        run.measure(handoff, SyntheticDeal.OPPORTUNITY_ID);
      }
      long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
      for (int i = 0; i < runs; i++) {
        BriefRun.Cost c = run.measure(handoff, SyntheticDeal.OPPORTUNITY_ID);
        if (c.wallMs() < best[0]) {
          best = new long[] {c.wallMs(), c.wallMs() - c.afterFetchMs()};
        }
      }
      return best;
    }
  }

  /** The in-memory CRM, taking {@link #RESOLVE} as a Salesforce round trip would. */
  static DealResolver slow(DealResolver fast) {
    return new DealResolver() {
      @Override
      public String system() {
        return CrmEvidence.SYSTEM;
      }

      @Override
      public Resolution resolve(DealRef ref, SourceContext ctx) {
        try {
          Thread.sleep(RESOLVE.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new DealNotFoundException(CrmEvidence.SYSTEM, ref.opportunityId());
        }
        return fast.resolve(ref, ctx);
      }
    };
  }

  private static Map<String, Duration> delays() {
    var d = new LinkedHashMap<String, Duration>();
    d.put("gmail", Duration.ofMillis(150));
    d.put("calendar", Duration.ofMillis(100));
    d.put("outlook", Duration.ofMillis(120));
    d.put("slack", Duration.ofMillis(60));
    d.put("zendesk", Duration.ofMillis(80));
    d.put("gong", Duration.ofMillis(200));
    return d;
  }
}
