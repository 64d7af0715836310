package org.handoffbrief.connector.google;

import java.util.List;
import java.util.Optional;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.ConnectorSetting;
import org.handoffbrief.spi.SourceConnector;

/**
 * Makes the {@link GmailConnector} from {@code gmail.*} settings; found by
 * {@link java.util.ServiceLoader}. Scope: {@value GoogleConfig#GMAIL_SCOPE} only.
 */
public final class GmailConnectorProvider implements ConnectorProvider {
  private static final List<ConnectorSetting> SETTINGS = GoogleConfig.settings(GoogleConfig.GMAIL);

  @Override
  public String system() {
    return GoogleConfig.GMAIL;
  }

  @Override
  public List<ConnectorSetting> settings() {
    return SETTINGS;
  }

  @Override
  public Optional<SourceConnector> createConnector(ConnectorConfig config) {
    return Optional.of(GmailConnector.create(GoogleConfig.fromSettings(config)));
  }
}
