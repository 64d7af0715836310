package org.handoffbrief;

import org.handoffbrief.model.SourceFailure;

/** A source answered with something that cannot be read; the message says which call and why. */
public class MalformedResponseException extends HandoffException {
  private static final long serialVersionUID = 1L;

  public MalformedResponseException(String system, String message, Throwable cause) {
    super(system, SourceFailure.Kind.MALFORMED_RESPONSE, false, message, cause);
  }
}
