package org.handoffbrief.retrieval;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.handoffbrief.observe.ApiCall;
import org.handoffbrief.observe.HandoffListener;
import org.handoffbrief.spi.SourceContext;

/** The {@link SourceContext} a source reads under: counts calls and passes them to the listener. */
final class TrackingSourceContext implements SourceContext {
  private final String system;
  private final Instant deadline;
  private final int callBudget;
  private final Clock clock;
  private final HandoffListener listener;
  private final AtomicInteger calls = new AtomicInteger();

  TrackingSourceContext(String system, Instant deadline, int callBudget, Clock clock, HandoffListener listener) {
    this.system = system;
    this.deadline = deadline;
    this.callBudget = callBudget;
    this.clock = clock;
    this.listener = listener;
  }

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
    return calls.get();
  }

  @Override
  public void recordCall(String operation, Duration elapsed, String outcome) {
    Objects.requireNonNull(operation, "operation == null");
    calls.incrementAndGet();
    Listeners.safely(listener, l -> l.apiCall(new ApiCall(system, operation, elapsed, outcome)));
  }
}
