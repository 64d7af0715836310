package org.handoffbrief.connector.slack.internal;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every user of the Slack SDK in this module does the same way; not API. */
public final class SlackSdk {
  private static final Logger LOG = LoggerFactory.getLogger(SlackSdk.class);

  private SlackSdk() {}

  /** Releases the SDK's HTTP client (its connection pool and dispatcher) and its metrics threads. */
  public static void close(Slack slack, SlackConfig config) {
    try {
      slack.close();
      config.close();
    } catch (Exception e) {
      LOG.debug("Slack: closing the SDK client failed", e);
    }
    stopMetrics(config);
  }

  /**
   * Stops the metrics cleaner thread of each of the config's API families (each new
   * {@code SlackConfig} starts them). {@code setStatsEnabled(false)} and {@code SlackConfig.close()}
   * stop three of the four (slack-api-client 1.51 closes the SCIM one twice instead of the SCIM2
   * one), so each datastore is closed here; closing one twice is harmless.
   */
  public static void stopMetrics(SlackConfig config) {
    for (Object store : List.of(config.getMethodsConfig().getMetricsDatastore(),
        config.getAuditConfig().getMetricsDatastore(), config.getSCIMConfig().getMetricsDatastore(),
        config.getSCIM2Config().getMetricsDatastore())) {
      if (store instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          LOG.debug("Slack: stopping an SDK metrics thread failed", e);
        }
      }
    }
  }
}
