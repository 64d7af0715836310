package org.handoffbrief.connector.google;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.handoffbrief.spi.HttpCalls;

/**
 * A google-http-client transport over one pooled JDK {@link HttpClient}, in place of
 * {@code NetHttpTransport}: {@code HttpURLConnection} silently sends a request again after a
 * connection reset (six requests on the wire for three counted attempts, dangerous for a POST), so
 * here one attempt is one exchange, whatever the retry policy counts. The read timeout the SDK sets
 * bounds the whole exchange, headers and body ({@link HttpCalls#send}), so a slow body times out.
 */
final class JdkHttpTransport extends HttpTransport {

  /** A failed exchange (refused, reset, timed out): the server may be fine on the next attempt. */
  static final class ExchangeFailed extends IOException {
    private static final long serialVersionUID = 1L;

    ExchangeFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final HttpClient client;

  JdkHttpTransport(Duration connectTimeout) {
    this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  protected LowLevelHttpRequest buildRequest(String method, String url) {
    return new Request(method, url);
  }

  private final class Request extends LowLevelHttpRequest {
    private final String method;
    private final String url;
    private final List<String[]> headers = new ArrayList<>();
    private Duration timeout = Duration.ofSeconds(30);

    Request(String method, String url) {
      this.method = method;
      this.url = url;
    }

    @Override
    public void addHeader(String name, String value) {
      if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        headers.add(new String[] {name, value});
      }
    }

    @Override
    public void setTimeout(int connectMillis, int readMillis) {
      if (readMillis > 0) {
        timeout = Duration.ofMillis(readMillis);
      }
    }

    @Override
    public LowLevelHttpResponse execute() throws IOException {
      HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
      if (getStreamingContent() != null) {
        var out = new ByteArrayOutputStream();
        getStreamingContent().writeTo(out); // batch and token bodies are small: buffered, sent once
        body = HttpRequest.BodyPublishers.ofByteArray(out.toByteArray());
      }
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, body);
      headers.forEach(h -> b.header(h[0], h[1]));
      if (getContentType() != null) {
        b.setHeader("Content-Type", getContentType());
      }
      if (getContentEncoding() != null) {
        b.setHeader("Content-Encoding", getContentEncoding());
      }
      try {
        return new Response(HttpCalls.send(client, b.build(), HttpResponse.BodyHandlers.ofByteArray(), timeout));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the library's deadline: the exchange was cancelled
        throw new InterruptedIOException("interrupted");
      } catch (IOException e) {
        throw new ExchangeFailed(method + " " + URI.create(url).getPath() + " failed ("
            + e.getClass().getSimpleName() + ")", e);
      }
    }
  }

  private static final class Response extends LowLevelHttpResponse {
    private final HttpResponse<byte[]> response;
    private final List<String[]> headers = new ArrayList<>();

    Response(HttpResponse<byte[]> response) {
      this.response = response;
      for (Map.Entry<String, List<String>> e : response.headers().map().entrySet()) {
        if (!e.getKey().startsWith(":")) { // HTTP/2 pseudo-headers are not headers
          e.getValue().forEach(v -> headers.add(new String[] {e.getKey(), v}));
        }
      }
    }

    @Override
    public InputStream getContent() {
      return new ByteArrayInputStream(response.body());
    }

    @Override
    public String getContentEncoding() {
      return response.headers().firstValue("Content-Encoding").orElse(null);
    }

    @Override
    public long getContentLength() {
      return response.body().length;
    }

    @Override
    public String getContentType() {
      return response.headers().firstValue("Content-Type").orElse(null);
    }

    @Override
    public String getStatusLine() {
      return "HTTP/1.1 " + response.statusCode();
    }

    @Override
    public int getStatusCode() {
      return response.statusCode();
    }

    @Override
    public String getReasonPhrase() {
      return null;
    }

    @Override
    public int getHeaderCount() {
      return headers.size();
    }

    @Override
    public String getHeaderName(int index) {
      return headers.get(index)[0];
    }

    @Override
    public String getHeaderValue(int index) {
      return headers.get(index)[1];
    }
  }
}
