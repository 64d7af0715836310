package org.handoffbrief.connector.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.handoffbrief.SourceUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkspaceCacheTest {
  static final Clock NOW = Clock.fixed(Instant.parse("2026-04-05T12:00:00Z"), ZoneOffset.UTC);

  final ExecutorService pool = Executors.newFixedThreadPool(2);
  final AtomicInteger loads = new AtomicInteger();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** Two briefs needing the same person at once make one call: the second waits for the first's answer. */
  @Test
  void twoBriefsMissingTheSameKeyAtOnceLoadItOnce() throws Exception {
    var cache = new WorkspaceCache<String, String>(Duration.ofHours(1), 10, NOW);
    var release = new CountDownLatch(1);
    Future<String> first = pool.submit(() -> cache.get("U1", () -> {
      loads.incrementAndGet();
      await(release);
      return "profile";
    }, v -> true));
    while (loads.get() == 0) {
      Thread.onSpinWait(); // the first brief is loading
    }
    var waiting = new Thread[1];
    Future<String> second = pool.submit(() -> {
      waiting[0] = Thread.currentThread();
      return cache.get("U1", () -> "loaded again: " + loads.incrementAndGet(), v -> true);
    });
    while (waiting[0] == null || waiting[0].getState() != Thread.State.WAITING) {
      Thread.onSpinWait(); // the second brief waits on the first's load
    }
    release.countDown();

    assertEquals("profile", first.get());
    assertEquals("profile", second.get());
    assertEquals(1, loads.get());
  }

  /** One brief's failed load is not another's: the waiter loads for itself, and nothing is kept. */
  @Test
  void whenTheLoadAWaiterWaitsOnFailsTheWaiterLoadsForItself() throws Exception {
    var cache = new WorkspaceCache<String, String>(Duration.ofHours(1), 10, NOW);
    var release = new CountDownLatch(1);
    Future<String> first = pool.submit(() -> cache.get("U1", () -> {
      loads.incrementAndGet();
      await(release);
      throw new SourceUnavailableException("slack", "Slack answered HTTP 503 to users.info", null);
    }, v -> true));
    while (loads.get() == 0) {
      Thread.onSpinWait();
    }
    var waiting = new Thread[1];
    Future<String> second = pool.submit(() -> {
      waiting[0] = Thread.currentThread();
      return cache.get("U1", () -> "profile " + loads.incrementAndGet(), v -> true);
    });
    while (waiting[0] == null || waiting[0].getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    release.countDown();

    var failed = assertThrows(java.util.concurrent.ExecutionException.class, first::get);
    assertEquals(SourceUnavailableException.class, failed.getCause().getClass());
    assertEquals("profile 2", second.get());
    assertEquals("profile 2", cache.get("U1", () -> "not called", v -> true), "the waiter's answer is kept");
  }

  @Test
  void anAnswerTheCallerCallsIncompleteIsNotKept() {
    var cache = new WorkspaceCache<String, String>(Duration.ofHours(1), 10, NOW);
    cache.get("directory", () -> "cut short " + loads.incrementAndGet(), v -> false);
    cache.get("directory", () -> "cut short " + loads.incrementAndGet(), v -> false);
    assertEquals(2, loads.get());
    assertEquals(0, cache.size());
  }

  @Test
  void itKeepsAtMostItsBoundDroppingTheOldestFirst() {
    var cache = new WorkspaceCache<String, String>(Duration.ofHours(1), 3, NOW);
    for (String id : new String[] {"U1", "U2", "U3", "U4"}) {
      cache.get(id, () -> id, v -> true);
    }
    assertEquals(3, cache.size());
    assertEquals("loaded", cache.get("U1", () -> "loaded", v -> true), "the oldest went");
    assertEquals("U4", cache.get("U4", () -> "loaded", v -> true));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
