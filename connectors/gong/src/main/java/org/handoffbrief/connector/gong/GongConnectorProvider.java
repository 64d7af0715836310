package org.handoffbrief.connector.gong;

import static org.handoffbrief.spi.ConnectorSetting.Type.BOOLEAN;
import static org.handoffbrief.spi.ConnectorSetting.Type.DURATION;
import static org.handoffbrief.spi.ConnectorSetting.Type.INT;
import static org.handoffbrief.spi.ConnectorSetting.Type.LIST;
import static org.handoffbrief.spi.ConnectorSetting.Type.STRING;
import static org.handoffbrief.spi.ConnectorSetting.Type.URL;

import java.util.List;
import java.util.Optional;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.ConnectorSetting;
import org.handoffbrief.spi.SourceConnector;

/**
 * Makes the {@link GongConnector} from {@code gong.*} settings; found by {@link java.util.ServiceLoader}.
 * The key needs the scopes {@code api:calls:read:extensive} and {@code api:calls:read:transcript}
 * (the second only while {@code gong.transcripts} is on), nothing more.
 */
public final class GongConnectorProvider implements ConnectorProvider {

  private static final List<ConnectorSetting> SETTINGS = List.of(
      ConnectorSetting.optional("gong.baseUrl", "API base URL", URL, GongConfig.DEFAULT_BASE_URL.toString(),
          "Gong's API host: https://api.gong.io, or your company's own host such as https://us-14321.api.gong.io"
              + " (shown on Gong's API settings page)."),
      ConnectorSetting.optional("gong.accessKey", "Access key", STRING, null,
          "The API access key a Gong technical administrator made (Company settings, API). Its scopes must"
              + " include api:calls:read:extensive and api:calls:read:transcript."),
      ConnectorSetting.secret("gong.accessKeySecret", "Access key secret", "The access key's secret."),
      ConnectorSetting.secret("gong.bearerToken", "OAuth access token",
          "Instead of an access key: an OAuth app's access token with the scopes api:calls:read:extensive and"
              + " api:calls:read:transcript."),
      ConnectorSetting.optional("gong.leadTime", "Lead time", DURATION, "48h",
          "Calls are read from this long before the sales cycle's start, e.g. 48h or P2D."),
      ConnectorSetting.optional("gong.processingLag", "Processing lag", DURATION, "24h",
          "Calls are read until this long after the close: Gong finishes processing a call some time after it"
              + " ends."),
      ConnectorSetting.optional("gong.maxRequestsPerSecond", "Requests per second", INT,
          String.valueOf(GongConfig.DEFAULT_MAX_REQUESTS_PER_SECOND),
          "Client-side pacing, 1 to 100; Gong's default company limit is 3 calls a second and 10,000 a day."),
      ConnectorSetting.optional("gong.transcripts", "Read transcripts", BOOLEAN, "true",
          "Read transcript excerpts (scope api:calls:read:transcript); false reads the calls only."),
      ConnectorSetting.optional("gong.briefs", "Read call briefs", BOOLEAN, "true",
          "Ask for Gong's short call brief and put it under the call's header."),
      ConnectorSetting.optional("gong.maxCalls", "Most calls per deal", INT,
          String.valueOf(GongConfig.DEFAULT_MAX_CALLS), "The most of the deal's calls read in the first round, 1 to 1000."),
      ConnectorSetting.optional("gong.followUpMaxCalls", "Most follow-up calls", INT,
          String.valueOf(GongConfig.DEFAULT_FOLLOW_UP_MAX_CALLS),
          "The most calls read in the second round (new customer-side people), 0 to 100; 0 turns the round off."),
      ConnectorSetting.optional("gong.workspaceId", "Workspace id", STRING, null,
          "Read only this Gong workspace (its numeric id); empty reads every workspace the key sees."),
      ConnectorSetting.optional("gong.primaryUserIds", "Hosts", LIST, null,
          "List only calls hosted by these Gong user ids, comma-separated (e.g. the sales team's); empty lists"
              + " every host's calls."),
      ConnectorSetting.optional("gong.timeout", "Request timeout", DURATION, "30s",
          "Connect and read timeout of each request, e.g. 30s or PT30S."));

  @Override
  public String system() {
    return GongConnector.SYSTEM;
  }

  @Override
  public List<ConnectorSetting> settings() {
    return SETTINGS;
  }

  /** The Gong connector, configured from {@code gong.*}. */
  @Override
  public Optional<SourceConnector> createConnector(ConnectorConfig config) {
    return Optional.of(GongConnector.create(GongConfig.from(config)));
  }
}
