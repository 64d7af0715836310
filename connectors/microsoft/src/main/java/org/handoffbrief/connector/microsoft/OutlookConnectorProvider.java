package org.handoffbrief.connector.microsoft;

import static org.handoffbrief.spi.ConnectorSetting.Type.BOOLEAN;
import static org.handoffbrief.spi.ConnectorSetting.Type.DURATION;
import static org.handoffbrief.spi.ConnectorSetting.Type.FILE;
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
 * Makes the {@link OutlookConnector} from {@code outlook.*} settings; found by
 * {@link java.util.ServiceLoader}. The app registration needs the Microsoft Graph application
 * permissions Mail.Read and Calendars.Read (admin consent) and nothing more; restrict it to the
 * deal team's mailboxes with an Exchange Online application access policy.
 */
public final class OutlookConnectorProvider implements ConnectorProvider {

  private static final List<ConnectorSetting> SETTINGS = List.of(
      ConnectorSetting.required("outlook.tenantId", "Tenant id", STRING,
          "The Microsoft Entra directory (tenant) id or a verified domain, e.g. contoso.onmicrosoft.com."),
      ConnectorSetting.required("outlook.clientId", "Client id", STRING,
          "The app registration's application (client) id. It needs the Microsoft Graph application permissions"
              + " Mail.Read and Calendars.Read with admin consent (read-only; least privilege); restrict it to the AEs'"
              + " and SEs' mailboxes with an application access policy."),
      ConnectorSetting.secret("outlook.clientSecret", "Client secret",
          "The app registration's client secret. Set this or outlook.certificateFile with outlook.privateKeyFile."),
      ConnectorSetting.optional("outlook.certificateFile", "Certificate file", FILE, null,
          "PEM X.509 certificate uploaded to the app registration (certificate credential, recommended)."),
      ConnectorSetting.optional("outlook.privateKeyFile", "Private key file", FILE, null,
          "PKCS#8 PEM RSA private key of that certificate."),
      ConnectorSetting.optional("outlook.authorityUrl", "Authority URL", URL, OutlookConfig.DEFAULT_AUTHORITY_URL.toString(),
          "Where the client-credentials token comes from ({authority}/{tenant}/oauth2/v2.0/token); e.g."
              + " https://login.microsoftonline.us for US Government."),
      ConnectorSetting.optional("outlook.graphUrl", "Graph URL", URL, OutlookConfig.DEFAULT_GRAPH_URL.toString(),
          "Microsoft Graph's endpoint without /v1.0; the token scope is {graphUrl}/.default."),
      ConnectorSetting.optional("outlook.mailboxes", "Mailboxes", LIST, null,
          "Mailboxes to read, comma-separated; empty reads the opportunity owner's and the deal team's."),
      ConnectorSetting.optional("outlook.mail", "Read mail", BOOLEAN, "true",
          "Read mail (needs Mail.Read)."),
      ConnectorSetting.optional("outlook.calendar", "Read calendars", BOOLEAN, "true",
          "Read calendars with calendarView (needs Calendars.Read)."),
      ConnectorSetting.optional("outlook.requestsPerMinute", "Requests per minute", INT,
          String.valueOf(OutlookConfig.DEFAULT_REQUESTS_PER_MINUTE),
          "Client-side pacing of Graph calls, shared by every brief: Graph allows 10,000 requests per 10 minutes"
              + " per app and mailbox."),
      ConnectorSetting.optional("outlook.pageSize", "Page size", INT, String.valueOf(OutlookConfig.DEFAULT_PAGE_SIZE),
          "Items per page ($top), 1 to 1000."),
      ConnectorSetting.optional("outlook.lookback", "Look-back", DURATION, "P30D",
          "How far before the opportunity was created mail and meetings are read, 0 to 366 days (e.g. P30D or"
              + " 720h): the first inbound emails, where the customer says why they are buying, often predate the"
              + " opportunity."),
      ConnectorSetting.optional("outlook.timeout", "Call timeout", DURATION, "30s",
          "Connect, read and call timeout of each request, e.g. 30s or PT30S."));

  @Override
  public String system() {
    return OutlookConnector.SYSTEM;
  }

  @Override
  public List<ConnectorSetting> settings() {
    return SETTINGS;
  }

  /** The Outlook connector. */
  @Override
  public Optional<SourceConnector> createConnector(ConnectorConfig config) {
    return Optional.of(OutlookConnector.create(OutlookConfig.fromSettings(config)));
  }
}
