package org.handoffbrief.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.handoffbrief.Handoff;
import org.handoffbrief.model.HandoffBrief;

/**
 * Issue 8 "Scale": the {@link SyntheticDeal} with {@link SyntheticSources} at 1x, 10x and 100x,
 * read by the six real connectors from {@link VendorStubs} (WireMock, each vendor's wire format)
 * and the CRM from memory, then extracted: wall time, time after the fetch, CPU of the extracting
 * thread, peak heap, and how each grows per tenfold. Then the adversarial bodies (1 MB and 25 MB of
 * text, 200 KB of {@code <} as HTML) at 1x, each under the default 90 s deadline.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.handoffbrief.benchmarks.ScaleRun [--scales 1,10,100]
 *     [--activities 50] [--no-adversarial] [--verbose]
 * </pre>
 * {@code --activities} is the CRM's Tasks and Events at 1x (they scale too). Each scale runs
 * once, in this JVM, after one warm-up brief at 1x; run it with {@code -Xmx} to see where it fails.
 */
public final class ScaleRun {

  private ScaleRun() {}

  /** Runs the harness and prints the table to standard output. */
  public static void main(String[] args) {
    List<Integer> scales = List.of(1, 10, 100);
    int activities = 50;
    boolean adversarial = true;
    boolean verbose = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scales" -> scales = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
        case "--activities" -> activities = Integer.parseInt(args[++i]);
        case "--no-adversarial" -> adversarial = false;
        case "--verbose" -> verbose = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    run(scales, activities, adversarial, verbose, System.out);
  }

  static void run(List<Integer> scales, int activities, boolean adversarial, boolean verbose, PrintStream out) {
    measure(1, activities, null, verbose, null); // warm-up: class loading and JIT are not what grows
    out.println("| scale | emails | Slack msgs | tickets | calls | items read | API calls | claims | wall | after fetch"
        + " | extracting CPU | peak heap |");
    out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int scale : scales) {
      measure(scale, activities, null, verbose, out);
    }
    if (!adversarial) {
      return;
    }
    out.println();
    out.println("| adversarial body (in one Gmail and one Outlook mail, 1x) | status of gmail / outlook | wall"
        + " | after fetch | inside the 90 s deadline |");
    out.println("|---|---|---:|---:|---|");
    var random = new Random(SyntheticSources.SEED);
    adversarial("1 MB pasted log", SyntheticSources.pastedLog(random, 1 << 20), activities, verbose, out);
    adversarial("25 MB pasted log", SyntheticSources.pastedLog(random, 25 << 20), activities, verbose, out);
    adversarial("200 KB of `<` (HTML)", "<".repeat(200 << 10), activities, verbose, out);
  }

  private static BriefRun.Cost measure(int scale, int activities, String extraBody, boolean verbose, PrintStream out) {
    SyntheticDeal deal = SyntheticDeal.generate(activities * scale);
    SyntheticSources data = SyntheticSources.generate(deal.context(), scale);
    if (extraBody != null) {
      data.withMail(extraBody);
    }
    var run = verbose ? new BriefRun().progress(System.err) : new BriefRun();
    if (verbose) {
      System.err.println("scale " + scale + (extraBody == null ? "" : " with a " + extraBody.length() + "-char body")
          + ": sources as they report");
    }
    Duration deadline = extraBody != null ? Handoff.DEFAULT_DEADLINE : Duration.ofMinutes(10);
    try (VendorStubs stubs = VendorStubs.start(data);
        Handoff handoff = run.handoff(deal.resolver(), stubs.connectors(1000), deadline, 20_000)) {
      BriefRun.Cost c = run.measure(handoff, SyntheticDeal.OPPORTUNITY_ID);
      if (verbose) {
        System.err.printf("  brief done after %,d ms:%n%s", c.wallMs(), BriefRun.sources(c.brief()));
      }
      if (out != null && extraBody == null) {
        out.printf("| %dx | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d ms | %,d ms | %,d ms | %,d MB |%n", scale,
            data.gmail().size() + data.outlook().size(), data.slack().size(), data.tickets().size(), data.calls().size(),
            c.items(), c.calls(), c.brief().claims().size(), c.wallMs(), c.afterFetchMs(), c.callerCpuMs(),
            c.peakHeapMb());
      }
      return c;
    }
  }

  private static void adversarial(String name, String body, int activities, boolean verbose, PrintStream out) {
    BriefRun.Cost c = measure(1, activities, body, verbose, null);
    HandoffBrief b = c.brief();
    var statuses = new ArrayList<String>();
    for (String system : List.of("gmail", "outlook")) {
      b.sources().stream().filter(r -> r.system().equals(system)).findFirst()
          .ifPresent(r -> statuses.add(r.status().wireId() + " (" + r.items() + ")"));
    }
    boolean inside = c.wallMs() <= Handoff.DEFAULT_DEADLINE.toMillis();
    out.printf("| %s | %s | %,d ms | %,d ms | %s |%n", name, String.join(" / ", statuses), c.wallMs(), c.afterFetchMs(),
        inside ? "yes" : "**no**");
  }
}
