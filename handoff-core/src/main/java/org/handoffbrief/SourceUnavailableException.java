package org.handoffbrief;

import org.handoffbrief.model.SourceFailure;

/** A source could not be reached or kept answering with server errors after its retries. */
public class SourceUnavailableException extends HandoffException {
  private static final long serialVersionUID = 1L;

  public SourceUnavailableException(String system, String message, Throwable cause) {
    super(system, SourceFailure.Kind.UNAVAILABLE, true, message, cause);
  }
}
