package org.handoffbrief.spi;

import java.time.Duration;
import java.time.Instant;

/**
 * What the library gives a connector while it reads: its deadline, its call budget, and a place
 * to report each API call (which feeds the brief's source report and the host's listener).
 * Implementations are thread-safe: a connector may report from several threads.
 */
public interface SourceContext {

  /** The system being read. */
  String system();

  /** When this source's time is up. Plan calls to finish before it; the library interrupts after. */
  Instant deadline();

  /** Time left before {@link #deadline()}, never negative. */
  Duration remaining();

  /** How many API calls this source may make for one brief. */
  int callBudget();

  /** Calls reported so far. */
  int calls();

  /** True when the next call would exceed the budget: stop reading and say so in a note. */
  default boolean budgetExhausted() {
    return calls() >= callBudget();
  }

  /**
   * Reports one API call.
   *
   * @param operation what was called, e.g. {@code query} or {@code GET /api/v2/tickets}
   * @param elapsed how long it took
   * @param outcome {@code ok} or a short reason, e.g. {@code 429}, {@code INVALID_SESSION_ID}
   */
  void recordCall(String operation, Duration elapsed, String outcome);
}
