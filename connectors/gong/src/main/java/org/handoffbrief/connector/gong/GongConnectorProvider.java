package org.handoffbrief.connector.gong;

import java.util.List;
import java.util.Optional;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.ConnectorSetting;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.kit.Setting;

/**
 * Makes the {@link GongConnector} from {@code gong.*} settings; found by {@link java.util.ServiceLoader}.
 * The key needs the scopes {@code api:calls:read:extensive} and {@code api:calls:read:transcript}
 * (the second only while {@code gong.transcripts} is on), nothing more.
 */
public final class GongConnectorProvider implements ConnectorProvider {

  @Override
  public String system() {
    return GongConnector.SYSTEM;
  }

  @Override
  public List<ConnectorSetting> settings() {
    return Setting.describe(GongConfig.SETTINGS);
  }

  /** The Gong connector, configured from {@code gong.*}. */
  @Override
  public Optional<SourceConnector> createConnector(ConnectorConfig config) {
    return Optional.of(GongConnector.create(GongConfig.fromSettings(config)));
  }
}
