package org.handoffbrief.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.handoffbrief.observe.ApiCall;

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

  /**
   * A context that counts calls against {@code callBudget} and hands each one to {@code calls}:
   * what the library gives every source of a brief, and what work outside a brief (a write-back, a
   * trigger's poll) passes to a connector's calls.
   *
   * @param calls receives every call reported; it must not throw
   */
  static SourceContext counting(String system, Instant deadline, int callBudget, Clock clock,
      Consumer<ApiCall> calls) {
    Objects.requireNonNull(system, "system == null");
    Objects.requireNonNull(deadline, "deadline == null");
    Objects.requireNonNull(clock, "clock == null");
    Objects.requireNonNull(calls, "calls == null");
    var count = new AtomicInteger();
    return new SourceContext() {
      @Override
      public String system() {
        return system;
      }

      @Override
      public Instant deadline() {
        return deadline;
      }

      @Override
      public Duration remaining() {
        Duration d = Duration.between(clock.instant(), deadline);
        return d.isNegative() ? Duration.ZERO : d;
      }

      @Override
      public int callBudget() {
        return callBudget;
      }

      @Override
      public int calls() {
        return count.get();
      }

      @Override
      public void recordCall(String operation, Duration elapsed, String outcome) {
        Objects.requireNonNull(operation, "operation == null");
        count.incrementAndGet();
        calls.accept(new ApiCall(system, operation, elapsed, outcome));
      }

      @Override
      public String toString() {
        return "SourceContext[" + system + ", " + count.get() + "/" + callBudget + " calls]";
      }
    };
  }
}
