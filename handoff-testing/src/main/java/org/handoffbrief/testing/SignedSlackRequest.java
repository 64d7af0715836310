package org.handoffbrief.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.handoffbrief.spi.kit.SlackSigning;

/**
 * One signed request, as Slack sends it to an app: the body and its headers. Holds no
 * secret: the signature cannot be turned back into one.
 *
 * @param payload the payload, for a test to read (a missing node when only a body was signed)
 * @param body the exact bytes signed (e.g. {@code payload=...}), to be sent unchanged
 * @param timestamp {@code X-Slack-Request-Timestamp}
 * @param signature {@code X-Slack-Signature}
 * @param contentType a form's, or JSON's for an event
 */
public record SignedSlackRequest(JsonNode payload, String body, String timestamp, String signature, String contentType) {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The headers Slack sends with it. */
  public Map<String, String> headers() {
    return Map.of("Content-Type", contentType, SlackSigning.TIMESTAMP_HEADER, timestamp,
        SlackSigning.SIGNATURE_HEADER, signature, "User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)");
  }

  /** The same request with {@code header} left out: how a test sends one Slack would never send. */
  public Map<String, String> headersWithout(String header) {
    var out = new LinkedHashMap<>(headers());
    out.remove(header);
    return out;
  }

  /**
   * POSTs it to the app's Request URL (interactivity, a slash command, events), as Slack does.
   *
   * @return the app's answer (Slack wants a 200 within three seconds)
   */
  public HttpResponse<String> postTo(URI requestUrl) throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(requestUrl).POST(HttpRequest.BodyPublishers.ofString(body));
    headers().forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public String toString() {
    return "SignedSlackRequest[" + payload.path("type").asText() + ", timestamp=" + timestamp + "]";
  }
}
