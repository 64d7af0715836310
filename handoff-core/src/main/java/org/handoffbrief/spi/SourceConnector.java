package org.handoffbrief.spi;

import org.handoffbrief.model.DealContext;

/**
 * Reads one source system for one deal. The library calls {@link #fetch} on a thread of its
 * executor, in parallel with every other connector, under this source's deadline.
 *
 * <p>A connector finds what belongs to the deal from the {@link DealContext} (the customer's
 * addresses and domains, the internal team, the sales-cycle window) and nothing else: evidence
 * from another customer must never enter.
 *
 * <p>Failures are thrown as {@link org.handoffbrief.HandoffException} subclasses; the library
 * records them as the source's failure and still produces the brief. Implementations must be
 * thread-safe and must react to interruption (the deadline is enforced by interrupting).
 *
 * <p>A connector that holds resources (HTTP clients, connection pools, SDK worker threads)
 * releases them in {@link #close()}. {@link org.handoffbrief.Handoff#close()} closes the
 * connectors it made from settings; a connector the host registered itself stays the host's to
 * close.
 */
public interface SourceConnector extends AutoCloseable {

  /** The system this connector reads, lower case, e.g. {@code gmail}. Unique per builder. */
  String system();

  /**
   * The kinds of conversation this source reads (mail, chat, calls...), whether or not a read
   * succeeds; each item it returns carries its own ({@link
   * org.handoffbrief.model.Evidence.Builder#channel}). The brief tells a reader which channels
   * it never saw, and checks promises in mail and calls, by these. The default declares none.
   */
  default java.util.Set<org.handoffbrief.model.Channel> channels() {
    return java.util.Set.of();
  }

  /**
   * Reads this source for the deal.
   *
   * @throws org.handoffbrief.HandoffException typed by what went wrong
   */
  SourceResult fetch(DealContext deal, SourceContext context);

  /**
   * The second round: reads what the first round's links point at in this system (a new
   * participant's tickets or calls, the champion's recent tickets). Runs in parallel with the other
   * connectors' follow-ups, under the same deadline rules; evidence already returned by
   * {@link #fetch} may be returned again (it is de-duplicated by id). The default reads nothing.
   */
  default SourceResult followUp(DealContext deal, FollowUp followUp, SourceContext context) {
    return SourceResult.of(java.util.List.of());
  }

  /**
   * Releases what this connector holds: its HTTP clients, their connection pools and any SDK
   * threads. Idempotent; a closed connector is not used again. The default holds nothing.
   */
  @Override
  default void close() {
  }
}
