package org.handoffbrief.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeOutlookTest {
  static final String MAILBOX = "se@vendor.example";

  FakeOutlook tenant;

  @BeforeEach
  void start() {
    tenant = FakeOutlook.start();
    tenant.messages(MAILBOX, """
        {"value": [{"id": "m1"}], "@odata.nextLink": "https://graph.microsoft.com/v1.0/users/se%40vendor.example/messages?%24top=1&%24skiptoken=abc"}""",
        "{\"value\": [{\"id\": \"m2\"}]}");
  }

  @AfterEach
  void stop() {
    tenant.close();
  }

  @Test
  void aWrongClientSecretIsInvalidClientAndTheRightOneGetsAToken() throws Exception {
    HttpResponse<String> refused = token("wrong-secret-not-a-secret");
    HttpResponse<String> granted = token(tenant.clientSecret());

    assertEquals(401, refused.statusCode());
    assertTrue(refused.body().contains("\"invalid_client\""), refused.body());
    assertTrue(granted.body().contains(tenant.accessToken()), granted.body());
  }

  @Test
  void aCallWithoutTheIssuedTokenIsInvalidAuthenticationToken() throws Exception {
    HttpResponse<String> answer = get(messages(""), "Bearer eyJ.not.issued");

    assertEquals(401, answer.statusCode());
    assertTrue(answer.body().contains("InvalidAuthenticationToken"), answer.body());
  }

  @Test
  void theNextLinkPointsAtTheFakeAndLeadsToTheNextPage() throws Exception {
    String bearer = "Bearer " + tenant.accessToken();

    String first = get(messages("?%24top=1"), bearer).body();
    String second = get(messages("?%24top=1&%24skiptoken=abc"), bearer).body();

    assertTrue(first.contains("\"m1\"") && first.contains(tenant.graphUrl() + "/v1.0/users/"), first);
    assertTrue(second.contains("\"m2\""), second);
  }

  @Test
  void aMissingPermissionIsAccessDeniedAndAnUnknownMailboxAnInvalidUser() throws Exception {
    String bearer = "Bearer " + tenant.grant("Mail.Read").accessToken();

    HttpResponse<String> calendar = get(URI.create(tenant.graphUrl() + "/v1.0/users/se%40vendor.example/calendarView"), bearer);
    HttpResponse<String> nobody = get(URI.create(tenant.graphUrl() + "/v1.0/users/nobody%40vendor.example/messages"), bearer);

    assertEquals(403, calendar.statusCode());
    assertTrue(calendar.body().contains("ErrorAccessDenied"), calendar.body());
    assertEquals(404, nobody.statusCode());
    assertTrue(nobody.body().contains("ErrorInvalidUser"), nobody.body());
  }

  private URI messages(String query) {
    return URI.create(tenant.graphUrl() + "/v1.0/users/se%40vendor.example/messages" + query);
  }

  private HttpResponse<String> token(String secret) throws Exception {
    String form = "client_id=" + tenant.clientId() + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8)
        + "&grant_type=client_credentials&scope=" + URLEncoder.encode(tenant.graphUrl() + "/.default", StandardCharsets.UTF_8);
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tenant.authorityUrl() + "/"
        + tenant.tenantId() + "/oauth2/v2.0/token")).POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(URI uri, String bearer) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).header("Authorization", bearer).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
