package org.handoffbrief;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.handoffbrief.model.BriefChanges;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.observe.HandoffListener;
import org.handoffbrief.quality.QualityHistory;
import org.handoffbrief.quality.ReviewPolicy;
import org.handoffbrief.render.JsonBriefRenderer;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.StoredBrief;
import org.junit.jupiter.api.Test;

/** Handoff with a brief store: versions, what changed since the last brief, gate history, a failing store. */
class HandoffStoreTest {

  private final Fakes.SettableClock clock = new Fakes.SettableClock(Fakes.T0);
  private final BriefStore store = BriefStore.inMemory(clock);
  /** The help desk: ticket id to its evidence as the desk shows it now. */
  private final Map<String, Evidence> tickets = new ConcurrentHashMap<>();

  HandoffStoreTest() {
    ticket("812", "2025-03-20T09:00:00Z", "Nightly export fails", "open");
  }

  /** Issue 9: a first brief has no changes and is version 1; the same deal again is version 1 with no changes. */
  @Test
  void aFirstBriefHasNoChangesAndTheSameDealAgainIsStillVersionOneWithNoChanges() {
    try (Handoff handoff = handoff(store).build()) {
      HandoffBrief first = handoff.brief(DealRef.of(Fakes.OPPORTUNITY_ID));
      assertEquals(BriefKind.HANDOFF, first.kind());
      assertNull(first.changes());
      assertEquals(1, store.history(Fakes.OPPORTUNITY_ID).size());
      assertEquals(1, store.latest(Fakes.OPPORTUNITY_ID, BriefKind.HANDOFF).orElseThrow().version());

      clock.advance(Duration.ofHours(1));
      HandoffBrief again = handoff.brief(DealRef.of(Fakes.OPPORTUNITY_ID));
      assertNotNull(again.changes());
      assertTrue(again.changes().isEmpty(), again.changes().toString());
      assertEquals(StoredBrief.briefId(Fakes.OPPORTUNITY_ID, BriefKind.HANDOFF, 1), again.changes().since().briefId());
      assertEquals(1, store.history(Fakes.OPPORTUNITY_ID).size());
    }
  }

  /** Issue 9: a 30-day brief reports a new and a resolved risk, with citations, after the sources changed. */
  @Test
  void aThirtyDayBriefAfterTheSourcesChangedReportsANewAndAResolvedRiskWithCitations() {
    try (Handoff handoff = handoff(store).build()) {
      handoff.brief(DealRef.of(Fakes.OPPORTUNITY_ID));

      clock.advance(Duration.ofDays(30));
      ticket("812", "2025-03-20T09:00:00Z", "Nightly export fails", "solved");
      ticket("901", "2025-04-10T09:00:00Z", "SSO login loops", "open");
      HandoffBrief later = handoff.brief(DealRef.of(Fakes.OPPORTUNITY_ID), BriefKind.THIRTY_DAY);

      assertEquals(BriefKind.THIRTY_DAY, later.kind());
      BriefChanges changes = later.changes();
      assertEquals(BriefKind.HANDOFF, changes.since().kind());
      BriefChanges.Item added = item(changes, BriefChanges.Category.RISK, BriefChanges.Change.NEW);
      assertTrue(added.citations().stream().anyMatch(c -> c.evidenceId().equals(ticketId("901"))
          && c.quote().equals("SSO login loops")), added.toString());
      BriefChanges.Item resolved = item(changes, BriefChanges.Category.RISK, BriefChanges.Change.RESOLVED);
      assertEquals(List.of("Nightly export fails", "open", "solved"),
          resolved.citations().stream().map(Citation::quote).toList());
      BriefChanges.Item closed = item(changes, BriefChanges.Category.OPEN_THREAD, BriefChanges.Change.CLOSED);
      assertTrue(closed.citations().stream().anyMatch(c -> c.quote().equals("solved")), closed.toString());

      StoredBrief stored = store.latest(Fakes.OPPORTUNITY_ID).orElseThrow();
      assertEquals(BriefKind.THIRTY_DAY, stored.kind());
      assertEquals(1, stored.version());
      // The brief returned is the brief stored (durations are kept to the millisecond, so compare the JSON).
      assertEquals(JsonBriefRenderer.create().render(later), stored.json());
    }
  }

  @Test
  void aHandoffBriefReadsOnlyTheSalesCycleSoATicketOpenedAfterCloseIsNotInIt() {
    ticket("901", "2025-04-10T09:00:00Z", "SSO login loops", "open");
    clock.advance(Duration.ofDays(30));
    try (Handoff handoff = handoff(store).build()) {
      HandoffBrief brief = handoff.brief(DealRef.of(Fakes.OPPORTUNITY_ID));
      assertFalse(brief.claims().stream().flatMap(c -> c.citations().stream())
          .anyMatch(c -> c.evidenceId().equals(ticketId("901"))));
    }
  }

  @Test
  void withoutAStoreABriefCarriesItsKindAndNoChanges() {
    try (Handoff handoff = handoff(null).build()) {
      HandoffBrief brief = handoff.brief(DealRef.of(Fakes.OPPORTUNITY_ID), BriefKind.KICKOFF);
      assertEquals(BriefKind.KICKOFF, brief.kind());
      assertNull(brief.changes());
    }
  }

  @Test
  void aStoreThatFailsToSaveLosesNoBriefAndTheListenerIsTold() {
    var told = new CopyOnWriteArrayList<RuntimeException>();
    var saves = new AtomicInteger();
    BriefStore failing = failingOnSave(store, saves);
    HandoffListener listener = new HandoffListener() {
      @Override
      public void briefNotStored(HandoffBrief brief, RuntimeException error) {
        told.add(error);
      }
    };
    try (Handoff handoff = handoff(failing).listener(listener).build()) {
      HandoffBrief brief = handoff.brief(DealRef.of(Fakes.OPPORTUNITY_ID));
      assertEquals(Fakes.OPPORTUNITY_ID, brief.opportunityId());
      assertEquals(1, saves.get());
      assertEquals(1, told.size());
      assertEquals("disk full", told.get(0).getMessage());
      assertTrue(store.history(Fakes.OPPORTUNITY_ID).isEmpty());
    }
  }

  @Test
  void gateOutcomesAreRecordedInTheStoreUnlessThePolicyNamesItsOwnHistory() {
    var inStore = new AtomicInteger();
    try (Handoff handoff = handoff(recordingHistory(store, inStore)).build()) {
      handoff.brief(DealRef.of(Fakes.OPPORTUNITY_ID));
      handoff.brief(DealRef.of(Fakes.OPPORTUNITY_ID));
    }
    assertEquals(2, inStore.get());

    var inStoreAgain = new AtomicInteger();
    var own = new AtomicInteger();
    QualityHistory counting = (accountId, opportunityId, failed) -> own.incrementAndGet();
    try (Handoff handoff = handoff(recordingHistory(BriefStore.inMemory(clock), inStoreAgain))
        .review(ReviewPolicy.builder().history(counting).build()).build()) {
      handoff.brief(DealRef.of(Fakes.OPPORTUNITY_ID));
    }
    assertEquals(0, inStoreAgain.get());
    assertEquals(1, own.get());
  }

  @Test
  void aPolicyWithoutItsOwnHistoryKeepsTheDefaultAcrossToBuilder() {
    ReviewPolicy defaults = ReviewPolicy.ofDefaults();
    assertFalse(defaults.hasOwnHistory());
    assertFalse(defaults.toBuilder().build().hasOwnHistory());
    assertSame(defaults.history(), defaults.toBuilder().build().history());
    assertTrue(ReviewPolicy.builder().history(QualityHistory.inMemory()).build().toBuilder().build().hasOwnHistory());
  }

  // ---- the fakes

  private Handoff.Builder handoff(BriefStore store) {
    var b = Handoff.builder().resolver(Fakes.resolver()).connector(helpDesk()).clock(clock);
    return store == null ? b : b.store(store);
  }

  /** A help desk that, like a real ticket search, returns the tickets opened inside the deal's window. */
  private SourceConnector helpDesk() {
    return Fakes.connector("zendesk", (deal, ctx) -> SourceResult.of(tickets.values().stream()
        .filter(t -> deal.window().contains(t.timestamp().toInstant())).toList()));
  }

  private void ticket(String id, String opened, String subject, String status) {
    tickets.put(id, Evidence.builder("zendesk", "ticket", id).timestamp(OffsetDateTime.parse(opened))
        .attribute("ticketId", id).attribute("status", status)
        .text("Subject: " + subject + "\nStatus: " + status + "\n\nPlease help.").build());
  }

  private static String ticketId(String id) {
    return Evidence.idFor("zendesk", "ticket", id);
  }

  private static BriefChanges.Item item(BriefChanges changes, BriefChanges.Category category,
      BriefChanges.Change change) {
    return changes.items().stream().filter(i -> i.category() == category && i.change() == change).findFirst()
        .orElseThrow(() -> new AssertionError("no " + category + " " + change + " in " + changes.items()));
  }

  /** The store, with a gate history that counts what it is told. */
  private static BriefStore recordingHistory(BriefStore store, AtomicInteger recorded) {
    QualityHistory history = (accountId, opportunityId, failed) -> {
      recorded.incrementAndGet();
      return store.qualityHistory().record(accountId, opportunityId, failed);
    };
    return (BriefStore) Proxy.newProxyInstance(BriefStore.class.getClassLoader(), new Class<?>[] {BriefStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("qualityHistory")) {
            return history;
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** The store, except that saving fails as a full disk would. */
  private static BriefStore failingOnSave(BriefStore store, AtomicInteger saves) {
    return (BriefStore) Proxy.newProxyInstance(BriefStore.class.getClassLoader(), new Class<?>[] {BriefStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("save")) {
            saves.incrementAndGet();
            throw new IllegalStateException("disk full");
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
