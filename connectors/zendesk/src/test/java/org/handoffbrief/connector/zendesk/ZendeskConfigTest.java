package org.handoffbrief.connector.zendesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.ServiceLoader;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.junit.jupiter.api.Test;

class ZendeskConfigTest {

  private static final ZendeskConnectorProvider PROVIDER = new ZendeskConnectorProvider();

  private static ConnectorConfig config(Map<String, String> values) {
    return ConnectorConfig.of("zendesk", PROVIDER.settings(), values);
  }

  @Test
  void theProviderIsFoundByServiceLoaderAndMakesAConnector() {
    ConnectorProvider found = ServiceLoader.load(ConnectorProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.system().equals("zendesk")).findFirst().orElseThrow();
    var connector = found.createConnector(config(Map.of("zendesk.subdomain", "northwind",
        "zendesk.email", "bot@northwind-analytics.com", "zendesk.apiToken", "fake-token"))).orElseThrow();
    assertInstanceOf(ZendeskConnector.class, connector);
    assertEquals("zendesk", connector.system());
  }

  @Test
  void aSubdomainSetsTheApiAndThePermalinksAndABaseUrlOverridesOnlyTheApi() {
    var c = ZendeskConfig.fromSettings(config(Map.of("zendesk.subdomain", "Northwind", "zendesk.baseUrl", "http://127.0.0.1:8080/",
        "zendesk.auth", "oauth", "zendesk.accessToken", "fake-access-token", "zendesk.pageSize", "50")));
    assertEquals(URI.create("http://127.0.0.1:8080"), c.baseUrl());
    assertEquals(URI.create("https://northwind.zendesk.com"), c.agentUrl());
    assertEquals("oauth", c.auth().kind());
    assertEquals(50, c.pageSize());
  }

  @Test
  void secretsNeverShowInToString() {
    var c = ZendeskConfig.fromSettings(config(Map.of("zendesk.subdomain", "northwind", "zendesk.email", "bot@northwind-analytics.com",
        "zendesk.apiToken", "fake-secret-token")));
    assertFalse(c.toString().contains("fake-secret-token"), c.toString());
    assertTrue(c.toString().contains("bot@northwind-analytics.com"));
    assertFalse(config(Map.of("zendesk.apiToken", "fake-secret-token")).toString().contains("fake-secret-token"));
  }

  @Test
  void aMissingPieceIsNamed() {
    var noToken = assertThrows(IllegalArgumentException.class, () -> ZendeskConfig.fromSettings(config(Map.of(
        "zendesk.subdomain", "northwind", "zendesk.email", "bot@northwind-analytics.com"))));
    assertTrue(noToken.getMessage().contains("zendesk.apiToken"), noToken.getMessage());
    var noPlace = assertThrows(IllegalStateException.class, () -> ZendeskConfig.builder()
        .auth(ZendeskAuth.oauth("fake")).build());
    assertTrue(noPlace.getMessage().contains("subdomain"), noPlace.getMessage());
    var badAuth = assertThrows(IllegalArgumentException.class, () -> ZendeskConfig.fromSettings(config(Map.of(
        "zendesk.subdomain", "northwind", "zendesk.auth", "password"))));
    assertTrue(badAuth.getMessage().contains("api_token or oauth"), badAuth.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ZendeskConfig.builder().subdomain("north wind"));
    assertThrows(IllegalArgumentException.class, () -> ZendeskConfig.builder().pageSize(101));
  }

  @Test
  void toBuilderKeepsTheSubdomainAndTheBaseUrlAsGiven() {
    ZendeskConfig c = ZendeskConfig.builder().subdomain("acme").baseUrl(URI.create("http://localhost:9/"))
        .auth(ZendeskAuth.oauth("test-token-not-a-secret")).pageSize(50).build();

    ZendeskConfig copy = c.toBuilder().build();

    assertEquals(c.toString(), copy.toString());
    assertEquals(URI.create("https://acme.zendesk.com"), copy.agentUrl());
    assertEquals(URI.create("http://localhost:9"), copy.baseUrl());
  }
}
