package org.handoffbrief.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.handoffbrief.Handoff;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.SourceReport;

/**
 * Issue 8 "Batch": many closes through one {@link Handoff}, as a weekly batch or a backlog after an
 * outage runs them, against {@link VendorStubs} that enforce a per-system request rate (429 with
 * {@code Retry-After: 1} above it). Each connector is configured with its stub's limit, as a host
 * configures its plan ({@code slack.requestsPerMinute} and the like). Counts the 429s the library
 * caused and compares the briefs per second with what the limits allow: the tightest system's
 * limit divided by its calls per brief.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.handoffbrief.benchmarks.BatchRun [--briefs 200] [--parallel 4]
 * </pre>
 * Limits, requests a second: gmail 25, calendar 25, outlook 20, slack 20, zendesk 10, gong 3 (Gong's
 * documented limit; the others scaled down from the vendors' so the batch is bounded by them).
 */
public final class BatchRun {

  static final Map<String, Integer> LIMITS = limits();

  private BatchRun() {}

  /** Runs the harness and prints the table to standard output. */
  public static void main(String[] args) throws Exception {
    int briefs = 200;
    int parallel = 4;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--briefs" -> briefs = Integer.parseInt(args[++i]);
        case "--parallel" -> parallel = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    run(briefs, parallel, System.out);
  }

  static void run(int briefs, int parallel, PrintStream out) throws Exception {
    SyntheticDeal deal = SyntheticDeal.generate(50);
    var run = new BriefRun();
    try (VendorStubs stubs = VendorStubs.start(SyntheticSources.generate(deal.context(), 1));
        Handoff handoff = run.handoff(deal.resolver(), stubs.connectors(1000, LIMITS), Duration.ofMinutes(5), 2000)) {
      // One brief before the stubs enforce their limits: the calls per brief that the limits divide.
      run.measure(handoff, SyntheticDeal.OPPORTUNITY_ID);
      var perBrief = new LinkedHashMap<String, Integer>();
      VendorStubs.SYSTEMS.forEach(s -> perBrief.put(s, stubs.requests(s)));
      LIMITS.forEach(stubs::rateLimit);
      stubs.resetCounts();

      ExecutorService callers = Executors.newFixedThreadPool(parallel);
      long start = System.nanoTime();
      var futures = new ArrayList<Future<HandoffBrief>>();
      for (int i = 0; i < briefs; i++) {
        futures.add(callers.submit(() -> handoff.brief(SyntheticDeal.OPPORTUNITY_ID)));
      }
      int complete = 0;
      int failedBriefs = 0;
      var notOk = new LinkedHashMap<String, Integer>();
      for (Future<HandoffBrief> f : futures) {
        try {
          HandoffBrief b = f.get();
          complete += b.sources().stream().allMatch(r -> r.status() == SourceReport.Status.OK) ? 1 : 0;
          b.sources().stream().filter(r -> r.status() != SourceReport.Status.OK)
              .forEach(r -> notOk.merge(r.system().equals("google-calendar") ? "calendar" : r.system(), 1, Integer::sum));
        } catch (java.util.concurrent.ExecutionException e) {
          failedBriefs++;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      callers.shutdown();

      double allowed = Double.MAX_VALUE;
      String bound = "";
      out.println("| system | limit (req/s) | calls per brief | briefs/s the limit allows | requests | 429s caused"
          + " | briefs where it was not ok |");
      out.println("|---|---:|---:|---:|---:|---:|---:|");
      for (String s : VendorStubs.SYSTEMS) {
        int calls = Math.max(1, perBrief.get(s));
        double allows = (double) LIMITS.get(s) / calls;
        if (allows < allowed) {
          allowed = allows;
          bound = s;
        }
        out.printf("| %s | %d | %d | %.2f | %,d | %,d | %d |%n", s, LIMITS.get(s), perBrief.get(s), allows,
            stubs.requests(s), stubs.limited(s), notOk.getOrDefault(s, 0));
      }
      double throughput = briefs / seconds;
      out.println();
      out.printf("%d briefs, %d callers: %.1f s, %.2f briefs/s; the limits allow %.2f briefs/s (bound by %s):"
          + " %.0f %% of it. Every source ok in %d briefs; %d briefs failed.%n", briefs, parallel, seconds, throughput,
          allowed, bound, 100 * throughput / allowed, complete, failedBriefs);
    }
  }

  private static Map<String, Integer> limits() {
    var m = new LinkedHashMap<String, Integer>();
    m.put("gmail", 25);
    m.put("calendar", 25);
    m.put("outlook", 20);
    m.put("slack", 20);
    m.put("zendesk", 10);
    m.put("gong", 3);
    return m;
  }
}
