package org.handoffbrief.connector.google;

import java.util.List;
import java.util.Optional;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.ConnectorSetting;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.kit.Setting;

/**
 * Makes the {@link GoogleCalendarConnector} from {@code google-calendar.*} settings; found by
 * {@link java.util.ServiceLoader}. Scope: {@value GoogleConfig#CALENDAR_SCOPE} only.
 */
public final class GoogleCalendarConnectorProvider implements ConnectorProvider {
  @Override
  public String system() {
    return GoogleConfig.CALENDAR;
  }

  @Override
  public List<ConnectorSetting> settings() {
    return Setting.describe(GoogleConfig.CALENDAR_SETTINGS.all);
  }

  @Override
  public Optional<SourceConnector> createConnector(ConnectorConfig config) {
    return Optional.of(GoogleCalendarConnector.create(GoogleConfig.fromSettings(config)));
  }
}
