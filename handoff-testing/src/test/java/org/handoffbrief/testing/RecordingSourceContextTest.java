package org.handoffbrief.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingSourceContextTest {

  @Test
  void remembersEachCallAsOperationAndOutcomeInOrder() {
    var context = new RecordingSourceContext();
    context.recordCall("GET /a", Duration.ofMillis(3), "ok");
    context.recordCall("GET /b", Duration.ofMillis(4), "rate_limited");

    assertEquals(List.of("GET /a ok", "GET /b rate_limited"), context.operations());
    assertEquals(2, context.calls());
  }

  @Test
  void isOutOfBudgetOnceItsCallsReachTheBudget() {
    var context = new RecordingSourceContext(1);
    assertFalse(context.budgetExhausted());

    context.recordCall("GET /a", Duration.ZERO, "ok");

    assertTrue(context.budgetExhausted());
  }

  @Test
  void hasADeadlineAMinuteAwaySoOnlyTheBudgetStopsAConnector() {
    var context = new RecordingSourceContext("zendesk", 5);

    assertEquals("zendesk", context.system());
    assertEquals(Duration.ofSeconds(60), context.remaining());
    assertTrue(context.deadline().isAfter(Instant.now().plusSeconds(30)));
  }

  @Test
  void handsOutASnapshotThatLaterCallsDoNotChange() {
    var context = new RecordingSourceContext();
    List<String> before = context.operations();

    context.recordCall("GET /a", Duration.ZERO, "ok");

    assertTrue(before.isEmpty());
  }

  @Test
  void refusesANegativeBudget() {
    assertThrows(IllegalArgumentException.class, () -> new RecordingSourceContext("test", -1));
  }
}
