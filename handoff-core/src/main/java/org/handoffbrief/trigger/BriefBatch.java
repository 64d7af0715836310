package org.handoffbrief.trigger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.handoffbrief.Handoff;
import org.handoffbrief.HandoffException;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.SourceReport;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.StoredBrief;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Briefs a list of fired deals (a week of Closed-Won closes, a backlog) a few at a time and says
 * what became of each: built, skipped as already done, failed with why, or not started.
 *
 * <p><b>Rate limits are shared through the {@link Handoff}.</b> A {@code Handoff} holds one
 * connector per system and each connector one {@link org.handoffbrief.spi.RateLimiter}, so every
 * brief of the run paces through the same limiter per system: fifty briefs stay under a vendor's
 * limit together instead of each earning its own 429s. Give the batch one {@code Handoff}, never
 * one per deal.
 *
 * <p><b>A batch waits its turn.</b> A limiter never lets a call start when its turn would come
 * after the source's deadline: the source is then partial rather than drawing a 429. That suits
 * a person waiting on one brief; a batch is not interactive, so give its {@code Handoff} a
 * deadline (and source deadline) long enough to queue behind the limits, e.g. ten minutes
 * ({@code Handoff.Builder.deadline(..).sourceDeadline(..)}), and its briefs come out whole,
 * paced at the vendors' rates.
 *
 * <p><b>Bounded.</b> At most {@link Builder#concurrency} deals are briefed at once (default
 * {@value #DEFAULT_CONCURRENCY}), on that many threads, whatever the number of deals; each brief
 * still reads its sources in parallel under its own deadline.
 *
 * <p><b>Already done.</b> A deal is skipped when the store already holds this win's brief of the
 * batch's kind ({@link AlreadyBriefed}); a deal reopened and won again after its brief is briefed
 * again. The batch does not ask the {@link TriggerGate}: a
 * key the gate admitted says a worker took the deal, not that its brief was made (the worker may
 * have failed), and a batch is how such deals are caught up. The store must be the one the
 * {@code Handoff} keeps its briefs in ({@code Handoff.Builder.store}), or a second run finds
 * nothing done.
 *
 * <p>Firings with the same {@link Fired#dedupeKey()} are briefed once. One deal failing never
 * stops the others. Interrupting the thread that calls {@link #run} stops new deals from starting;
 * the deals in flight finish (each within its brief's deadline) and the rest are reported as not
 * started, and the thread's interrupt flag is set again on return.
 *
 * <pre>{@code
 * try (Handoff handoff = Handoff.builder()....store(store).build()) {
 *   BriefBatch.Summary summary = BriefBatch.builder(handoff, store).concurrency(4).build().run(fired);
 *   System.out.println(summary.render());
 * }
 * }</pre>
 */
public final class BriefBatch {
  private static final Logger LOG = LoggerFactory.getLogger(BriefBatch.class);

  /** Default deals briefed at once: a few, so a week's batch does not crowd a vendor's limits. */
  public static final int DEFAULT_CONCURRENCY = 4;
  /** Why-messages are cut to this many characters: one sentence in a summary, not a stack trace. */
  static final int MAX_WHY = 300;

  private final Handoff handoff;
  private final BriefStore store;
  private final BriefKind kind;
  private final int concurrency;
  private final Listener listener;

  private BriefBatch(Builder b) {
    this.handoff = b.handoff;
    this.store = b.store;
    this.kind = b.kind;
    this.concurrency = b.concurrency;
    this.listener = b.listener;
  }

  /** Starts a batch's configuration: the briefs are made by {@code handoff} and kept in {@code store}. */
  public static Builder builder(Handoff handoff, BriefStore store) {
    return new Builder(handoff, store);
  }

  /** What became of one deal. */
  public enum Result {
    /** A brief was made (and stored, when the handoff keeps briefs). */
    BUILT,
    /** The store already held this win's brief of the batch's kind. */
    SKIPPED,
    /** The brief could not be made; {@link Outcome#why()} says why. */
    FAILED,
    /** The run was interrupted before this deal started. */
    NOT_STARTED
  }

  /**
   * One deal's outcome.
   *
   * @param fired the firing, as given
   * @param result what became of it
   * @param partial for a built brief: a source failed or was read only in part, so the brief says
   *     what it lacks
   * @param briefId the stored brief: the one made, or the one that made it a skip; null when none
   * @param failureKind for a failure: the typed exception's kind, e.g. {@code not_found}; else null
   * @param why one sentence: the failure's message, or what was skipped; null for a built brief
   */
  public record Outcome(Fired fired, Result result, boolean partial, String briefId, String failureKind,
      String why) {
    public Outcome {
      Objects.requireNonNull(fired, "fired == null");
      Objects.requireNonNull(result, "result == null");
    }
  }

  /**
   * How far the run is.
   *
   * @param total distinct deals in the run
   * @param started deals started so far (skips included)
   * @param finished deals finished so far
   */
  public record Progress(int total, int started, int finished) {
    /** Deals started and not finished yet. */
    public int inFlight() {
      return started - finished;
    }
  }

  /** Hears each deal start and finish, from the batch's worker threads; must be thread-safe and quick. */
  public interface Listener {
    /** A deal was taken up. */
    default void started(Fired fired, Progress progress) {}

    /** A deal is done with, whatever the result. */
    default void finished(Outcome outcome, Progress progress) {}
  }

  /**
   * What a run did.
   *
   * @param outcomes one per distinct deal, in the order given
   * @param duplicates firings left out because an earlier one had the same dedupe key
   * @param concurrency the bound the run kept to
   * @param elapsed the run's wall time
   */
  public record Summary(List<Outcome> outcomes, int duplicates, int concurrency, Duration elapsed) {
    public Summary {
      outcomes = List.copyOf(outcomes);
      Objects.requireNonNull(elapsed, "elapsed == null");
    }

    /** Deals with this result. */
    public List<Outcome> with(Result result) {
      return outcomes.stream().filter(o -> o.result() == result).toList();
    }

    /** How many deals had this result. */
    public int count(Result result) {
      return with(result).size();
    }

    /** How many built briefs are partial: a source failed or was cut. */
    public int partial() {
      return (int) outcomes.stream().filter(o -> o.result() == Result.BUILT && o.partial()).count();
    }

    /** True when every deal was built (whole) or already done. */
    public boolean clean() {
      return count(Result.FAILED) == 0 && count(Result.NOT_STARTED) == 0 && partial() == 0;
    }

    /** The summary as plain text for a terminal or a log: counts, then each failure with why. */
    public String render() {
      var out = new StringBuilder();
      out.append("Batch of ").append(outcomes.size()).append(outcomes.size() == 1 ? " deal" : " deals")
          .append(duplicates > 0 ? " (" + duplicates + " duplicate firings left out)" : "")
          .append(", ").append(concurrency).append(" at a time, in ").append(seconds(elapsed)).append('\n');
      out.append("  built:       ").append(count(Result.BUILT));
      if (partial() > 0) {
        out.append(" (").append(partial()).append(" partial: a source failed or was cut)");
      }
      out.append('\n');
      out.append("  skipped:     ").append(count(Result.SKIPPED)).append(" already done\n");
      out.append("  failed:      ").append(count(Result.FAILED)).append('\n');
      for (Outcome o : with(Result.FAILED)) {
        out.append("    ").append(o.fired().ref().opportunityId()).append(": ").append(o.failureKind()).append(": ")
            .append(o.why()).append('\n');
      }
      if (count(Result.NOT_STARTED) > 0) {
        out.append("  not started: ").append(count(Result.NOT_STARTED)).append(" (the run was interrupted)\n");
      }
      return out.toString();
    }

    private static String seconds(Duration d) {
      return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
  }

  /**
   * Briefs every distinct deal in {@code fired} and returns what became of each. Never throws for
   * a deal that fails; see the class comment for interruption.
   */
  public Summary run(List<Fired> fired) {
    Objects.requireNonNull(fired, "fired == null");
    long startNanos = System.nanoTime();
    var byKey = new LinkedHashMap<String, Fired>();
    fired.forEach(f -> byKey.putIfAbsent(Objects.requireNonNull(f, "a firing is null").dedupeKey(), f));
    List<Fired> deals = List.copyOf(byKey.values());
    int duplicates = fired.size() - deals.size();

    var queue = new ConcurrentLinkedQueue<>(deals);
    var outcomes = new java.util.concurrent.ConcurrentHashMap<String, Outcome>();
    var started = new AtomicInteger();
    var finished = new AtomicInteger();
    var stop = new AtomicBoolean();
    int threads = Math.max(1, Math.min(concurrency, deals.size()));
    ExecutorService workers = Executors.newFixedThreadPool(threads, workerThreads());
    boolean interrupted = false;
    try {
      var running = new ArrayList<Future<?>>();
      for (int i = 0; i < threads; i++) {
        running.add(workers.submit(() -> {
          Fired f;
          while (!stop.get() && (f = queue.poll()) != null) {
            Fired deal = f;
            var p = new Progress(deals.size(), started.incrementAndGet(), finished.get());
            tell(l -> l.started(deal, p));
            Outcome o = one(deal);
            outcomes.put(deal.dedupeKey(), o);
            var q = new Progress(deals.size(), started.get(), finished.incrementAndGet());
            tell(l -> l.finished(o, q));
          }
        }));
      }
      for (Future<?> r : running) {
        while (true) {
          try {
            r.get();
            break;
          } catch (InterruptedException e) {
            // Stop starting deals; those in flight finish within their brief's deadline.
            interrupted = true;
            stop.set(true);
          } catch (ExecutionException e) {
            // one() catches what a brief throws; this is a listener or a bug: the rest still runs.
            LOG.warn("a batch worker stopped: {}", e.getCause().getClass().getSimpleName());
            break;
          }
        }
      }
    } finally {
      workers.shutdownNow();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    var ordered = new ArrayList<Outcome>(deals.size());
    for (Fired f : deals) {
      Outcome o = outcomes.get(f.dedupeKey());
      ordered.add(o != null ? o : new Outcome(f, Result.NOT_STARTED, false, null, null, "the run was interrupted"));
    }
    return new Summary(ordered, duplicates, threads, Duration.ofNanos(System.nanoTime() - startNanos));
  }

  /** One deal: skipped when its win's brief is stored, else briefed; a failure becomes an outcome. */
  private Outcome one(Fired f) {
    try {
      Optional<StoredBrief> done = AlreadyBriefed.find(store, f, kind);
      if (done.isPresent()) {
        return new Outcome(f, Result.SKIPPED, false, done.get().briefId(), null,
            kind.title() + " " + done.get().briefId() + " was stored at " + done.get().storedAt());
      }
      HandoffBrief brief = handoff.brief(f.ref(), kind);
      boolean partial = brief.sources().stream()
          .anyMatch(s -> s.status() == SourceReport.Status.PARTIAL || s.status() == SourceReport.Status.FAILED);
      String briefId = store.latest(brief.opportunityId(), kind).map(StoredBrief::briefId).orElse(null);
      return new Outcome(f, Result.BUILT, partial, briefId, null, null);
    } catch (HandoffException e) {
      return new Outcome(f, Result.FAILED, false, null, failureKind(e), why(e.getMessage()));
    } catch (RuntimeException e) {
      // Not one of ours: its message may hold anything a library put there, so only its type is shown.
      LOG.warn("brief for {} failed unexpectedly: {}", f.ref().opportunityId(), e.getClass().getSimpleName());
      LOG.debug("brief for {} failed unexpectedly", f.ref().opportunityId(), e);
      return new Outcome(f, Result.FAILED, false, null, "error",
          "unexpected " + e.getClass().getSimpleName() + " (run with debug logs for the stack trace)");
    }
  }

  /** What kind of failure, as a word a summary shows: the deal's own problems apart from the systems'. */
  static String failureKind(HandoffException e) {
    if (e instanceof org.handoffbrief.DealNotFoundException) {
      return "not_found";
    }
    if (e instanceof org.handoffbrief.InvalidRequestException) {
      return "invalid_request";
    }
    return e.kind().name().toLowerCase(Locale.ROOT);
  }

  /** The first line of a message, cut to {@value #MAX_WHY} characters. */
  static String why(String message) {
    if (message == null || message.isBlank()) {
      return "no reason given";
    }
    String line = message.strip().lines().findFirst().orElse("");
    return line.length() <= MAX_WHY ? line : line.substring(0, MAX_WHY - 1) + "\u2026";
  }

  private void tell(java.util.function.Consumer<Listener> event) {
    try {
      event.accept(listener);
    } catch (RuntimeException e) {
      // A progress bar that throws must not stop the batch.
      LOG.warn("batch listener failed: {}", e.getClass().getSimpleName());
    }
  }

  private static java.util.concurrent.ThreadFactory workerThreads() {
    var n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "handoff-batch-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Configures a {@link BriefBatch}. */
  public static final class Builder {
    private final Handoff handoff;
    private final BriefStore store;
    private BriefKind kind = BriefKind.HANDOFF;
    private int concurrency = DEFAULT_CONCURRENCY;
    private Listener listener = new Listener() {};

    private Builder(Handoff handoff, BriefStore store) {
      this.handoff = Objects.requireNonNull(handoff, "handoff == null");
      this.store = Objects.requireNonNull(store, "store == null");
    }

    /** Which brief to make for each deal. Default {@link BriefKind#HANDOFF}. */
    public Builder kind(BriefKind kind) {
      this.kind = Objects.requireNonNull(kind, "kind == null");
      return this;
    }

    /** How many deals are briefed at once, 1 to 64. Default {@value BriefBatch#DEFAULT_CONCURRENCY}. */
    public Builder concurrency(int deals) {
      if (deals < 1 || deals > 64) {
        throw new IllegalArgumentException("concurrency must be 1 to 64, was " + deals);
      }
      this.concurrency = deals;
      return this;
    }

    /** Hears each deal start and finish (a progress bar, a log). */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** The batch. */
    public BriefBatch build() {
      return new BriefBatch(this);
    }
  }
}
