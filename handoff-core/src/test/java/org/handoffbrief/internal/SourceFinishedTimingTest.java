package org.handoffbrief.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.handoffbrief.Fakes;
import org.handoffbrief.model.SourceReport;
import org.handoffbrief.observe.HandoffListener;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.SourceResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** When a host's metrics bridge hears that a source finished. */
@Tag("reliability")
class SourceFinishedTimingTest {

  /**
   * Issue 8 item 10: sourceFinished fires when the source's work ends, not when the federation
   * collects it. The slow source is collected first and only ends once the fast one was reported,
   * so the brief could never have been made if the fast report waited for collection.
   */
  @Test
  void aFastSourceCollectedAfterASlowOneIsReportedBeforeTheSlowOneFinishes() {
    var fastReported = new CountDownLatch(1);
    var slowSawIt = new AtomicBoolean();
    var events = new java.util.concurrent.CopyOnWriteArrayList<String>();
    HandoffListener listener = new HandoffListener() {
      @Override
      public void sourceFinished(SourceReport report) {
        events.add(report.system());
        if (report.system().equals("fast")) {
          fastReported.countDown();
        }
      }
    };
    SourceConnector slow = Fakes.connector("slow", (deal, ctx) -> {
      try {
        slowSawIt.set(fastReported.await(30, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return SourceResult.of(List.of());
    });
    SourceConnector fast = Fakes.connector("fast", (deal, ctx) -> SourceResult.of(List.of()));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      var federation = new Federation(pool, Clock.systemUTC(), listener, 100);
      List<SourceOutcome> outcomes = federation.federate(Fakes.deal(), List.of(slow, fast), Map.of(),
          Clock.systemUTC().instant().plus(Duration.ofMinutes(1)));
      assertTrue(slowSawIt.get(), "the fast source was reported while the slow one was still reading");
      assertEquals(List.of("fast", "slow"), events);
      assertEquals(List.of(SourceReport.Status.OK, SourceReport.Status.OK),
          outcomes.stream().map(o -> o.report().status()).toList());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Issue 8 item 10: a listener that throws on sourceFinished in the worker costs no source its data. */
  @Test
  void aListenerThatThrowsInTheWorkerLeavesTheSourceOk() {
    HandoffListener throwing = new HandoffListener() {
      @Override
      public void sourceFinished(SourceReport report) {
        throw new IllegalStateException("metrics bridge is down");
      }
    };
    ExecutorService pool = Executors.newFixedThreadPool(1);
    try {
      var federation = new Federation(pool, Clock.systemUTC(), throwing, 100);
      List<SourceOutcome> outcomes = federation.federate(Fakes.deal(),
          List.of(Fakes.answering("gmail", "Subject: hi\n\nWe will send the plan on Friday.")), Map.of(),
          Clock.systemUTC().instant().plus(Duration.ofMinutes(1)));
      assertEquals(SourceReport.Status.OK, outcomes.get(0).report().status());
      assertEquals(1, outcomes.get(0).evidence().size());
    } finally {
      pool.shutdownNow();
    }
  }
}
