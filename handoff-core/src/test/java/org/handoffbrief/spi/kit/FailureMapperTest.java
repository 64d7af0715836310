package org.handoffbrief.spi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.HandoffException;
import org.handoffbrief.PermissionException;
import org.handoffbrief.RateLimitException;
import org.handoffbrief.SourceUnavailableException;
import org.junit.jupiter.api.Test;

class FailureMapperTest {
  private final FailureMapper mapper = FailureMapper.of("acme", "Acme", "check acme.token",
      needs -> "it needs " + needs);

  @Test
  void a401IsAnAuthenticationFailureNamingTheSettingsToCheck() {
    HandoffException e = mapper.map(401, "GET /things", "bad token", "", null);
    assertInstanceOf(AuthenticationException.class, e);
    assertEquals("Acme refused the credentials for GET /things (HTTP 401: bad token); check acme.token.",
        e.getMessage());
    assertFalse(e.isRetriable());
  }

  @Test
  void a403IsAPermissionFailureNamingWhatTheCallNeeds() {
    HandoffException e = mapper.map(403, "GET /things", "", "things:read", null);
    assertInstanceOf(PermissionException.class, e);
    assertTrue(e.getMessage().endsWith("(HTTP 403); it needs things:read."), e.getMessage());
  }

  @Test
  void a429IsARetriableRateLimitCarryingItsWait() {
    var e = assertInstanceOf(RateLimitException.class, mapper.map(429, "GET /things", "", "", "7"));
    assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
    assertTrue(e.getMessage().contains("Retry-After 7s"), e.getMessage());
    assertTrue(e.isRetriable());
    assertTrue(mapper.map(429, "GET /things", "", "", null).getMessage().endsWith("(HTTP 429)."));
  }

  @Test
  void a408OrA5xxIsARetriableOutage() {
    assertInstanceOf(SourceUnavailableException.class, mapper.map(503, "GET /things", "", "", null));
    assertInstanceOf(SourceUnavailableException.class, mapper.map(408, "GET /things", "", "", null));
    assertTrue(mapper.map(500, "GET /things", "", "", null).isRetriable());
  }

  @Test
  void anyOtherStatusIsAPermanentFailureQuotingTheVendorCut() {
    HandoffException e = mapper.map(422, "POST /things", "x".repeat(300), "", null);
    assertEquals(HandoffException.class, e.getClass());
    assertFalse(e.isRetriable());
    assertTrue(e.getMessage().contains("x".repeat(200) + "..."), e.getMessage());
    assertFalse(e.getMessage().contains("x".repeat(201)), e.getMessage());
  }
}
