package org.handoffbrief.connector.microsoft;

import java.util.List;
import java.util.Optional;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.ConnectorSetting;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.kit.Setting;

/**
 * Makes the {@link OutlookConnector} from {@code outlook.*} settings; found by
 * {@link java.util.ServiceLoader}. The app registration needs the Microsoft Graph application
 * permissions Mail.Read and Calendars.Read (admin consent) and nothing more; restrict it to the
 * deal team's mailboxes with an Exchange Online application access policy.
 */
public final class OutlookConnectorProvider implements ConnectorProvider {

  @Override
  public String system() {
    return OutlookConnector.SYSTEM;
  }

  @Override
  public List<ConnectorSetting> settings() {
    return Setting.describe(OutlookConfig.SETTINGS);
  }

  /** The Outlook connector. */
  @Override
  public Optional<SourceConnector> createConnector(ConnectorConfig config) {
    return Optional.of(OutlookConnector.create(OutlookConfig.fromSettings(config)));
  }
}
