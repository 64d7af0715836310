package org.handoffbrief.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A vendor's per-second request limit, in fixed clock-second windows (what most vendors' limits
 * behave like): above it, the vendor's 429 with {@code Retry-After: 1}. Off until {@link #set}.
 */
final class PerSecondLimit {
  private volatile int perSecond;
  private volatile String body = "";
  private final AtomicInteger refused = new AtomicInteger();
  private long second;
  private int inSecond;

  /** Allows {@code perSecond} requests a second (0: no limit), refusing the rest with {@code body}. */
  void set(int perSecond, String body) {
    if (perSecond < 0) {
      throw new IllegalArgumentException("perSecond < 0: " + perSecond);
    }
    this.body = body;
    this.perSecond = perSecond;
  }

  /** The 429 to answer instead when this request is one too many; null when it is allowed. */
  synchronized @Nullable ResponseDefinition refuse() {
    if (perSecond == 0) {
      return null;
    }
    long now = System.currentTimeMillis() / 1000;
    if (now != second) {
      second = now;
      inSecond = 0;
    }
    if (++inSecond <= perSecond) {
      return null;
    }
    refused.incrementAndGet();
    return aResponse().withStatus(429).withHeader("Retry-After", "1")
        .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body).build();
  }

  /** Requests refused so far. */
  int refused() {
    return refused.get();
  }

  /** What answers a fake's requests and so can hold its limit. */
  interface Held {
    /** The limit checked before each answer. */
    PerSecondLimit limit();
  }
}
