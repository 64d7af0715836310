package org.handoffbrief.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.store.BriefStore;
import org.junit.jupiter.api.Test;

/** A firing passes the gate once per key, whoever receives it and however often. */
class TriggerGateTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-27T18:00:00Z"), ZoneOffset.UTC);
  private static final Instant AT = CLOCK.instant();

  private static Fired fired(DealRef.Trigger trigger, String key) {
    return new Fired(new DealRef("006000000000001AAA", trigger, AT, false), key, "test firing");
  }

  @Test
  void theSameKeyPassesOnceAndAnotherKeyPassesToo() {
    var gate = new TriggerGate(BriefStore.inMemory(CLOCK), CLOCK);

    assertTrue(gate.admit(fired(DealRef.Trigger.OUTBOUND_MESSAGE, "04l000000000001")));
    assertFalse(gate.admit(fired(DealRef.Trigger.OUTBOUND_MESSAGE, "04l000000000001")));
    assertTrue(gate.admit(fired(DealRef.Trigger.OUTBOUND_MESSAGE, "04l000000000002")));
  }

  @Test
  void keysAreScopedByTriggerKind() {
    var gate = new TriggerGate(BriefStore.inMemory(CLOCK), CLOCK);

    assertTrue(gate.admit(fired(DealRef.Trigger.ORDER_SIGNED, "A-1001")));
    assertTrue(gate.admit(fired(DealRef.Trigger.CHANGE_EVENT, "A-1001")));
  }

  @Test
  void aListKeepsOnlyTheFiringsThisCallerIsFirstToPassInOrder() {
    var gate = new TriggerGate(BriefStore.inMemory(CLOCK), CLOCK);
    gate.admit(fired(DealRef.Trigger.BATCH, "b"));

    List<Fired> passed = gate.admit(List.of(fired(DealRef.Trigger.BATCH, "a"), fired(DealRef.Trigger.BATCH, "b"),
        fired(DealRef.Trigger.BATCH, "c"), fired(DealRef.Trigger.BATCH, "a")));

    assertEquals(List.of("a", "c"), passed.stream().map(Fired::dedupeKey).toList());
  }

  /** Issue 11: two workers given the same event make one brief. */
  @Test
  void eightWorkersGivenTheSameEventLetItThroughOnce() throws Exception {
    var gate = new TriggerGate(BriefStore.inMemory(CLOCK), CLOCK);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      var tasks = new ArrayList<Callable<Boolean>>();
      for (int i = 0; i < 8; i++) {
        tasks.add(() -> gate.admit(fired(DealRef.Trigger.OUTBOUND_MESSAGE, "04l000000000009")));
      }
      int passed = 0;
      for (Future<Boolean> f : pool.invokeAll(tasks)) {
        passed += f.get() ? 1 : 0;
      }
      assertEquals(1, passed);
    } finally {
      pool.shutdownNow();
    }
  }
}
