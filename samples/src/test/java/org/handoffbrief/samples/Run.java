package org.handoffbrief.samples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** One in-process run of the app, with what it printed. */
record Run(int exitCode, String out, String err) {

  static Run of(Map<String, String> env, String... args) {
    return run(env, null, args);
  }

  static Run of(String... args) {
    return of(Map.of(), args);
  }

  /**
   * A run with a person at the terminal who types {@code answers}, one per question, in order;
   * a question beyond them reads end of input (null), as a closed console would.
   */
  static Run answering(List<String> answers, String... args) {
    var typed = new ArrayDeque<>(answers);
    return run(Map.of(), typed::poll, args);
  }

  private static Run run(Map<String, String> env, Supplier<String> answers, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code;
    try (var o = new PrintStream(out, true, StandardCharsets.UTF_8);
        var e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = HandoffSamples.run(new Terminal(o, e, env::get, answers), args);
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
