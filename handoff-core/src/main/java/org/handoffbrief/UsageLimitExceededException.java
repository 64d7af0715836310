package org.handoffbrief;

/**
 * A long-window usage limit is spent, such as Salesforce's rolling 24-hour API request limit
 * ({@code REQUEST_LIMIT_EXCEEDED}). Retrying in a loop only makes it worse, so this is not
 * retriable: wait for the window to roll or raise the limit.
 */
public class UsageLimitExceededException extends RateLimitException {
  private static final long serialVersionUID = 1L;

  public UsageLimitExceededException(String system, String message, Throwable cause) {
    super(system, message, null, false, cause);
  }
}
