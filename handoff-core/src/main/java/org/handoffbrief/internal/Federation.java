package org.handoffbrief.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.handoffbrief.DeadlineExceededException;
import org.handoffbrief.HandoffException;
import org.handoffbrief.SourceUnavailableException;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.SourceFailure;
import org.handoffbrief.model.SourceReport;
import org.handoffbrief.observe.HandoffListener;
import org.handoffbrief.spi.FollowUp;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.SourceContext;
import org.handoffbrief.spi.SourceResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every source at once on the host's executor, each under its own deadline and all under the
 * brief's overall deadline. A source that fails, times out or is refused by the executor becomes a
 * {@link SourceFailure} in its report; the others are unaffected. Wall time is set by the slowest
 * source, not the sum.
 */
public final class Federation {
  private static final Logger LOG = LoggerFactory.getLogger(Federation.class);

  /** How close to its deadline a source's outage counts as its timeout (see waitFor). */
  private static final Duration DEADLINE_SLACK = Duration.ofMillis(100);

  private final Executor executor;
  private final Clock clock;
  private final HandoffListener listener;
  private final int callBudget;

  public Federation(Executor executor, Clock clock, HandoffListener listener, int callBudget) {
    this.executor = Objects.requireNonNull(executor, "executor == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.listener = Objects.requireNonNull(listener, "listener == null");
    this.callBudget = callBudget;
  }

  /** One unit of work on a source: what it reads and how to report it. */
  /**
   * @param finishedNanos stamped by the worker when the source's work ends, so a source collected
   *     after a slower one still reports its own time, not the time it waited to be collected
   */
  /**
   * @param reported the report the listener was given, set once by whoever reports first: the
   *     worker when the work ends, or the collector when the work ran out of time
   */
  private record Run<T>(String system, SourceContext context, FutureTask<T> task,
      Instant deadline, Duration allowed, long startNanos, java.util.concurrent.atomic.AtomicLong finishedNanos,
      AtomicReference<SourceReport> reported) {}

  /** A value produced under a deadline, with the report of producing it. */
  public record Completed<T>(T value, SourceReport report) {}

  /**
   * Reads every connector for the deal and returns one outcome per connector, in the order given.
   *
   * @param sourceDeadlines each system's own time limit
   * @param overallDeadline the instant by which every source must have answered
   */
  public List<SourceOutcome> federate(DealContext deal, List<SourceConnector> connectors,
      Map<String, Duration> sourceDeadlines, Instant overallDeadline) {
    return runAll(connectors, sourceDeadlines, overallDeadline, callBudget, (c, ctx) -> c.fetch(deal, ctx));
  }

  /**
   * The second, smaller round: each connector follows the first round's links under its own
   * (smaller) call budget and the same deadlines.
   */
  public List<SourceOutcome> followUp(DealContext deal, FollowUp followUp, List<SourceConnector> connectors,
      Map<String, Duration> sourceDeadlines, Instant overallDeadline, int budget) {
    return runAll(connectors, sourceDeadlines, overallDeadline, budget, (c, ctx) -> c.followUp(deal, followUp, ctx));
  }

  private List<SourceOutcome> runAll(List<SourceConnector> connectors, Map<String, Duration> sourceDeadlines,
      Instant overallDeadline, int budget, BiFunction<SourceConnector, SourceContext, SourceResult> work) {
    var runs = new ArrayList<Run<SourceResult>>(connectors.size());
    for (SourceConnector connector : connectors) {
      Duration own = sourceDeadlines.get(connector.system());
      runs.add(start(connector.system(), own, overallDeadline, budget, ctx -> work.apply(connector, ctx),
          Function.identity()));
    }
    var outcomes = new ArrayList<SourceOutcome>(runs.size());
    for (Run<SourceResult> run : runs) {
      outcomes.add(await(run));
    }
    return outcomes;
  }

  /**
   * Runs one piece of source work under a deadline and returns what it produced with its report,
   * rethrowing its failure typed (after reporting it). The resolver runs this way: without a deal
   * there is nothing to federate.
   *
   * @param asResult what of the value counts as the source's result (items, usage, notes)
   */
  public <T> Completed<T> runOrThrow(String system, Duration ownDeadline, Instant overallDeadline,
      Function<SourceContext, T> work, Function<T, SourceResult> asResult) {
    Run<T> run = start(system, ownDeadline, overallDeadline, callBudget, work, asResult);
    try {
      T value = waitFor(run);
      SourceReport report = run.reported().get() != null ? run.reported().get() : okReport(run, asResult.apply(value));
      return new Completed<>(value, report);
    } catch (HandoffException e) {
      failedReport(run, e);
      throw e;
    }
  }

  /**
   * Starts the work on the executor. The worker reports the source to the listener as soon as the
   * work ends (a metrics bridge records when each source finished, not when it was collected).
   */
  private <T> Run<T> start(String system, Duration ownDeadline, Instant overallDeadline, int budget,
      Function<SourceContext, T> work, Function<T, SourceResult> asResult) {
    Instant now = clock.instant();
    Instant deadline = ownDeadline == null ? overallDeadline : min(now.plus(ownDeadline), overallDeadline);
    // The overall deadline may already have passed (a slow resolver); report 0 ms, not a negative time.
    Duration allowed = Duration.between(now, deadline);
    allowed = allowed.isNegative() ? Duration.ZERO : allowed;
    SourceContext ctx = SourceContext.counting(system, deadline, budget, clock,
        call -> Listeners.safely(listener, l -> l.apiCall(call)));
    var finished = new java.util.concurrent.atomic.AtomicLong();
    var self = new AtomicReference<Run<T>>();
    Callable<T> call = () -> {
      T value;
      try {
        value = work.apply(ctx);
      } catch (Throwable t) {
        finished.set(System.nanoTime());
        HandoffException typed = typed(self.get(), t);
        failedReport(self.get(), typed);
        throw typed;
      }
      finished.set(System.nanoTime());
      if (value == null) {
        HandoffException none = HandoffException.of(system, system + " returned no result (a connector bug)", null);
        failedReport(self.get(), none);
        throw none;
      }
      okReport(self.get(), asResult.apply(value));
      return value;
    };
    var task = new FutureTask<>(call);
    long started = System.nanoTime();
    self.set(new Run<>(system, ctx, task, deadline, allowed, started, finished, new AtomicReference<>()));
    Listeners.safely(listener, l -> l.sourceStarted(system));
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      var refused = new SourceUnavailableException(system,
          "the executor refused to run " + system + " (" + e.getMessage() + "); give the builder a larger executor", e);
      task = new FutureTask<>(() -> {
        throw refused;
      });
      task.run();
    }
    // The executor may have refused the work: the run then carries the task that reports why.
    return task == self.get().task() ? self.get() : new Run<>(system, ctx, task, deadline, allowed, started, finished,
        self.get().reported());
  }

  private SourceOutcome await(Run<SourceResult> run) {
    try {
      SourceResult result = waitFor(run);
      SourceReport report = run.reported().get();
      return new SourceOutcome(result.evidence(), report != null ? report : okReport(run, result));
    } catch (HandoffException e) {
      return new SourceOutcome(List.of(), failedReport(run, e));
    }
  }

  private SourceReport okReport(Run<?> run, SourceResult result) {
    var notes = new java.util.ArrayList<>(result.notes());
    notes.addAll(result.unread());
    var report = new SourceReport(run.system(), result.partial() ? SourceReport.Status.PARTIAL : SourceReport.Status.OK,
        null, result.evidence().size(), run.context().calls(), elapsed(run), result.usage(), notes);
    return reported(run, report);
  }

  private SourceReport failedReport(Run<?> run, HandoffException e) {
    if (run.reported().get() == null) {
      LOG.warn("source {} failed: {}", run.system(), e.getMessage());
    }
    var report = new SourceReport(run.system(), SourceReport.Status.FAILED, e.toSourceFailure(), 0,
        run.context().calls(), elapsed(run), Map.of(), List.of());
    return reported(run, report);
  }

  /** Tells the listener once per run, whoever reports first; the report is returned either way. */
  private SourceReport reported(Run<?> run, SourceReport report) {
    if (run.reported().compareAndSet(null, report)) {
      Listeners.safely(listener, l -> l.sourceFinished(report));
    }
    return report;
  }

  /** Waits for the run until its deadline; every failure comes out as a typed HandoffException. */
  private <T> T waitFor(Run<T> run) {
    Duration left = Duration.between(clock.instant(), run.deadline());
    try {
      T result = run.task().get(Math.max(0, left.toNanos()), TimeUnit.NANOSECONDS);
      if (result == null) {
        throw HandoffException.of(run.system(), run.system() + " returned no result (a connector bug)", null);
      }
      return result;
    } catch (TimeoutException | CancellationException e) {
      run.task().cancel(true);
      throw new DeadlineExceededException(run.system(), run.allowed());
    } catch (InterruptedException e) {
      run.task().cancel(true);
      Thread.currentThread().interrupt();
      throw HandoffException.of(run.system(), "interrupted while waiting for " + run.system(), e);
    } catch (ExecutionException e) {
      throw typed(run, e.getCause());
    }
  }

  /** Any failure of a source's work as a typed HandoffException, with a message of ours. */
  private HandoffException typed(Run<?> run, Throwable cause) {
    if (cause instanceof HandoffException he) {
      // Connectors cap each call's timeout at the time left, so a call cut by the deadline
      // surfaces as "unavailable" a moment before the wait above would have timed out. At the
      // deadline that is a timeout, and the brief should say so.
      if (he.kind() == SourceFailure.Kind.UNAVAILABLE
          && !clock.instant().plus(DEADLINE_SLACK).isBefore(run.deadline())) {
        return new DeadlineExceededException(run.system(), run.allowed());
      }
      return he;
    }
    // An unknown exception's message may carry anything a vendor SDK put there, credentials
    // included: WARN names the class only; the full trace is for DEBUG, where the host opts in.
    LOG.warn("source {} threw an unexpected {}", run.system(), cause.getClass().getName());
    LOG.debug("source {} failure", run.system(), cause);
    return HandoffException.of(run.system(), run.system() + " failed unexpectedly ("
        + cause.getClass().getName() + "); enable DEBUG logging for " + Federation.class.getName()
        + " for the trace", null);
  }

  /** From start to the moment the work ended; a run still going (timed out) counts to now. */
  private static Duration elapsed(Run<?> run) {
    long end = run.finishedNanos().get();
    return Duration.ofNanos((end != 0 ? end : System.nanoTime()) - run.startNanos());
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
