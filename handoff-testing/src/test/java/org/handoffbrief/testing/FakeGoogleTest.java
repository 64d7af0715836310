package org.handoffbrief.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeGoogleTest {
  static final String MAILBOX = "ae@vendor.example";

  FakeGoogle google;

  @BeforeEach
  void start() {
    google = FakeGoogle.start()
        .mailbox(MAILBOX, "{\"messages\": [{\"id\": \"a1\", \"threadId\": \"a1\"}], \"nextPageToken\": \"p2\"}",
            "{\"messages\": [{\"id\": \"b2\", \"threadId\": \"b2\"}]}")
        .message("a1", "{\"id\": \"a1\", \"payload\": {}}");
  }

  @AfterEach
  void stop() {
    google.close();
  }

  @Test
  void aCallWithoutTheMailboxesTokenGetsGoogles401() throws Exception {
    HttpResponse<String> answer = get(list(null), "Bearer ya29.someone-elses");

    assertEquals(401, answer.statusCode());
    assertTrue(answer.body().contains("UNAUTHENTICATED"), answer.body());
  }

  @Test
  void aSignedGrantForAKnownMailboxGetsItsTokenAndAnUnsignedOneIsRefused() throws Exception {
    HttpResponse<String> granted = post(google.tokenUrl(), grant(MAILBOX, true));
    HttpResponse<String> forged = post(google.tokenUrl(), grant(MAILBOX, false));
    HttpResponse<String> stranger = post(google.tokenUrl(), grant("nobody@vendor.example", true));

    assertTrue(granted.body().contains(google.issuedToken(MAILBOX, FakeGoogle.GMAIL_SCOPE)), granted.body());
    assertEquals(400, forged.statusCode());
    assertEquals(400, stranger.statusCode());
    assertTrue(stranger.body().contains("invalid_grant"), stranger.body());
  }

  @Test
  void theListIsPagedByTheNextPageTokenItHandsOut() throws Exception {
    String bearer = "Bearer " + google.issuedToken(MAILBOX, FakeGoogle.GMAIL_SCOPE);

    assertTrue(get(list(null), bearer).body().contains("\"a1\""));
    assertTrue(get(list("p2"), bearer).body().contains("\"b2\""));
    assertEquals(400, get(list("p9"), bearer).statusCode(), "a token it never handed out");
  }

  @Test
  void aBatchAnswersEachPartInOrderWithTheMessageOrGoogles404() throws Exception {
    String bearer = "Bearer " + google.hostToken();
    String body = "--b\r\nContent-Type: application/http\r\n\r\nGET /gmail/v1/users/ae%40vendor.example/messages/a1"
        + "?format=full\r\nAuthorization: " + bearer + "\r\n\r\n--b\r\nContent-Type: application/http\r\n\r\n"
        + "GET /gmail/v1/users/ae%40vendor.example/messages/zz?format=full\r\nAuthorization: " + bearer + "\r\n\r\n--b--";
    google.rateLimitMessageOnce("a1");

    String first = post(google.baseUrl().resolve("batch"), body).body();
    String second = post(google.baseUrl().resolve("batch"), body).body();

    assertTrue(first.indexOf("429 Too Many Requests") < first.indexOf("404 Not Found"), first);
    assertTrue(second.contains("200 OK") && second.contains("\"payload\""), second);
    assertEquals(java.util.List.of("a1", "zz", "a1", "zz"), google.requestedMessageIds());
  }

  private URI list(String pageToken) {
    return google.baseUrl().resolve("gmail/v1/users/" + URLEncoder.encode(MAILBOX, StandardCharsets.UTF_8) + "/messages"
        + (pageToken == null ? "" : "?pageToken=" + pageToken));
  }

  private String grant(String subject, boolean signed) throws Exception {
    var b64 = Base64.getUrlEncoder().withoutPadding();
    String claims = "{\"iss\": \"" + google.serviceAccount() + "\", \"sub\": \"" + subject + "\", \"scope\": \""
        + FakeGoogle.GMAIL_SCOPE + "\", \"exp\": " + (Instant.now().getEpochSecond() + 600) + "}";
    String unsigned = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    var signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(google.privateKey());
    signer.update(unsigned.getBytes(StandardCharsets.US_ASCII));
    String signature = signed ? b64.encodeToString(signer.sign()) : "bm90LXNpZ25lZA";
    return "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
        + "&assertion=" + unsigned + "." + signature;
  }

  private static HttpResponse<String> get(URI uri, String bearer) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).header("Authorization", bearer).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(URI uri, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
