package org.handoffbrief.writeback.salesforce;

import java.util.Objects;
import org.handoffbrief.HandoffException;

/**
 * A fault of a whole call (the org's request limit, an outage, a refused session) stopped a
 * write-back run. What was done before is recorded in the store; the writes of the failed call are
 * marked failed and the rest not run, so running the same brief again completes the plan. The
 * cause is the typed exception of the call; {@link #kind()} and {@link #isRetriable()} are its.
 */
public final class WritebackStoppedException extends HandoffException {
  private static final long serialVersionUID = 1L;

  private final transient WritebackResult result;

  WritebackStoppedException(WritebackResult result, HandoffException cause) {
    super(cause.system(), cause.kind(), cause.isRetriable(), "The Salesforce write-back of plan " + result.planKey()
        + " stopped: " + cause.getMessage() + " So far: " + result.summary() + " Run it again to complete the rest.",
        cause);
    this.result = Objects.requireNonNull(result, "result == null");
  }

  /** What this run did before it stopped. */
  public WritebackResult result() {
    return result;
  }
}
