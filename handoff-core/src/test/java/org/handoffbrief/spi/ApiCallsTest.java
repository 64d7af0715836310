package org.handoffbrief.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.DeadlineExceededException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.RateLimitException;
import org.handoffbrief.SourceUnavailableException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ApiCallsTest {

  /** A context with a budget and a far deadline that records outcomes. */
  static final class Ctx implements SourceContext {
    final List<String> outcomes = new ArrayList<>();
    final int budget;
    Duration remaining = Duration.ofMinutes(5);

    Ctx(int budget) {
      this.budget = budget;
    }

    @Override public String system() {
      return "zendesk";
    }

    @Override public Instant deadline() {
      return Instant.now().plus(remaining);
    }

    @Override public Duration remaining() {
      return remaining;
    }

    @Override public int callBudget() {
      return budget;
    }

    @Override public int calls() {
      return outcomes.size();
    }

    @Override public void recordCall(String operation, Duration elapsed, String outcome) {
      outcomes.add(outcome);
    }
  }

  static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(20));

  @Test
  void aServerErrorThenSuccessIsRetriedAndBothAttemptsAreReported() {
    var ctx = new Ctx(10);
    var n = new AtomicInteger();
    String result = ApiCalls.of(ctx, FAST).call("GET /tickets", () -> {
      if (n.incrementAndGet() == 1) {
        throw new SourceUnavailableException("zendesk", "503", null);
      }
      return "page";
    });
    assertEquals("page", result);
    assertEquals(List.of("unavailable", "ok"), ctx.outcomes);
  }

  @Test
  void authenticationFailuresAreNeverRetried() {
    var ctx = new Ctx(10);
    var e = new AuthenticationException("zendesk", "token expired", null);
    assertSame(e, assertThrows(AuthenticationException.class,
        () -> ApiCalls.of(ctx, FAST).call("GET /tickets", () -> {
          throw e;
        })));
    assertEquals(List.of("authentication"), ctx.outcomes);
  }

  @Test
  void retriesStopAfterTheLastAttempt() {
    var ctx = new Ctx(10);
    assertThrows(RateLimitException.class, () -> ApiCalls.of(ctx, FAST).call("GET /tickets", () -> {
      throw new RateLimitException("zendesk", "429", Duration.ofMillis(5), null);
    }));
    assertEquals(3, ctx.outcomes.size());
  }

  @Test
  void aRetryAfterLongerThanTheTimeLeftFailsAtOnceWithTheRealReason() {
    var ctx = new Ctx(10);
    ctx.remaining = Duration.ofMillis(100);
    var policy = new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMinutes(10));
    var e = assertThrows(RateLimitException.class, () -> ApiCalls.of(ctx, policy).call("GET /tickets", () -> {
      throw new RateLimitException("zendesk", "429", Duration.ofSeconds(60), null);
    }));
    assertEquals(Duration.ofSeconds(60), e.retryAfter().orElseThrow());
    assertEquals(1, ctx.outcomes.size(), "no retry: waiting 60 s would pass the deadline");
  }

  @Test
  void aRetryAfterLongerThanThePolicysLongestWaitIsNotRetriedEarly() {
    var ctx = new Ctx(10);
    assertThrows(RateLimitException.class, () -> ApiCalls.of(ctx, FAST).call("GET /tickets", () -> {
      throw new RateLimitException("zendesk", "429", Duration.ofSeconds(93), null);
    }));
    assertEquals(1, ctx.outcomes.size());
  }

  @Test
  void anExhaustedBudgetStopsBeforeTheCall() {
    var ctx = new Ctx(1);
    var calls = ApiCalls.of(ctx, FAST);
    calls.call("GET /a", () -> "one");
    var n = new AtomicInteger();
    assertThrows(CallBudgetExhaustedException.class, () -> calls.call("GET /b", n::incrementAndGet));
    assertEquals(0, n.get());
  }

  @Test
  void untypedExceptionsAreMappedAndOnlyRetriedWhenTheMappingSaysSo() {
    var ctx = new Ctx(10);
    var calls = ApiCalls.of(ctx, FAST, e -> new MalformedResponseException("zendesk", "bad JSON", null));
    assertThrows(MalformedResponseException.class, () -> calls.call("GET /a", () -> {
      throw new java.io.IOException("truncated");
    }));
    assertEquals(List.of("malformed_response"), ctx.outcomes);
  }

  @Test
  void withoutAMapperANetworkFailureIsTheSourceUnreachableAndIsRetried() {
    var ctx = new Ctx(10);
    var n = new AtomicInteger();
    String result = ApiCalls.of(ctx, FAST).call("GET /a", () -> {
      if (n.incrementAndGet() == 1) {
        throw new java.net.ConnectException("Connection refused");
      }
      return "page";
    });
    assertEquals("page", result);
    assertEquals(List.of("unavailable", "ok"), ctx.outcomes);
  }

  @Test
  void withoutAMapperAnyOtherUntypedExceptionIsPermanent() {
    var ctx = new Ctx(10);
    var n = new AtomicInteger();
    assertThrows(org.handoffbrief.HandoffException.class, () -> ApiCalls.of(ctx, FAST).call("GET /a", () -> {
      n.incrementAndGet();
      throw new IllegalStateException("a bug, not the network");
    }));
    assertEquals(1, n.get());
  }

  // --- hooks: what a connector with a session of its own adds -----------------------------------

  @Test
  void aRepairedFailureIsTriedAgainAtOnceEvenPastThePolicysAttempts() {
    var ctx = new Ctx(10);
    var n = new AtomicInteger();
    var repairs = new AtomicInteger();
    var calls = ApiCalls.of(ctx, RetryPolicy.none()).with(new ApiCalls.Hooks() {
      @Override public ApiCalls.Next afterFailure(org.handoffbrief.HandoffException failure) {
        repairs.incrementAndGet();
        return ApiCalls.Next.RETRY_NOW;
      }
    });
    String result = calls.call("GET /a", () -> {
      if (n.incrementAndGet() == 1) {
        throw new AuthenticationException("zendesk", "session expired", null);
      }
      return "page";
    });
    assertEquals("page", result);
    assertEquals(1, repairs.get());
    assertEquals(List.of("authentication", "ok"), ctx.outcomes);
  }

  @Test
  void aFailureTheHooksGiveUpOnIsNotRetriedThoughRetriable() {
    var ctx = new Ctx(10);
    var calls = ApiCalls.of(ctx, FAST).with(new ApiCalls.Hooks() {
      @Override public ApiCalls.Next afterFailure(org.handoffbrief.HandoffException failure) {
        return ApiCalls.Next.GIVE_UP;
      }
    });
    var e = assertThrows(SourceUnavailableException.class, () -> calls.call("GET /a", () -> {
      throw new SourceUnavailableException("zendesk", "cursor expired", null);
    }));
    assertTrue(e.isRetriable());
    assertEquals(1, ctx.outcomes.size());
  }

  @Test
  void theHooksNameTheOutcomeReportedForAFailure() {
    var ctx = new Ctx(10);
    var calls = ApiCalls.of(ctx, RetryPolicy.none()).with(new ApiCalls.Hooks() {
      @Override public String outcome(org.handoffbrief.HandoffException failure) {
        return "VENDOR_CODE";
      }
    });
    assertThrows(SourceUnavailableException.class, () -> calls.call("GET /a", () -> {
      throw new SourceUnavailableException("zendesk", "down", null);
    }));
    assertEquals(List.of("VENDOR_CODE"), ctx.outcomes);
  }

  @Test
  void withoutBudgetedFirstAttemptsASpentBudgetRefusesOnlyRetries() {
    var ctx = new Ctx(1);
    var calls = ApiCalls.of(ctx, FAST).with(new ApiCalls.Hooks() {
      @Override public boolean budgetsFirstAttempts() {
        return false;
      }
    });
    calls.call("GET /a", () -> "one");
    assertEquals("two", calls.call("GET /b", () -> "two"), "a first attempt is made though the budget is spent");
    assertThrows(CallBudgetExhaustedException.class, () -> calls.call("GET /c", () -> {
      throw new SourceUnavailableException("zendesk", "503", null);
    }));
    assertEquals(3, ctx.outcomes.size(), "the retry was refused");
  }

  /** Issue 8 batch: one brief's 429 holds the next call of another brief on the same limiter. */
  @Tag("reliability")
  @Test
  void aRetryAfterPausesEveryBriefSharingTheConnectorsLimiter() {
    var limiter = RateLimiter.unpaced();
    var first = new Ctx(10);
    assertThrows(RateLimitException.class, () -> ApiCalls.of(first, RetryPolicy.none(), limiter).call("GET /a", () -> {
      throw new RateLimitException("zendesk", "429", Duration.ofSeconds(40), null);
    }));
    var second = new Ctx(10);
    second.remaining = Duration.ofSeconds(5);
    var n = new AtomicInteger();
    var e = assertThrows(RateLimitException.class,
        () -> ApiCalls.of(second, FAST, limiter).call("GET /b", n::incrementAndGet));
    assertEquals(0, n.get(), "the other brief never sent a call into the vendor's pause");
    assertTrue(e.retryAfter().orElseThrow().compareTo(Duration.ofSeconds(30)) > 0);
  }

  /** Issue 8 batch: a slot that comes after the deadline fails at once, without a call. */
  @Tag("reliability")
  @Test
  void aSlotAfterTheDeadlineFailsAtOnceAsATimeout() {
    var limiter = RateLimiter.perMinute(1);
    var ctx = new Ctx(10);
    ctx.remaining = Duration.ofSeconds(5);
    var calls = ApiCalls.of(ctx, FAST, limiter);
    calls.call("GET /a", () -> "one");
    var n = new AtomicInteger();
    assertThrows(DeadlineExceededException.class, () -> calls.call("GET /b", n::incrementAndGet));
    assertEquals(0, n.get());
  }

  @Test
  void backoffDoublesUpToItsCap() {
    var p = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(350));
    assertEquals(List.of(100L, 200L, 350L, 350L),
        List.of(p.backoff(1).toMillis(), p.backoff(2).toMillis(), p.backoff(3).toMillis(), p.backoff(4).toMillis()));
  }
}
