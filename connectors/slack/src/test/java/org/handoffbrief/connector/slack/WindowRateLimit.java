package org.handoffbrief.connector.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A vendor's per-second limit on a WireMock server: above {@link #perSecond} requests in one
 * clock second it answers 429 with {@code Retry-After: 1}, as the vendor does; 0 (the default)
 * turns it off. Tests count the 429s in WireMock's request journal.
 */
final class WindowRateLimit implements ResponseDefinitionTransformerV2 {
  volatile int perSecond;
  private long second;
  private int inSecond;

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    if (perSecond > 0 && overLimit()) {
      return aResponse().withStatus(429).withHeader("Retry-After", "1")
          .withHeader("Content-Type", "application/json; charset=utf-8")
          .withBody("{\"ok\":false,\"error\":\"ratelimited\"}").build();
    }
    return event.getResponseDefinition();
  }

  private synchronized boolean overLimit() {
    long now = System.currentTimeMillis() / 1000;
    if (now != second) {
      second = now;
      inSecond = 0;
    }
    return ++inSecond > perSecond;
  }

  @Override
  public String getName() {
    return "window-rate-limit";
  }
}
