package org.handoffbrief.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class FakeZendeskTest {
  private final ObjectMapper json = new ObjectMapper();
  private FakeZendesk zendesk;

  @BeforeEach
  void seedAnAccount() {
    zendesk = FakeZendesk.start().pageSize(2);
    zendesk.load("""
        {"users": [{"id": 1, "name": "Ann Example", "email": "ann@customer.example"},
                   {"id": 2, "name": "Bo Example", "email": "bo@other.example"}]}""");
    for (int i = 1; i <= 3; i++) {
      zendesk.load("""
          {"ticket": {"id": 10%d, "subject": "Question %d", "requester_id": 1, "organization_id": 7,
                      "status": "open", "created_at": "2026-02-0%dT10:00:00Z", "updated_at": "2026-02-1%dT10:00:00Z"}}"""
          .formatted(i, i, i, i));
    }
    zendesk.load("""
        {"ticket": {"id": 200, "subject": "Elsewhere", "requester_id": 2, "status": "open",
                    "created_at": "2026-02-01T10:00:00Z", "updated_at": "2026-02-01T10:00:00Z"}}""");
  }

  @AfterEach
  void stop() {
    zendesk.close();
  }

  @Test
  void aWrongTokenGetsZendesks401() throws Exception {
    HttpResponse<String> answer = get("/api/v2/search.json?query=type:ticket", "wrong-token-not-a-secret");

    assertEquals(401, answer.statusCode());
    assertTrue(answer.body().contains("Couldn't authenticate you"), answer.body());
  }

  @Test
  void searchFiltersByRequesterAndPagesWithNextPage() throws Exception {
    JsonNode first = json.readTree(get("/api/v2/search.json?query=type:ticket%20requester:ann@customer.example"
        + "&sort_by=updated_at&sort_order=desc", zendesk.apiToken()).body());

    assertEquals(3, first.path("count").asInt());
    assertEquals(103, first.at("/results/0/id").asInt(), "most recently updated first");
    assertEquals("ticket", first.at("/results/0/result_type").asText());
    String next = first.path("next_page").asText();
    JsonNode second = json.readTree(get(URI.create(next).getRawPath() + "?" + URI.create(next).getRawQuery(),
        zendesk.apiToken()).body());
    assertEquals(101, second.at("/results/0/id").asInt());
    assertTrue(second.path("next_page").isNull());
  }

  @Test
  void searchFiltersByDayAsZendeskDoes() throws Exception {
    JsonNode page = json.readTree(get("/api/v2/search.json?query=type:ticket%20organization:7%20created%3C2026-02-02",
        zendesk.apiToken()).body());

    assertEquals(1, page.path("count").asInt());
    assertEquals(101, page.at("/results/0/id").asInt());
  }

  @Test
  void commentsArePagedByCursorWithTheirAuthorsSideLoaded() throws Exception {
    for (int i = 1; i <= 3; i++) {
      zendesk.comment(101, (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
          "{\"id\": " + (500 + i) + ", \"author_id\": 1, \"body\": \"Note " + i + "\"}"));
    }
    JsonNode first = json.readTree(get("/api/v2/tickets/101/comments.json?include=users", zendesk.apiToken()).body());

    assertEquals(2, first.path("comments").size());
    assertEquals("ann@customer.example", first.at("/users/0/email").asText());
    assertTrue(first.at("/meta/has_more").asBoolean());
    URI next = URI.create(first.at("/links/next").asText());
    JsonNode second = json.readTree(get(next.getRawPath() + "?" + next.getRawQuery(), zendesk.apiToken()).body());
    assertEquals(503, second.at("/comments/0/id").asInt());
    assertFalse(second.at("/meta/has_more").asBoolean());
  }

  private HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
    String basic = Base64.getEncoder().encodeToString((zendesk.agentEmail() + "/token:" + token)
        .getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(zendesk.baseUrl() + pathAndQuery))
        .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
  }
}
