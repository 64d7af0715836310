package org.handoffbrief.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import org.handoffbrief.spi.kit.SlackSigning;

/**
 * Signs a request the way Slack signs what it sends an app ("Verifying requests from Slack"):
 * {@code X-Slack-Request-Timestamp} is the epoch seconds of this signer's clock and
 * {@code X-Slack-Signature} is {@code v0=} and the hex HMAC-SHA256 of {@code v0:<timestamp>:<body>},
 * computed by the same routine the Slack module verifies with ({@link SlackSigning}). For a test of
 * your own slash-command, event or interactivity route:
 *
 * <pre>{@code
 * var signer = new SlackRequestSigner("test-signing-secret-not-a-secret");
 * SignedSlackRequest r = signer.sign("command=%2Fhandoff&text=status", "application/x-www-form-urlencoded");
 * HttpResponse<String> answer = r.postTo(URI.create("http://127.0.0.1:8080/slack/commands"));
 * }</pre>
 *
 * <p>The secret never appears in {@link #toString()}, in a {@link SignedSlackRequest} or in an exception.
 */
public final class SlackRequestSigner {
  private final String secret;
  private final Clock clock;

  /** A signer for the app whose signing secret is {@code secret}, stamping requests with the time now. */
  public SlackRequestSigner(String secret) {
    this(secret, Clock.systemUTC());
  }

  /** A signer stamping requests with {@code clock}'s time: how a test makes a stale or early request. */
  public SlackRequestSigner(String secret, Clock clock) {
    this.secret = Objects.requireNonNull(secret, "secret == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** The same signer stamping every request with {@code at}. */
  public SlackRequestSigner at(Instant at) {
    return new SlackRequestSigner(secret, Clock.fixed(at, ZoneOffset.UTC));
  }

  /** The same clock with another secret: how a test forges a request. */
  public SlackRequestSigner signedWith(String otherSecret) {
    return new SlackRequestSigner(otherSecret, clock);
  }

  /** The time this signer stamps requests with now. */
  public Instant now() {
    return clock.instant();
  }

  /**
   * {@code body} signed as sent now, with no payload to read back.
   *
   * @param body the exact body to send
   * @param contentType its {@code Content-Type}
   */
  public SignedSlackRequest sign(String body, String contentType) {
    return sign(com.fasterxml.jackson.databind.node.MissingNode.getInstance(), body, contentType);
  }

  /** {@code body} signed as sent now; {@code payload} is what a test reads back (the JSON the body carries). */
  SignedSlackRequest sign(JsonNode payload, String body, String contentType) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    return new SignedSlackRequest(payload, body, timestamp, signature(timestamp, body), contentType);
  }

  /** The {@code X-Slack-Signature} of {@code body} sent at {@code timestamp}. */
  public String signature(String timestamp, String body) {
    return SlackSigning.signature(secret.getBytes(StandardCharsets.UTF_8), timestamp,
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "SlackRequestSigner[secret=***]";
  }
}
