package org.handoffbrief.connector.zendesk;

import static org.handoffbrief.spi.ConnectorSetting.Type.DURATION;
import static org.handoffbrief.spi.ConnectorSetting.Type.INT;
import static org.handoffbrief.spi.ConnectorSetting.Type.STRING;
import static org.handoffbrief.spi.ConnectorSetting.Type.URL;

import java.util.List;
import java.util.Optional;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.ConnectorSetting;
import org.handoffbrief.spi.SourceConnector;

/**
 * Makes the {@link ZendeskConnector} from {@code zendesk.*} settings; found by
 * {@link java.util.ServiceLoader}.
 */
public final class ZendeskConnectorProvider implements ConnectorProvider {

  private static final List<ConnectorSetting> SETTINGS = List.of(
      ConnectorSetting.optional("zendesk.subdomain", "Subdomain", STRING, null,
          "The account's subdomain: northwind for https://northwind.zendesk.com. Sets the API base URL and the"
              + " ticket permalinks. This or zendesk.baseUrl is required."),
      ConnectorSetting.optional("zendesk.baseUrl", "Base URL", URL, null,
          "Where API calls go when not https://{subdomain}.zendesk.com (a proxy or a test server)."),
      ConnectorSetting.optional("zendesk.auth", "Sign-in method", STRING, "api_token",
          "api_token (basic auth as {email}/token:{api_token}) or oauth (bearer access token). Read-only is"
              + " enough: an agent who can see the customers' tickets, or an OAuth token with the read scope"
              + " (or tickets:read users:read organizations:read)."),
      ConnectorSetting.optional("zendesk.email", "Agent email", STRING, null,
          "The agent whose API token is used (api_token)."),
      ConnectorSetting.secret("zendesk.apiToken", "API token",
          "An API token from Admin Center > Apps and integrations > Zendesk API (api_token)."),
      ConnectorSetting.secret("zendesk.accessToken", "OAuth access token",
          "An OAuth access token with the read scope (oauth)."),
      ConnectorSetting.optional("zendesk.requestsPerMinute", "Requests per minute", INT,
          String.valueOf(ZendeskConfig.DEFAULT_REQUESTS_PER_MINUTE),
          "Client-side pacing, shared by every brief: your plan's API limit (Team 200, Growth and Professional"
              + " 400, Enterprise 700, High Volume add-on 2,500 a minute)."),
      ConnectorSetting.optional("zendesk.pageSize", "Page size", INT, String.valueOf(ZendeskConfig.DEFAULT_PAGE_SIZE),
          "Items per page, 1 to 100."),
      ConnectorSetting.optional("zendesk.maxPages", "Pages per list", INT, String.valueOf(ZendeskConfig.DEFAULT_MAX_PAGES),
          "Pages read per search or per ticket's comments at most; a cut is reported in the brief."),
      ConnectorSetting.optional("zendesk.timeout", "Call timeout", DURATION, "30s",
          "Connect and read timeout of each call, e.g. 30s or PT30S."));

  @Override
  public String system() {
    return ZendeskConnector.SYSTEM;
  }

  @Override
  public List<ConnectorSetting> settings() {
    return SETTINGS;
  }

  @Override
  public Optional<SourceConnector> createConnector(ConnectorConfig config) {
    return Optional.of(ZendeskConnector.create(ZendeskConfig.fromSettings(config)));
  }
}
