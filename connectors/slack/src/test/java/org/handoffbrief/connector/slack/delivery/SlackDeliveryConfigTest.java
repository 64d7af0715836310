package org.handoffbrief.connector.slack.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackDeliveryConfigTest {

  @Test
  void theSlackdeliverySettingsBuildTheConfigAndIgnoreTheReadingConnectorsOnes() {
    SlackDeliveryConfig c = SlackDeliveryConfig.fromSettings(Map.of("slackdelivery.botToken", "xoxb-posting-fake",
        "slackdelivery.channel", "#cs-handoffs", "slackdelivery.signingSecret", "fake-secret",
        "slackdelivery.briefLink", "https://briefs.example.com/b/{briefId}", "slackdelivery.timeout", "5s",
        "slack.botToken", "xoxb-reading-fake"));

    assertEquals("cs-handoffs", c.channel());
    assertEquals(Duration.ofSeconds(5), c.timeout());
    assertEquals(URI.create("https://briefs.example.com/b/006A/handoff/v2"), c.briefLink("006A/handoff/v2"));
  }

  @Test
  void toStringNeverShowsTheTokenOrTheSigningSecret() {
    String s = SlackDeliveryConfig.builder().botToken("xoxb-posting-fake").channel("C0CSHAND01")
        .signingSecret("fake-secret").build().toString();

    assertFalse(s.contains("xoxb-posting-fake"));
    assertFalse(s.contains("fake-secret"));
  }

  @Test
  void aBadValueIsRefusedAtOnceNamingTheSettingAndNeverEchoingASecret() {
    var link = assertThrows(IllegalArgumentException.class,
        () -> SlackDeliveryConfig.builder().briefLink("https://briefs.example.com/latest"));
    var secret = assertThrows(IllegalArgumentException.class,
        () -> SlackDeliveryConfig.builder().signingSecret("two words"));
    var missing = assertThrows(IllegalStateException.class, () -> SlackDeliveryConfig.builder().botToken("xoxb-x")
        .build());

    assertTrue(link.getMessage().contains("{briefId}"));
    assertFalse(secret.getMessage().contains("two words"));
    assertTrue(missing.getMessage().startsWith("channel is required"));
  }

  @Test
  void toBuilderStartsFromEveryValueOfTheConfigSecretsIncluded() {
    SlackDeliveryConfig c = SlackDeliveryConfig.builder().botToken("xoxb-test-token-not-a-secret").channel("cs-handoffs")
        .signingSecret("test-secret-not-a-secret").zone("America/Chicago").timeout(Duration.ofSeconds(4)).build();

    SlackDeliveryConfig copy = c.toBuilder().channel("cs-renewals").build();

    assertEquals(c.toString().replace("cs-handoffs", "cs-renewals"), copy.toString());
  }
}
