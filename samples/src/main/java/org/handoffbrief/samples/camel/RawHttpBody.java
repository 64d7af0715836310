package org.handoffbrief.samples.camel;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Reads a request's bytes, exactly as sent, into the body, for a Slack route on platform-http
 * (Vert.x) declared with {@code useBodyHandler=false}:
 * {@code from("platform-http:/slack/commands?httpMethodRestrict=POST&useBodyHandler=false").process(new RawHttpBody())}.
 *
 * <p>Why: Slack signs the raw form body, and platform-http's body handler decodes a form into
 * fields and drops the bytes (with {@code populateBodyWithForm=false} the body is empty). Its form
 * decoder also refuses a field over Vert.x's {@code maxFormAttributeSize} (8 KB, not configurable
 * through Camel 4.22) with a bare 400 before Camel sees the request, and a click on a review DM
 * carries its whole message in one field, over 10 KB. Without the body handler Camel hands over
 * the paused request, which this reads whole, up to {@value #MAX_BYTES} bytes.
 */
public final class RawHttpBody implements Processor {
  /** The largest body read: far above Slack's largest message (50 blocks of 3,000 characters, encoded). */
  public static final int MAX_BYTES = 1 << 20;

  @Override
  public void process(Exchange exchange) throws Exception {
    if (!(exchange.getMessage().getBody() instanceof HttpServerRequest request)) {
      return; // already bytes (a test, another HTTP component): nothing to read
    }
    String length = request.getHeader("Content-Length");
    if (length != null && length.strip().matches("\\d{1,10}") && Long.parseLong(length.strip()) > MAX_BYTES) {
      throw new IllegalArgumentException("the request body is over " + MAX_BYTES + " bytes");
    }
    var read = request.body();
    request.resume(); // Camel paused it for whoever reads it
    Buffer body;
    try {
      body = read.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the request body could not be read: " + e.getMessage(), e);
    }
    if (body.length() > MAX_BYTES) {
      throw new IllegalArgumentException("the request body is over " + MAX_BYTES + " bytes");
    }
    exchange.getMessage().setBody(body.getBytes());
  }
}
