package org.handoffbrief.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class FakeVendorTest {

  /** A vendor whose search finds nothing, from the kit's own fixture. */
  static final class EmptySearch extends FakeVendor {
    EmptySearch() {
      super(new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()));
      server.start();
      server.stubFor(get(urlPathEqualTo("/api/v2/search.json"))
          .willReturn(okJson(WireFixtures.read("zendesk/search-empty.json"))));
    }

    URI search() {
      return URI.create(server.baseUrl() + "/api/v2/search.json");
    }
  }

  /** A vendor of a user's own that answers from what it holds: a counter it serves as JSON. */
  static final class Counter extends FakeVendor {
    Counter() {
      this(new java.util.concurrent.atomic.AtomicInteger());
    }

    private Counter(java.util.concurrent.atomic.AtomicInteger count) {
      super(answering(request -> okJson("{\"count\":" + count.incrementAndGet() + "}").build()));
    }

    URI counter() {
      return URI.create(server.baseUrl() + "/count");
    }
  }

  @Test
  void aFakeOfYourOwnAnswersFromItsDataWithInjectedFaultsAndARateLimitOnTop() throws Exception {
    try (var vendor = new Counter()) {
      assertEquals("{\"count\":1}", fetch(vendor.counter()).body());
      vendor.inject(get(urlPathEqualTo("/count")).willReturn(aResponse().withStatus(503))
          .inScenario("once").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
          .willSetStateTo("served"));
      assertEquals(503, fetch(vendor.counter()).statusCode());
      assertEquals("{\"count\":2}", fetch(vendor.counter()).body());

      vendor.rateLimitPerSecond(1);
      int limited = 0;
      for (int i = 0; i < 5; i++) {
        limited += fetch(vendor.counter()).statusCode() == 429 ? 1 : 0;
      }
      assertTrue(limited >= 1 && vendor.rateLimited() == limited, limited + " vs " + vendor.rateLimited());
    }
  }

  @Test
  void countsTheRequestsItAnswersAndThoseMatchingAPattern() throws Exception {
    try (var vendor = new EmptySearch()) {
      assertEquals(200, fetch(vendor.search()).statusCode());
      assertEquals(200, fetch(vendor.search()).statusCode());

      assertEquals(2, vendor.requests());
      assertEquals(2, vendor.requests(getRequestedFor(urlPathEqualTo("/api/v2/search.json"))));
      assertEquals(0, vendor.requests(getRequestedFor(urlPathEqualTo("/elsewhere"))));
    }
  }

  @Test
  void anInjectedFaultIsServedAheadOfTheVendorsOwnAnswer() throws Exception {
    try (var vendor = new EmptySearch()) {
      vendor.inject(get(urlPathEqualTo("/api/v2/search.json")).willReturn(aResponse().withStatus(401)
          .withBody(WireFixtures.read("zendesk/error-401.json"))));

      HttpResponse<String> answer = fetch(vendor.search());

      assertEquals(401, answer.statusCode());
      assertTrue(answer.body().contains("error"), answer.body());
    }
  }

  @Test
  void aFixtureTheKitDoesNotHoldIsNamedInTheError() {
    var e = assertThrows(IllegalArgumentException.class, () -> WireFixtures.read("zendesk/no-such.json"));
    assertTrue(e.getMessage().contains("zendesk/no-such.json"));
    assertTrue(WireFixtures.exists("slack/auth-test.json"));
  }

  private static HttpResponse<String> fetch(URI uri) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
