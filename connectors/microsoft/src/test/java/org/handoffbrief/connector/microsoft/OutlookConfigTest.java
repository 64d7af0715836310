package org.handoffbrief.connector.microsoft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.junit.jupiter.api.Test;

class OutlookConfigTest {

  static final String SECRET = "FAKE~client~secret~value";

  static ConnectorConfig settings(Map<String, String> values) {
    return ConnectorConfig.of("outlook", new OutlookConnectorProvider().settings(), values);
  }

  @Test
  void readsEverySettingAndMasksTheSecret() {
    OutlookConfig c = OutlookConfig.fromSettings(settings(Map.of("outlook.tenantId", "contoso.onmicrosoft.com",
        "outlook.clientId", "11111111-1111-1111-1111-111111111111", "outlook.clientSecret", SECRET,
        "outlook.graphUrl", "http://127.0.0.1:8080/", "outlook.mailboxes", "Alex.Rivera@northwind-analytics.com, sam.chen@northwind-analytics.com",
        "outlook.calendar", "false", "outlook.pageSize", "100", "outlook.timeout", "10s", "outlook.lookback", "P14D")));

    assertEquals(URI.create("http://127.0.0.1:8080"), c.graphUrl());
    assertEquals(OutlookConfig.DEFAULT_AUTHORITY_URL, c.authorityUrl());
    assertEquals(List.of("alex.rivera@northwind-analytics.com", "sam.chen@northwind-analytics.com"), c.mailboxes());
    assertTrue(c.readMail());
    assertFalse(c.readCalendar());
    assertEquals(100, c.pageSize());
    assertEquals(Duration.ofSeconds(10), c.timeout());
    assertEquals(Duration.ofDays(14), c.lookback());
    assertFalse(c.toString().contains(SECRET), c.toString());
    assertTrue(c.toString().contains("clientSecret=****"));
  }

  @Test
  void exactlyOneCredentialIsRequired() {
    var none = settings(Map.of("outlook.tenantId", "t1", "outlook.clientId", "c1"));
    var e = assertThrows(IllegalArgumentException.class, () -> OutlookConfig.fromSettings(none));
    assertTrue(e.getMessage().contains("outlook.clientSecret"), e.getMessage());
    var both = settings(Map.of("outlook.tenantId", "t1", "outlook.clientId", "c1", "outlook.clientSecret", SECRET,
        "outlook.certificateFile", "/nonexistent.pem"));
    assertThrows(IllegalArgumentException.class, () -> OutlookConfig.fromSettings(both));
  }

  @Test
  void badValuesAreNamedAtOnce() {
    var b = OutlookConfig.builder();
    assertEquals("pageSize must be between 1 and 1000, not 0",
        assertThrows(IllegalArgumentException.class, () -> b.pageSize(0)).getMessage());
    assertEquals("mailboxes: 'alex' is not an email address",
        assertThrows(IllegalArgumentException.class, () -> b.mailboxes(List.of("alex"))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.tenantId("contoso/../x"));
    assertEquals("lookback must be between 0 and 366 days, not PT-24H",
        assertThrows(IllegalArgumentException.class, () -> b.lookback(Duration.ofDays(-1))).getMessage());
    assertEquals(Duration.ofDays(30), OutlookConfig.builder().tenantId("t").clientId("c").clientSecret(SECRET).build()
        .lookback(), "30 days unless set");
    assertThrows(IllegalStateException.class, () -> OutlookConfig.builder().tenantId("t").clientId("c").build());
    assertThrows(IllegalStateException.class, () -> OutlookConfig.builder().tenantId("t").clientId("c")
        .clientSecret(SECRET).readMail(false).readCalendar(false).build());
  }

  @Test
  void theProviderIsFoundByServiceLoaderAndDocumentsTheLeastPermissions() {
    ConnectorProvider p = ServiceLoader.load(ConnectorProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(x -> x.system().equals("outlook")).findFirst().orElseThrow();
    String clientId = p.settings().stream().filter(s -> s.key().equals("outlook.clientId")).findFirst().orElseThrow()
        .description();
    assertTrue(clientId.contains("Mail.Read") && clientId.contains("Calendars.Read") && clientId.contains("access policy"));
    assertTrue(p.settings().stream().filter(s -> s.key().equals("outlook.clientSecret")).findFirst().orElseThrow().secret());
    assertTrue(p.createConnector(settings(Map.of("outlook.tenantId", "t1", "outlook.clientId", "c1",
        "outlook.clientSecret", SECRET))).isPresent());
  }

  @Test
  void toBuilderStartsFromEveryValueOfTheConfigTheCredentialIncluded() {
    OutlookConfig c = OutlookConfig.builder().tenantId("t").clientId("c").clientSecret("test-secret-not-a-secret")
        .mailboxes(List.of("cs@vendor.example")).pageSize(10).timeout(Duration.ofSeconds(3)).build();

    OutlookConfig copy = c.toBuilder().build();

    assertEquals(c.toString(), copy.toString());
    assertEquals(c.clientSecret(), copy.clientSecret());
  }
}
