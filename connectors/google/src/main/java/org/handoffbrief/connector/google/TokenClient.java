package org.handoffbrief.connector.google;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The one JDK client every token request of the JVM goes through ({@link GoogleAuth}): its pool and
 * selector thread are reused rather than made and leaked per request. A POST is sent once per
 * attempt; the JDK client resends only a connection that was never opened.
 */
final class TokenClient {
  private TokenClient() {}

  static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  /** The whole token exchange, headers and body, must finish within this. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);
}
