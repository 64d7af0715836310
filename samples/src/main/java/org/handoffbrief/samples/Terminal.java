package org.handoffbrief.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where the app writes, where it reads environment variables from, and whether a person is there
 * to answer a question. The real app uses the process's own; tests pass their own streams, a map
 * and scripted answers, so no test depends on the machine's environment.
 *
 * @param out results a script may capture (the paths of the brief files, what was written)
 * @param err progress and errors, for a person or a CI log
 * @param env environment lookup; returns null for an unset variable
 * @param answers the next line a person types, or null when nobody can answer (no console, input
 *     closed): the app then never waits and does only what needs no confirmation
 */
public record Terminal(PrintStream out, PrintStream err, Function<String, String> env, Supplier<String> answers) {

  public Terminal {
    Objects.requireNonNull(out, "out == null");
    Objects.requireNonNull(err, "err == null");
    Objects.requireNonNull(env, "env == null");
  }

  /** A terminal nobody answers: questions are never asked. */
  public Terminal(PrintStream out, PrintStream err, Function<String, String> env) {
    this(out, err, env, null);
  }

  /** The process's own streams and environment; questions are asked only on an interactive console. */
  public static Terminal system() {
    if (System.console() == null) {
      return new Terminal(System.out, System.err, System::getenv);
    }
    var in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
    return new Terminal(System.out, System.err, System::getenv, () -> {
      try {
        return in.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /**
   * Asks a yes/no question on {@link #err}; true only for an answer starting with y. False
   * without asking when nobody can answer.
   */
  public boolean confirm(String question) {
    if (answers == null) {
      return false;
    }
    err.print(question + " [y/N] ");
    err.flush();
    String answer = answers.get();
    return answer != null && answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y");
  }

  /** Whether {@link #confirm} can ask anyone. */
  public boolean interactive() {
    return answers != null;
  }
}
