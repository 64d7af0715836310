package org.handoffbrief.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that answers its headers at once and then holds the body: the JDK's request timeout
 * ends at the headers, so only a bound on the whole exchange stops the call.
 */
class HttpCallsTest {

  private ServerSocket server;
  private final CountDownLatch release = new CountDownLatch(1);
  private Thread serving;

  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    serving = new Thread(() -> {
      try (Socket s = server.accept()) {
        s.getInputStream().read(new byte[4096]);
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\nhello")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        release.await(30, TimeUnit.SECONDS);
        out.write("world".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException | InterruptedException e) {
        // the client gave up: that is the point
      }
    });
    serving.setDaemon(true);
    serving.start();
  }

  @AfterEach
  void stop() throws IOException {
    release.countDown();
    server.close();
  }

  private HttpRequest request() {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/slow"))
        .timeout(Duration.ofSeconds(30)).build();
  }

  @Test
  void aBodyThatDoesNotArriveInTimeIsATimeoutEvenThoughTheHeadersDid() {
    HttpClient client = HttpClient.newHttpClient();
    var e = assertThrows(HttpTimeoutException.class,
        () -> HttpCalls.send(client, request(), HttpResponse.BodyHandlers.ofString(), Duration.ofMillis(300)));
    assertEquals("no complete response within 300 ms", e.getMessage());
  }

  @Test
  void aBodyThatArrivesInTimeIsReturnedWhole() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    release.countDown();
    var response = HttpCalls.send(client, request(), HttpResponse.BodyHandlers.ofString(), Duration.ofSeconds(20));
    assertEquals("helloworld", response.body());
  }

  @Test
  void theTimeoutIsCutToWhatIsLeftOfTheSourcesDeadline() {
    assertEquals(Duration.ofSeconds(2), HttpCalls.timeout(Duration.ofSeconds(10), left(Duration.ofSeconds(2))));
    assertEquals(Duration.ofSeconds(10), HttpCalls.timeout(Duration.ofSeconds(10), left(Duration.ofSeconds(30))));
    assertEquals(Duration.ZERO, HttpCalls.timeout(Duration.ofSeconds(10), left(Duration.ofSeconds(-1))));
  }

  private static SourceContext left(Duration remaining) {
    return new SourceContext() {
      @Override
      public String system() {
        return "test";
      }

      @Override
      public java.time.Instant deadline() {
        return java.time.Instant.now().plus(remaining);
      }

      @Override
      public Duration remaining() {
        return remaining;
      }

      @Override
      public int callBudget() {
        return 10;
      }

      @Override
      public int calls() {
        return 0;
      }

      @Override
      public void recordCall(String operation, Duration elapsed, String outcome) {
      }
    };
  }
}
