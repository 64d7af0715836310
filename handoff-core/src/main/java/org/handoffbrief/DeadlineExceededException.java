package org.handoffbrief;

import java.time.Duration;
import org.handoffbrief.model.SourceFailure;

/** A source did not answer within its deadline (or the brief's overall one). */
public class DeadlineExceededException extends HandoffException {
  private static final long serialVersionUID = 1L;

  public DeadlineExceededException(String system, Duration allowed) {
    super(system, SourceFailure.Kind.TIMEOUT, true, system + " did not answer within " + allowed.toMillis()
        + " ms; raise its deadline or check the service's health.", null);
  }

  /**
   * One call that did not complete within its own timeout (headers and body), as a connector
   * reports it: retriable, with the message naming the call and the cause kept for debugging.
   */
  public DeadlineExceededException(String system, String message, Throwable cause) {
    super(system, SourceFailure.Kind.TIMEOUT, true, message, cause);
  }
}
