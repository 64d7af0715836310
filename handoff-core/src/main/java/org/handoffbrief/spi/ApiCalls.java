package org.handoffbrief.spi;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.handoffbrief.DeadlineExceededException;
import org.handoffbrief.HandoffException;
import org.handoffbrief.RateLimitException;
import org.handoffbrief.SourceUnavailableException;

/**
 * Runs a connector's API calls under its {@link RetryPolicy}, its {@link RateLimiter}, its deadline
 * and its call budget, reporting every attempt to the {@link SourceContext}. A connector writes the
 * call and its error mapping once; this class decides whether and when to try again. Every attempt
 * waits for a slot of the connector's limiter, and a 429 that says when to come back pauses that
 * limiter for every brief the connector is making, not just this one.
 *
 * <pre>{@code
 * ApiCalls calls = ApiCalls.of(context, RetryPolicy.ofDefaults(), limiter); // limiter: one per connector
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

  /** What a connector does about a failed attempt once it is recorded; see {@link Hooks#afterFailure}. */
  public enum Next {
    /** The connector repaired the cause (signed in anew): make the next attempt at once, without back-off. */
    RETRY_NOW,
    /** Let the retry policy decide, as for any connector. */
    BY_POLICY,
    /** Throw the failure: another attempt would fail the same way (an expired cursor). */
    GIVE_UP
  }

  /**
   * What a connector adds to its calls beyond typed errors, for a vendor with a session that can
   * expire mid-run and error codes of its own (Salesforce). Each default is plain {@link ApiCalls}.
   */
  public interface Hooks {
    /** The outcome reported for a failed attempt; by default its kind, e.g. {@code unavailable}. */
    default String outcome(HandoffException failure) {
      return failure.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Called once a failed attempt is reported. It may repair the cause and ask for {@link
     * Next#RETRY_NOW} (counted as an attempt and against the budget, but allowed past the policy's
     * attempts, as a repair is not a retry), or throw a clearer exception of its own.
     */
    default Next afterFailure(HandoffException failure) {
      return Next.BY_POLICY;
    }

    /**
     * Whether the budget may refuse a call's first attempt. False for a connector that checks the
     * budget itself where it can stop (between pages) and needs every other call it makes: then the
     * budget refuses only retries.
     */
    default boolean budgetsFirstAttempts() {
      return true;
    }
  }

  private static final Hooks PLAIN = new Hooks() { };

  private final SourceContext context;
  private final RetryPolicy policy;
  private final ErrorMapper mapper;
  private final RateLimiter limiter;
  private final Hooks hooks;

  private ApiCalls(SourceContext context, RetryPolicy policy, RateLimiter limiter, ErrorMapper mapper, Hooks hooks) {
    this.context = Objects.requireNonNull(context, "context == null");
    this.policy = Objects.requireNonNull(policy, "policy == null");
    this.limiter = Objects.requireNonNull(limiter, "limiter == null");
    this.mapper = Objects.requireNonNull(mapper, "mapper == null");
    this.hooks = Objects.requireNonNull(hooks, "hooks == null");
  }

  /** Unpaced calls whose attempts throw typed exceptions themselves. */
  public static ApiCalls of(SourceContext context, RetryPolicy policy) {
    return of(context, policy, RateLimiter.unpaced());
  }

  /** Unpaced calls whose untyped exceptions {@code mapper} turns into typed ones. */
  public static ApiCalls of(SourceContext context, RetryPolicy policy, ErrorMapper mapper) {
    return of(context, policy, RateLimiter.unpaced(), mapper);
  }

  /**
   * Calls paced by {@code limiter} (the connector's, shared by all its briefs) whose attempts throw
   * typed exceptions themselves. An untyped {@link IOException} (a refused or reset
   * connection, a timeout) is the source being unreachable, retried under the policy; any other
   * untyped exception is a permanent failure.
   */
  public static ApiCalls of(SourceContext context, RetryPolicy policy, RateLimiter limiter) {
    return new ApiCalls(context, policy, limiter, e -> e instanceof IOException
        ? new SourceUnavailableException(context.system(),
            context.system() + " could not be reached (" + e.getClass().getName() + ")", e)
        : HandoffException.of(context.system(), context.system() + " call failed (" + e.getClass().getName() + ")",
            null), PLAIN);
  }

  /** Calls paced by {@code limiter} whose untyped exceptions {@code mapper} turns into typed ones. */
  public static ApiCalls of(SourceContext context, RetryPolicy policy, RateLimiter limiter, ErrorMapper mapper) {
    return new ApiCalls(context, policy, limiter, mapper, PLAIN);
  }

  /** These calls with {@code hooks} consulted on every attempt. */
  public ApiCalls with(Hooks hooks) {
    return new ApiCalls(context, policy, limiter, mapper, hooks);
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
   *     next wait (for a retry or for the limiter's next slot) would pass the source's deadline
   */
  public <T> T call(String operation, Attempt<T> attempt) {
    for (int n = 1; ; n++) {
      if ((n > 1 || hooks.budgetsFirstAttempts()) && context.budgetExhausted()) {
        throw new CallBudgetExhaustedException(context.system(), context.callBudget());
      }
      awaitSlot();
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
      context.recordCall(operation, Duration.ofNanos(System.nanoTime() - started), hooks.outcome(failure));
      if (failure instanceof RateLimitException r && r.retryAfter().isPresent()) {
        limiter.pauseFor(r.retryAfter().get()); // every other caller of this vendor waits too
      }
      Next next = hooks.afterFailure(failure);
      if (next == Next.RETRY_NOW) {
        continue;
      }
      if (next == Next.GIVE_UP || !failure.isRetriable() || n >= policy.maxAttempts()) {
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

  /** Waits for the limiter's next slot, failing at once when it comes after the deadline. */
  private void awaitSlot() {
    Duration left = context.remaining();
    try {
      if (limiter.acquire(left)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeadlineExceededException(context.system(), left);
    }
    Duration pause = limiter.pauseRemaining();
    String system = context.system();
    if (!pause.isZero()) {
      throw new RateLimitException(system, system + " asked for a pause of " + pause.toMillis()
          + " ms before the next call, longer than the " + left.toMillis() + " ms left before the deadline.",
          pause, null);
    }
    throw new DeadlineExceededException(system, "The next " + system + " call's slot under its configured"
        + " request rate comes after the deadline (" + left.toMillis() + " ms left); raise the rate if the"
        + " vendor's plan allows it, or the deadline.", null);
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
