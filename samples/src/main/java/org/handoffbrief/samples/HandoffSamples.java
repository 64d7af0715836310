package org.handoffbrief.samples;

import java.io.PrintStream;
import java.util.Arrays;
import org.handoffbrief.DealNotFoundException;
import org.handoffbrief.HandoffException;
import org.handoffbrief.InvalidRequestException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The sample app: {@code demo} makes a cited brief from an embedded copy of a demo company's
 * Salesforce; {@code brief} makes one from real systems named in a config file;
 * {@code config-reference} lists the config keys.
 *
 * <p>Exit codes: {@value #EXIT_OK} done; {@value #EXIT_USAGE} bad usage or configuration;
 * {@value #EXIT_DEAL} the deal cannot be briefed (invalid id, not found, not Closed Won);
 * {@value #EXIT_SOURCE} a source failed (authentication, limits, outage); {@value #EXIT_BUG}
 * anything else. Errors are one sentence on stderr; {@code --verbose} adds the stack trace.
 */
@Command(name = "handoff-samples", mixinStandardHelpOptions = true,
    versionProvider = HandoffSamples.Version.class,
    description = "Makes a cited handoff brief for a Closed Won Salesforce opportunity.",
    footerHeading = "%nExit codes:%n",
    footer = {"  0  the brief was written", "  2  bad usage or configuration",
        "  3  the deal cannot be briefed: invalid id, not found, not Closed Won",
        "  4  a source failed: authentication, API limit, outage", "  1  an unexpected error (run with --verbose)"})
public final class HandoffSamples implements Runnable {

  /** The brief was written. */
  public static final int EXIT_OK = 0;
  /** An unexpected failure: a bug or an I/O error. */
  public static final int EXIT_BUG = 1;
  /** Bad usage or configuration. */
  public static final int EXIT_USAGE = 2;
  /** The deal cannot be briefed: an invalid id, an unknown opportunity, one not Closed Won. */
  public static final int EXIT_DEAL = 3;
  /** A source failed: authentication, an API limit, an outage, a deadline. */
  public static final int EXIT_SOURCE = 4;

  @Spec
  CommandSpec spec;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces and library logs.")
  boolean verbose;

  private HandoffSamples() {}

  /** Runs the app and exits with its exit code. */
  public static void main(String[] args) {
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
      // simplelogger.properties keeps library and server logs at WARN so progress stays readable.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
    CommandLine cli = new CommandLine(new HandoffSamples())
        .addSubcommand(new DemoCommand(terminal))
        .addSubcommand(new BriefCommand(terminal))
        .addSubcommand(new ConfigReferenceCommand(terminal))
        .setOut(new java.io.PrintWriter(terminal.out(), true))
        .setErr(new java.io.PrintWriter(terminal.err(), true))
        .setExecutionExceptionHandler((e, cmd, parsed) -> fail(terminal.err(), e, verbose));
    return cli.execute(args);
  }

  @Override
  public void run() {
    // No subcommand: show what there is to run.
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: demo, brief or config-reference");
  }

  private static int fail(PrintStream err, Exception e, boolean verbose) {
    int code = exitCode(e);
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    err.println("error: " + (code == EXIT_BUG ? "unexpected " + e.getClass().getSimpleName() + ": " : "") + message);
    if (verbose) {
      e.printStackTrace(err);
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

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = HandoffSamples.class.getPackage().getImplementationVersion();
      return new String[] {"handoff-samples " + (v != null ? v : "(development build)")};
    }
  }
}
