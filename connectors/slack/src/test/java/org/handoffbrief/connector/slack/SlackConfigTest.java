package org.handoffbrief.connector.slack;

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
import org.handoffbrief.spi.ConnectorSetting;
import org.junit.jupiter.api.Test;

class SlackConfigTest {

  static final String TOKEN = "xoxb-0000000000-fake-config-token";
  static final SlackConnectorProvider PROVIDER = new SlackConnectorProvider();

  static ConnectorConfig settings(Map<String, String> values) {
    return ConnectorConfig.of("slack", PROVIDER.settings(), values);
  }

  @Test
  void theProviderIsFoundByServiceLoaderAndMakesAConnector() {
    ConnectorProvider p = ServiceLoader.load(ConnectorProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(x -> x.system().equals("slack")).findFirst().orElseThrow();
    var connector = p.createConnector(settings(Map.of("slack.botToken", TOKEN))).orElseThrow();
    assertEquals("slack", connector.system());
  }

  @Test
  void settingsFillEveryPartAndDefaultsStandForTheRest() {
    SlackConfig c = SlackConfig.fromSettings(settings(Map.of("slack.botToken", TOKEN, "slack.baseUrl", "http://127.0.0.1:9/",
        "slack.channelPattern", "#{account}-deal*", "slack.extraChannels", "#cs-handoffs, deal-desk",
        "slack.threadLookback", "P7D", "slack.pageSize", "50", "slack.maxAttempts", "5")));
    assertEquals(URI.create("http://127.0.0.1:9"), c.baseUrl());
    assertEquals(List.of("{account}-deal*"), c.channelPatterns());
    assertEquals(List.of("cs-handoffs", "deal-desk"), c.extraChannels());
    assertEquals(List.of("deal-desk", "pricing", "discount"), c.internalOnlyChannels());
    assertEquals(Duration.ofDays(7), c.threadLookback());
    assertEquals(50, c.pageSize());
    assertEquals(5, c.retryPolicy().maxAttempts());
    assertEquals(SlackConfig.DEFAULT_TIMEOUT, c.timeout());
  }

  @Test
  void theTokenIsNeverShown() {
    SlackConfig c = SlackConfig.builder().botToken(TOKEN).build();
    assertFalse(c.toString().contains(TOKEN), c.toString());
    assertFalse(settings(Map.of("slack.botToken", TOKEN)).toString().contains(TOKEN));
    var e = assertThrows(IllegalArgumentException.class, () -> SlackConfig.builder().botToken("xoxb-1 two"));
    assertFalse(e.getMessage().contains("xoxb-1"));
  }

  @Test
  void badValuesAreNamedAtOnce() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SlackConfig.builder().channelPattern("deal-meridian"))
        .getMessage().contains("{account}"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SlackConfig.builder().pageSize(1000))
        .getMessage().contains("pageSize"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> SlackConfig.builder().extraChannels(List.of("Deal Desk"))).getMessage().contains("'Deal Desk'"));
    assertTrue(assertThrows(IllegalStateException.class, () -> SlackConfig.builder().build())
        .getMessage().contains("botToken"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(Map.of()))
        .getMessage().contains("slack.botToken is required"));
  }

  @Test
  void theSettingsDocumentTheScopesAndMarkTheTokenSecret() {
    ConnectorSetting token = PROVIDER.settings().stream().filter(s -> s.key().equals("slack.botToken")).findFirst()
        .orElseThrow();
    assertTrue(token.secret() && token.required());
    for (String scope : List.of("channels:read", "channels:history", "users:read", "users:read.email", "groups:read",
        "groups:history")) {
      assertTrue(token.description().contains(scope), scope);
    }
  }

  @Test
  void severalChannelPatternsAndTheCrmFieldAreReadFromTheSettings() {
    SlackConfig c = SlackConfig.fromSettings(settings(Map.of("slack.botToken", TOKEN,
        "slack.channelPattern", "deal-{account}, #{account}-deal,ext-{account}-*", "slack.channelField", " Deal Slack ")));
    assertEquals(List.of("deal-{account}", "{account}-deal", "ext-{account}-*"), c.channelPatterns());
    assertEquals("Deal Slack", c.channelField());

    SlackConfig defaults = SlackConfig.builder().botToken(TOKEN).build();
    assertEquals(List.of("deal-{account}"), defaults.channelPatterns());
    assertEquals("Slack channel", defaults.channelField());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SlackConfig.builder().channelPattern("deal-{account},cs"))
        .getMessage().contains("'cs'"));
  }

  @Test
  void cacheTtlsAreReadFromSettingsAndZeroTurnsThemOff() {
    SlackConfig c = SlackConfig.fromSettings(settings(Map.of("slack.botToken", TOKEN, "slack.channelCacheTtl", "0s",
        "slack.userCacheTtl", "2h")));
    assertEquals(Duration.ZERO, c.channelCacheTtl());
    assertEquals(Duration.ofHours(2), c.userCacheTtl());
    assertEquals(Duration.ofMinutes(5), SlackConfig.builder().botToken(TOKEN).build().channelCacheTtl());
    var e = assertThrows(IllegalArgumentException.class, () -> SlackConfig.builder().userCacheTtl(Duration.ofDays(2)));
    assertTrue(e.getMessage().contains("userCacheTtl must be between 0 (off) and 1 day"), e.getMessage());
  }
}
