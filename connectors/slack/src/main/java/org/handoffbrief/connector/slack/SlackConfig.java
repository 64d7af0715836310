package org.handoffbrief.connector.slack;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.SettingChecks;
import org.handoffbrief.spi.RetryPolicy;
import org.handoffbrief.spi.kit.CallSettingsBuilder;
import org.handoffbrief.spi.kit.Setting;

/**
 * How the Slack connector reaches the workspace and which channels it reads. Immutable; made with
 * {@link #builder()}, whose setters check each value at once and name the bad one, or from the
 * {@code slack.*} settings with {@link #fromSettings(ConnectorConfig)}. {@link #toString()} never shows the
 * token.
 *
 * <pre>{@code
 * SlackConfig config = SlackConfig.builder()
 *     .botToken(System.getenv("SLACK_BOT_TOKEN"))
 *     .channelPattern("deal-{account},{account}-deal,ext-{account}-*")
 *     .channelField("Slack channel")
 *     .extraChannels(List.of("cs-handoffs"))
 *     .build();
 * }</pre>
 */
public final class SlackConfig {

  static final Setting<String> BOT_TOKEN = Setting.requiredSecret("slack.botToken", "Bot token",
      "The Slack app's Bot User OAuth Token (xoxb-...). Read-only scopes: channels:read, channels:history,"
          + " users:read, users:read.email; add groups:read and groups:history to read private deal channels"
          + " the bot was invited to. Invite the bot to every channel it should read.");
  static final Setting<URI> BASE_URL = Setting.url("slack.baseUrl", "Web API URL", "https://slack.com",
      "Where the Web API answers; calls go to {baseUrl}/api/<method>.");
  static final Setting<URI> WORKSPACE_URL = Setting.url("slack.workspaceUrl", "Workspace URL", null,
      "The workspace's address for permalinks, e.g. https://acme.slack.com; read from auth.test when unset.");
  static final Setting<List<String>> CHANNEL_PATTERN = Setting.list("slack.channelPattern", "Deal channel patterns",
      "deal-{account}",
      "Names of the deal channel, comma-separated, e.g. deal-{account},{account}-deal,ext-{account}-*. {account}"
          + " is tried as the whole account name, without its legal form (Inc, Corp, LLC, Ltd, GmbH, S.A., plc,"
          + " AG, BV, Pty...), its first two words and its first word, most specific first (Acme Corporation,"
          + " Inc. -> acme-corporation-inc, then acme); * matches any run of characters. The channel list is"
          + " read once; a note names every name tried when none matched.");
  static final Setting<String> CHANNEL_FIELD = Setting.string("slack.channelField", "Deal channel CRM field",
      "Slack channel",
      "Label of the CRM handoff field (salesforce.opportunityFields or accountFields, e.g. Slack channel="
          + "Slack_Channel__c) holding the deal channel's id (C0123ABCD), name (#deal-acme) or link; that channel"
          + " is read as a deal channel too.");
  static final Setting<List<String>> EXTRA_CHANNELS = Setting.list("slack.extraChannels", "Extra channels",
      "Further channels to read, comma-separated (e.g. cs-handoffs, deal-desk); only threads about the deal are"
          + " kept: one that names the account (any of the names above), a customer email domain or a customer"
          + " contact's full name, has a customer writing or mentioned, or has two of the deal team in it.");
  static final Setting<List<String>> INTERNAL_ONLY_CHANNELS = Setting.list("slack.internalOnlyChannels",
      "Internal-only channels", "deal-desk,pricing,discount",
      "Channel names containing any of these are internal-only: their messages are read but never cited.");
  static final Setting<Duration> THREAD_LOOKBACK = Setting.duration("slack.threadLookback", "Thread look-back",
      "P30D",
      "How long before the sales cycle thread parents are still read, so replies posted in the cycle to"
          + " older threads are found, e.g. P30D; 0s to turn off.");
  static final Setting<Integer> REQUESTS_PER_MINUTE = Setting.integer("slack.requestsPerMinute",
      "Requests per minute", 50,
      "Client-side pacing, shared by every brief, of each Tier 3 method (conversations.history,"
          + " conversations.replies: Slack allows 50+ a minute per method and workspace). Each method is paced on"
          + " its own, as Slack counts: conversations.list (Tier 2) at two fifths of this, users.info and auth.test"
          + " (Tier 4) at twice this.");
  static final Setting<Duration> CHANNEL_CACHE_TTL = Setting.duration("slack.channelCacheTtl", "Channel list reuse",
      "5m",
      "How long the workspace's channel list (conversations.list) is reused by later briefs, e.g. 5m; 0s reads"
          + " it for every brief. Only a complete list is reused, never a failure.");
  static final Setting<Duration> USER_CACHE_TTL = Setting.duration("slack.userCacheTtl", "Profile reuse", "1h",
      "How long a person's name, email and time zone (users.info) are reused by later briefs, e.g. 1h; 0s"
          + " looks them up for every brief. At most 10,000 people are kept; a failed lookup is never kept.");
  static final Setting<Integer> PAGE_SIZE = Setting.integer("slack.pageSize", "Page size", 200,
      "Messages or channels per page, 1 to 999; Slack recommends at most 200.");
  static final Setting<Duration> TIMEOUT = Setting.duration("slack.timeout", "Call timeout", "30s",
      "Timeout of each call, e.g. 30s or PT30S.");
  static final Setting<Integer> MAX_ATTEMPTS = Setting.integer("slack.maxAttempts", "Attempts per call", 3,
      "Attempts per call, the first included; rate limits (Retry-After) and 5xx answers are retried.");
  /** Every {@code slack.*} setting, declared once: the provider lists these and {@link #fromSettings} reads them. */
  static final List<Setting<?>> SETTINGS = List.of(BOT_TOKEN, BASE_URL, WORKSPACE_URL, CHANNEL_PATTERN,
      CHANNEL_FIELD, EXTRA_CHANNELS, INTERNAL_ONLY_CHANNELS, THREAD_LOOKBACK, REQUESTS_PER_MINUTE, CHANNEL_CACHE_TTL,
      USER_CACHE_TTL, PAGE_SIZE, TIMEOUT, MAX_ATTEMPTS);

  /** Slack's Web API host; the connector calls {@code {baseUrl}/api/<method>}. */
  public static final URI DEFAULT_BASE_URL = BASE_URL.defaultValue();
  /** The deal channel's name: {@code {account}} is one of the account's names, slugified. */
  public static final String DEFAULT_CHANNEL_PATTERN = CHANNEL_PATTERN.describe().defaultValue();
  /** The label of the CRM handoff field that may hold the deal channel's id or name. */
  public static final String DEFAULT_CHANNEL_FIELD = CHANNEL_FIELD.defaultValue();
  /** Channel names containing any of these are internal-only: never cited in a brief. */
  public static final List<String> DEFAULT_INTERNAL_ONLY = INTERNAL_ONLY_CHANNELS.defaultValue();
  /** How far before the window thread parents are read, for replies posted inside the window. */
  public static final Duration DEFAULT_THREAD_LOOKBACK = THREAD_LOOKBACK.defaultValue();
  /** Messages or channels per page ({@code limit}); Slack recommends no more than 200. */
  public static final int DEFAULT_PAGE_SIZE = PAGE_SIZE.defaultValue();
  /**
   * Calls a minute per Tier 3 method: Slack's Tier 3 ({@code conversations.history},
   * {@code conversations.replies}) allows 50+ a minute per method, app and workspace.
   */
  public static final int DEFAULT_REQUESTS_PER_MINUTE = REQUESTS_PER_MINUTE.defaultValue();
  /** How long the workspace's channel directory ({@code conversations.list}) is reused across briefs. */
  public static final Duration DEFAULT_CHANNEL_CACHE_TTL = CHANNEL_CACHE_TTL.defaultValue();
  /** How long a person's profile ({@code users.info}) is reused across briefs. */
  public static final Duration DEFAULT_USER_CACHE_TTL = USER_CACHE_TTL.defaultValue();
  /** Connect, read and whole-call timeout of one call. */
  public static final Duration DEFAULT_TIMEOUT = TIMEOUT.defaultValue();

  private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z0-9*{}_-][a-z0-9*{}_.-]{0,79}");

  private final URI baseUrl;
  private final String botToken;
  private final URI workspaceUrl;
  private final List<String> channelPatterns;
  private final String channelField;
  private final List<String> extraChannels;
  private final List<String> internalOnlyChannels;
  private final Duration threadLookback;
  private final int pageSize;
  private final int requestsPerMinute;
  private final Duration channelCacheTtl;
  private final Duration userCacheTtl;
  private final Duration timeout;
  private final RetryPolicy retryPolicy;

  private SlackConfig(Builder b) {
    this.baseUrl = b.baseUrl;
    this.botToken = b.botToken;
    this.workspaceUrl = b.workspaceUrl;
    this.channelPatterns = List.copyOf(b.channelPatterns);
    this.channelField = b.channelField;
    this.extraChannels = List.copyOf(b.extraChannels);
    this.internalOnlyChannels = List.copyOf(b.internalOnlyChannels);
    this.threadLookback = b.threadLookback;
    this.pageSize = b.pageSize;
    this.requestsPerMinute = b.requestsPerMinute();
    this.channelCacheTtl = b.channelCacheTtl;
    this.userCacheTtl = b.userCacheTtl;
    this.timeout = b.timeout();
    this.retryPolicy = b.retryPolicy();
  }

  /** A builder with every default set; only {@link Builder#botToken} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the {@code slack.*} settings described by {@link SlackConnectorProvider}.
   *
   * @throws IllegalArgumentException naming the setting that is missing or wrong
   */
  public static SlackConfig fromSettings(ConnectorConfig config) {
    Objects.requireNonNull(config, "config == null");
    Builder b = builder().botToken(config.require(BOT_TOKEN.key()));
    try {
      RetryPolicy d = RetryPolicy.ofDefaults();
      b.baseUrl(BASE_URL.from(config))
          .workspaceUrl(WORKSPACE_URL.from(config))
          .channelPatterns(CHANNEL_PATTERN.from(config))
          .channelField(CHANNEL_FIELD.from(config))
          .extraChannels(EXTRA_CHANNELS.from(config))
          .internalOnlyChannels(INTERNAL_ONLY_CHANNELS.from(config))
          .threadLookback(THREAD_LOOKBACK.from(config))
          .requestsPerMinute(REQUESTS_PER_MINUTE.from(config))
          .channelCacheTtl(CHANNEL_CACHE_TTL.from(config))
          .userCacheTtl(USER_CACHE_TTL.from(config))
          .pageSize(PAGE_SIZE.from(config))
          .timeout(TIMEOUT.from(config))
          .retryPolicy(new RetryPolicy(MAX_ATTEMPTS.from(config), d.initialBackoff(), d.maxBackoff()));
    } catch (IllegalArgumentException e) {
      throw e.getMessage().startsWith("slack.") ? e : new IllegalArgumentException("slack." + e.getMessage(), e);
    }
    return b.build();
  }

  /** The Web API host, e.g. {@code https://slack.com}. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The bot token. Never logged. */
  String botToken() {
    return botToken;
  }

  /** The workspace's web address for permalinks, or null to take it from {@code auth.test}. */
  public URI workspaceUrl() {
    return workspaceUrl;
  }

  /**
   * The deal channel name patterns, tried in order; in each {@code {account}} stands for one of the
   * account's names (the whole name, without its legal form, its first two words, its first word)
   * and {@code *} for any run of characters.
   */
  public List<String> channelPatterns() {
    return channelPatterns;
  }

  /**
   * The label of the CRM handoff field (as configured on the CRM connector, e.g. {@code Slack
   * channel=Slack_Channel__c}) whose value names the deal channel: an id such as {@code C0123ABCD},
   * a name such as {@code #deal-acme}, or a channel link. Null when no field is looked at.
   */
  public String channelField() {
    return channelField;
  }

  /** Further channels read for this deal (e.g. an internal handoff channel), names without {@code #}. */
  public List<String> extraChannels() {
    return extraChannels;
  }

  /** Substrings of channel names whose messages are internal-only. */
  public List<String> internalOnlyChannels() {
    return internalOnlyChannels;
  }

  /** How long before the window thread parents are still read for in-window replies. */
  public Duration threadLookback() {
    return threadLookback;
  }

  /** Items per page. */
  public int pageSize() {
    return pageSize;
  }

  /**
   * Calls a minute at most to each Tier 3 method ({@code conversations.history},
   * {@code conversations.replies}), across every brief this connector makes. Each method is paced
   * on its own, as Slack counts: {@code conversations.list} (Tier 2) at two fifths of this,
   * {@code users.info} and {@code auth.test} (Tier 4) at twice this.
   */
  public int requestsPerMinute() {
    return requestsPerMinute;
  }

  /** How long the channel directory is reused across briefs; zero reads it for every brief. */
  public Duration channelCacheTtl() {
    return channelCacheTtl;
  }

  /** How long a person's profile is reused across briefs; zero reads it for every brief. */
  public Duration userCacheTtl() {
    return userCacheTtl;
  }

  /** Timeout of one call (capped by the source's remaining deadline). */
  public Duration timeout() {
    return timeout;
  }

  /** How failed calls are retried. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** A builder starting from this config. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.baseUrl = baseUrl;
    b.botToken = botToken;
    b.workspaceUrl = workspaceUrl;
    b.channelPatterns.clear();
    b.channelPatterns.addAll(channelPatterns);
    b.channelField = channelField;
    b.extraChannels.addAll(extraChannels);
    b.internalOnlyChannels.clear();
    b.internalOnlyChannels.addAll(internalOnlyChannels);
    b.threadLookback = threadLookback;
    b.pageSize = pageSize;
    b.requestsPerMinute(requestsPerMinute);
    b.channelCacheTtl = channelCacheTtl;
    b.userCacheTtl = userCacheTtl;
    b.timeout(timeout);
    b.retryPolicy(retryPolicy);
    return b;
  }

  @Override
  public String toString() {
    return "SlackConfig{baseUrl=" + baseUrl + ", botToken=****, workspaceUrl=" + workspaceUrl + ", channelPatterns="
        + channelPatterns + ", channelField=" + channelField + ", extraChannels=" + extraChannels + ", internalOnlyChannels=" + internalOnlyChannels
        + ", threadLookback=" + threadLookback + ", pageSize=" + pageSize + ", requestsPerMinute=" + requestsPerMinute
        + ", channelCacheTtl=" + channelCacheTtl + ", userCacheTtl=" + userCacheTtl + ", timeout=" + timeout + ", retryPolicy="
        + retryPolicy + "}";
  }

  /** Builds a {@link SlackConfig}; each setter checks its value at once. */
  public static final class Builder extends CallSettingsBuilder.Paced<Builder> {
    private URI baseUrl = DEFAULT_BASE_URL;
    private String botToken;
    private URI workspaceUrl;
    private final List<String> channelPatterns = new ArrayList<>(List.of(DEFAULT_CHANNEL_PATTERN));
    private String channelField = DEFAULT_CHANNEL_FIELD;
    private final List<String> extraChannels = new ArrayList<>();
    private final List<String> internalOnlyChannels = new ArrayList<>(DEFAULT_INTERNAL_ONLY);
    private Duration threadLookback = DEFAULT_THREAD_LOOKBACK;
    private int pageSize = DEFAULT_PAGE_SIZE;
    private Duration channelCacheTtl = DEFAULT_CHANNEL_CACHE_TTL;
    private Duration userCacheTtl = DEFAULT_USER_CACHE_TTL;

    private Builder() {
      super(DEFAULT_TIMEOUT, DEFAULT_REQUESTS_PER_MINUTE);
    }

    /** The Web API host ({@code https://slack.com}, or a stand-in for tests). */
    public Builder baseUrl(URI baseUrl) {
      this.baseUrl = SettingChecks.httpUrl("baseUrl", baseUrl);
      return this;
    }

    /** The bot token ({@code xoxb-...}). Required. */
    public Builder botToken(String botToken) {
      Objects.requireNonNull(botToken, "botToken == null");
      if (botToken.isBlank() || botToken.strip().contains(" ")) {
        throw new IllegalArgumentException("botToken must be a Slack bot token (xoxb-...), one word");
      }
      this.botToken = botToken.strip();
      return this;
    }

    /** The workspace address for permalinks, e.g. {@code https://acme.slack.com}; default from {@code auth.test}. */
    public Builder workspaceUrl(URI workspaceUrl) {
      this.workspaceUrl = workspaceUrl == null ? null : SettingChecks.httpUrl("workspaceUrl", workspaceUrl);
      return this;
    }

    /**
     * The deal channel patterns as one comma-separated setting, e.g. {@code deal-{account},
     * ext-{account}-*}; see {@link #channelPatterns(List)}.
     */
    public Builder channelPattern(String patterns) {
      Objects.requireNonNull(patterns, "channelPattern == null");
      return channelPatterns(List.of(patterns.split(",", -1)));
    }

    /**
     * Replaces the deal channel patterns, e.g. {@code deal-{account}} or {@code {account}-*}; each
     * must contain {@code {account}}; a leading {@code #} is dropped; at least one.
     */
    public Builder channelPatterns(List<String> patterns) {
      Objects.requireNonNull(patterns, "channelPattern == null");
      var fresh = new ArrayList<String>();
      for (String p : patterns) {
        String name = channelName(Objects.requireNonNull(p, "channelPattern contains null"), "channelPattern");
        if (!name.contains("{account}")) {
          throw new IllegalArgumentException("channelPattern must contain {account} in every pattern, not '" + p + "'");
        }
        if (!fresh.contains(name)) {
          fresh.add(name);
        }
      }
      if (fresh.isEmpty()) {
        throw new IllegalArgumentException("channelPattern needs at least one pattern, e.g. " + DEFAULT_CHANNEL_PATTERN);
      }
      channelPatterns.clear();
      channelPatterns.addAll(fresh);
      return this;
    }

    /**
     * The label of the CRM handoff field that names the deal channel (default {@value
     * #DEFAULT_CHANNEL_FIELD}, compared ignoring case and punctuation); null or blank to ignore CRM
     * fields.
     */
    public Builder channelField(String label) {
      this.channelField = label == null || label.isBlank() ? null : label.strip();
      return this;
    }

    /** Replaces the extra channels (names, a leading {@code #} dropped). */
    public Builder extraChannels(List<String> names) {
      replace(extraChannels, names, "extraChannels");
      return this;
    }

    /** Replaces the internal-only name parts (default {@code deal-desk, pricing, discount}). */
    public Builder internalOnlyChannels(List<String> parts) {
      replace(internalOnlyChannels, parts, "internalOnlyChannels");
      return this;
    }

    /** How far before the window to look for thread parents; zero to read in-window threads only; at most a year. */
    public Builder threadLookback(Duration lookback) {
      this.threadLookback = SettingChecks.lookback("threadLookback", lookback);
      return this;
    }

    /** How long the channel directory is reused across briefs (default 5 minutes); 0 to turn off, at most a day. */
    public Builder channelCacheTtl(Duration ttl) {
      this.channelCacheTtl = cacheTtl(ttl, "channelCacheTtl");
      return this;
    }

    /** How long a person's profile is reused across briefs (default 1 hour); 0 to turn off, at most a day. */
    public Builder userCacheTtl(Duration ttl) {
      this.userCacheTtl = cacheTtl(ttl, "userCacheTtl");
      return this;
    }

    /** Items per page, 1 to 999 (Slack's cap for {@code conversations.history}). */
    public Builder pageSize(int pageSize) {
      this.pageSize = SettingChecks.between("pageSize", pageSize, 1, 999);
      return this;
    }

    /**
     * The config.
     *
     * @throws IllegalStateException when no bot token was given
     */
    public SlackConfig build() {
      if (botToken == null) {
        throw new IllegalStateException("botToken is required: the Slack app's Bot User OAuth Token (xoxb-...)");
      }
      return new SlackConfig(this);
    }

    private static Duration cacheTtl(Duration ttl, String what) {
      Objects.requireNonNull(ttl, what + " == null");
      if (ttl.isNegative() || ttl.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException(what + " must be between 0 (off) and 1 day, not " + ttl);
      }
      return ttl;
    }

    private static void replace(List<String> into, List<String> names, String what) {
      Objects.requireNonNull(names, what + " == null");
      var fresh = new ArrayList<String>();
      for (String n : names) {
        fresh.add(channelName(Objects.requireNonNull(n, what + " contains null"), what));
      }
      into.clear();
      into.addAll(fresh);
    }

    private static String channelName(String name, String what) {
      Objects.requireNonNull(name, what + " == null");
      String t = name.strip().toLowerCase(Locale.ROOT);
      t = t.startsWith("#") ? t.substring(1) : t;
      if (!CHANNEL_NAME.matcher(t).matches()) {
        throw new IllegalArgumentException(what + ": '" + name + "' is not a Slack channel name (lower case letters,"
            + " digits, '-', '_', at most 80)");
      }
      return t;
    }
  }
}
