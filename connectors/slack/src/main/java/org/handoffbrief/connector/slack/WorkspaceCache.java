package org.handoffbrief.connector.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.handoffbrief.DeadlineExceededException;

/**
 * Workspace-level answers (the channel directory, people's profiles) kept for a bounded time and
 * shared by every brief one {@link SlackConnector} makes, so a batch reads them once instead of
 * once per brief. Nothing deal-specific belongs here: channel history and thread replies are a
 * brief's evidence and are read per brief.
 *
 * <p>Only what the caller calls complete is kept: a failure is never kept (it is thrown), nor a
 * partial answer (a page set cut short). At most {@code maxEntries} are kept; past that the
 * expired ones go first, then the oldest.
 *
 * <p><b>One load per key at a time.</b> When several briefs miss the same key at once, the first
 * loads it and the others wait for its answer, so two briefs needing the same person make one
 * call. When that load fails, each waiter loads for itself under its own deadline and call
 * budget: one brief's failure (its budget spent, its deadline passed) never becomes another's.
 * A waiter is bounded by its own deadline, which the library enforces by interrupting it.
 *
 * <p>A zero TTL turns the cache off: every get loads.
 */
final class WorkspaceCache<K, V> {
  private final Duration ttl;
  private final int maxEntries;
  private final Clock clock;
  /** Insertion order is age order: a value is put once per load. Guarded by {@code this}. */
  private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>();
  private final Map<K, CompletableFuture<V>> loading = new ConcurrentHashMap<>();

  private record Entry<V>(V value, Instant expires) {}

  WorkspaceCache(Duration ttl, int maxEntries, Clock clock) {
    this.ttl = ttl;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  /**
   * The fresh value for {@code key}, or {@code load}'s answer, kept when {@code complete} says so.
   * Exceptions of {@code load} pass through unchanged.
   */
  V get(K key, Supplier<V> load, Predicate<V> complete) {
    if (ttl.isZero()) {
      return load.get();
    }
    V hit = fresh(key);
    if (hit != null) {
      return hit;
    }
    var mine = new CompletableFuture<V>();
    CompletableFuture<V> theirs = loading.putIfAbsent(key, mine);
    if (theirs != null) {
      try {
        return theirs.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // how the library enforces the deadline
        throw new DeadlineExceededException(SlackConnector.SYSTEM, Duration.ZERO);
      } catch (ExecutionException e) {
        return get(key, load, complete); // their failure is not ours: try again, reading for ourselves
      }
    }
    try {
      V value = fresh(key); // another brief may have put it between our miss and our claim
      if (value == null) {
        value = load.get();
        if (value != null && complete.test(value)) {
          put(key, value);
        }
      }
      mine.complete(value);
      return value;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      loading.remove(key, mine);
    }
  }

  /** How many values are kept now, expired ones included until they are looked at or pushed out. */
  synchronized int size() {
    return entries.size();
  }

  private synchronized V fresh(K key) {
    Entry<V> e = entries.get(key);
    if (e == null) {
      return null;
    }
    if (!clock.instant().isBefore(e.expires())) {
      entries.remove(key);
      return null;
    }
    return e.value();
  }

  private synchronized void put(K key, V value) {
    Instant now = clock.instant();
    entries.remove(key);
    entries.put(key, new Entry<>(value, now.plus(ttl)));
    if (entries.size() <= maxEntries) {
      return;
    }
    entries.values().removeIf(e -> !now.isBefore(e.expires()));
    for (Iterator<K> oldest = entries.keySet().iterator(); entries.size() > maxEntries; ) {
      oldest.next();
      oldest.remove();
    }
  }
}
