package org.handoffbrief.samples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.SourceReport;
import org.handoffbrief.observe.ApiCall;
import org.handoffbrief.observe.HandoffListener;

/**
 * Plain-text progress on the terminal, one line per event, so it reads the same in a shell and in
 * a CI log: which source is being read, each API call, how long each source took, and a summary.
 * Built only on {@link HandoffListener}, as a host's own metrics bridge would be. Whatever came
 * from the input or a vendor (the opportunity id, an operation, a note, a failure's sentence)
 * passes {@link TerminalText#safe}: it must not forge a line or steer the terminal.
 */
final class TerminalProgress implements HandoffListener {
  private final PrintStream out;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  TerminalProgress(PrintStream out) {
    this.out = Objects.requireNonNull(out, "out == null");
  }

  @Override
  public void briefStarted(DealRef ref) {
    out.println("Brief for opportunity " + TerminalText.safe(ref.opportunityId()) + (ref.allowPreClose() ? " (pre-close)" : ""));
  }

  @Override
  public void followUpStarted(org.handoffbrief.spi.FollowUp followUp) {
    out.println("Follow-up round: " + followUp.newPeople().size() + " new customer-side people"
        + (followUp.champion() != null ? ", and the champion " + followUp.champion().name() : ""));
  }

  @Override
  public void sourceStarted(String system) {
    out.println(tag(system) + "reading");
  }

  @Override
  public void apiCall(ApiCall call) {
    int n = calls.computeIfAbsent(call.system(), s -> new AtomicInteger()).incrementAndGet();
    out.println(tag(call.system()) + "call " + n + ": " + TerminalText.safe(call.operation()) + " "
        + TerminalText.safe(call.outcome()) + " ("
        + call.elapsed().toMillis() + " ms)");
  }

  @Override
  public void sourceFinished(SourceReport report) {
    var line = new StringBuilder(tag(report.system())).append(report.status().wireId())
        .append(" in ").append(seconds(report.elapsed()))
        .append(": ").append(report.items()).append(" items, ").append(report.calls())
        .append(report.calls() == 1 ? " call" : " calls");
    if (!report.usage().isEmpty()) {
      line.append("; usage ").append(new java.util.TreeMap<>(report.usage()).entrySet().stream()
          .map(e -> TerminalText.safe(e.getKey() + " " + e.getValue())).collect(Collectors.joining(", ")));
    }
    if (report.failure() != null) {
      // The sentence itself comes once: in the summary, or as the error when the deal did not resolve.
      line.append(" (").append(report.failure().kind().name().toLowerCase(Locale.ROOT)).append(')');
    }
    out.println(line);
    report.notes().forEach(n -> out.println(tag(report.system()) + "note: " + TerminalText.safe(n)));
  }

  @Override
  public void briefCompleted(HandoffBrief brief, Duration elapsed) {
    int gaps = brief.sections().values().stream().mapToInt(s -> s.gaps().size()).sum();
    long ok = brief.sources().stream().filter(s -> s.status() == SourceReport.Status.OK).count();
    long partial = brief.sources().stream().filter(s -> s.status() == SourceReport.Status.PARTIAL).count();
    long failed = brief.sources().stream().filter(s -> s.status() == SourceReport.Status.FAILED).count();
    long skipped = brief.sources().size() - ok - partial - failed;
    out.println("Brief ready in " + seconds(elapsed) + ": " + brief.claims().size() + " claims, " + gaps
        + " gaps; sources " + ok + " ok, " + (partial > 0 ? partial + " partial, " : "") + failed + " failed"
        + (skipped > 0 ? ", " + skipped + " skipped" : ""));
    brief.sources().stream().filter(s -> s.failure() != null)
        .forEach(s -> out.println(tag(s.system()) + "missing from the brief: " + TerminalText.safe(s.failure().message())));
  }

  /** Deals finished before the bar estimates the time left: fewer say too little about the pace. */
  static final int ESTIMATE_AFTER = 3;

  /**
   * A batch's progress bar: redrawn in place on an interactive terminal, else one line per deal
   * finished, so it reads the same in a CI log. Counts only; the summary says what failed and why.
   * Once {@value #ESTIMATE_AFTER} deals are done it adds an estimate of the time left at the pace
   * so far (a batch paces itself to the systems' rate limits, so the pace is steady).
   */
  static org.handoffbrief.trigger.BriefBatch.Listener batch(PrintStream out, boolean redraw) {
    var counts = new ConcurrentHashMap<org.handoffbrief.trigger.BriefBatch.Result, AtomicInteger>();
    var partial = new AtomicInteger();
    long started = System.nanoTime();
    return new org.handoffbrief.trigger.BriefBatch.Listener() {
      private int shown;

      @Override
      public synchronized void finished(org.handoffbrief.trigger.BriefBatch.Outcome outcome,
          org.handoffbrief.trigger.BriefBatch.Progress progress) {
        counts.computeIfAbsent(outcome.result(), r -> new AtomicInteger()).incrementAndGet();
        if (outcome.partial()) {
          partial.incrementAndGet();
        }
        int width = 30;
        int filled = progress.total() == 0 ? width : progress.finished() * width / progress.total();
        String line = String.format(Locale.ROOT, "[%s%s] %d/%d  built %d%s, skipped %d, failed %d",
            "#".repeat(filled), ".".repeat(width - filled), progress.finished(), progress.total(),
            count(org.handoffbrief.trigger.BriefBatch.Result.BUILT), partial.get() > 0 ? " (" + partial.get()
                + " partial)" : "", count(org.handoffbrief.trigger.BriefBatch.Result.SKIPPED),
            count(org.handoffbrief.trigger.BriefBatch.Result.FAILED))
            + left(progress.finished(), progress.total(), System.nanoTime() - started);
        if (redraw) {
          // Spaces clear what a longer line before left (the estimate goes at the end).
          out.print("\r" + line + " ".repeat(Math.max(0, shown - line.length()))
              + (progress.finished() == progress.total() ? "\n" : ""));
          shown = line.length();
          out.flush();
        } else {
          out.println(line);
        }
      }

      private int count(org.handoffbrief.trigger.BriefBatch.Result r) {
        AtomicInteger n = counts.get(r);
        return n == null ? 0 : n.get();
      }
    };
  }

  /** {@code , about 3 min left} at the pace so far, once enough deals are done and some are left. */
  static String left(int finished, int total, long elapsedNanos) {
    if (finished < ESTIMATE_AFTER || finished >= total) {
      return "";
    }
    long seconds = Math.round(elapsedNanos / 1e9 / finished * (total - finished));
    return seconds < 90 ? ", about " + Math.max(1, seconds) + " s left" : ", about " + Math.round(seconds / 60.0)
        + " min left";
  }

  private static String tag(String system) {
    return String.format(Locale.ROOT, "  %-12s ", TerminalText.safe(system));
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
