package org.handoffbrief.samples;

import java.io.PrintStream;
import java.util.Arrays;
import org.handoffbrief.DealNotFoundException;
import org.handoffbrief.HandoffException;
import org.handoffbrief.InvalidRequestException;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.SourceReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The sample app: {@code demo} makes a cited brief from an embedded copy of a demo company's
 * Salesforce; {@code brief} makes one from real systems named in a config file;
 * {@code batch} briefs every Closed-Won deal of a date range ({@code --demo}: the demo week's 50);
 * {@code serve} runs the Camel routes (Salesforce outbound messages, Slack requests and clicks) on
 * a port over the demo systems; {@code audit} runs a citation spot-check over demo briefs;
 * {@code config-reference} lists the config keys.
 *
 * <p>Exit codes: {@value #EXIT_OK} done; {@value #EXIT_USAGE} bad usage or configuration;
 * {@value #EXIT_DEAL} the deal cannot be briefed (invalid id, not found, not Closed Won);
 * {@value #EXIT_SOURCE} a source failed or was read only in part (authentication, limits, outage):
 * when the deal itself resolved, the brief is still written and says what it lacks;
 * for {@code batch}, {@value #EXIT_SOURCE} also when a brief is partial, a deal failed for a system's
 * reason or was not started, and {@value #EXIT_DEAL} when the only failures are deals that cannot be briefed;
 * {@value #EXIT_WRITE} a Salesforce write-back write failed (a rerun completes it);
 * {@value #EXIT_BUG} anything else. Errors are one sentence on stderr; {@code --verbose} adds the
 * stack trace and the library's own debug logs (never a vendor SDK's, which log response bodies).
 * Everything echoed from input or a vendor passes {@link TerminalText#safe}.
 */
@Command(name = "handoff-samples",
    versionProvider = HandoffSamples.Version.class,
    description = "Makes a cited handoff brief for a Closed Won Salesforce opportunity.",
    footerHeading = "%nExit codes:%n",
    footer = {"  0  the brief was written", "  2  bad usage or configuration",
        "  3  the deal cannot be briefed: invalid id, not found, not Closed Won",
        "  4  a source failed or was read only in part (authentication, API limit, outage);",
        "     the brief is still written when the deal resolved, and names what it lacks",
        "  5  the brief was written but a Salesforce write failed or stopped; rerun to finish",
        "  1  an unexpected error (run with --verbose)"})
public final class HandoffSamples implements Runnable {

  /** The brief was written. */
  public static final int EXIT_OK = 0;
  /** An unexpected failure: a bug or an I/O error. */
  public static final int EXIT_BUG = 1;
  /** Bad usage or configuration. */
  public static final int EXIT_USAGE = 2;
  /** The deal cannot be briefed: an invalid id, an unknown opportunity, one not Closed Won. */
  public static final int EXIT_DEAL = 3;
  /**
   * A source failed or was read only in part: authentication, an API limit, an outage, a deadline.
   * The brief is written all the same when the deal resolved; a script that needs every source
   * checks for this code.
   */
  public static final int EXIT_SOURCE = 4;
  /**
   * The brief was made and stored, but a Salesforce write failed or a whole call stopped the
   * write-back; what was written is recorded and a rerun writes the rest, never twice.
   */
  public static final int EXIT_WRITE = 5;

  @Spec
  CommandSpec spec;

  @Mixin
  HelpOptions helpOptions;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces and library logs.")
  boolean verbose;

  private HandoffSamples() {}

  /** Runs the app and exits with its exit code. */
  public static void main(String[] args) {
    // Library and SDK logs reach stderr without passing TerminalText: keep their escapes inert too.
    System.setErr(new java.io.PrintStream(new TerminalText.ControlFilter(System.err), true));
    System.exit(run(Terminal.system(), args));
  }

  /**
   * Runs the app without exiting: what {@link #main} does, for tests and embedding.
   *
   * @return the exit code
   */
  public static int run(Terminal terminal, String... args) {
    boolean verbose = Arrays.asList(args).contains("--verbose");
    if (verbose) {
      // simplelogger.properties keeps every log at WARN so progress stays readable; --verbose opens
      // the library's own, never a vendor SDK's: at DEBUG the Slack SDK prints response bodies and
      // the demo servers' Jetty raw buffers, deal-desk and other customers' text among them.
      System.setProperty("org.slf4j.simpleLogger.log.org.handoffbrief", "debug");
    }
    return commandLine(terminal, verbose).execute(args);
  }

  /** The command line with its subcommands, streams and handlers; what {@link #run} executes. */
  static CommandLine commandLine(Terminal terminal, boolean verbose) {
    CommandLine cli = new CommandLine(new HandoffSamples())
        .addSubcommand(new DemoCommand(terminal))
        .addSubcommand(new BriefCommand(terminal))
        .addSubcommand(new BatchCommand(terminal))
        .addSubcommand(new ConfigReferenceCommand(terminal))
        .addSubcommand(new ServeCommand(terminal))
        .addSubcommand(new AuditCommand(terminal))
        .setOut(new java.io.PrintWriter(terminal.out(), true))
        .setErr(new java.io.PrintWriter(terminal.err(), true))
        .setParameterExceptionHandler(HandoffSamples::badUsage)
        .setExecutionExceptionHandler((e, cmd, parsed) -> fail(terminal.err(), e, verbose));
    // Our help text shows ${env:NAME} as an example; picocli would replace it with the variable's
    // value. Set after the subcommands are added: picocli applies it to those present only.
    cli.setInterpolateVariables(false);
    return cli;
  }

  /** Picocli's own handling of bad usage, with the message (which echoes arguments) made safe. */
  private static int badUsage(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    java.io.PrintWriter err = cmd.getErr();
    err.println(TerminalText.safe(e.getMessage()));
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
      cmd.usage(err, cmd.getColorScheme());
    }
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  @Override
  public void run() {
    // No subcommand: show what there is to run.
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: demo, brief, batch, serve, audit or config-reference");
  }

  private static int fail(PrintStream err, Exception e, boolean verbose) {
    int code = exitCode(e);
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    err.println("error: " + (code == EXIT_BUG ? "unexpected " + e.getClass().getSimpleName() + ": " : "")
        + TerminalText.safe(message));
    if (verbose) {
      var trace = new java.io.StringWriter();
      e.printStackTrace(new java.io.PrintWriter(trace));
      trace.toString().lines().map(TerminalText::safe).forEach(err::println);
    } else if (code == EXIT_BUG) {
      err.println("Run again with --verbose for the stack trace.");
    }
    return code;
  }

  static int exitCode(Exception e) {
    if (e instanceof ConfigException) {
      return EXIT_USAGE;
    }
    if (e instanceof InvalidRequestException || e instanceof DealNotFoundException) {
      return EXIT_DEAL;
    }
    if (e instanceof HandoffException) {
      return EXIT_SOURCE;
    }
    return EXIT_BUG;
  }

  /** The exit code of a brief that was made: {@link #EXIT_SOURCE} when any source failed or is partial. */
  static int exitCode(HandoffBrief brief) {
    boolean whole = brief.sources().stream()
        .allMatch(s -> s.status() == SourceReport.Status.OK || s.status() == SourceReport.Status.SKIPPED);
    return whole ? EXIT_OK : EXIT_SOURCE;
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = HandoffSamples.class.getPackage().getImplementationVersion();
      return new String[] {"handoff-samples " + (v != null ? v : "(development build)")};
    }
  }
}
