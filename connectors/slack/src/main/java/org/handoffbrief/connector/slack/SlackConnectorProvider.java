package org.handoffbrief.connector.slack;

import java.util.List;
import java.util.Optional;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.ConnectorSetting;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.kit.Setting;

/**
 * Makes the {@link SlackConnector} from {@code slack.*} settings; found by
 * {@link java.util.ServiceLoader}.
 */
public final class SlackConnectorProvider implements ConnectorProvider {

  @Override
  public String system() {
    return SlackConnector.SYSTEM;
  }

  @Override
  public List<ConnectorSetting> settings() {
    return Setting.describe(SlackConfig.SETTINGS);
  }

  /** The Slack connector. */
  @Override
  public Optional<SourceConnector> createConnector(ConnectorConfig config) {
    return Optional.of(SlackConnector.create(SlackConfig.fromSettings(config)));
  }
}
