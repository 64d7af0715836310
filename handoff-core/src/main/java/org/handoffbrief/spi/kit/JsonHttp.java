package org.handoffbrief.spi.kit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.handoffbrief.DeadlineExceededException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.SourceUnavailableException;
import org.handoffbrief.spi.ApiCalls;
import org.handoffbrief.spi.HttpCalls;
import org.jspecify.annotations.Nullable;

/**
 * One call to a vendor's JSON API, the part every JDK-{@link HttpClient} connector used to write
 * again: the request with its {@code Authorization} header, the exchange bounded as a whole by
 * {@link HttpCalls#send}, a timeout as {@link DeadlineExceededException}, a refused or reset
 * connection as {@link SourceUnavailableException} (retried by {@link ApiCalls}), a non-2xx answer
 * through the connector's {@link FailureMapper}, and a 2xx body as a JSON object or a
 * {@link MalformedResponseException}. Made once per connector; one attempt per call, pacing and
 * retrying stay {@link ApiCalls}'s job.
 *
 * <p>Redirects are never followed: a redirect must not carry the credentials to another host. The
 * {@code Authorization} header is never quoted in a message; the vendor's error text is, cut.
 *
 * <pre>{@code
 * JsonHttp http = JsonHttp.builder(config.baseUrl(), FAILURES)
 *     .authorization(() -> "Bearer " + config.apiToken())
 *     .connectTimeout(config.timeout())
 *     .hints("retry later or raise helpchat.timeout", "check helpchat.baseUrl and the network, then retry")
 *     .build();
 * JsonNode page = calls.call(operation, () -> http.get(path, operation, "the messages:read scope",
 *     HttpCalls.timeout(config.timeout(), context)));
 * }</pre>
 */
public final class JsonHttp implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final FailureMapper failures;
  private final Supplier<String> authorization;
  private final Function<String, String> vendorSaid;
  private final Consumer<HttpHeaders> onHeaders;
  private final ErrorAnswers errorAnswers;
  private final String timeoutHint;
  private final String unreachableHint;
  private volatile @Nullable HttpClient client; // null once closed

  private JsonHttp(Builder b) {
    this.base = b.baseUrl.toString();
    this.failures = b.failures;
    this.authorization = b.authorization;
    this.vendorSaid = b.vendorSaid;
    this.onHeaders = b.onHeaders;
    this.errorAnswers = b.errorAnswers;
    this.timeoutHint = b.timeoutHint;
    this.unreachableHint = b.unreachableHint;
    this.client = HttpClient.newBuilder().connectTimeout(b.connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * A builder for one vendor's API.
   *
   * @param baseUrl where every path is sent; a path never chooses the host
   * @param failures the connector's mapper; its system and vendor name are the ones messages use
   */
  public static Builder builder(URI baseUrl, FailureMapper failures) {
    return new Builder(Objects.requireNonNull(baseUrl, "baseUrl == null"),
        Objects.requireNonNull(failures, "failures == null"));
  }

  /**
   * GETs {@code pathAndQuery} once.
   *
   * @param pathAndQuery already encoded, appended to the base URL
   * @param operation what is called, for messages, e.g. {@code GET /api/v2/tickets}
   * @param needs what a 403 means is missing (a scope, a role), for the mapper's next step
   * @param timeout the whole exchange's bound (headers and body), already cut to the deadline
   * @return the answer, a JSON object
   * @throws org.handoffbrief.HandoffException typed, for a timeout, an unreachable vendor, a
   *     non-2xx answer or a body that is not a JSON object
   * @throws IllegalStateException once closed
   */
  public JsonNode get(String pathAndQuery, String operation, String needs, Duration timeout)
      throws InterruptedException {
    return send(request(pathAndQuery).GET(), operation, needs, timeout);
  }

  /**
   * POSTs {@code body} as JSON to {@code pathAndQuery} once; otherwise as {@link #get}.
   *
   * @param body the request's JSON
   */
  public JsonNode post(String pathAndQuery, JsonNode body, String operation, String needs, Duration timeout)
      throws InterruptedException {
    String text;
    try {
      text = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a " + failures.vendor() + " request body", e);
    }
    return send(request(pathAndQuery).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(text)), operation, needs, timeout);
  }

  /** Throws {@link IllegalStateException} once closed, so a connector can refuse a brief before any call. */
  public void requireOpen() {
    if (client == null) {
      throw closed();
    }
  }

  /** Drops the HTTP client; idempotent. Java 17's has no close, its selector thread ends once it is unreachable. */
  @Override
  public void close() {
    client = null;
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(base + pathAndQuery))
        .header("Authorization", authorization.get())
        .header("Accept", "application/json");
  }

  private JsonNode send(HttpRequest.Builder request, String operation, String needs, Duration timeout)
      throws InterruptedException {
    HttpClient http = client;
    if (http == null) {
      throw closed();
    }
    HttpResponse<String> response;
    try {
      response = HttpCalls.send(http, request.build(), HttpResponse.BodyHandlers.ofString(), timeout);
    } catch (HttpTimeoutException e) {
      throw new DeadlineExceededException(failures.system(), failures.vendor() + " did not answer " + operation
          + " completely within " + timeout.toMillis() + " ms; " + timeoutHint + ".", e);
    } catch (IOException e) {
      throw new SourceUnavailableException(failures.system(), failures.vendor() + " could not be reached for "
          + operation + " (" + VendorText.of(e, 120) + "); " + unreachableHint + ".", e);
    }
    onHeaders.accept(response.headers());
    int status = response.statusCode();
    String body = response.body() == null ? "" : response.body();
    if (status < 200 || status >= 300) {
      JsonNode answer = errorAnswers.read(status, body, response.headers(), operation, needs);
      if (answer != null) {
        return answer;
      }
      throw failures.map(status, operation, vendorSaid.apply(body), needs,
          response.headers().firstValue("Retry-After").orElse(null));
    }
    return object(body, operation);
  }

  private JsonNode object(String body, String operation) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw malformed(operation, body.isBlank() ? "an empty body" : "JSON that is not an object", null);
      }
      return node;
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw malformed(operation, "not complete JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
          + at.getColumnNr()) + ": " + VendorText.cut(e.getOriginalMessage(), 120) + "; " + body.length()
          + " characters", e);
    }
  }

  private MalformedResponseException malformed(String operation, String why, @Nullable Throwable cause) {
    return new MalformedResponseException(failures.system(), failures.vendor() + " answered " + operation
        + " with a body that cannot be read (" + why + ").", cause);
  }

  private IllegalStateException closed() {
    return new IllegalStateException("this " + failures.vendor() + "Connector is closed");
  }

  /**
   * A vendor's special non-2xx answers, read before the {@link FailureMapper}: an expired cursor,
   * a spent daily quota, a "nothing found" 404 that means an empty page.
   */
  @FunctionalInterface
  public interface ErrorAnswers {
    /**
     * Reads one non-2xx answer.
     *
     * @param status the HTTP status
     * @param body the answer's body, empty when there was none
     * @param headers the answer's headers
     * @param operation what was called, for messages
     * @param needs what the call needs, as given to {@link #get}
     * @return the JSON to use as the answer, or null to let the mapper decide
     * @throws org.handoffbrief.HandoffException the connector's own typed failure for this answer
     */
    @Nullable JsonNode read(int status, String body, HttpHeaders headers, String operation, String needs);
  }

  /** Configures a {@link JsonHttp}; every setting but the two the builder was made with has a default. */
  public static final class Builder {
    private final URI baseUrl;
    private final FailureMapper failures;
    private Supplier<String> authorization = () -> "";
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Function<String, String> vendorSaid = body -> "";
    private Consumer<HttpHeaders> onHeaders = headers -> { };
    private ErrorAnswers errorAnswers = (status, body, headers, operation, needs) -> null;
    private String timeoutHint = "retry later or raise the timeout";
    private String unreachableHint = "check the base URL and the network, then retry";

    private Builder(URI baseUrl, FailureMapper failures) {
      this.baseUrl = baseUrl;
      this.failures = failures;
    }

    /** The {@code Authorization} header's value, asked for on every request (a token may be renewed). */
    public Builder authorization(Supplier<String> authorization) {
      this.authorization = Objects.requireNonNull(authorization, "authorization == null");
      return this;
    }

    /** How long to wait for a connection; default 10 seconds. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout == null");
      return this;
    }

    /**
     * What the vendor said in an error body (its error code and message), given the body; the
     * mapper cuts it. Default: nothing, so only the status is quoted.
     */
    public Builder vendorSaid(Function<String, String> vendorSaid) {
      this.vendorSaid = Objects.requireNonNull(vendorSaid, "vendorSaid == null");
      return this;
    }

    /** Sees every answer's headers first, e.g. to pause the limiter when the vendor says the window is spent. */
    public Builder onHeaders(Consumer<HttpHeaders> onHeaders) {
      this.onHeaders = Objects.requireNonNull(onHeaders, "onHeaders == null");
      return this;
    }

    /** The vendor's special error answers, read before the mapper. Default: none. */
    public Builder errorAnswers(ErrorAnswers errorAnswers) {
      this.errorAnswers = Objects.requireNonNull(errorAnswers, "errorAnswers == null");
      return this;
    }

    /**
     * The next steps a reader is told after a timeout and after a failed connection, naming the
     * connector's settings, e.g. {@code "retry later or raise helpchat.timeout"} and
     * {@code "check helpchat.baseUrl and the network, then retry"}.
     */
    public Builder hints(String afterTimeout, String afterUnreachable) {
      this.timeoutHint = Objects.requireNonNull(afterTimeout, "afterTimeout == null");
      this.unreachableHint = Objects.requireNonNull(afterUnreachable, "afterUnreachable == null");
      return this;
    }

    /** The client; it makes no call until asked. */
    public JsonHttp build() {
      return new JsonHttp(this);
    }
  }
}
