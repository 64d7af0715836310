package org.handoffbrief.samples;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.handoffbrief.Handoff;
import org.handoffbrief.connector.salesforce.SalesforceConfig;
import org.handoffbrief.connector.salesforce.trigger.ClosedWonRange;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.observe.ApiCall;
import org.handoffbrief.observe.HandoffListener;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.store.jdbc.JdbcBriefStore;
import org.handoffbrief.trigger.BriefBatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code batch}: the weekly batch. Reads every Closed-Won opportunity closed in a date range
 * ({@link ClosedWonRange}) and briefs them a few at a time through one {@link Handoff}, so each
 * system's rate limit is shared by the whole run ({@link BriefBatch}); a progress bar while it
 * runs, the summary at the end. {@code --demo} runs it over the demo company's week of fifty closes.
 */
@Command(versionProvider = HandoffSamples.Version.class, name = "batch", sortOptions = false,
    description = {
        "Briefs every Closed-Won opportunity closed from --from to --to (close dates, both included), "
            + "--concurrency at a time, and stores each brief; deals whose brief is already stored are skipped.",
        "With --config FILE it reads the systems FILE names (as brief does); with --demo, the demo company's "
            + "embedded systems and its week of 50 closes (2026-03-23 to 2026-03-29).",
        "Prints a progress bar, then the summary: built (partial ones counted), skipped as already done, "
            + "failed with why."})
final class BatchCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Spec
  CommandSpec spec;

  @Mixin
  HelpOptions helpOptions;

  @Option(names = "--demo", description = "Run over the embedded demo systems and their week of closes.")
  boolean demo;

  @Option(names = "--config", paramLabel = "FILE", description = "The properties file naming the systems to read "
      + "(see config-reference); it needs the salesforce.* settings and a store (--store or handoff.store).")
  Path config;

  @Option(names = "--from", paramLabel = "DATE", description = "The first close date, e.g. 2026-03-23 "
      + "(--demo: 2026-03-23).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "The last close date, e.g. 2026-03-29 "
      + "(--demo: 2026-03-29).")
  LocalDate to;

  @Option(names = "--concurrency", paramLabel = "N", description = "Deals briefed at once, 1 to 64 (default: "
      + BriefBatch.DEFAULT_CONCURRENCY + ").")
  int concurrency = BriefBatch.DEFAULT_CONCURRENCY;

  @Option(names = "--deadline", paramLabel = "DURATION", description = "Each brief's deadline, and each source's, "
      + "e.g. 10m (default) or PT10M. A batch is not interactive: a brief queues behind the systems' rate limits "
      + "rather than leaving a source out, so this is long.")
  String deadline = "10m";

  @Option(names = "--store", paramLabel = "FILE", description = "The brief store: an H2 database file (made when "
      + "missing) or a jdbc: URL. --demo default: .handoff/demo-batch; else handoff.store in FILE.")
  String store;

  @Option(names = "--kind", paramLabel = "KIND", description = "handoff (default), kickoff, 30-day or qbr.")
  String kind = BriefKind.HANDOFF.wireId();

  BatchCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    BriefKind briefKind = DemoCommand.kind(spec, kind);
    if (demo == (config != null)) {
      throw new ParameterException(spec.commandLine(), "give either --demo or --config FILE");
    }
    if (concurrency < 1 || concurrency > 64) {
      throw new ParameterException(spec.commandLine(), "--concurrency must be 1 to 64, was " + concurrency);
    }
    LocalDate first = from != null ? from : demo ? DemoWeek.FROM : null;
    LocalDate last = to != null ? to : demo ? DemoWeek.TO : null;
    if (first == null || last == null) {
      throw new ParameterException(spec.commandLine(), "give the close dates: --from DATE --to DATE");
    }
    if (last.isBefore(first)) {
      throw new ParameterException(spec.commandLine(), "--to " + last + " is before --from " + first);
    }
    briefDeadline();
    if (demo) {
      DemoMoment moment = briefKind == BriefKind.HANDOFF ? DemoMoment.AT_CLOSE : DemoMoment.THIRTY_DAYS_LATER;
      try (JdbcBriefStore briefs = Stores.open(store != null ? store : ".handoff/demo-batch", terminal);
          DemoSystems systems = DemoSystems.start(terminal.err(), moment)) {
        return run(systems.builder(), systems.salesforceConfig(), briefs, briefKind, first, last);
      }
    }
    ClassLoader loader = BatchCommand.class.getClassLoader();
    Map<String, ConnectorProvider> providers = Handoff.providers(loader);
    TreeMap<String, String> settings = BriefCommand.load(config, terminal, providers);
    Map<String, String> app = BriefCommand.appSettings(settings);
    settings.keySet().removeIf(k -> k.startsWith("writeback."));
    Handoff.Builder builder = Handoff.builder().classLoader(loader);
    SalesforceConfig salesforce;
    String storeAt;
    try {
      ConnectorConfig appConfig = ConnectorConfig.of("handoff", BriefCommand.APP_SETTINGS, app);
      storeAt = store != null ? store : appConfig.get("handoff.store");
      ConnectorProvider sf = providers.get("salesforce");
      if (sf == null || settings.keySet().stream().noneMatch(k -> k.startsWith("salesforce."))) {
        throw new IllegalArgumentException("the batch reads the week's closes with the salesforce.* settings; none given");
      }
      // Stored briefs are compared with the next one: they must not read back the write-back's own Tasks.
      settings.putIfAbsent("salesforce.writebackKeyField",
          org.handoffbrief.writeback.salesforce.WritebackConfig.ofDefaults().taskKeyField());
      salesforce = SalesforceConfig.fromSettings(ConnectorConfig.of("salesforce", sf.settings(), settings));
      builder.deadline(appConfig.getDuration("handoff.deadline"))
          .sourceDeadline(appConfig.getDuration("handoff.sourceDeadline"))
          .callBudget(appConfig.getInt("handoff.callBudget"))
          .configure(settings);
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      throw new ConfigException(config.getFileName() + ": " + e.getMessage());
    }
    if (storeAt == null) {
      throw new ConfigException("the batch skips deals already briefed by reading a brief store: give --store FILE"
          + " or handoff.store");
    }
    try (JdbcBriefStore briefs = Stores.open(storeAt, terminal)) {
      return run(builder, salesforce, briefs, briefKind, first, last);
    }
  }

  /** Reads the range, briefs it, prints the summary; the exit code per {@link HandoffSamples}. */
  int run(Handoff.Builder builder, SalesforceConfig salesforce, JdbcBriefStore briefs, BriefKind briefKind,
      LocalDate first, LocalDate last) {
    terminal.err().println("Brief store: " + TerminalText.safe(String.valueOf(briefs)));
    Duration perBrief = briefDeadline();
    var calls = new CallCounts();
    builder.deadline(perBrief).sourceDeadline(perBrief).listener(calls);
    // One Handoff for the whole run: one connector, so one set of rate limiters, per system for every brief.
    try (Handoff handoff = builder.store(briefs).build(); ClosedWonRange range = ClosedWonRange.create(salesforce)) {
      ClosedWonRange.Closes closes = range.read(first, last);
      terminal.out().println("Closed-Won " + first + " to " + last + ": " + closes.fired().size() + " deals"
          + (closes.more() ? " (more than the page limit; the rest are not in this run)" : "")
          + "; briefing " + concurrency + " at a time");
      BriefBatch.Summary summary = BriefBatch.builder(handoff, briefs).kind(briefKind).concurrency(concurrency)
          .listener(TerminalProgress.batch(terminal.out(), terminal.interactive())).build().run(closes.fired());
      summary.render().lines().map(TerminalText::safe).forEach(terminal.out()::println);
      int briefsMade = summary.count(BriefBatch.Result.BUILT) + summary.count(BriefBatch.Result.FAILED);
      if (briefsMade > 0) {
        terminal.out().println("  API calls:   " + calls.render(briefsMade));
      }
      return exitCode(summary);
    }
  }

  private Duration briefDeadline() {
    try {
      Duration d = ConnectorConfig.parseDuration(deadline);
      if (d.isZero()) {
        throw new IllegalArgumentException("zero");
      }
      return d;
    } catch (RuntimeException e) {
      throw new ParameterException(spec.commandLine(), "--deadline must be a positive duration such as 10m or PT10M,"
          + " not '" + deadline + "'");
    }
  }

  /** API calls per system over the run (every attempt), so a user sees what the batch cost each vendor. */
  static final class CallCounts implements HandoffListener {
    private final Map<String, AtomicInteger> bySystem = new ConcurrentHashMap<>();

    @Override
    public void apiCall(ApiCall call) {
      bySystem.computeIfAbsent(call.system(), s -> new AtomicInteger()).incrementAndGet();
    }

    /** Each system's count and its count a brief, e.g. {@code slack 212 (4.2 a brief)}. */
    String render(int briefs) {
      return new TreeMap<>(bySystem).entrySet().stream()
          .map(e -> String.format(Locale.ROOT, "%s %d (%.1f a brief)", TerminalText.safe(e.getKey()),
              e.getValue().get(), e.getValue().get() / (double) briefs))
          .collect(Collectors.joining(", "));
    }
  }

  /**
   * {@link HandoffSamples#EXIT_SOURCE} when a brief is partial, a deal failed for a system's reason
   * or was not started; {@link HandoffSamples#EXIT_DEAL} when the only failures are deals that
   * cannot be briefed; else {@link HandoffSamples#EXIT_OK}.
   */
  static int exitCode(BriefBatch.Summary summary) {
    var failed = summary.with(BriefBatch.Result.FAILED);
    boolean systems = summary.partial() > 0 || summary.count(BriefBatch.Result.NOT_STARTED) > 0
        || failed.stream().anyMatch(o -> !o.failureKind().equals("not_found") && !o.failureKind().equals("invalid_request"));
    if (systems) {
      return HandoffSamples.EXIT_SOURCE;
    }
    return failed.isEmpty() ? HandoffSamples.EXIT_OK : HandoffSamples.EXIT_DEAL;
  }
}
