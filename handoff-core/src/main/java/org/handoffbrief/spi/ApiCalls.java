package org.handoffbrief.spi;

import java.time.Duration;
import java.util.Objects;
import org.handoffbrief.DeadlineExceededException;
import org.handoffbrief.HandoffException;
import org.handoffbrief.RateLimitException;

/**
 * Runs a connector's API calls under its {@link RetryPolicy}, its deadline and its call budget,
 * reporting every attempt to the {@link SourceContext}. A connector writes the call and its
 * error mapping once; this class decides whether and when to try again.
 *
 * <pre>{@code
 * ApiCalls calls = ApiCalls.of(context, RetryPolicy.ofDefaults());
 * Page page = calls.call("GET /api/v2/search", () -> client.search(query)); // throws typed errors
 * }</pre>
 */
public final class ApiCalls {

  /** One attempt of a call; throws a typed {@link HandoffException} on failure. */
  @FunctionalInterface
  public interface Attempt<T> {
    T run() throws Exception;
  }

  /** Maps a vendor or I/O exception that is not already typed to a typed one. */
  @FunctionalInterface
  public interface ErrorMapper {
    HandoffException map(Exception e);
  }

  private final SourceContext context;
  private final RetryPolicy policy;
  private final ErrorMapper mapper;

  private ApiCalls(SourceContext context, RetryPolicy policy, ErrorMapper mapper) {
    this.context = Objects.requireNonNull(context, "context == null");
    this.policy = Objects.requireNonNull(policy, "policy == null");
    this.mapper = Objects.requireNonNull(mapper, "mapper == null");
  }

  /** Calls whose attempts throw typed exceptions themselves. */
  public static ApiCalls of(SourceContext context, RetryPolicy policy) {
    return new ApiCalls(context, policy, e -> HandoffException.of(context.system(),
        context.system() + " call failed (" + e.getClass().getName() + ")", null));
  }

  /** Calls whose untyped exceptions {@code mapper} turns into typed ones. */
  public static ApiCalls of(SourceContext context, RetryPolicy policy, ErrorMapper mapper) {
    return new ApiCalls(context, policy, mapper);
  }

  /** The context the calls report to. */
  public SourceContext context() {
    return context;
  }

  /**
   * Runs the call, retrying retriable failures. Every attempt counts against the call budget and
   * is reported with its outcome.
   *
   * @throws CallBudgetExhaustedException before an attempt the budget does not allow; connectors
   *     catch it to stop paging and say so in a note
   * @throws HandoffException the last attempt's typed failure, or a deadline failure when the
   *     next wait would pass the source's deadline
   */
  public <T> T call(String operation, Attempt<T> attempt) {
    for (int n = 1; ; n++) {
      if (context.budgetExhausted()) {
        throw new CallBudgetExhaustedException(context.system(), context.callBudget());
      }
      long started = System.nanoTime();
      HandoffException failure;
      try {
        T result = attempt.run();
        context.recordCall(operation, Duration.ofNanos(System.nanoTime() - started), "ok");
        return result;
      } catch (HandoffException e) {
        failure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        context.recordCall(operation, Duration.ofNanos(System.nanoTime() - started), "interrupted");
        // Interruption is how the library enforces the deadline; it reports the timeout itself.
        throw new DeadlineExceededException(context.system(), Duration.ofNanos(System.nanoTime() - started));
      } catch (Exception e) {
        failure = Objects.requireNonNull(mapper.map(e), "mapper returned null");
      }
      context.recordCall(operation, Duration.ofNanos(System.nanoTime() - started), outcome(failure));
      if (!failure.isRetriable() || n >= policy.maxAttempts()) {
        throw failure;
      }
      Duration wait = policy.backoff(n);
      if (failure instanceof RateLimitException r && r.retryAfter().isPresent()
          && r.retryAfter().get().compareTo(wait) > 0) {
        if (r.retryAfter().get().compareTo(policy.maxBackoff()) > 0) {
          throw failure; // coming back sooner than the vendor asked only earns another 429
        }
        wait = r.retryAfter().get();
      }
      if (wait.compareTo(context.remaining()) >= 0) {
        throw failure; // waiting would pass the deadline: the caller hears the real reason now
      }
      sleep(wait);
    }
  }

  /**
   * Whether a failure ends the whole source rather than the page or item it happened on: refused
   * credentials or permissions fail every later call too, and a spent budget allows none. Anything
   * else (an outage, a timeout, a malformed page) costs only what that call would have read, so a
   * connector keeps what it read and says what it did not.
   */
  public static boolean endsTheSource(HandoffException e) {
    return e instanceof CallBudgetExhaustedException || e instanceof org.handoffbrief.AuthenticationException
        || e instanceof org.handoffbrief.PermissionException;
  }

  private static String outcome(HandoffException e) {
    return e.kind().name().toLowerCase(java.util.Locale.ROOT);
  }

  private void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeadlineExceededException(context.system(), wait);
    }
  }
}
