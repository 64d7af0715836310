package org.handoffbrief.connector.slack.delivery;

import org.handoffbrief.HandoffException;
import org.handoffbrief.model.SourceFailure;

/**
 * Slack refused a post, an update, a DM or a modal for a reason a person must fix: the bot is not
 * in the channel ({@code not_in_channel}), the channel does not exist ({@code channel_not_found}),
 * a scope is missing, or the request was refused. A rate limit is a
 * {@link org.handoffbrief.RateLimitException} (with Slack's {@code Retry-After}) and a refused token
 * an {@link org.handoffbrief.AuthenticationException}; neither message ever holds a token.
 */
public class SlackDeliveryException extends HandoffException {
  private static final long serialVersionUID = 1L;

  private final String error;

  SlackDeliveryException(String error, boolean retriable, String message, Throwable cause) {
    super("slack", retriable ? SourceFailure.Kind.UNAVAILABLE : SourceFailure.Kind.ERROR, retriable, message, cause);
    this.error = error;
  }

  /** Slack's error code, e.g. {@code not_in_channel}, or {@code http_<status>} for an HTTP failure. */
  public String error() {
    return error;
  }
}
