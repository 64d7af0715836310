package org.handoffbrief.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.handoffbrief.spi.ConnectorSetting.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectorConfigTest {

  private static final List<ConnectorSetting> SETTINGS = List.of(
      ConnectorSetting.required("zendesk.baseUrl", "Base URL", Type.URL, "Your Zendesk URL, e.g. https://acme.zendesk.com."),
      ConnectorSetting.secret("zendesk.apiToken", "API token", "An API token of the integration user."),
      new ConnectorSetting("zendesk.pin", "PIN", Type.INT, null, false, true, "A numeric secret."),
      ConnectorSetting.optional("zendesk.pageSize", "Page size", Type.INT, "100", "Tickets per page."),
      ConnectorSetting.optional("zendesk.timeout", "Timeout", Type.DURATION, "30s", "Per call."),
      ConnectorSetting.optional("zendesk.includeArchived", "Archived", Type.BOOLEAN, "false", "Read archived tickets."),
      ConnectorSetting.optional("zendesk.tags", "Tags", Type.LIST, null, "Tags to read."));

  private static ConnectorConfig config(Map<String, String> values) {
    return ConnectorConfig.of("zendesk", SETTINGS, values);
  }

  @Test
  void missingRequiredSettingIsNamedWithItsDescription() {
    var e = assertThrows(IllegalArgumentException.class, () -> config(Map.of()));
    assertEquals("zendesk configuration: zendesk.baseUrl is required: Your Zendesk URL, e.g. https://acme.zendesk.com.",
        e.getMessage());
  }

  @Test
  void blankValueCountsAsMissing() {
    var e = assertThrows(IllegalArgumentException.class, () -> config(Map.of("zendesk.baseUrl", "  ")));
    assertTrue(e.getMessage().contains("zendesk.baseUrl is required"), e.getMessage());
  }

  @Test
  void defaultsFillUnsetSettingsAndValuesAreTrimmed() {
    var c = config(Map.of("zendesk.baseUrl", " https://meridian.zendesk.example ", "zendesk.tags", "sso, ,security"));
    assertEquals(URI.create("https://meridian.zendesk.example"), c.getUri("zendesk.baseUrl"));
    assertEquals(100, c.getInt("zendesk.pageSize"));
    assertEquals(Duration.ofSeconds(30), c.getDuration("zendesk.timeout"));
    assertFalse(c.getBoolean("zendesk.includeArchived"));
    assertEquals(List.of("sso", "security"), c.getList("zendesk.tags"));
    assertNull(c.get("zendesk.apiToken"));
    assertFalse(c.has("zendesk.apiToken"));
    assertEquals("zendesk.apiToken is required: An API token of the integration user.",
        assertThrows(IllegalArgumentException.class, () -> c.require("zendesk.apiToken")).getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "zendesk.pageSize | lots | zendesk.pageSize must be an integer, not 'lots'",
      "zendesk.timeout | soon | zendesk.timeout must be a duration (e.g. 30s, 2m, 500ms or PT30S), not 'soon'",
      "zendesk.timeout | -5s | zendesk.timeout must be a duration (e.g. 30s, 2m, 500ms or PT30S), not '-5s'",
      "zendesk.includeArchived | yes | zendesk.includeArchived must be true or false, not 'yes'",
      "zendesk.baseUrl | ftp://meridian.example | zendesk.baseUrl must be an http(s) URL, not 'ftp://meridian.example'",
      "zendesk.baseUrl | meridian.zendesk.example | zendesk.baseUrl must be an http(s) URL, not 'meridian.zendesk.example'",
      "zendesk.baseUrl | http://bad host | zendesk.baseUrl must be a url, not 'http://bad host'"})
  void valueOfTheWrongTypeIsNamedWithTheExpectedType(String key, String value, String problem) {
    var values = new java.util.HashMap<>(Map.of("zendesk.baseUrl", "https://meridian.zendesk.example"));
    values.put(key, value);
    var e = assertThrows(IllegalArgumentException.class, () -> config(values));
    assertEquals("zendesk configuration: " + problem, e.getMessage());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> config(Map.of("zendesk.pageSize", "lots", "zendesk.includeArchived", "maybe")));
    assertTrue(e.getMessage().contains("zendesk.pageSize must be an integer"), e.getMessage());
    assertTrue(e.getMessage().contains("zendesk.includeArchived must be true or false"), e.getMessage());
    assertTrue(e.getMessage().contains("zendesk.baseUrl is required"), e.getMessage());
  }

  @Test
  void unknownKeyUnderThePrefixIsNamedWithTheKnownOnesWhileOtherSystemsKeysAreIgnored() {
    var e = assertThrows(IllegalArgumentException.class, () -> config(Map.of(
        "zendesk.baseUrl", "https://meridian.zendesk.example", "zendesk.apiTokn", "x", "gmail.user", "ops@vendor.example")));
    assertEquals("zendesk configuration: unknown setting zendesk.apiTokn (known: zendesk.baseUrl, zendesk.apiToken,"
        + " zendesk.pin, zendesk.pageSize, zendesk.timeout, zendesk.includeArchived, zendesk.tags)", e.getMessage());

    var c = config(Map.of("zendesk.baseUrl", "https://meridian.zendesk.example", "gmail.user", "ops@vendor.example"));
    assertEquals("unknown setting gmail.user for zendesk",
        assertThrows(IllegalArgumentException.class, () -> c.get("gmail.user")).getMessage());
  }

  @Test
  void secretsAreMaskedInToStringAndInErrors() {
    var c = config(Map.of("zendesk.baseUrl", "https://meridian.zendesk.example", "zendesk.apiToken", "FAKE-TOKEN-1234",
        "zendesk.pin", "4321"));
    assertEquals("FAKE-TOKEN-1234", c.require("zendesk.apiToken"));
    String shown = c.toString();
    assertFalse(shown.contains("FAKE-TOKEN-1234"), shown);
    assertFalse(shown.contains("4321"), shown);
    assertTrue(shown.contains("zendesk.apiToken=****"), shown);
    assertTrue(shown.contains("zendesk.baseUrl=https://meridian.zendesk.example"), shown);

    var e = assertThrows(IllegalArgumentException.class, () -> config(Map.of(
        "zendesk.baseUrl", "https://meridian.zendesk.example", "zendesk.pin", "FAKE-PIN-abcd")));
    assertEquals("zendesk configuration: zendesk.pin must be an integer, not (secret)", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"30s, PT30S", "2m, PT2M", "1h, PT1H", "500ms, PT0.5S", "PT1M30S, PT1M30S", "pt10s, PT10S",
      "' 45S ', PT45S", "0s, PT0S"})
  void durationsAreReadInIsoOrShortForm(String text, String iso) {
    assertEquals(Duration.parse(iso), ConnectorConfig.parseDuration(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "s", "ms", "10", "10d", "ten seconds", "-5s", "PT-1S", "P"})
  void anythingElseIsNotADuration(String text) {
    assertThrows(IllegalArgumentException.class, () -> ConnectorConfig.parseDuration(text));
  }

  @Test
  void settingKeysMustCarryTheirSystemPrefix() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ConnectorSetting.required("pageSize", "Page size", Type.INT, "Tickets per page."));
    assertEquals("setting key must look like system.name: pageSize", e.getMessage());
  }
}
