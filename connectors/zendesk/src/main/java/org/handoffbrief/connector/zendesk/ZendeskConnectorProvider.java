package org.handoffbrief.connector.zendesk;

import java.util.List;
import java.util.Optional;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.ConnectorSetting;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.kit.Setting;

/**
 * Makes the {@link ZendeskConnector} from {@code zendesk.*} settings; found by
 * {@link java.util.ServiceLoader}.
 */
public final class ZendeskConnectorProvider implements ConnectorProvider {

  @Override
  public String system() {
    return ZendeskConnector.SYSTEM;
  }

  @Override
  public List<ConnectorSetting> settings() {
    return Setting.describe(ZendeskConfig.SETTINGS);
  }

  @Override
  public Optional<SourceConnector> createConnector(ConnectorConfig config) {
    return Optional.of(ZendeskConnector.create(ZendeskConfig.fromSettings(config)));
  }
}
