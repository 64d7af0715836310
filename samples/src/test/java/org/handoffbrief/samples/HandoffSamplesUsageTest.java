package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.model.SourceFailure;
import org.handoffbrief.model.SourceReport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Issue 8 (Low): help on every command, help text printed as written, and the exit code of a brief. */
class HandoffSamplesUsageTest {

  @ParameterizedTest
  @ValueSource(strings = {"demo", "brief", "config-reference"})
  void helpOnASubcommandExitsZeroOnStdout(String command) {
    Run run = Run.of(command, "--help");

    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("Usage:") && run.out().contains(command), run::toString);
    assertEquals("", run.err(), run::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "brief", "config-reference"})
  void helpNamesItsOwnOptionsAsWrittenNeverAsPicocliVariables(String command) {
    for (String help : List.of("-h", "--help")) {
      Run run = Run.of(command, help);

      assertEquals(0, run.exitCode(), run::toString);
      assertTrue(run.out().contains("-h, --help") && run.out().contains("-V, --version"), run::toString);
      assertFalse(run.out().contains("${picocli."), run::toString);
    }
  }

  @Test
  void versionIsPrintedWithShortAndLongOption() {
    for (String version : List.of("-V", "--version")) {
      Run run = Run.of(version);

      assertEquals(0, run.exitCode(), run::toString);
      assertTrue(run.out().startsWith("handoff-samples "), run::toString);
    }
  }

  @Test
  void briefHelpShowsTheEnvPlaceholderAsWrittenNotAVariablesValue() {
    Run run = Run.of(Map.of("NAME", "value-of-name"), "brief", "--help");

    assertTrue(run.out().contains("${env:NAME}"), run::toString);
    assertFalse(run.out().contains("value-of-name"), run::toString);
  }

  @Test
  void noCommandInterpolatesVariablesInItsHelp() {
    CommandLine cli = HandoffSamples.commandLine(Terminal.system(), false);

    assertFalse(cli.getCommandSpec().interpolateVariables(), "handoff-samples");
    cli.getSubcommands().forEach((name, sub) ->
        assertFalse(sub.getCommandSpec().interpolateVariables(), name));
  }

  @Test
  void helpListsEveryExitCodeAndSaysWhatPartialGives() {
    Run run = Run.of("--help");

    for (String code : List.of("  0  ", "  1  ", "  2  ", "  3  ", "  4  ")) {
      assertTrue(run.out().contains(code), () -> code + " missing from\n" + run.out());
    }
    assertTrue(run.out().contains("read only in part"), run::toString);
  }

  @Test
  void aBriefWithEverySourceOkOrSkippedExitsZero() {
    assertEquals(0, HandoffSamples.exitCode(brief(ok("salesforce"), skipped("slack"))));
  }

  @Test
  void aBriefWithAFailedSourceExitsFour() {
    SourceReport failed = new SourceReport("zendesk", SourceReport.Status.FAILED,
        new SourceFailure("zendesk", SourceFailure.Kind.UNAVAILABLE, "Zendesk did not answer", true), 0, 3,
        Duration.ofMillis(10), Map.of(), List.of());

    assertEquals(4, HandoffSamples.exitCode(brief(ok("salesforce"), failed)));
  }

  @Test
  void aBriefWithAPartialSourceExitsFour() {
    SourceReport partial = new SourceReport("gmail", SourceReport.Status.PARTIAL, null, 5, 3, Duration.ofMillis(10),
        Map.of(), List.of("page 2 of alex's mailbox could not be read"));

    assertEquals(4, HandoffSamples.exitCode(brief(ok("salesforce"), partial)));
  }

  private static SourceReport ok(String system) {
    return new SourceReport(system, SourceReport.Status.OK, null, 1, 1, Duration.ofMillis(10), Map.of(), List.of());
  }

  private static SourceReport skipped(String system) {
    return new SourceReport(system, SourceReport.Status.SKIPPED, null, 0, 0, Duration.ZERO, Map.of(), List.of());
  }

  private static HandoffBrief brief(SourceReport... sources) {
    return new HandoffBrief(HandoffBrief.SCHEMA_VERSION, "006000000000001AAA", "Deal", "001000000000001AAA",
        "Account", Instant.parse("2025-03-30T14:05:09Z"), new EnumMap<SectionId, Section>(SectionId.class),
        List.of(sources));
  }
}
