package org.handoffbrief.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.handoffbrief.DealNotFoundException;
import org.handoffbrief.Fakes;
import org.handoffbrief.Handoff;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.Opportunity;
import org.handoffbrief.spi.ApiCalls;
import org.handoffbrief.spi.RateLimiter;
import org.handoffbrief.spi.Resolution;
import org.handoffbrief.spi.RetryPolicy;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.trigger.BriefBatch.Result;
import org.junit.jupiter.api.Test;

class BriefBatchTest {
  private static final Instant WON = Instant.parse("2025-03-28T18:00:00Z");

  private final BriefStore store = BriefStore.inMemory(Fakes.clock(() -> WON.plus(Duration.ofHours(1))));
  private final AtomicInteger resolved = new AtomicInteger();

  /** Issue 11: the batch honours its limits (at most N deals at once, on N threads). */
  @Test
  void neverBriefsMoreDealsAtOnceThanItsConcurrency() {
    var inFlight = new AtomicInteger();
    var maxInFlight = new AtomicInteger();
    var threads = ConcurrentHashMap.<String>newKeySet();
    // The first three deals wait for each other, so the bound is reached, not just never passed.
    var firstWave = new CountDownLatch(3);
    try (Handoff handoff = handoff((ref, ctx) -> {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      firstWave.countDown();
      await(firstWave);
      inFlight.decrementAndGet();
      return resolution(ref);
    })) {
      var onThreads = new BriefBatch.Listener() {
        @Override
        public void started(Fired fired, BriefBatch.Progress progress) {
          threads.add(Thread.currentThread().getName());
        }
      };
      var summary = BriefBatch.builder(handoff, store).concurrency(3).listener(onThreads).build().run(deals(12));

      assertEquals(12, summary.count(Result.BUILT));
      assertEquals(3, maxInFlight.get());
      assertEquals(Set.of("handoff-batch-1", "handoff-batch-2", "handoff-batch-3"), threads,
          "deals were taken up by the batch's three threads only");
      assertEquals(3, summary.concurrency());
    }
  }

  /**
   * Issue 11: the batch honours per-system rate limits across all its briefs. The vendor counts the
   * calls of each second (by the moment the limiter let them go) and would answer 429 above five;
   * one connector, so one limiter, paces all twelve briefs and earns none, where a limiter per
   * brief would have earned many.
   */
  @Test
  void oneLimiterPerSystemKeepsEveryBriefOfTheRunUnderTheVendorsLimit() {
    var shared = new FakeVendor(5);
    RateLimiter limiter = RateLimiter.perSecond(5, shared.clock, shared.sleeper);
    try (Handoff handoff = handoff(this::counted, shared.connector(() -> limiter))) {
      var summary = BriefBatch.builder(handoff, store).concurrency(4).build().run(deals(12));

      assertEquals(12, summary.count(Result.BUILT));
      assertEquals(36, shared.requests.get());
      assertEquals(0, shared.refused.get(), "no self-caused 429s");
      assertTrue(shared.sleeps.get() > 0, "the limiter held calls back");
    }

    var perBrief = new FakeVendor(5);
    try (Handoff handoff = handoff(this::counted,
        perBrief.connector(() -> RateLimiter.perSecond(5, perBrief.clock, perBrief.sleeper)))) {
      BriefBatch.builder(handoff, BriefStore.inMemory()).concurrency(4).build().run(deals(12));
      assertTrue(perBrief.refused.get() > 0, "a limiter per brief overruns the vendor");
    }
  }

  /** Issue 11: a second batch over the same store skips every deal as already done. */
  @Test
  void aDealWhoseWinAlreadyHasItsBriefIsSkipped() {
    try (Handoff handoff = handoff(this::counted)) {
      var batch = BriefBatch.builder(handoff, store).build();
      var first = batch.run(deals(3));
      var second = batch.run(deals(3));

      assertEquals(3, first.count(Result.BUILT));
      assertEquals(3, second.count(Result.SKIPPED));
      assertEquals(3, resolved.get(), "the second run resolved nothing");
      assertEquals("006000000000000AA0/handoff/v1", second.outcomes().get(0).briefId());
      assertTrue(second.render().contains("skipped:     3 already done"), second.render());
    }
  }

  @Test
  void aDealReWonAfterItsBriefIsBriefedAgain() {
    try (Handoff handoff = handoff(this::counted)) {
      var batch = BriefBatch.builder(handoff, store).build();
      batch.run(deals(1));
      Instant wonAgain = WON.plus(Duration.ofDays(3));
      var again = batch.run(List.of(fired(0, wonAgain)));

      assertEquals(Result.BUILT, again.outcomes().get(0).result());
      assertEquals(2, resolved.get());
    }
  }

  @Test
  void aDealOfAnotherKindIsNotTakenForDone() {
    try (Handoff handoff = handoff(this::counted)) {
      BriefBatch.builder(handoff, store).build().run(deals(1));
      var kickoff = BriefBatch.builder(handoff, store).kind(BriefKind.KICKOFF).build().run(deals(1));

      assertEquals(Result.BUILT, kickoff.outcomes().get(0).result());
    }
  }

  @Test
  void aDealThatFailsIsReportedWithWhyAndTheOthersAreStillBuilt() {
    String missing = id(1);
    try (Handoff handoff = handoff((ref, ctx) -> {
      if (ref.opportunityId().equals(missing)) {
        throw new DealNotFoundException(Fakes.CRM, missing);
      }
      return counted(ref, ctx);
    })) {
      var summary = BriefBatch.builder(handoff, store).build().run(deals(4));

      assertEquals(3, summary.count(Result.BUILT));
      var failed = summary.with(Result.FAILED);
      assertEquals(1, failed.size());
      assertEquals("not_found", failed.get(0).failureKind());
      assertTrue(failed.get(0).why().startsWith("No opportunity " + missing), failed.get(0).why());
      assertTrue(summary.render().contains("    " + missing + ": not_found: No opportunity"), summary.render());
    }
  }

  @Test
  void aBriefWithAFailedSourceCountsAsBuiltAndPartial() {
    SourceConnector broken = Fakes.connector("tickets", (deal, ctx) -> {
      throw new org.handoffbrief.SourceUnavailableException("tickets", "the ticket system answered 503", null);
    });
    try (Handoff handoff = handoff(this::counted, broken)) {
      var summary = BriefBatch.builder(handoff, store).build().run(deals(2));

      assertEquals(2, summary.count(Result.BUILT));
      assertEquals(2, summary.partial());
      assertTrue(summary.render().contains("built:       2 (2 partial: a source failed or was cut)"), summary.render());
    }
  }

  @Test
  void theSameFiringTwiceInOneRunIsBriefedOnce() {
    try (Handoff handoff = handoff(this::counted)) {
      var twice = new ArrayList<>(deals(3));
      twice.addAll(deals(2));
      var summary = BriefBatch.builder(handoff, store).build().run(twice);

      assertEquals(3, summary.outcomes().size());
      assertEquals(2, summary.duplicates());
      assertEquals(3, resolved.get());
    }
  }

  @Test
  void interruptingTheRunStopsNewDealsAndReportsThemNotStarted() throws Exception {
    var runner = new AtomicReference<Thread>();
    var summary = new AtomicReference<BriefBatch.Summary>();
    var stillInterrupted = new AtomicReference<Boolean>();
    var listener = new BriefBatch.Listener() {
      @Override
      public void started(Fired fired, BriefBatch.Progress progress) {
        if (progress.started() == 1) {
          Thread t = runner.get();
          t.interrupt();
          // Wait (by state, not time) until the runner took the interrupt and waits again.
          while (t.isInterrupted() || t.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
          }
        }
      }
    };
    try (Handoff handoff = handoff(this::counted)) {
      var batch = BriefBatch.builder(handoff, store).concurrency(1).listener(listener).build();
      Thread t = new Thread(() -> {
        summary.set(batch.run(deals(5)));
        stillInterrupted.set(Thread.currentThread().isInterrupted());
      });
      runner.set(t);
      t.start();
      t.join();
    }

    assertNotNull(summary.get());
    assertEquals(1, summary.get().count(Result.BUILT), "the deal in flight finished");
    assertEquals(4, summary.get().count(Result.NOT_STARTED));
    assertTrue(stillInterrupted.get(), "the caller still sees its interrupt");
    assertTrue(summary.get().render().contains("not started: 4 (the run was interrupted)"), summary.get().render());
  }

  @Test
  void theListenerHearsEveryDealStartAndFinishWithCounts() {
    var started = new CopyOnWriteArrayList<Integer>();
    var finished = new CopyOnWriteArrayList<Integer>();
    var totals = ConcurrentHashMap.<Integer>newKeySet();
    var listener = new BriefBatch.Listener() {
      @Override
      public void started(Fired fired, BriefBatch.Progress progress) {
        started.add(progress.started());
        totals.add(progress.total());
      }

      @Override
      public void finished(BriefBatch.Outcome outcome, BriefBatch.Progress progress) {
        finished.add(progress.finished());
      }
    };
    try (Handoff handoff = handoff(this::counted)) {
      BriefBatch.builder(handoff, store).concurrency(2).listener(listener).build().run(deals(4));
    }
    assertEquals(Set.of(1, 2, 3, 4), Set.copyOf(started));
    assertEquals(Set.of(1, 2, 3, 4), Set.copyOf(finished));
    assertEquals(Set.of(4), totals);
  }

  @Test
  void aWhyIsOneLineAndCut() {
    assertEquals("first line", BriefBatch.why("first line\nsecond line"));
    assertEquals(BriefBatch.MAX_WHY, BriefBatch.why("x".repeat(1000)).length());
  }

  // ---- helpers

  private Resolution counted(DealRef ref, org.handoffbrief.spi.SourceContext ctx) {
    resolved.incrementAndGet();
    return resolution(ref);
  }

  private Handoff handoff(java.util.function.BiFunction<DealRef, org.handoffbrief.spi.SourceContext, Resolution> r) {
    return Handoff.builder().resolver(Fakes.resolver(r)).store(store).build();
  }

  private Handoff handoff(java.util.function.BiFunction<DealRef, org.handoffbrief.spi.SourceContext, Resolution> r,
      SourceConnector connector) {
    return Handoff.builder().resolver(Fakes.resolver(r)).connector(connector).store(store).build();
  }

  /** The fake deal, as the opportunity the ref names. */
  private static Resolution resolution(DealRef ref) {
    DealContext base = Fakes.deal();
    Opportunity o = base.opportunity();
    var opportunity = new Opportunity(ref.opportunityId(), o.name(), o.stage(), o.amount(), o.currency(),
        o.closeDate(), o.createdAt(), o.type(), o.closed(), o.won());
    var deal = new DealContext(base.account(), opportunity, base.owner(), base.contacts(), base.team(), base.window(),
        base.vendorDomains(), Map.of());
    return new Resolution(deal, SourceResult.of(List.of(Fakes.evidence(Fakes.CRM, "opp-" + ref.opportunityId(),
        "Stage: Closed Won"))));
  }

  private static String id(int i) {
    return String.format("006000000000000AA%d", i);
  }

  private static Fired fired(int i, Instant wonAt) {
    var ref = new DealRef(id(i), DealRef.Trigger.BATCH, WON, false);
    return new Fired(ref, id(i) + "/won@" + wonAt, "won at " + wonAt + " (closes in a test week)", wonAt);
  }

  private static List<Fired> deals(int n) {
    var out = new ArrayList<Fired>();
    for (int i = 0; i < n; i++) {
      out.add(fired(i, WON));
    }
    return out;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A vendor that allows {@code perSecond} calls in each second of a fake clock and counts the
   * calls above it (the ones it would answer 429). Time moves only when the limiter sleeps. Each
   * call is dated by the last clock reading of its own thread, which is the limiter's grant: another
   * thread's sleep moving the clock meanwhile must not make an early call look late.
   */
  private static final class FakeVendor {
    final AtomicLong now = new AtomicLong();
    final ThreadLocal<Long> lastRead = new ThreadLocal<>();
    final java.util.function.LongSupplier clock = () -> {
      long t = now.get();
      lastRead.set(t);
      return t;
    };
    final AtomicInteger sleeps = new AtomicInteger();
    final RateLimiter.Sleeper sleeper = nanos -> {
      sleeps.incrementAndGet();
      now.addAndGet(nanos);
    };
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    private final int perSecond;
    private final List<Long> served = new ArrayList<>();

    FakeVendor(int perSecond) {
      this.perSecond = perSecond;
    }

    synchronized void request() {
      long at = lastRead.get();
      requests.incrementAndGet();
      served.add(at);
      // Calls arrive out of order across threads: count the second ending at this call and the one starting at it.
      long before = served.stream().filter(t -> t <= at && at - t < 1_000_000_000L).count();
      long after = served.stream().filter(t -> t >= at && t - at < 1_000_000_000L).count();
      if (Math.max(before, after) > perSecond) {
        refused.incrementAndGet();
      }
    }

    /** A connector making three calls per brief through the limiter {@code limiter} gives it. */
    SourceConnector connector(java.util.function.Supplier<RateLimiter> limiter) {
      return Fakes.connector("vendor", (deal, ctx) -> {
        ApiCalls calls = ApiCalls.of(ctx, RetryPolicy.ofDefaults(), limiter.get());
        for (int i = 0; i < 3; i++) {
          calls.call("GET /items", () -> {
            request();
            return null;
          });
        }
        return SourceResult.of(List.of());
      });
    }
  }
}
