package org.handoffbrief;

import org.handoffbrief.model.SourceFailure;

/** Credentials are missing, expired or refused. Permanent until someone fixes the credentials. */
public class AuthenticationException extends HandoffException {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(String system, String message, Throwable cause) {
    super(system, SourceFailure.Kind.AUTHENTICATION, false, message, cause);
  }
}
