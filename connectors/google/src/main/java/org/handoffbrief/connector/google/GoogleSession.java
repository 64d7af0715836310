package org.handoffbrief.connector.google;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.spi.ApiCalls;
import org.handoffbrief.spi.RateLimiter;
import org.handoffbrief.spi.HttpCalls;
import org.handoffbrief.spi.SourceContext;

/**
 * What both Google connectors share: one HTTP transport (a pooled JDK client that never resends on
 * its own, {@link JdkHttpTransport}), the token cache per mailbox, and the rule that every call
 * (token requests included) goes through {@link ApiCalls} with its typed error mapping. Thread-safe.
 */
final class GoogleSession implements AutoCloseable {

  /** An API call that may throw the SDK's IOExceptions. */
  @FunctionalInterface
  interface IoCall<T> {
    T run() throws Exception;
  }

  /** A token is renewed this long before Google says it expires. */
  private static final long EARLY_SECONDS = 60;

  final GoogleConfig config;
  final HttpTransport transport;
  private final Map<String, GoogleAuth.AccessToken> tokens = new ConcurrentHashMap<>();

  /** Paces calls across every brief this connector makes; a vendor's pause holds them all. */
  private final RateLimiter limiter;

  GoogleSession(GoogleConfig config) {
    this.config = config;
    this.limiter = RateLimiter.perMinute(config.requestsPerMinute());
    this.transport = new JdkHttpTransport(config.timeout());
  }

  /** Forgets the cached tokens and shuts the transport down. Idempotent. */
  @Override
  public void close() {
    tokens.clear();
    try {
      transport.shutdown();
    } catch (java.io.IOException e) {
      // nothing is held that a failed shutdown could leak
    }
  }

  /** The calls of one fetch. */
  Calls calls(SourceContext context) {
    return new Calls(ApiCalls.of(context, config.retryPolicy(), limiter));
  }

  /**
   * Sets the mailbox's bearer token and the timeouts on every request (the configured one cut to
   * what is left of the source's deadline); the SDK's own retries stay off.
   */
  HttpRequestInitializer initializer(String mailbox, SourceContext context) {
    return request -> {
      int timeout = (int) Math.max(1, HttpCalls.timeout(config.timeout(), context).toMillis());
      GoogleAuth.AccessToken token = tokens.get(mailbox);
      if (token != null) {
        request.getHeaders().setAuthorization("Bearer " + token.value());
      }
      request.setConnectTimeout(timeout).setReadTimeout(timeout).setNumberOfRetries(0).setLoggingEnabled(false);
    };
  }

  /** One fetch's calls: ApiCalls plus the token each mailbox needs. */
  final class Calls {
    final ApiCalls api;

    Calls(ApiCalls api) {
      this.api = api;
    }

    /** Runs {@code call} for {@code mailbox}, getting or renewing its token first. */
    <T> T call(String operation, String mailbox, IoCall<T> call) {
      ensureToken(mailbox);
      try {
        return api.call(operation, () -> {
          try {
            return call.run();
          } catch (Exception e) {
            throw GoogleErrors.map(e, config.system(), config.scope(), operation, mailbox);
          }
        });
      } catch (AuthenticationException e) {
        tokens.remove(mailbox); // a refused token is never offered again
        throw e;
      }
    }

    private void ensureToken(String mailbox) {
      GoogleAuth.AccessToken t = tokens.get(mailbox);
      if (t != null && Instant.now().plusSeconds(EARLY_SECONDS).isBefore(t.expiresAt())) {
        return;
      }
      if (config.auth() instanceof GoogleAuth.StaticToken s) {
        tokens.put(mailbox, s.accessToken());
        return;
      }
      GoogleAuth.AccessToken fresh = api.call("POST token", () -> {
        try {
          return config.auth().token(mailbox, List.of(config.scope()));
        } catch (Exception e) {
          throw GoogleErrors.map(e, config.system(), config.scope(), "the token request", mailbox);
        }
      });
      tokens.put(mailbox, fresh);
    }
  }
}
