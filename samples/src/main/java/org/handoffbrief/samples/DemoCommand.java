package org.handoffbrief.samples;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.store.StoredBrief;
import org.handoffbrief.store.jdbc.JdbcBriefStore;
import org.handoffbrief.writeback.salesforce.SalesforceWriteback;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code demo}: the real Salesforce connector and the real {@link org.handoffbrief.Handoff}
 * against the demo company's org, served on loopback by {@link DemoSalesforce}; the brief stored
 * in an H2 file; its write-back planned, confirmed and written to the demo org.
 */
@Command(versionProvider = HandoffSamples.Version.class, name = "demo", sortOptions = false,
    description = {
        "Makes the brief for the demo deal (Meridian Health, Closed Won 2026-03-27) with the real Salesforce "
            + "connector, talking SOAP to an embedded server on 127.0.0.1 that holds the demo company's org.",
        "Writes brief.json, brief.md and brief.html into .handoff/demo/ (or --out), stores the brief (a new "
            + "version only when it changed), then shows the Salesforce writes it causes and asks before making "
            + "them in the demo org.",
        "A second run writes nothing new. --kind 30-day shows the demo company 30 days after close and what "
            + "changed since the handoff brief."})
final class DemoCommand implements Callable<Integer> {

  private static final String DEFAULT_STORE = ".handoff/demo";

  private final Terminal terminal;

  @Spec
  CommandSpec spec;

  @Mixin
  HelpOptions helpOptions;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write the brief files (default: a "
      + "folder named as the store, .handoff/demo/, never the current directory).")
  Path out;

  @Option(names = "--kind", paramLabel = "KIND", description = "handoff (default), kickoff, 30-day or qbr. Kinds after "
      + "handoff run against the demo company as it is 30 days after close.")
  String kind = BriefKind.HANDOFF.wireId();

  @Option(names = "--store", paramLabel = "FILE", description = "The brief store: an H2 database file, made when missing "
      + "(default: .handoff/demo, i.e. .handoff/demo.mv.db), or a jdbc: URL.")
  String store = DEFAULT_STORE;

  @Option(names = "--yes", description = "Make the Salesforce writes without asking.")
  boolean yes;

  @Option(names = "--dry-run", description = "Only show the Salesforce writes the brief would cause.")
  boolean dryRun;

  DemoCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    BriefKind briefKind = kind(spec, kind);
    if (yes && dryRun) {
      throw new ParameterException(spec.commandLine(), "--yes and --dry-run contradict each other; give one");
    }
    DemoMoment moment = briefKind == BriefKind.HANDOFF ? DemoMoment.AT_CLOSE : DemoMoment.THIRTY_DAYS_LATER;
    // The same calls a host makes: configs, connectors from them, a Handoff around them, a store.
    try (JdbcBriefStore briefs = Stores.open(store, terminal);
        DemoSystems demo = DemoSystems.start(terminal.err(), moment, orgState(store), slackState(store))) {
      return run(demo, briefs, briefKind);
    }
  }

  /**
   * The demo once its systems and store are open: brief, store, write-back. Package-private so a
   * test can start the systems itself and make one misbehave (a write the org refuses mid-run).
   */
  int run(DemoSystems demo, JdbcBriefStore briefs, BriefKind briefKind) {
    terminal.err().println("Brief store: " + TerminalText.safe(String.valueOf(briefs)));
    HandoffBrief brief = BriefRun.run(terminal, demo.builder().store(briefs), DealRef.of(DemoSalesforce.OPPORTUNITY_ID),
        briefKind, outDir());
    StoredBrief stored = briefs.latest(brief.opportunityId(), briefKind).orElse(null);
    if (stored == null) {
      terminal.err().println("error: the brief was not stored, so nothing is written back");
      return HandoffSamples.EXIT_WRITE;
    }
    terminal.out().println("Stored as " + TerminalText.safe(stored.briefId()));
    // The AE confirms in Slack before customer success sees the brief; the CRM writes wait for it.
    HandoffBrief reviewed = SlackReviewStep.run(terminal, demo.slack, briefs, BriefReview.builder(briefs).build(),
        stored);
    // The files the CSM reads show the review's outcome, as the post in #cs-handoffs does.
    BriefRun.write(reviewed, outDir());
    int written;
    try (SalesforceWriteback writeback = demo.writeback(briefs)) {
      written = WriteBackStep.run(terminal, writeback, briefs, stored, mode(yes, dryRun));
    }
    return Math.max(HandoffSamples.exitCode(brief), written);
  }

  /**
   * Where the brief files go: {@code --out}, or a folder named after the store file, beside the
   * org's and Slack's state, so that deleting {@code .handoff/} starts everything over.
   */
  Path outDir() {
    return out != null ? out : Path.of(store.startsWith("jdbc:") ? DEFAULT_STORE : store);
  }

  /**
   * Where the demo org keeps its records between runs: beside an H2 store file, so a second run
   * meets what the first wrote (as a real org would) and a fresh store means a fresh org.
   */
  static Path orgState(String store) {
    return store.startsWith("jdbc:") ? null : Path.of(store + "-org.json").toAbsolutePath();
  }

  /** Where the demo Slack workspace keeps its posts between runs, beside the org's state. */
  static Path slackState(String store) {
    return store.startsWith("jdbc:") ? null : Path.of(store + "-slack.json").toAbsolutePath();
  }

  static BriefKind kind(CommandSpec spec, String text) {
    try {
      return BriefKind.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--kind: " + e.getMessage());
    }
  }

  static WriteBackStep.Mode mode(boolean yes, boolean dryRun) {
    return dryRun ? WriteBackStep.Mode.DRY_RUN : yes ? WriteBackStep.Mode.YES : WriteBackStep.Mode.ASK;
  }
}
