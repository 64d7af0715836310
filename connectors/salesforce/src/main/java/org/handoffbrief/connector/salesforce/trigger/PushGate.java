package org.handoffbrief.connector.salesforce.trigger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.trigger.Fired;
import org.handoffbrief.trigger.TriggerGate;

/**
 * The two once-checks every pushed Salesforce event passes. First the delivery: Salesforce delivers
 * at least once and retries, so each event (a notification id, a change event's transaction and
 * record) is marked in the store and a repeat is skipped. Then the win: two different events can
 * say the same opportunity was won (an edit that re-fires a workflow rule, a second rule), and the
 * brief should be made once, so each firing is keyed on {@code <opportunityId>/won@<won moment>}
 * through the {@link TriggerGate} (bare {@code <opportunityId>/won} when the event does not say
 * when). A deal reopened and won again has a new moment and fires again.
 *
 * <p>The gate is scoped by trigger kind, so the same win pushed by an outbound message and found
 * by the poller passes twice; whoever briefs it second finds it already briefed
 * ({@link org.handoffbrief.trigger.AlreadyBriefed}) and stops.
 */
final class PushGate {
  private final BriefStore store;
  private final Clock clock;
  private final TriggerGate gate;

  PushGate(BriefStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.gate = new TriggerGate(store, clock);
  }

  /**
   * One delivered event.
   *
   * @param eventKey what makes a redelivery the same event
   * @param won the firing when the event says a deal was won; null when it is to be acknowledged and ignored
   */
  record Event(String eventKey, Fired won) {}

  /** What passing a batch of events did. */
  record Passed(List<Fired> fired, int repeated) {}

  /** Marks each event, in order, and returns the firings this caller is the first to see. */
  Passed pass(String scope, List<Event> events) {
    var fired = new ArrayList<Fired>();
    int repeated = 0;
    for (Event e : events) {
      if (!store.markOnce(scope, e.eventKey(), clock.instant())) {
        repeated++;
      } else if (e.won() != null && gate.admit(e.won())) {
        fired.add(e.won());
      }
    }
    return new Passed(List.copyOf(fired), repeated);
  }

  /** The dedupe key that makes one firing per win; {@code moment} null when the event does not say when. */
  static String wonKey(String opportunityId, String moment) {
    return moment == null ? opportunityId + "/won" : opportunityId + "/won@" + moment;
  }
}
