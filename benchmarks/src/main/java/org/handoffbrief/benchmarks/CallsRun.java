package org.handoffbrief.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.handoffbrief.Handoff;
import org.handoffbrief.model.SourceReport;

/**
 * Issue 8 "API calls per brief": what each real connector asks of {@link VendorStubs} for one brief
 * of the synthetic deal, beside the least each vendor's API allows for the same data (worked out
 * from the largest page each API documents; see {@link #least}). Counted three ways that must agree:
 * {@link SourceReport#calls()}, the listener's {@code apiCall} events, and the HTTP requests the
 * stub answered (which also sees a token call or a retry the connector does not count).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.handoffbrief.benchmarks.CallsRun [--scales 1,100]
 * </pre>
 */
public final class CallsRun {

  private CallsRun() {}

  /** Runs the harness and prints the table to standard output. */
  public static void main(String[] args) {
    List<Integer> scales = List.of(1, 100);
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--scales")) {
        scales = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
      } else {
        throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    run(scales, System.out);
  }

  static void run(List<Integer> scales, PrintStream out) {
    out.println("| scale | system | SourceReport.calls | apiCall events | HTTP requests served | least the API allows"
        + " | how the least is counted |");
    out.println("|---:|---|---:|---:|---:|---:|---|");
    for (int scale : scales) {
      SyntheticDeal deal = SyntheticDeal.generate(50);
      SyntheticSources data = SyntheticSources.generate(deal.context(), scale);
      var run = new BriefRun();
      try (VendorStubs stubs = VendorStubs.start(data);
          Handoff handoff = run.handoff(deal.resolver(), stubs.connectors(1000), Duration.ofMinutes(10), 20_000)) {
        BriefRun.Cost c = run.measure(handoff, SyntheticDeal.OPPORTUNITY_ID);
        Map<String, SourceReport> reports = c.brief().sources().stream()
            .collect(Collectors.toMap(SourceReport::system, r -> r, (a, b) -> a, LinkedHashMap::new));
        for (String stub : VendorStubs.SYSTEMS) {
          String system = stub.equals("calendar") ? "google-calendar" : stub;
          SourceReport r = reports.get(system);
          Least least = least(stub, data);
          out.printf("| %dx | %s | %s | %d | %d | %d | %s |%n", scale, system, r == null ? "-" : r.calls(),
              c.apiCalls().getOrDefault(system, 0), stubs.requests(stub), least.calls(), least.how());
        }
      }
    }
  }

  /** The least calls one vendor's API needs for the data, and how that is counted. */
  record Least(int calls, String how) {}

  /**
   * The least calls each API allows, from its documented largest page: Gmail lists 500 ids a page
   * and batches 100 gets; Calendar lists 2,500 events a page; Graph pages 1,000 messages or events
   * (plus one token); Slack pages 999 messages of history or of a thread, {@code auth.test} once and
   * one {@code users.list} page for up to 1,000 people; Zendesk searches 100 tickets a page, shows
   * 100 users a call and 100 comments a page; Gong pages 100 calls and 100 transcripts.
   */
  static Least least(String system, SyntheticSources d) {
    return switch (system) {
      case "gmail" -> {
        int n = 0;
        for (var p : d.internal()) {
          long mine = d.gmail().stream().filter(m -> m.mailbox().equals(p.email())).count();
          n += Math.max(1, ceil(mine, 500)) + ceil(mine, 100);
        }
        yield new Least(n, "per mailbox: ceil(ids / 500) list pages + ceil(ids / 100) batches");
      }
      case "calendar" -> {
        int n = 0;
        for (var p : d.internal()) {
          n += Math.max(1, ceil(d.googleCalendar().stream().filter(m -> m.calendar().equals(p.email())).count(), 2500));
        }
        yield new Least(n, "per calendar: ceil(events / 2,500), at least 1");
      }
      case "outlook" -> {
        int n = 1;
        for (String mb : d.outlookMailboxes()) {
          n += Math.max(1, ceil(d.outlook().stream().filter(m -> m.mailbox().equals(mb)).count(), 1000));
          n += Math.max(1, ceil(d.outlookCalendar().stream().filter(m -> m.calendar().equals(mb)).count(), 1000));
        }
        yield new Least(n, "1 token + per mailbox: ceil(messages / 1,000) + ceil(events / 1,000)");
      }
      case "slack" -> {
        long top = d.slack().stream().filter(m -> m.threadTs() == null || m.threadTs().equals(m.ts())).count();
        var threads = d.slack().stream().filter(m -> m.replyCount() > 0).toList();
        int n = 2 + Math.max(1, ceil(top, 999)) + 1;
        for (var t : threads) {
          n += ceil(t.replyCount() + 1, 999);
        }
        yield new Least(n, "auth.test + conversations.list + ceil(top-level / 999) + per thread ceil(replies / 999)"
            + " + 1 users.list");
      }
      case "zendesk" -> {
        int n = 1 + Math.max(1, ceil(d.tickets().size(), 100)) + ceil(d.people().size(), 100);
        for (var t : d.tickets()) {
          n += ceil(t.comments().size(), 100);
        }
        yield new Least(n, "organization search + ceil(tickets / 100) search pages + ceil(users / 100) show_many"
            + " + per ticket ceil(comments / 100)");
      }
      case "gong" -> new Least(Math.max(1, ceil(d.calls().size(), 100)) + ceil(d.calls().size(), 100),
          "ceil(calls / 100) extensive pages + ceil(calls / 100) transcript pages");
      default -> throw new IllegalArgumentException(system);
    };
  }

  private static int ceil(long n, int per) {
    return (int) ((n + per - 1) / per);
  }
}
