package org.handoffbrief.connector.gong;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GongRateLimiterTest {

  final AtomicLong now = new AtomicLong(1_000_000_000L);
  final List<Long> sleeps = new ArrayList<>();

  GongRateLimiter limiter(int perSecond) {
    return new GongRateLimiter(perSecond, now::get, nanos -> {
      sleeps.add(nanos);
      now.addAndGet(nanos);
    });
  }

  @Test
  void threeASecondSpacesRequestsAThirdOfASecondApart() throws InterruptedException {
    var limiter = limiter(3);
    for (int i = 0; i < 4; i++) {
      limiter.acquire();
    }
    assertEquals(List.of(333_333_333L, 333_333_333L, 333_333_333L), sleeps);
  }

  @Test
  void aQuietPeriodIsNotSavedUpIntoABurst() throws InterruptedException {
    var limiter = limiter(3);
    limiter.acquire();
    now.addAndGet(10_000_000_000L);
    limiter.acquire();
    limiter.acquire();
    assertEquals(List.of(333_333_333L), sleeps);
  }

  @Test
  void requestsFarEnoughApartNeverWait() throws InterruptedException {
    var limiter = limiter(3);
    for (int i = 0; i < 3; i++) {
      limiter.acquire();
      now.addAndGet(400_000_000L);
    }
    assertEquals(List.of(), sleeps);
  }
}
