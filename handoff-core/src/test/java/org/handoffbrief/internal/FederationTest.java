package org.handoffbrief.internal;

import static org.handoffbrief.Fakes.CRM;
import static org.handoffbrief.Fakes.OPPORTUNITY_ID;
import static org.handoffbrief.Fakes.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.DeadlineExceededException;
import org.handoffbrief.DealNotFoundException;
import org.handoffbrief.Fakes;
import org.handoffbrief.Fakes.RecordingListener;
import org.handoffbrief.Handoff;
import org.handoffbrief.HandoffException;
import org.handoffbrief.TestProviders;
import org.handoffbrief.InvalidRequestException;
import org.handoffbrief.RateLimitException;
import org.handoffbrief.SourceUnavailableException;
import org.handoffbrief.UsageLimitExceededException;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.SourceFailure;
import org.handoffbrief.model.SourceReport;
import org.handoffbrief.observe.ApiCall;
import org.handoffbrief.observe.HandoffListener;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.SourceContext;
import org.handoffbrief.spi.SourceResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Federation as a host sees it through {@link Handoff#brief}: concurrency is proven with latches
 * that only open when every source runs at once, deadlines with sources that block until
 * interrupted. No assertion depends on how long anything took.
 */
class FederationTest {

  /** Upper bound on any wait; these waits normally end within milliseconds. */
  private static final long PATIENCE_SECONDS = 10;

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }

  /** A connector that returns only once {@code started} shows every other source has started too. */
  private static SourceConnector meetingTheOthers(String system, CountDownLatch started, Map<String, String> threads) {
    return Fakes.connector(system, (deal, ctx) -> {
      threads.put(system, Thread.currentThread().getName());
      started.countDown();
      if (!await(started)) {
        throw new IllegalStateException(system + " ran alone: the other sources never started");
      }
      return SourceResult.of(List.of(Fakes.evidence(system, system + "-1", "Read from " + system + ".")));
    });
  }

  /** A connector that blocks until interrupted, then counts {@code interrupted} down. */
  private static SourceConnector blockingUntilInterrupted(String system, CountDownLatch interrupted,
      AtomicReference<SourceContext> seen) {
    return Fakes.connector(system, (deal, ctx) -> {
      seen.set(ctx);
      try {
        new CountDownLatch(1).await(PATIENCE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        interrupted.countDown();
        Thread.currentThread().interrupt();
        throw new IllegalStateException(system + " interrupted");
      }
      return SourceResult.of(List.of());
    });
  }

  private static HandoffBrief brief(Handoff.Builder builder) {
    try (Handoff handoff = builder.build()) {
      return handoff.brief(OPPORTUNITY_ID);
    }
  }

  /**
   * Makes the brief and waits for {@code interrupted} before closing: {@link Handoff#close()}
   * interrupts its workers too, so only an interrupt seen while the instance is open proves the
   * deadline did it.
   */
  private static HandoffBrief briefThenAwait(Handoff.Builder builder, CountDownLatch interrupted) {
    try (Handoff handoff = builder.build()) {
      HandoffBrief brief = handoff.brief(OPPORTUNITY_ID);
      assertTrue(await(interrupted), "the timed-out source's thread was never interrupted");
      return brief;
    }
  }

  @Test
  void aSourceThatMissedSomethingIsPartialWithWhatItReadAndWhatItMissed() {
    HandoffBrief brief = brief(Handoff.builder().resolver(Fakes.resolver())
        .connector(Fakes.connector("gmail", (deal, ctx) -> new SourceResult(
            List.of(Fakes.evidence("gmail", "gmail-1", "Read from page one.")), Map.of(),
            List.of("gmail: read 1 thread"), List.of("gmail: page 2 of the thread list failed (503); its threads were not read")))));
    SourceReport gmail = Fakes.report(brief, "gmail");
    assertEquals(SourceReport.Status.PARTIAL, gmail.status());
    assertEquals(1, gmail.items());
    assertNull(gmail.failure());
    assertEquals(List.of("gmail: read 1 thread", "gmail: page 2 of the thread list failed (503); its threads were not read"),
        gmail.notes());
    assertTrue(gmail.read());
  }

  @Test
  void closeClosesWhatTheBuilderMadeFromSettingsButNotWhatTheHostRegistered() {
    var closed = new java.util.concurrent.CopyOnWriteArrayList<String>();
    TestProviders.closed = closed;
    SourceConnector hosts = new SourceConnector() {
      @Override
      public String system() {
        return "hosts";
      }

      @Override
      public SourceResult fetch(org.handoffbrief.model.DealContext deal, SourceContext context) {
        return SourceResult.of(List.of());
      }

      @Override
      public void close() {
        closed.add("hosts");
      }
    };
    Handoff handoff = Handoff.builder().resolver(Fakes.resolver()).connector(hosts)
        .configure(Map.of("testsource.baseUrl", "https://source.example")).build();
    handoff.close();
    handoff.close();
    assertEquals(List.of("testsource"), closed);
  }

  @Test
  void aFastSourceCollectedAfterASlowOneReportsItsOwnTime() {
    var fastDone = new CountDownLatch(1);
    HandoffBrief brief = brief(Handoff.builder().resolver(Fakes.resolver())
        .connector(Fakes.connector("gong", (deal, ctx) -> {
          await(fastDone); // collected first, finishes after the fast one
          try {
            Thread.sleep(300);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return SourceResult.of(List.of());
        }))
        .connector(Fakes.connector("slack", (deal, ctx) -> {
          fastDone.countDown();
          return SourceResult.of(List.of());
        }))
        .deadline(Duration.ofSeconds(60)).sourceDeadline(Duration.ofSeconds(30)));
    Duration slow = brief.sources().stream().filter(s -> s.system().equals("gong")).findFirst().orElseThrow().elapsed();
    Duration fast = brief.sources().stream().filter(s -> s.system().equals("slack")).findFirst().orElseThrow().elapsed();
    assertTrue(fast.multipliedBy(2).compareTo(slow) < 0, "slack " + fast + " was stamped when collected, after gong " + slow);
  }

  @Test
  void everySourceRunsAtTheSameTime() {
    var started = new CountDownLatch(3);
    var threads = new ConcurrentHashMap<String, String>();
    HandoffBrief brief = brief(Handoff.builder().resolver(Fakes.resolver())
        .connector(meetingTheOthers("gmail", started, threads))
        .connector(meetingTheOthers("slack", started, threads))
        .connector(meetingTheOthers("zendesk", started, threads))
        .deadline(Duration.ofSeconds(60)).sourceDeadline(Duration.ofSeconds(30)));

    for (String system : List.of("gmail", "slack", "zendesk")) {
      assertEquals(SourceReport.Status.OK, report(brief, system).status(), () -> report(brief, system).toString());
      assertEquals(1, report(brief, system).items());
    }
    assertEquals(3, Set.copyOf(threads.values()).size(), "one thread per source: " + threads);
  }

  @Test
  void sourcesRunOnTheCallersExecutorWhichCloseLeavesRunning() {
    var n = new AtomicInteger();
    ExecutorService host = Executors.newFixedThreadPool(3, r -> {
      Thread t = new Thread(r, "host-pool-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      var started = new CountDownLatch(2);
      var threads = new ConcurrentHashMap<String, String>();
      var resolverThread = new AtomicReference<String>();
      Handoff handoff = Handoff.builder()
          .resolver(Fakes.resolver((ref, ctx) -> {
            resolverThread.set(Thread.currentThread().getName());
            return Fakes.resolver().resolve(ref, ctx);
          }))
          .connector(meetingTheOthers("gmail", started, threads))
          .connector(meetingTheOthers("slack", started, threads))
          .executor(host)
          .build();
      HandoffBrief brief;
      try (handoff) {
        brief = handoff.brief(OPPORTUNITY_ID);
      }

      assertEquals(SourceReport.Status.OK, report(brief, "gmail").status());
      assertEquals(SourceReport.Status.OK, report(brief, "slack").status());
      assertTrue(resolverThread.get().startsWith("host-pool-"), resolverThread.get());
      threads.values().forEach(t -> assertTrue(t.startsWith("host-pool-"), t));
      assertFalse(host.isShutdown(), "the host owns its executor; close() must leave it running");
    } finally {
      host.shutdownNow();
    }
  }

  @Test
  void sourcePastItsDeadlineIsInterruptedAndRecordedAsTimeoutWhileTheOthersSucceed() {
    var interrupted = new CountDownLatch(1);
    HandoffBrief brief = briefThenAwait(Handoff.builder().resolver(Fakes.resolver())
        .connector(Fakes.answering("gmail", "Security review takes six weeks."))
        .connector(blockingUntilInterrupted("slow", interrupted, new AtomicReference<>()))
        .sourceDeadline("slow", Duration.ofMillis(100)), interrupted);

    SourceReport slow = report(brief, "slow");
    assertEquals(SourceReport.Status.FAILED, slow.status());
    assertEquals(new SourceFailure("slow", SourceFailure.Kind.TIMEOUT,
        "slow did not answer within 100 ms; raise its deadline or check the service's health.", true), slow.failure());
    assertEquals(0, slow.items());
    assertEquals(SourceReport.Status.OK, report(brief, "gmail").status());
    assertEquals(1, report(brief, "gmail").items());
    assertEquals(SourceReport.Status.OK, report(brief, CRM).status());
  }

  @Test
  void overallDeadlineCapsEachSourcesOwnDeadline() {
    // The resolver is reported as finished 29 s into a 30 s brief; a source allowed 20 s of its own
    // must still stop at the 30 s mark, so it has 1 s left.
    var clock = new Fakes.SettableClock(Fakes.T0);
    HandoffListener slowResolver = new HandoffListener() {
      @Override
      public void sourceFinished(SourceReport report) {
        if (report.system().equals(CRM)) {
          clock.advance(Duration.ofSeconds(29));
        }
      }
    };
    var interrupted = new CountDownLatch(1);
    var seen = new AtomicReference<SourceContext>();
    HandoffBrief brief = briefThenAwait(Handoff.builder().resolver(Fakes.resolver())
        .connector(blockingUntilInterrupted("slow", interrupted, seen))
        .clock(clock).listener(slowResolver)
        .deadline(Duration.ofSeconds(30)).sourceDeadline(Duration.ofSeconds(20)), interrupted);

    assertEquals(Fakes.T0.plusSeconds(30), seen.get().deadline());
    SourceFailure failure = report(brief, "slow").failure();
    assertEquals(SourceFailure.Kind.TIMEOUT, failure.kind());
    assertTrue(failure.message().startsWith("slow did not answer within 1000 ms"), failure.message());
  }

  @Test
  void sourceStartingAfterTheOverallDeadlineTimesOutReportingZeroNotANegativeTime() {
    var clock = new Fakes.SettableClock(Fakes.T0);
    HandoffListener resolverOverran = new HandoffListener() {
      @Override
      public void sourceFinished(SourceReport report) {
        if (report.system().equals(CRM)) {
          clock.advance(Duration.ofSeconds(31));
        }
      }
    };
    HandoffBrief brief = brief(Handoff.builder().resolver(Fakes.resolver())
        .connector(blockingUntilInterrupted("slow", new CountDownLatch(1), new AtomicReference<>()))
        .clock(clock).listener(resolverOverran).deadline(Duration.ofSeconds(30)));

    assertEquals(new SourceFailure("slow", SourceFailure.Kind.TIMEOUT,
        "slow did not answer within 0 ms; raise its deadline or check the service's health.", true),
        report(brief, "slow").failure());
  }

  @Test
  void typedConnectorFailuresKeepTheirKindAndRetriability() {
    HandoffBrief brief = brief(Handoff.builder().resolver(Fakes.resolver())
        .connector(Fakes.connector("gmail", (deal, ctx) -> {
          throw new RateLimitException("gmail", "Gmail asked us to slow down; retry in 30 s.", Duration.ofSeconds(30),
              null);
        }))
        .connector(Fakes.connector("slack", (deal, ctx) -> {
          throw new AuthenticationException("slack", "The Slack token was revoked; install the app again.", null);
        }))
        .connector(Fakes.connector("gong", (deal, ctx) -> {
          throw new UsageLimitExceededException("gong", "Gong's daily API limit is spent; run again tomorrow.", null);
        }))
        .connector(Fakes.answering("zendesk", "Ticket 4411: SSO login loop.")));

    assertEquals(new SourceFailure("gmail", SourceFailure.Kind.RATE_LIMITED,
        "Gmail asked us to slow down; retry in 30 s.", true), report(brief, "gmail").failure());
    assertEquals(new SourceFailure("slack", SourceFailure.Kind.AUTHENTICATION,
        "The Slack token was revoked; install the app again.", false), report(brief, "slack").failure());
    assertEquals(new SourceFailure("gong", SourceFailure.Kind.RATE_LIMITED,
        "Gong's daily API limit is spent; run again tomorrow.", false), report(brief, "gong").failure());
    assertEquals(SourceReport.Status.OK, report(brief, "zendesk").status());
  }

  @Test
  void unexpectedExceptionIsRecordedAsErrorNamingOnlyItsClass() {
    HandoffBrief brief = brief(Handoff.builder().resolver(Fakes.resolver())
        .connector(Fakes.connector("leaky", (deal, ctx) -> {
          throw new IllegalStateException("server refused token FAKE-TOKEN-0000");
        }))
        .connector(Fakes.connector("buggy", (deal, ctx) -> null)));

    SourceFailure leaky = report(brief, "leaky").failure();
    assertEquals(new SourceFailure("leaky", SourceFailure.Kind.ERROR,
        "leaky failed unexpectedly (java.lang.IllegalStateException); enable DEBUG logging for "
        + Federation.class.getName() + " for the trace", false), leaky);
    assertFalse(leaky.toString().contains("FAKE-TOKEN"), leaky.toString());
    assertEquals(new SourceFailure("buggy", SourceFailure.Kind.ERROR,
        "buggy returned no result (a connector bug)", false), report(brief, "buggy").failure());
  }

  @Test
  void executorRefusingASourceRecordsItUnavailable() {
    ExecutorService pool = Executors.newCachedThreadPool();
    try {
      var accepted = new AtomicInteger();
      // Takes the resolver, then is full.
      Executor firstOnly = task -> {
        if (accepted.getAndIncrement() > 0) {
          throw new RejectedExecutionException("queue full");
        }
        pool.execute(task);
      };
      HandoffBrief brief = brief(Handoff.builder().resolver(Fakes.resolver())
          .connector(Fakes.answering("gmail", "never read")).executor(firstOnly));

      assertEquals(SourceReport.Status.OK, report(brief, CRM).status());
      assertEquals(new SourceFailure("gmail", SourceFailure.Kind.UNAVAILABLE,
          "the executor refused to run gmail (queue full); give the builder a larger executor", true),
          report(brief, "gmail").failure());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void executorRefusingTheResolverFailsTheBriefTyped() {
    Executor full = task -> {
      throw new RejectedExecutionException("queue full");
    };
    try (Handoff handoff = Handoff.builder().resolver(Fakes.resolver()).executor(full).build()) {
      var e = assertThrows(SourceUnavailableException.class, () -> handoff.brief(OPPORTUNITY_ID));
      assertEquals(CRM, e.system());
      assertTrue(e.isRetriable());
    }
  }

  @Test
  void callsRecordedBySourcesAppearInTheirReportsAndReachTheListener() {
    var listener = new RecordingListener();
    HandoffBrief brief = brief(Handoff.builder()
        .resolver(Fakes.resolver((ref, ctx) -> {
          ctx.recordCall("query", Duration.ofMillis(12), "ok");
          return Fakes.resolver().resolve(ref, ctx);
        }))
        .connector(Fakes.connector("zendesk", (deal, ctx) -> {
          ctx.recordCall("GET /api/v2/search", Duration.ofMillis(30), "ok");
          ctx.recordCall("GET /api/v2/search", Duration.ofMillis(5), "429");
          ctx.recordCall("GET /api/v2/search", Duration.ofMillis(31), "ok");
          assertEquals(3, ctx.calls());
          return SourceResult.of(List.of());
        }))
        .listener(listener));

    assertEquals(1, report(brief, CRM).calls());
    assertEquals(3, report(brief, "zendesk").calls());
    assertEquals(List.of(new ApiCall(CRM, "query", Duration.ofMillis(12), "ok")),
        listener.calls.stream().filter(c -> c.system().equals(CRM)).toList());
    assertEquals(List.of("ok", "429", "ok"),
        listener.calls.stream().filter(c -> c.system().equals("zendesk")).map(ApiCall::outcome).toList());
  }

  @Test
  void listenerThatThrowsEverywhereDoesNotBreakTheBrief() {
    HandoffListener broken = new HandoffListener() {
      @Override
      public void briefStarted(DealRef ref) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void sourceStarted(String system) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void apiCall(ApiCall call) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void sourceFinished(SourceReport report) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void briefCompleted(HandoffBrief brief, Duration elapsed) {
        throw new IllegalStateException("listener bug");
      }
    };
    HandoffBrief brief = brief(Handoff.builder().resolver(Fakes.resolver())
        .connector(Fakes.connector("gmail", (deal, ctx) -> {
          ctx.recordCall("messages.list", Duration.ofMillis(3), "ok");
          return SourceResult.of(List.of(Fakes.evidence("gmail", "m1", "Go-live target is May 15.")));
        }))
        .listener(broken));

    assertEquals(SourceReport.Status.OK, report(brief, "gmail").status());
    assertEquals(1, report(brief, "gmail").calls());
    assertEquals(1, report(brief, "gmail").items());
  }

  @Test
  void listenerSeesEachSourceStartAndFinishThenTheBrief() {
    var listener = new RecordingListener();
    brief(Handoff.builder().resolver(Fakes.resolver())
        .connector(Fakes.answering("gmail", "a"))
        .connector(Fakes.connector("slack", (deal, ctx) -> {
          throw new AuthenticationException("slack", "The Slack token was revoked.", null);
        }))
        .listener(listener));

    // Each source is reported as it ends, so the first round's four events interleave in any order
    // in which each source starts before it finishes.
    List<String> events = listener.events;
    List<String> firstRound = events.subList(3, 7);
    assertEquals(Set.of("sourceStarted gmail", "sourceStarted slack", "sourceFinished gmail OK",
        "sourceFinished slack FAILED"), Set.copyOf(firstRound));
    assertTrue(firstRound.indexOf("sourceStarted gmail") < firstRound.indexOf("sourceFinished gmail OK"), events::toString);
    assertTrue(firstRound.indexOf("sourceStarted slack") < firstRound.indexOf("sourceFinished slack FAILED"),
        events::toString);
    assertEquals(List.of(
        "briefStarted " + OPPORTUNITY_ID,
        "sourceStarted testcrm", "sourceFinished testcrm OK"), events.subList(0, 3));
    assertEquals(List.of(
        // Only the source that answered follows the champion in the second round.
        "followUpStarted 0 new, champion Dana Okonkwo",
        "sourceStarted gmail", "sourceFinished gmail OK",
        "briefCompleted " + OPPORTUNITY_ID), events.subList(7, events.size()));
    assertNull(listener.failure.get());
  }

  static Stream<Arguments> resolverFailures() {
    return Stream.of(
        Arguments.of(new DealNotFoundException(CRM, OPPORTUNITY_ID)),
        Arguments.of(new InvalidRequestException(CRM, "006XYZ is not a valid opportunity id.")),
        Arguments.of(new RateLimitException(CRM, "Daily API limit reached.", null, null)));
  }

  @ParameterizedTest
  @MethodSource("resolverFailures")
  void resolverFailureReachesTheCallerAsThrownAndTheListenerAsBriefFailed(HandoffException thrown) {
    var listener = new RecordingListener();
    var connectorRan = new AtomicBoolean();
    Handoff handoff = Handoff.builder()
        .resolver(Fakes.resolver((ref, ctx) -> {
          throw thrown;
        }))
        .connector(Fakes.connector("gmail", (deal, ctx) -> {
          connectorRan.set(true);
          return SourceResult.of(List.of());
        }))
        .listener(listener).build();
    try (handoff) {
      assertSame(thrown, assertThrows(HandoffException.class, () -> handoff.brief(OPPORTUNITY_ID)));
    }

    assertSame(thrown, listener.failure.get());
    assertEquals("briefFailed " + OPPORTUNITY_ID, listener.events.get(listener.events.size() - 1));
    assertEquals(List.of(CRM), listener.finished.stream().map(SourceReport::system).toList());
    assertEquals(thrown.toSourceFailure(), listener.finished.get(0).failure());
    assertFalse(connectorRan.get(), "no source is read without a deal");
  }

  @Test
  void resolverPastItsDeadlineFailsTheBriefWithDeadlineExceeded() {
    var interrupted = new CountDownLatch(1);
    var listener = new RecordingListener();
    Handoff handoff = Handoff.builder()
        .resolver(Fakes.resolver((ref, ctx) -> {
          blockingUntilInterrupted(CRM, interrupted, new AtomicReference<>()).fetch(null, ctx);
          throw new AssertionError("unreachable: the resolver blocks until interrupted");
        }))
        .sourceDeadline(CRM, Duration.ofMillis(100))
        .listener(listener).build();
    try (handoff) {
      var e = assertThrows(DeadlineExceededException.class, () -> handoff.brief(OPPORTUNITY_ID));
      assertEquals(SourceFailure.Kind.TIMEOUT, e.kind());
      assertEquals(CRM, e.system());
      assertSame(e, listener.failure.get());
      assertTrue(await(interrupted), "the timed-out resolver's thread was never interrupted");
    }
  }

  @Test
  void resolverThrowingSomethingUntypedFailsTheBriefAsAHandoffException() {
    var bug = new NullPointerException("opportunity.Amount");
    try (Handoff handoff = Handoff.builder().resolver(Fakes.resolver((ref, ctx) -> {
      throw bug;
    })).build()) {
      var e = assertThrows(HandoffException.class, () -> handoff.brief(OPPORTUNITY_ID));
      assertEquals(SourceFailure.Kind.ERROR, e.kind());
      assertEquals("testcrm failed unexpectedly (java.lang.NullPointerException); enable DEBUG logging for "
          + Federation.class.getName() + " for the trace",
          e.getMessage());
      assertNull(e.getCause(), "the unknown exception, and whatever its message holds, is not passed on");
    }
  }
}
