package org.handoffbrief.spi.kit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature ("Verifying requests from Slack", version {@code v0}): {@code v0=} and
 * the hex HMAC-SHA256, keyed with the app's signing secret, of {@code v0:<timestamp>:<raw body>}.
 * One routine for the side that checks a request (the Slack module) and the side that makes one
 * (the test kit's signer), so the two can never disagree about the rule.
 */
public final class SlackSigning {
  /** The header carrying the request's epoch seconds. */
  public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
  /** The header carrying {@code v0=<hex>}. */
  public static final String SIGNATURE_HEADER = "X-Slack-Signature";

  private SlackSigning() {}

  /**
   * The {@code X-Slack-Signature} value for {@code body} sent at {@code timestamp}.
   *
   * @param secret the app's signing secret, as UTF-8 bytes
   * @param timestamp the {@code X-Slack-Request-Timestamp} value, exactly as sent
   * @param body the raw request body, exactly as sent
   */
  public static String signature(byte[] secret, String timestamp, byte[] body) {
    Objects.requireNonNull(secret, "secret == null");
    Objects.requireNonNull(timestamp, "timestamp == null");
    Objects.requireNonNull(body, "body == null");
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java platform has HmacSHA256; the message never holds the key.
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }
}
