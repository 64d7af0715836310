package org.handoffbrief.spi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.handoffbrief.spi.RetryPolicy;
import org.junit.jupiter.api.Test;

class CallSettingsBuilderTest {

  /** A connector's builder as a config would write it: only its own setters. */
  static final class Builder extends CallSettingsBuilder<Builder> {
    int pageSize;

    Builder() {
      super(Duration.ofSeconds(30));
    }

    Builder pageSize(int n) {
      this.pageSize = n;
      return this;
    }
  }

  @Test
  void theSharedSettersChainWithTheConnectorsOwn() {
    var policy = RetryPolicy.none();
    Builder b = new Builder().timeout(Duration.ofSeconds(5)).retryPolicy(policy).pageSize(10);

    assertEquals(Duration.ofSeconds(5), b.timeout());
    assertSame(policy, b.retryPolicy());
    assertEquals(10, b.pageSize);
  }

  @Test
  void theDefaultsAreTheConnectorsTimeoutAndTheCommonRetryPolicy() {
    Builder b = new Builder();

    assertEquals(Duration.ofSeconds(30), b.timeout());
    assertEquals(RetryPolicy.ofDefaults(), b.retryPolicy());
  }

  @Test
  void aBadTimeoutOrAMissingPolicyIsRefusedAtOnceNamingTheValue() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Builder().timeout(Duration.ofMinutes(11)));
    assertTrue(e.getMessage().contains("PT11M"), e.getMessage());
    assertThrows(NullPointerException.class, () -> new Builder().retryPolicy(null));
  }
}
