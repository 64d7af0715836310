package org.handoffbrief.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.handoffbrief.Handoff;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.SourceReport;
import org.handoffbrief.observe.ApiCall;
import org.handoffbrief.observe.HandoffListener;
import org.handoffbrief.spi.DealResolver;
import org.handoffbrief.spi.SourceConnector;

/**
 * One measured brief, as the plain harnesses take it: wall time, the time from the last source's
 * report to the finished brief (extraction, verification, merging: the work after the fetch), the
 * CPU time of the calling thread (which runs that work; sources run on the library's pool), the heap
 * at its peak, and every API call the listener saw, by system.
 *
 * <p>Peak heap is the sum of each heap pool's peak since the run started: an upper bound on the true
 * peak, and it includes whatever else lives in the JVM (the WireMock servers and their data, when
 * they run in it). Measure with one brief per JVM for a clean figure.
 */
final class BriefRun implements HandoffListener {

  /** What one brief cost. */
  record Cost(HandoffBrief brief, long wallMs, long afterFetchMs, long callerCpuMs, long peakHeapMb,
      Map<String, Integer> apiCalls) {

    /** Evidence items read, every source and the CRM. */
    int items() {
      return brief.sources().stream().mapToInt(SourceReport::items).sum();
    }

    /** API calls, every system. */
    int calls() {
      return apiCalls.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final AtomicLong lastSourceNanos = new AtomicLong();
  private volatile long startNanos;
  private volatile java.io.PrintStream progress;

  /**
   * Prints each source's report to {@code out} the moment it arrives, with the time since the
   * brief started: the fetch is seen even when what follows it never ends.
   */
  BriefRun progress(java.io.PrintStream out) {
    this.progress = out;
    return this;
  }

  /** A Handoff over {@code resolver} and {@code connectors}, reporting to this run, on the system clock. */
  Handoff handoff(DealResolver resolver, List<SourceConnector> connectors, Duration deadline, int callBudget) {
    var b = Handoff.builder().resolver(resolver).listener(this).deadline(deadline)
        .sourceDeadline(deadline.minusSeconds(Math.min(5, deadline.toSeconds() / 10))).callBudget(callBudget);
    connectors.forEach(b::connector);
    return b.build();
  }

  @Override
  public void apiCall(ApiCall call) {
    calls.computeIfAbsent(call.system(), k -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public void sourceFinished(SourceReport report) {
    long now = System.nanoTime();
    lastSourceNanos.accumulateAndGet(now, Math::max);
    java.io.PrintStream out = progress;
    if (out != null) {
      out.printf("  +%,d ms  %-15s %-8s items=%-6d calls=%d%n", (now - startNanos) / 1_000_000, report.system(),
          report.status().wireId(), report.items(), report.calls());
    }
  }

  /** Makes one brief with {@code handoff} (which must report to this run) and measures it. */
  Cost measure(Handoff handoff, String opportunityId) {
    calls.clear();
    lastSourceNanos.set(0);
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    System.gc();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    var threads = ManagementFactory.getThreadMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    startNanos = start;
    HandoffBrief brief = handoff.brief(opportunityId);
    long end = System.nanoTime();
    long callerCpu = threads.getCurrentThreadCpuTime() - cpu;
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    long fetched = lastSourceNanos.get() == 0 ? start : lastSourceNanos.get();
    var byCall = new java.util.TreeMap<String, Integer>();
    calls.forEach((k, v) -> byCall.put(k, v.get()));
    return new Cost(brief, (end - start) / 1_000_000, (end - fetched) / 1_000_000, callerCpu / 1_000_000,
        peak / (1024 * 1024), byCall);
  }

  /** One line per source: status, items, calls, and its first note, to see what each read. */
  static String sources(HandoffBrief brief) {
    var out = new StringBuilder();
    for (SourceReport r : brief.sources()) {
      out.append(String.format("  %-10s %-8s items=%-6d calls=%-5d %6d ms  %s%n", r.system(), r.status().wireId(),
          r.items(), r.calls(), r.elapsed().toMillis(), r.failure() != null ? r.failure().message()
              : r.notes().isEmpty() ? "" : String.join(" | ", r.notes())));
    }
    return out.toString();
  }
}
