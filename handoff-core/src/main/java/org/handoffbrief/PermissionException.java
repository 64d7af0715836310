package org.handoffbrief;

import org.handoffbrief.model.SourceFailure;

/** The credentials work but lack a scope or permission the job needs; the message names it. */
public class PermissionException extends HandoffException {
  private static final long serialVersionUID = 1L;

  public PermissionException(String system, String message, Throwable cause) {
    super(system, SourceFailure.Kind.PERMISSION, false, message, cause);
  }
}
