package org.handoffbrief.spi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorSetting;
import org.junit.jupiter.api.Test;

class SettingTest {
  private static final Setting<URI> BASE = Setting.url("acme.baseUrl", "Base", "https://api.example.com", "Host.");
  private static final Setting<Duration> LAG = Setting.duration("acme.lag", "Lag", "48h", "How late.");
  private static final Setting<Integer> MAX = Setting.integer("acme.max", "Max", 10, "How many.");
  private static final Setting<Boolean> ON = Setting.bool("acme.on", "On", true, "Whether.");
  private static final Setting<List<String>> IDS = Setting.list("acme.ids", "Ids", "Which.");
  private static final Setting<String> TOKEN = Setting.secret("acme.token", "Token", "The token.");
  private static final Setting<Path> KEY_FILE = Setting.file("acme.keyFile", "Key file", "Where the key is.");
  private static final List<Setting<?>> ALL = List.of(BASE, LAG, MAX, ON, IDS, TOKEN, KEY_FILE);

  private static ConnectorConfig config(Map<String, String> values) {
    return ConnectorConfig.of("acme", Setting.describe(ALL), values);
  }

  @Test
  void theProvidersListIsMadeFromTheDeclarationsInOrder() {
    List<ConnectorSetting> described = Setting.describe(ALL);
    assertEquals(List.of("acme.baseUrl", "acme.lag", "acme.max", "acme.on", "acme.ids", "acme.token",
        "acme.keyFile"),
        described.stream().map(ConnectorSetting::key).toList());
    assertEquals("48h", described.get(1).defaultValue());
    assertTrue(described.get(5).secret());
    assertEquals(ConnectorSetting.Type.FILE, described.get(6).type());
  }

  @Test
  void aValueGivenIsReadBackThroughTheSameConstant() {
    ConnectorConfig c = config(Map.of("acme.lag", "2m", "acme.max", "3", "acme.on", "false",
        "acme.ids", "a, b", "acme.token", "fake-token", "acme.keyFile", "/tmp/fake-key.pem"));
    assertEquals(Duration.ofMinutes(2), LAG.from(c));
    assertEquals(3, MAX.from(c));
    assertEquals(false, ON.from(c));
    assertEquals(List.of("a", "b"), IDS.from(c));
    assertEquals("fake-token", TOKEN.from(c));
    assertEquals(Path.of("/tmp/fake-key.pem"), KEY_FILE.from(c));
  }

  @Test
  void aValueNotGivenIsTheDeclaredDefaultOrNull() {
    ConnectorConfig c = config(Map.of());
    assertEquals(URI.create("https://api.example.com"), BASE.from(c));
    assertEquals(Duration.ofHours(48), LAG.from(c));
    assertEquals(List.of(), IDS.from(c));
    assertNull(TOKEN.from(c));
    assertNull(KEY_FILE.from(c));
  }

  @Test
  void theDefaultIsAlsoReadableAsItsTypeForABuildersStartingValue() {
    assertEquals(Duration.ofHours(48), LAG.defaultValue());
    assertEquals(10, MAX.defaultValue());
    assertThrows(IllegalStateException.class, TOKEN::defaultValue);
  }

  @Test
  void aRequiredSecretIsBothRequiredAndSecretAndHasNoDefault() {
    ConnectorSetting d = Setting.requiredSecret("acme.botToken", "Bot token", "The token.").describe();
    assertTrue(d.required());
    assertTrue(d.secret());
    assertNull(d.defaultValue());
  }

  @Test
  void aFileIsReadAsAPathAndIsNullWhenUnset() {
    Setting<Path> key = Setting.file("acme.keyFile", "Key file", "The key.");
    assertEquals(ConnectorSetting.Type.FILE, key.describe().type());
    ConnectorConfig given = ConnectorConfig.of("acme", List.of(key.describe()), Map.of("acme.keyFile", "k.json"));
    assertEquals(Path.of("k.json"), key.from(given));
    assertNull(key.from(ConnectorConfig.of("acme", List.of(key.describe()), Map.of())));
  }

  @Test
  void aListWithADefaultReadsTheDefaultAsItems() {
    Setting<List<String>> names = Setting.list("acme.names", "Names", "a, b", "Which.");
    assertEquals("a, b", names.describe().defaultValue());
    assertEquals(List.of("a", "b"), names.defaultValue());
  }
}
