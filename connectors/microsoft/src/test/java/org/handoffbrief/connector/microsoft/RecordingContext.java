package org.handoffbrief.connector.microsoft;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.handoffbrief.spi.SourceContext;

/** A {@link SourceContext} that remembers every reported call. */
final class RecordingContext implements SourceContext {
  record Call(String operation, String outcome) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  private final int budget;

  RecordingContext(int budget) {
    this.budget = budget;
  }

  RecordingContext() {
    this(200);
  }

  @Override
  public String system() {
    return "outlook";
  }

  @Override
  public Instant deadline() {
    return Instant.now().plusSeconds(60);
  }

  @Override
  public Duration remaining() {
    return Duration.ofSeconds(60);
  }

  @Override
  public int callBudget() {
    return budget;
  }

  @Override
  public int calls() {
    return calls.size();
  }

  @Override
  public void recordCall(String operation, Duration elapsed, String outcome) {
    calls.add(new Call(operation, outcome));
  }

  List<String> operations() {
    return calls.stream().map(c -> c.operation() + " " + c.outcome()).toList();
  }
}
