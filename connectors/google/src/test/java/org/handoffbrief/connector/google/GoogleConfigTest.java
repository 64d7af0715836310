package org.handoffbrief.connector.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.ConnectorSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoogleConfigTest {

  @Test
  void bothProvidersAreFoundWithTheirSystemIds() {
    List<String> systems = ServiceLoader.load(ConnectorProvider.class, getClass().getClassLoader()).stream()
        .map(p -> p.get().system()).sorted().toList();
    assertEquals(List.of("gmail", "google-calendar"), systems);
  }

  @Test
  void everySettingIsUnderItsSystemAndTheScopeIsDocumented() {
    for (ConnectorProvider p : List.of(new GmailConnectorProvider(), new GoogleCalendarConnectorProvider())) {
      for (ConnectorSetting s : p.settings()) {
        assertTrue(s.key().startsWith(p.system() + "."), s.key());
      }
      String auth = p.settings().stream().filter(s -> s.key().endsWith(".auth")).findFirst().orElseThrow().description();
      assertTrue(auth.contains(p.system().equals("gmail") ? GoogleConfig.GMAIL_SCOPE : GoogleConfig.CALENDAR_SCOPE));
    }
    assertTrue(new GmailConnectorProvider().settings().stream().anyMatch(s -> s.key().equals("gmail.batchSize")));
    assertFalse(new GoogleCalendarConnectorProvider().settings().stream().anyMatch(s -> s.key().endsWith("batchSize")));
  }

  @Test
  void aServiceAccountKeyFileConfiguresGmail(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("key.json");
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(GoogleFakes.KEYS.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    Files.writeString(key, "{\"type\": \"service_account\", \"client_email\": \"reader@p.iam.gserviceaccount.com\","
        + " \"private_key\": " + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(pem)
        + ", \"token_uri\": \"https://oauth2.googleapis.com/token\"}");
    var provider = new GmailConnectorProvider();
    var config = ConnectorConfig.of("gmail", provider.settings(), Map.of("gmail.auth", "service_account",
        "gmail.serviceAccountKeyFile", key.toString(), "gmail.mailboxes", "Deal-Desk@northwind-analytics.com",
        "gmail.batchSize", "25", "gmail.rootUrl", "http://127.0.0.1:9", "gmail.lookback", "P45D"));
    GoogleConfig g = GoogleConfig.fromSettings(config);
    assertEquals(java.time.Duration.ofDays(45), g.lookback());
    assertEquals(java.util.Set.of("deal-desk@northwind-analytics.com"), g.mailboxes());
    assertEquals(25, g.batchSize());
    assertEquals("http://127.0.0.1:9/", g.rootUrl().toString(), "the trailing slash the SDK needs is added");
    assertTrue(provider.createConnector(config).isPresent());
    assertFalse(g.toString().contains("PRIVATE"));
  }

  @Test
  void secretsAreMaskedAndBadValuesNamed() {
    var provider = new GoogleCalendarConnectorProvider();
    var config = ConnectorConfig.of("google-calendar", provider.settings(), Map.of("google-calendar.auth",
        "refresh_token", "google-calendar.clientId", "123.apps.googleusercontent.com",
        "google-calendar.clientSecret", "FAKE-secret", "google-calendar.refreshToken", "1//FAKE-refresh"));
    GoogleConfig g = GoogleConfig.fromSettings(config);
    assertFalse(g.toString().contains("FAKE"), g.toString());
    assertFalse(config.toString().contains("FAKE"), config.toString());
    var e = assertThrows(IllegalArgumentException.class, () -> GoogleConfig.gmail().batchSize(101));
    assertEquals("batchSize must be between 1 and 100, not 101", e.getMessage());
    assertEquals(GoogleConfig.DEFAULT_LOOKBACK, g.lookback(), "30 days unless set");
    e = assertThrows(IllegalArgumentException.class, () -> GoogleConfig.calendar().lookback(java.time.Duration.ofDays(400)));
    assertEquals("lookback must be between 0 and 366 days, not PT9600H", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GoogleConfig.fromSettings(ConnectorConfig.of("gmail",
        new GmailConnectorProvider().settings(), Map.of("gmail.auth", "access_token", "gmail.accessToken", "x",
            "gmail.lookback", "-P1D"))));
    assertThrows(IllegalStateException.class, () -> GoogleConfig.calendar().build());
    assertThrows(IllegalArgumentException.class, () -> GoogleConfig.fromSettings(ConnectorConfig.of("gmail",
        new GmailConnectorProvider().settings(), Map.of("gmail.auth", "password"))));
  }

  @Test
  void builderNamesTheConnectorAndToBuilderStartsFromTheConfig() {
    GoogleConfig c = GoogleConfig.builder(GoogleConfig.CALENDAR).auth(GoogleAuth.accessToken("test-token-not-a-secret"))
        .mailboxes(List.of("cs@vendor.example")).maxPages(2).build();

    GoogleConfig copy = c.toBuilder().build();

    assertEquals(GoogleConfig.CALENDAR, copy.system());
    assertEquals(c.toString(), copy.toString());
    assertThrows(IllegalArgumentException.class, () -> GoogleConfig.builder("drive"));
  }
}
