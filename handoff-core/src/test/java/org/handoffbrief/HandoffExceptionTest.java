package org.handoffbrief;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import org.handoffbrief.model.SourceFailure;
import org.junit.jupiter.api.Test;

class HandoffExceptionTest {

  @Test
  void aVendorResponseKeepsStatusCodeAndACutBodyOutOfTheMessage() {
    String body = "{\"ok\":false,\"error\":\"ratelimited\"}" + "x".repeat(2_000);
    RateLimitException e = new RateLimitException("slack", "Slack asked us to slow down; try again in 30 s.",
        Duration.ofSeconds(30), null).withResponse(429, "ratelimited", body);

    assertEquals(429, e.httpStatus());
    assertEquals("ratelimited", e.vendorCode());
    assertEquals(HandoffException.MAX_BODY_CHARS, e.body().length());
    assertEquals(body.substring(0, HandoffException.MAX_BODY_CHARS), e.body());
    assertFalse(e.toString().contains("ratelimited"), "the body and code stay out of the message");
  }

  @Test
  void aFailureWithoutAResponseHasNoStatusCodeOrBody() {
    var e = HandoffException.of("gong", "Gong's answer could not be read.", null);

    assertNull(e.httpStatus());
    assertNull(e.vendorCode());
    assertNull(e.body());
  }

  @Test
  void withResponseReturnsTheSameExceptionSoAMapperCanThrowIt() {
    var e = new PermissionException("zendesk", "The Zendesk token lacks the tickets:read scope.", null);

    assertSame(e, e.withResponse(403, null, null));
  }

  @Test
  void notFoundHasItsOwnKindAndIsNotRetriable() {
    var e = HandoffException.notFound("slack", "No channel C0TEST in Slack: check the channel id.", null);

    assertEquals(SourceFailure.Kind.NOT_FOUND, e.kind());
    assertFalse(e.isRetriable());
    assertEquals(SourceFailure.Kind.NOT_FOUND, e.toSourceFailure().kind());
  }

  @Test
  void aMissingDealIsNotFound() {
    assertEquals(SourceFailure.Kind.NOT_FOUND, new DealNotFoundException("salesforce", "006TEST").kind());
  }
}
