package org.handoffbrief.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.store.BriefStore;
import org.junit.jupiter.api.Test;

class OrderSignedTest {
  private static final Instant SIGNED = Instant.parse("2026-03-27T18:02:00Z");

  @Test
  void aSignedOrderFiresAnOrderSignedTriggerKeyedOnTheOrderIdThatMayPrecedeTheClose() {
    Fired fired = new OrderSigned("0068c00000MeRdHAAV", " ORD-1042 ", SIGNED).fired();

    assertEquals(DealRef.Trigger.ORDER_SIGNED, fired.ref().trigger());
    assertEquals("0068c00000MeRdHAAV", fired.ref().opportunityId());
    assertEquals(SIGNED, fired.ref().firedAt());
    assertTrue(fired.ref().allowPreClose(), "a signed order is the close for deals that skip the stages");
    assertEquals("ORD-1042", fired.dedupeKey());
    assertEquals("order ORD-1042 signed at 2026-03-27T18:02:00Z", fired.reason());
  }

  @Test
  void theSameOrderDeliveredTwiceIsLetThroughTheGateOnce() {
    var gate = new TriggerGate(BriefStore.inMemory(), Clock.fixed(SIGNED, ZoneOffset.UTC));
    var order = new OrderSigned("0068c00000MeRdHAAV", "ORD-1042", SIGNED);

    assertTrue(gate.admit(order.fired()));
    assertFalse(gate.admit(order.fired()));
    assertTrue(gate.admit(new OrderSigned("0068c00000MeRdHAAV", "ORD-1043", SIGNED).fired()));
  }

  @Test
  void anOrderWithoutAnIdOrWithAnAbsurdlyLongOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new OrderSigned("0068c00000MeRdHAAV", " ", SIGNED));
    assertThrows(IllegalArgumentException.class,
        () -> new OrderSigned("0068c00000MeRdHAAV", "x".repeat(256), SIGNED));
    assertThrows(IllegalArgumentException.class, () -> new OrderSigned("", "ORD-1", SIGNED));
  }
}
