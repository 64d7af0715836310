package org.handoffbrief.spi;

import java.util.List;
import java.util.Optional;

/**
 * Makes a connector (and, for a CRM, a deal resolver) from configuration. Providers are found
 * with {@link java.util.ServiceLoader} through {@code META-INF/services/org.handoffbrief.spi.ConnectorProvider},
 * using a class loader the host may choose (integration platforms isolate class loaders).
 */
public interface ConnectorProvider {

  /** The system, lower case; also the prefix of every setting key. */
  String system();

  /** Every setting this connector reads, described as data. */
  List<ConnectorSetting> settings();

  /** A resolver, when this system is a CRM that can resolve deals. */
  default Optional<DealResolver> createResolver(ConnectorConfig config) {
    return Optional.empty();
  }

  /** A source connector, when this system contributes evidence after resolution. */
  default Optional<SourceConnector> createConnector(ConnectorConfig config) {
    return Optional.empty();
  }
}
