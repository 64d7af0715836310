package org.handoffbrief.connector.gong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.ConnectorSetting;
import org.junit.jupiter.api.Test;

class GongConfigTest {

  final GongConnectorProvider provider = new GongConnectorProvider();

  @Test
  void theProviderIsFoundByTheServiceLoaderAndMakesAConnector() {
    var found = ServiceLoader.load(ConnectorProvider.class, getClass().getClassLoader()).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p.system().equals("gong")).toList();
    assertEquals(1, found.size());
    var config = ConnectorConfig.of("gong", provider.settings(),
        Map.of("gong.accessKey", "FAKE-KEY", "gong.accessKeySecret", "fake-secret"));
    assertEquals("gong", found.get(0).createConnector(config).orElseThrow().system());
  }

  @Test
  void settingsAreReadWithTheirDefaults() {
    GongConfig c = GongConfig.fromSettings(ConnectorConfig.of("gong", provider.settings(),
        Map.of("gong.accessKey", "FAKE-KEY", "gong.accessKeySecret", "fake-secret")));

    assertEquals(URI.create("https://api.gong.io"), c.baseUrl());
    assertEquals("basic", c.authKind());
    assertEquals(Duration.ofHours(48), c.leadTime());
    assertEquals(Duration.ofHours(24), c.processingLag());
    assertEquals(3, c.maxRequestsPerSecond());
    assertTrue(c.transcripts());
    assertTrue(c.briefs());
    assertEquals(100, c.maxCalls());
    assertEquals(10, c.followUpMaxCalls());
    assertEquals(Duration.ofSeconds(30), c.timeout());
  }

  @Test
  void everySettingIsRead() {
    GongConfig c = GongConfig.fromSettings(ConnectorConfig.of("gong", provider.settings(), Map.ofEntries(
        Map.entry("gong.baseUrl", "https://us-14321.api.gong.io/"),
        Map.entry("gong.bearerToken", "fake-oauth-token"),
        Map.entry("gong.leadTime", "P7D"),
        Map.entry("gong.processingLag", "6h"),
        Map.entry("gong.maxRequestsPerSecond", "2"),
        Map.entry("gong.transcripts", "false"),
        Map.entry("gong.briefs", "false"),
        Map.entry("gong.maxCalls", "20"),
        Map.entry("gong.followUpMaxCalls", "0"),
        Map.entry("gong.workspaceId", "623457276584334"),
        Map.entry("gong.primaryUserIds", "2000000000000000001, 2000000000000000002"),
        Map.entry("gong.timeout", "10s"))));

    assertEquals(URI.create("https://us-14321.api.gong.io"), c.baseUrl(), "trailing slash dropped");
    assertEquals("bearer", c.authKind());
    assertEquals("Bearer fake-oauth-token", c.authorizationHeader());
    assertEquals(Duration.ofDays(7), c.leadTime());
    assertEquals(Duration.ofHours(6), c.processingLag());
    assertEquals(2, c.maxRequestsPerSecond());
    assertFalse(c.transcripts());
    assertFalse(c.briefs());
    assertEquals(20, c.maxCalls());
    assertEquals(0, c.followUpMaxCalls());
    assertEquals("623457276584334", c.workspaceId());
    assertEquals(Set.of("2000000000000000001", "2000000000000000002"), c.primaryUserIds());
    assertEquals(Duration.ofSeconds(10), c.timeout());
  }

  @Test
  void credentialsAreRequiredOnceAndNeverShown() {
    var none = assertThrows(IllegalArgumentException.class, () -> GongConfig.fromSettings(
        ConnectorConfig.of("gong", provider.settings(), Map.of())));
    assertTrue(none.getMessage().contains("gong.accessKey"), none.getMessage());

    var both = assertThrows(IllegalArgumentException.class, () -> GongConfig.fromSettings(ConnectorConfig.of("gong",
        provider.settings(), Map.of("gong.accessKey", "K", "gong.accessKeySecret", "s", "gong.bearerToken", "t"))));
    assertTrue(both.getMessage().contains("not both"), both.getMessage());

    var half = assertThrows(IllegalArgumentException.class, () -> GongConfig.fromSettings(ConnectorConfig.of("gong",
        provider.settings(), Map.of("gong.accessKey", "FAKE-KEY"))));
    assertTrue(half.getMessage().contains("gong.accessKeySecret"), half.getMessage());

    GongConfig c = GongConfig.builder().accessKey("FAKE-KEY", "fake-secret-do-not-log").build();
    assertFalse(c.toString().contains("fake-secret-do-not-log"), c.toString());
    assertFalse(c.toString().contains(c.authorizationHeader().substring(6)), c.toString());
    assertThrows(IllegalStateException.class, () -> GongConfig.builder().build());
  }

  @Test
  void badValuesFailAtOnceNamingTheValue() {
    var b = GongConfig.builder();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.maxRequestsPerSecond(0)).getMessage()
        .contains("not 0"));
    assertThrows(IllegalArgumentException.class, () -> b.maxCalls(0));
    assertThrows(IllegalArgumentException.class, () -> b.leadTime(Duration.ofDays(365)));
    assertThrows(IllegalArgumentException.class, () -> b.baseUrl(URI.create("ftp://api.gong.io")));
    assertThrows(IllegalArgumentException.class, () -> b.workspaceId("main"));
    assertThrows(IllegalArgumentException.class, () -> b.primaryUserIds(List.of("alex")));
    assertThrows(IllegalArgumentException.class, () -> b.accessKey("a:b", "c"));
  }

  @Test
  void everySettingIsDocumentedAndTheScopesAreNamed() {
    for (ConnectorSetting s : provider.settings()) {
      assertTrue(s.key().startsWith("gong."), s.key());
      assertFalse(s.description().isBlank(), s.key());
    }
    String all = String.join(" ", provider.settings().stream().map(ConnectorSetting::description).toList());
    assertTrue(all.contains("api:calls:read:extensive"));
    assertTrue(all.contains("api:calls:read:transcript"));
    assertTrue(provider.settings().stream().filter(ConnectorSetting::secret).map(ConnectorSetting::key).toList()
        .containsAll(List.of("gong.accessKeySecret", "gong.bearerToken")));
  }

  @Test
  void toBuilderStartsFromEveryValueOfTheConfigCredentialsIncluded() {
    GongConfig c = GongConfig.builder().bearerToken("test-token-not-a-secret").maxCalls(7).workspaceId("42")
        .primaryUserIds(List.of("9", "8")).timeout(Duration.ofSeconds(5)).build();

    GongConfig copy = c.toBuilder().build();

    assertEquals(c.toString(), copy.toString());
    assertEquals(c.authorizationHeader(), copy.authorizationHeader());
    assertEquals(3, c.toBuilder().maxCalls(3).build().maxCalls());
    assertEquals(7, c.maxCalls(), "the original is unchanged");
  }
}
