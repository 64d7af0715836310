package org.handoffbrief.samples;

import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where the app writes and where it reads environment variables from. The real app uses the
 * process's own; tests pass their own streams and a map, so no test depends on the machine's
 * environment.
 *
 * @param out results a script may capture (the paths of the brief files)
 * @param err progress and errors, for a person or a CI log
 * @param env environment lookup; returns null for an unset variable
 */
public record Terminal(PrintStream out, PrintStream err, Function<String, String> env) {

  public Terminal {
    Objects.requireNonNull(out, "out == null");
    Objects.requireNonNull(err, "err == null");
    Objects.requireNonNull(env, "env == null");
  }

  /** The process's own streams and environment. */
  public static Terminal system() {
    return new Terminal(System.out, System.err, System::getenv);
  }
}
