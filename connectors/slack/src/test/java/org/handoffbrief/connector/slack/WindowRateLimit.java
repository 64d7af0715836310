package org.handoffbrief.connector.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Slack's limit on a WireMock server, counted as Slack counts it, per method: above
 * {@link #perSecond} requests to one method in one clock second it answers 429 with
 * {@code Retry-After: 1}, as Slack does; 0 (the default) turns it off. Tests count the 429s in
 * WireMock's request journal.
 */
final class WindowRateLimit implements ResponseDefinitionTransformerV2 {
  volatile int perSecond;
  private long second;
  private final java.util.Map<String, Integer> inSecond = new java.util.HashMap<>();

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    if (perSecond > 0 && overLimit(event.getRequest().getUrl())) {
      return aResponse().withStatus(429).withHeader("Retry-After", "1")
          .withHeader("Content-Type", "application/json; charset=utf-8")
          .withBody("{\"ok\":false,\"error\":\"ratelimited\"}").build();
    }
    return event.getResponseDefinition();
  }

  private synchronized boolean overLimit(String method) {
    long now = System.currentTimeMillis() / 1000;
    if (now != second) {
      second = now;
      inSecond.clear();
    }
    return inSecond.merge(method, 1, Integer::sum) > perSecond;
  }

  @Override
  public String getName() {
    return "window-rate-limit";
  }
}
