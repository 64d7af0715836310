package org.handoffbrief;

import org.handoffbrief.model.SourceFailure;

/**
 * The caller asked for something that cannot be done as asked: an id that is not a valid
 * Salesforce id, an opportunity not yet Closed-Won without a pre-close request, a malformed
 * trigger payload. Refused before any call is made where possible.
 */
public class InvalidRequestException extends HandoffException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String system, String message) {
    super(system, SourceFailure.Kind.ERROR, false, message, null);
  }
}
