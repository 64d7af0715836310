package org.handoffbrief.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeGongTest {
  private final ObjectMapper json = new ObjectMapper();
  private FakeGong gong;

  @BeforeEach
  void seedThreeCalls() {
    gong = FakeGong.start().pageSize(2);
    for (String day : new String[] {"2026-01-10", "2026-02-10", "2026-03-10"}) {
      gong.load("""
          {"calls": [{"metaData": {"id": "%s", "scheduled": "%sT10:00:00Z", "started": "%sT10:01:00Z"},
                      "parties": []}],
           "callTranscripts": [{"callId": "%s", "transcript": []}]}""".formatted(day.replace("-", ""), day, day,
          day.replace("-", "")));
    }
  }

  @AfterEach
  void stop() {
    gong.close();
  }

  @Test
  void anotherSecretGetsGongs401() throws Exception {
    HttpResponse<String> answer = post("/v2/calls/extensive", "{}", gong.accessKey(), "wrong-secret-not-a-secret");

    assertEquals(401, answer.statusCode());
    assertTrue(answer.body().contains("access key"), answer.body());
  }

  @Test
  void callsAreFilteredByDateAndPagedByCursor() throws Exception {
    String filter = "{\"filter\": {\"fromDateTime\": \"2026-02-01T00:00:00Z\", \"toDateTime\": \"2026-12-31T00:00:00Z\"}";
    JsonNode first = json.readTree(post("/v2/calls/extensive", filter + "}", gong.accessKey(),
        gong.accessKeySecret()).body());

    assertEquals(2, first.at("/records/totalRecords").asInt());
    assertEquals("20260210", first.at("/calls/0/metaData/id").asText());
    assertTrue(first.at("/records/cursor").isMissingNode(), "both on one page");

    JsonNode all = json.readTree(post("/v2/calls/extensive", "{}", gong.accessKey(), gong.accessKeySecret()).body());
    String cursor = all.at("/records/cursor").asText();
    JsonNode second = json.readTree(post("/v2/calls/extensive", "{\"cursor\": \"" + cursor + "\"}", gong.accessKey(),
        gong.accessKeySecret()).body());
    assertEquals("20260310", second.at("/calls/0/metaData/id").asText());
  }

  @Test
  void noCallInTheRangeIsGongs404AndTranscriptsAreThoseAskedFor() throws Exception {
    String none = "{\"filter\": {\"fromDateTime\": \"2027-01-01T00:00:00Z\"}}";
    assertEquals(404, post("/v2/calls/extensive", none, gong.accessKey(), gong.accessKeySecret()).statusCode());

    JsonNode transcripts = json.readTree(post("/v2/calls/transcript", "{\"filter\": {\"callIds\": [\"20260210\"]}}",
        gong.accessKey(), gong.accessKeySecret()).body());
    assertEquals(1, transcripts.path("callTranscripts").size());
    assertEquals("20260210", transcripts.at("/callTranscripts/0/callId").asText());
  }

  private HttpResponse<String> post(String path, String body, String key, String secret) throws Exception {
    String basic = Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gong.baseUrl() + path))
        .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
