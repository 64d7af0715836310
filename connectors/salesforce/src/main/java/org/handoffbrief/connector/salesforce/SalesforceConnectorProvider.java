package org.handoffbrief.connector.salesforce;

import java.util.List;
import java.util.Optional;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.ConnectorSetting;
import org.handoffbrief.spi.DealResolver;
import org.handoffbrief.spi.kit.Setting;

/**
 * Makes the {@link SalesforceConnector} from {@code salesforce.*} settings; found by
 * {@link java.util.ServiceLoader}. Salesforce is the CRM, so this provider makes a resolver.
 */
public final class SalesforceConnectorProvider implements ConnectorProvider {

  @Override
  public String system() {
    return CrmEvidence.SYSTEM;
  }

  @Override
  public List<ConnectorSetting> settings() {
    return Setting.describe(SalesforceConfig.SETTINGS);
  }

  /** The Salesforce connector as the deal resolver. */
  @Override
  public Optional<DealResolver> createResolver(ConnectorConfig config) {
    return Optional.of(SalesforceConnector.create(SalesforceConfig.fromSettings(config)));
  }
}
