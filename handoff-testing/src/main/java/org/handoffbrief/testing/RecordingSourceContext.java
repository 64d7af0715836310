package org.handoffbrief.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.handoffbrief.spi.SourceContext;

/**
 * A {@link SourceContext} for tests: it remembers every call a connector reports, in order, so a
 * test can assert what was called and how it went. Its deadline is always a minute away, so only
 * the call budget stops a connector.
 *
 * <pre>{@code
 * var context = new RecordingSourceContext();
 * connector.fetch(deal, context);
 * assertEquals(List.of("GET /api/v2/search ok"), context.operations());
 * }</pre>
 *
 * <p>Thread-safe, as the SPI asks: a connector may report from several threads.
 */
public final class RecordingSourceContext implements SourceContext {
  /** The budget when none is given: roomy enough that no ordinary test reaches it. */
  public static final int DEFAULT_CALL_BUDGET = 200;

  private static final Duration TIME_LEFT = Duration.ofSeconds(60);

  private final String system;
  private final int callBudget;
  private final List<String> operations = new CopyOnWriteArrayList<>();

  /** A context named {@code test} with {@link #DEFAULT_CALL_BUDGET}. */
  public RecordingSourceContext() {
    this(DEFAULT_CALL_BUDGET);
  }

  /** A context named {@code test} that allows {@code callBudget} calls. */
  public RecordingSourceContext(int callBudget) {
    this("test", callBudget);
  }

  /** A context for {@code system} that allows {@code callBudget} calls. */
  public RecordingSourceContext(String system, int callBudget) {
    this.system = Objects.requireNonNull(system, "system == null");
    if (callBudget < 0) {
      throw new IllegalArgumentException("callBudget < 0: " + callBudget);
    }
    this.callBudget = callBudget;
  }

  @Override
  public String system() {
    return system;
  }

  @Override
  public Instant deadline() {
    return Instant.now().plus(TIME_LEFT);
  }

  @Override
  public Duration remaining() {
    return TIME_LEFT;
  }

  @Override
  public int callBudget() {
    return callBudget;
  }

  @Override
  public int calls() {
    return operations.size();
  }

  @Override
  public void recordCall(String operation, Duration elapsed, String outcome) {
    Objects.requireNonNull(operation, "operation == null");
    operations.add(operation + " " + outcome);
  }

  /**
   * Every call reported so far, oldest first, each as {@code "<operation> <outcome>"}, e.g.
   * {@code "POST /v2/calls/extensive rate_limited"}; a snapshot, not a live view.
   */
  public List<String> operations() {
    return List.copyOf(operations);
  }

  @Override
  public String toString() {
    return "RecordingSourceContext[" + system + ", " + calls() + "/" + callBudget + " calls]";
  }
}
