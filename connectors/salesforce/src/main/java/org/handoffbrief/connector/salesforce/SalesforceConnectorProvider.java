package org.handoffbrief.connector.salesforce;

import static org.handoffbrief.spi.ConnectorSetting.Type.DURATION;
import static org.handoffbrief.spi.ConnectorSetting.Type.FILE;
import static org.handoffbrief.spi.ConnectorSetting.Type.INT;
import static org.handoffbrief.spi.ConnectorSetting.Type.LIST;
import static org.handoffbrief.spi.ConnectorSetting.Type.STRING;
import static org.handoffbrief.spi.ConnectorSetting.Type.URL;

import java.util.List;
import java.util.Optional;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.ConnectorSetting;
import org.handoffbrief.spi.DealResolver;

/**
 * Makes the {@link SalesforceConnector} from {@code salesforce.*} settings; found by
 * {@link java.util.ServiceLoader}. Salesforce is the CRM, so this provider makes a resolver.
 */
public final class SalesforceConnectorProvider implements ConnectorProvider {

  private static final List<ConnectorSetting> SETTINGS = List.of(
      ConnectorSetting.optional("salesforce.loginUrl", "Login URL", URL, SalesforceConfig.DEFAULT_LOGIN_URL.toString(),
          "Where to sign in: https://login.salesforce.com, https://test.salesforce.com for a sandbox, or the org's"
              + " My Domain URL. Also the JWT audience."),
      ConnectorSetting.optional("salesforce.apiVersion", "API version", STRING, SalesforceConfig.DEFAULT_API_VERSION,
          "Partner API version in every endpoint."),
      ConnectorSetting.required("salesforce.auth", "Sign-in method", STRING,
          "One of jwt (OAuth 2.0 JWT bearer, recommended), refresh_token, password (SOAP login) or session."),
      ConnectorSetting.optional("salesforce.clientId", "Client id", STRING, null,
          "The connected app's consumer key (jwt, refresh_token)."),
      ConnectorSetting.optional("salesforce.username", "Username", STRING, null,
          "The integration user's username (jwt, password)."),
      ConnectorSetting.optional("salesforce.privateKeyFile", "Private key file", FILE, null,
          "PKCS#8 PEM file with the RSA key whose certificate the connected app holds (jwt)."),
      ConnectorSetting.secret("salesforce.clientSecret", "Client secret",
          "The connected app's consumer secret (refresh_token)."),
      ConnectorSetting.secret("salesforce.refreshToken", "Refresh token", "An OAuth refresh token (refresh_token)."),
      ConnectorSetting.secret("salesforce.password", "Password", "The integration user's password (password)."),
      ConnectorSetting.secret("salesforce.securityToken", "Security token",
          "The integration user's security token, appended to the password (password); empty for trusted IPs."),
      ConnectorSetting.secret("salesforce.sessionId", "Session id", "A ready session id or access token (session)."),
      ConnectorSetting.optional("salesforce.instanceUrl", "Instance URL", URL, null,
          "The org's instance URL, e.g. https://acme.my.salesforce.com (session)."),
      ConnectorSetting.optional("salesforce.vendorDomains", "Vendor email domains", LIST, null,
          "Your own company's email domains, comma-separated; they tell internal people from customers."
              + " The opportunity owner's domain is always added."),
      ConnectorSetting.optional("salesforce.opportunityFields", "Opportunity handoff fields", LIST, null,
          "Handoff and qualification fields on the opportunity as Label=Field__c, comma-separated,"
              + " e.g. Go-live target=Go_Live_Date__c, Champion=Champion__c."),
      ConnectorSetting.optional("salesforce.accountFields", "Account handoff fields", LIST, null,
          "Handoff fields on the account as Label=Field__c, comma-separated, e.g. Tier=Customer_Tier__c."),
      ConnectorSetting.optional("salesforce.batchSize", "Query batch size", INT,
          String.valueOf(SalesforceConfig.DEFAULT_BATCH_SIZE), "Records per query batch, 200 to 2000."),
      ConnectorSetting.optional("salesforce.timeout", "Call timeout", DURATION, "30s",
          "Connect and read timeout of each call, e.g. 30s or PT30S."),
      ConnectorSetting.optional("salesforce.timeZone", "Org time zone", STRING, null,
          "The org's time zone as in Setup > Company Information, e.g. America/Chicago. Close dates are days in"
              + " this zone, so the sales cycle ends at midnight there. By default it is read from the org"
              + " (Organization.TimeZoneSidKey); set it only when the integration user may not read Organization."),
      ConnectorSetting.optional("salesforce.writebackKeyField", "Write-back key field on Task", STRING, null,
          "For an org the handoff write-back writes to: its Task key field (writeback.taskKeyField, e.g."
              + " Handoff_Key__c). Tasks with it set are the write-back's own and are not read back into a brief."));

  @Override
  public String system() {
    return CrmEvidence.SYSTEM;
  }

  @Override
  public List<ConnectorSetting> settings() {
    return SETTINGS;
  }

  /** The Salesforce connector as the deal resolver. */
  @Override
  public Optional<DealResolver> createResolver(ConnectorConfig config) {
    return Optional.of(SalesforceConnector.create(SalesforceConfig.fromSettings(config)));
  }
}
