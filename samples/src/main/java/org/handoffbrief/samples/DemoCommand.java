package org.handoffbrief.samples;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.HandoffBrief;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the real Salesforce connector and the real {@link org.handoffbrief.Handoff}
 * against the demo company's org, served on loopback by {@link DemoSalesforce}.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = HandoffSamples.Version.class, name = "demo", sortOptions = false,
    description = {
        "Makes the brief for the demo deal (Meridian Health, Closed Won 2026-03-27) with the real Salesforce "
            + "connector, talking SOAP to an embedded server on 127.0.0.1 that holds the demo company's org.",
        "Writes brief.json, brief.md and brief.html and prints their paths."})
final class DemoCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write the brief files (default: the current directory).")
  Path out = Path.of("");

  DemoCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    // The same calls a host makes: configs, connectors from them, a Handoff around them.
    HandoffBrief brief;
    try (DemoSystems demo = DemoSystems.start(terminal.err())) {
      brief = BriefRun.run(terminal, demo.builder(), DealRef.of(DemoSalesforce.OPPORTUNITY_ID), out);
    }
    return HandoffSamples.exitCode(brief);
  }
}
