package org.handoffbrief.spi;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One JDK {@link HttpClient} exchange bounded as a whole. {@link HttpRequest.Builder#timeout}
 * stops at the response headers: a server that sends headers and then trickles the body holds
 * {@link HttpClient#send} for as long as it likes. Here the headers and the whole body must arrive
 * within the timeout, or the exchange is cancelled and {@link HttpTimeoutException} is thrown, so a
 * connector reports a slow body as the timeout it is.
 */
public final class HttpCalls {
  private HttpCalls() {}

  /**
   * Sends {@code request} and reads the whole response within {@code timeout}.
   *
   * @throws HttpTimeoutException when the headers or the body did not arrive in time; the
   *     exchange is cancelled
   * @throws IOException when the exchange failed (refused, reset, closed early)
   * @throws InterruptedException when the calling thread was interrupted; the exchange is cancelled
   */
  public static <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> body,
      Duration timeout) throws IOException, InterruptedException {
    Objects.requireNonNull(timeout, "timeout == null");
    CompletableFuture<HttpResponse<T>> exchange = client.sendAsync(request, body);
    try {
      return exchange.get(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new HttpTimeoutException("no complete response within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(cause);
    }
  }

  /**
   * The timeout for the next call: the configured one, cut to what is left of the source's
   * deadline so a call never outlives it.
   */
  public static Duration timeout(Duration configured, SourceContext context) {
    Duration left = context.remaining();
    return left.compareTo(configured) < 0 ? (left.isNegative() ? Duration.ZERO : left) : configured;
  }
}
