package org.handoffbrief.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.handoffbrief.HandoffException;

/**
 * Which of the library's exceptions a route retries. Every {@code handoff:} endpoint leaves the
 * library's typed exception as the exchange's, so Camel's {@code onException} and redelivery apply:
 * <ul>
 *   <li>worth retrying ({@link HandoffException#isRetriable()} true): {@code RateLimitException}
 *       (a 429, with its retry-after), {@code SourceUnavailableException} (an outage, a 5xx),
 *       {@code DeadlineExceededException};</li>
 *   <li>not: {@code InvalidRequestException} and its {@code SalesforceEventException} (a malformed
 *       body or a wrong organization: answer 400, nothing was stored), {@code DealNotFoundException},
 *       {@code AuthenticationException} and {@code PermissionException} (fix the configuration),
 *       {@code UsageLimitExceededException} (the org's daily limit).</li>
 * </ul>
 * <pre>{@code
 * onException(HandoffException.class).onWhen(HandoffErrors.retriable())
 *     .maximumRedeliveries(3).redeliveryDelay(2000).useExponentialBackOff();
 * }</pre>
 */
public final class HandoffErrors {
  private HandoffErrors() {}

  /** True when the exchange failed with a {@link HandoffException} that says a retry may succeed. */
  public static Predicate retriable() {
    return exchange -> {
      HandoffException e = exchange.getException(HandoffException.class);
      if (e == null) {
        e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, HandoffException.class);
      }
      return e != null && e.isRetriable();
    };
  }
}
