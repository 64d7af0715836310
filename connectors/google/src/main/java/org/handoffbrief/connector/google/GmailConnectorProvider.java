package org.handoffbrief.connector.google;

import java.util.List;
import java.util.Optional;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.ConnectorSetting;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.kit.Setting;

/**
 * Makes the {@link GmailConnector} from {@code gmail.*} settings; found by
 * {@link java.util.ServiceLoader}. Scope: {@value GoogleConfig#GMAIL_SCOPE} only.
 */
public final class GmailConnectorProvider implements ConnectorProvider {
  @Override
  public String system() {
    return GoogleConfig.GMAIL;
  }

  @Override
  public List<ConnectorSetting> settings() {
    return Setting.describe(GoogleConfig.GMAIL_SETTINGS.all);
  }

  @Override
  public Optional<SourceConnector> createConnector(ConnectorConfig config) {
    return Optional.of(GmailConnector.create(GoogleConfig.fromSettings(config)));
  }
}
