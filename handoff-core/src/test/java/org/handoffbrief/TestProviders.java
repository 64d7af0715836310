package org.handoffbrief;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.ConnectorSetting;
import org.handoffbrief.spi.ConnectorSetting.Type;
import org.handoffbrief.spi.DealResolver;
import org.handoffbrief.spi.SourceConnector;

/**
 * Connector providers found by {@link java.util.ServiceLoader}: {@link Crm} and {@link Source} are
 * registered in this module's test {@code META-INF/services}; {@link Isolated} is registered only
 * in a class loader a test builds, as an integration platform would.
 */
public final class TestProviders {
  private TestProviders() {}

  /** A CRM that resolves deals. */
  public static final class Crm implements ConnectorProvider {
    @Override
    public String system() {
      return Fakes.CRM;
    }

    @Override
    public List<ConnectorSetting> settings() {
      return List.of(ConnectorSetting.required("testcrm.instanceUrl", "Instance URL", Type.URL,
          "Base URL of the CRM instance."));
    }

    @Override
    public Optional<DealResolver> createResolver(ConnectorConfig config) {
      return Optional.of(Fakes.resolver());
    }
  }

  /** A source that contributes evidence, with one setting of every kind the tests need. */
  public static final class Source implements ConnectorProvider {
    /** The config the last connector was made with. */
    public static final AtomicReference<ConnectorConfig> LAST_CONFIG = new AtomicReference<>();

    @Override
    public String system() {
      return "testsource";
    }

    @Override
    public List<ConnectorSetting> settings() {
      return List.of(
          ConnectorSetting.required("testsource.baseUrl", "Base URL", Type.URL, "Where the source's API lives."),
          ConnectorSetting.secret("testsource.token", "API token", "Token the source's API accepts."),
          ConnectorSetting.optional("testsource.pageSize", "Page size", Type.INT, "50", "Items per page."),
          ConnectorSetting.optional("testsource.timeout", "Call timeout", Type.DURATION, "10s", "Per call."));
    }

    @Override
    public Optional<SourceConnector> createConnector(ConnectorConfig config) {
      LAST_CONFIG.set(config);
      SourceConnector answering = Fakes.answering(system(), "Kickoff moved to April 14.");
      return Optional.of(new SourceConnector() {
        @Override
        public String system() {
          return answering.system();
        }

        @Override
        public org.handoffbrief.spi.SourceResult fetch(org.handoffbrief.model.DealContext deal,
            org.handoffbrief.spi.SourceContext context) {
          return answering.fetch(deal, context);
        }

        @Override
        public void close() {
          closed.add(system());
        }
      });
    }
  }

  /** Systems whose connectors made by {@link Source} were closed, in order; a test resets it. */
  public static volatile List<String> closed = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A source visible only through a caller-supplied class loader. */
  public static final class Isolated implements ConnectorProvider {
    @Override
    public String system() {
      return "isolated";
    }

    @Override
    public List<ConnectorSetting> settings() {
      return List.of(ConnectorSetting.required("isolated.channel", "Channel", Type.STRING, "Channel to read."));
    }

    @Override
    public Optional<SourceConnector> createConnector(ConnectorConfig config) {
      return Optional.of(Fakes.answering(system(), "Read from " + config.require("isolated.channel") + "."));
    }
  }
}
