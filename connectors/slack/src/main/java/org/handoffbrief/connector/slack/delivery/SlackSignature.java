package org.handoffbrief.connector.slack.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.handoffbrief.spi.kit.SlackSigning;

/**
 * Slack's request signing ("Verifying requests from Slack"), shared by every endpoint a Slack app
 * calls: {@code X-Slack-Signature} must equal {@code v0=} + hex(HMAC-SHA256(signing secret,
 * {@code v0:{X-Slack-Request-Timestamp}:{raw body}})), compared in constant time, and the timestamp
 * must be within {@link SlackDeliveryConfig#SIGNATURE_WINDOW} of this clock, either way. The reason
 * for a refusal never holds the secret, the signature or the body.
 */
final class SlackSignature {
  static final String TIMESTAMP = "X-Slack-Request-Timestamp";
  static final String SIGNATURE = "X-Slack-Signature";

  private final byte[] secret;
  private final Clock clock;

  SlackSignature(String secret, Clock clock) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
  }

  /** Why the request is refused, or empty when Slack signed it just now. */
  Optional<String> refusal(Map<String, List<String>> headers, byte[] body) {
    String timestamp = header(headers, TIMESTAMP);
    String signature = header(headers, SIGNATURE);
    if (timestamp == null || signature == null) {
      return Optional.of("a header is missing (" + TIMESTAMP + " or " + SIGNATURE + ")");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return Optional.of("the timestamp is not a number of seconds");
    }
    long off = clock.instant().getEpochSecond() - seconds;
    if (Math.abs(off) > SlackDeliveryConfig.SIGNATURE_WINDOW.toSeconds()) {
      return Optional.of("the timestamp is " + Math.abs(off) + " s " + (off > 0 ? "old" : "ahead")
          + ", outside the five-minute window");
    }
    if (!MessageDigest.isEqual(sign(timestamp.strip(), body), signature.strip().getBytes(StandardCharsets.UTF_8))) {
      return Optional.of("the signature does not match (wrong signing secret, or a forged or altered request)");
    }
    return Optional.empty();
  }

  private byte[] sign(String timestamp, byte[] body) {
    return SlackSigning.signature(secret, timestamp, body).getBytes(StandardCharsets.UTF_8);
  }

  /** The first non-blank value of a header, its name matched in any case as hosts pass them; or null. */
  static String header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null && !e.getValue().isEmpty()
          && e.getValue().get(0) != null && !e.getValue().get(0).isBlank()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }
}
