package org.handoffbrief.connector.slack;

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
 * Makes the {@link SlackConnector} from {@code slack.*} settings; found by
 * {@link java.util.ServiceLoader}.
 */
public final class SlackConnectorProvider implements ConnectorProvider {

  private static final List<ConnectorSetting> SETTINGS = List.of(
      new ConnectorSetting("slack.botToken", "Bot token", STRING, null, true, true,
          "The Slack app's Bot User OAuth Token (xoxb-...). Read-only scopes: channels:read, channels:history,"
              + " users:read, users:read.email; add groups:read and groups:history to read private deal channels"
              + " the bot was invited to. Invite the bot to every channel it should read."),
      ConnectorSetting.optional("slack.baseUrl", "Web API URL", URL, SlackConfig.DEFAULT_BASE_URL.toString(),
          "Where the Web API answers; calls go to {baseUrl}/api/<method>."),
      ConnectorSetting.optional("slack.workspaceUrl", "Workspace URL", URL, null,
          "The workspace's address for permalinks, e.g. https://acme.slack.com; read from auth.test when unset."),
      ConnectorSetting.optional("slack.channelPattern", "Deal channel patterns", LIST,
          SlackConfig.DEFAULT_CHANNEL_PATTERN,
          "Names of the deal channel, comma-separated, e.g. deal-{account},{account}-deal,ext-{account}-*. {account}"
              + " is tried as the whole account name, without its legal form (Inc, Corp, LLC, Ltd, GmbH, S.A., plc,"
              + " AG, BV, Pty...), its first two words and its first word, most specific first (Acme Corporation,"
              + " Inc. -> acme-corporation-inc, then acme); * matches any run of characters. The channel list is"
              + " read once; a note names every name tried when none matched."),
      ConnectorSetting.optional("slack.channelField", "Deal channel CRM field", STRING,
          SlackConfig.DEFAULT_CHANNEL_FIELD,
          "Label of the CRM handoff field (salesforce.opportunityFields or accountFields, e.g. Slack channel="
              + "Slack_Channel__c) holding the deal channel's id (C0123ABCD), name (#deal-acme) or link; that channel"
              + " is read as a deal channel too."),
      ConnectorSetting.optional("slack.extraChannels", "Extra channels", LIST, null,
          "Further channels to read, comma-separated (e.g. cs-handoffs, deal-desk); only threads about the deal are"
              + " kept: one that names the account (any of the names above), a customer email domain or a customer"
              + " contact's full name, has a customer writing or mentioned, or has two of the deal team in it."),
      ConnectorSetting.optional("slack.internalOnlyChannels", "Internal-only channels", LIST,
          String.join(",", SlackConfig.DEFAULT_INTERNAL_ONLY),
          "Channel names containing any of these are internal-only: their messages are read but never cited."),
      ConnectorSetting.optional("slack.threadLookback", "Thread look-back", DURATION, "P30D",
          "How long before the sales cycle thread parents are still read, so replies posted in the cycle to"
              + " older threads are found, e.g. P30D; 0s to turn off."),
      ConnectorSetting.optional("slack.requestsPerMinute", "Requests per minute", INT,
          String.valueOf(SlackConfig.DEFAULT_REQUESTS_PER_MINUTE),
          "Client-side pacing, shared by every brief, of each Tier 3 method (conversations.history,"
              + " conversations.replies: Slack allows 50+ a minute per method and workspace). Each method is paced on"
              + " its own, as Slack counts: conversations.list (Tier 2) at two fifths of this, users.info and auth.test"
              + " (Tier 4) at twice this."),
      ConnectorSetting.optional("slack.channelCacheTtl", "Channel list reuse", DURATION, "5m",
          "How long the workspace's channel list (conversations.list) is reused by later briefs, e.g. 5m; 0s reads"
              + " it for every brief. Only a complete list is reused, never a failure."),
      ConnectorSetting.optional("slack.userCacheTtl", "Profile reuse", DURATION, "1h",
          "How long a person's name, email and time zone (users.info) are reused by later briefs, e.g. 1h; 0s"
              + " looks them up for every brief. At most 10,000 people are kept; a failed lookup is never kept."),
      ConnectorSetting.optional("slack.pageSize", "Page size", INT, String.valueOf(SlackConfig.DEFAULT_PAGE_SIZE),
          "Messages or channels per page, 1 to 999; Slack recommends at most 200."),
      ConnectorSetting.optional("slack.timeout", "Call timeout", DURATION, "30s",
          "Timeout of each call, e.g. 30s or PT30S."),
      ConnectorSetting.optional("slack.maxAttempts", "Attempts per call", INT, "3",
          "Attempts per call, the first included; rate limits (Retry-After) and 5xx answers are retried."));

  @Override
  public String system() {
    return SlackConnector.SYSTEM;
  }

  @Override
  public List<ConnectorSetting> settings() {
    return SETTINGS;
  }

  /** The Slack connector. */
  @Override
  public Optional<SourceConnector> createConnector(ConnectorConfig config) {
    return Optional.of(SlackConnector.create(SlackConfig.fromSettings(config)));
  }
}
