package org.handoffbrief.trigger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.handoffbrief.store.BriefStore;

/**
 * Lets each firing through once, however many workers receive it and however often the sender
 * retries: the store's unique once-keys decide ({@link BriefStore#markOnce}), scoped by trigger kind.
 */
public final class TriggerGate {
  private final BriefStore store;
  private final Clock clock;

  public TriggerGate(BriefStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** True for the first worker ever to pass {@code fired}'s key; false for every later one. */
  public boolean admit(Fired fired) {
    Objects.requireNonNull(fired, "fired == null");
    return store.markOnce(scope(fired), fired.dedupeKey(), clock.instant());
  }

  /** The firings this caller is the first to pass, in order. */
  public List<Fired> admit(List<Fired> fired) {
    var out = new ArrayList<Fired>();
    for (Fired f : fired) {
      if (admit(f)) {
        out.add(f);
      }
    }
    return out;
  }

  private static String scope(Fired f) {
    return "trigger." + f.ref().trigger().name().toLowerCase(Locale.ROOT);
  }
}
