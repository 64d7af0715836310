package org.handoffbrief.connector.slack.delivery;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorSetting;
import org.handoffbrief.spi.SettingChecks;
import org.handoffbrief.spi.kit.Setting;

/**
 * How briefs reach Slack: the posting bot token, the customer-success channel, the signing secret
 * that proves an interaction came from Slack, and the link to the full brief. Immutable; made with
 * {@link #builder()} (each setter checks its value at once) or from the {@code slackdelivery.*}
 * settings ({@link #SETTINGS}) with {@link #fromSettings(Map)}. {@link #toString()} never shows a secret.
 *
 * <p>The settings are {@code slackdelivery.*}, not {@code slack.delivery.*}: the reading
 * connector's {@code slack.*} settings refuse keys they do not know, and one flat map configures
 * both. The posting token may be another app's than the reading one.
 *
 * <p>The review's time-out (how long the AE has, and what happens then) is the
 * {@link org.handoffbrief.review.BriefReview}'s own option, not Slack's: a host without Slack
 * reviews under the same rules.
 */
public final class SlackDeliveryConfig {

  static final Setting<String> BOT_TOKEN = Setting.requiredSecret("slackdelivery.botToken", "Posting bot token",
      "The Bot User OAuth Token (xoxb-...) that posts; may be another app's than slack.botToken. Least scopes:"
          + " chat:write (post and update in the CS channel; invite the bot there), im:write (the reviewer's"
          + " DM), users:read and users:read.email (find the reviewer by email, show their name).");
  static final Setting<String> CHANNEL = Setting.required("slackdelivery.channel", "CS channel",
      "The customer-success channel, by id (C0123ABCD, recommended) or name (cs-handoffs; then channels:read"
          + " is needed to find its id when a crashed post is looked up).");
  static final Setting<String> SIGNING_SECRET = Setting.secret("slackdelivery.signingSecret", "Signing secret",
      "The Slack app's signing secret (Basic Information > App Credentials); required to handle interactions.");
  static final Setting<String> BRIEF_LINK = Setting.string("slackdelivery.briefLink", "Full brief link", null,
      "Where the full brief is read, with {briefId} in it, e.g. https://briefs.example.com/b/{briefId}.");
  static final Setting<URI> BASE_URL = Setting.url("slackdelivery.baseUrl", "Web API URL", "https://slack.com",
      "Where the Web API answers; calls go to {baseUrl}/api/<method>.");
  static final Setting<Duration> TIMEOUT = Setting.duration("slackdelivery.timeout", "Call timeout", "10s",
      "Timeout of each Web API call.");
  static final Setting<Duration> RECOVERY_MARGIN = Setting.duration("slackdelivery.recoveryMargin",
      "Recovery margin", "10m",
      "How far before a reservation the channel history is searched for a post made just before a crash.");
  static final Setting<String> ZONE = Setting.string("slackdelivery.zone", "Time zone", "UTC",
      "The zone review dates are shown in (\"confirmed by ..., 2026-03-28\"), e.g. the org's America/Chicago.");
  private static final List<Setting<?>> DECLARED = List.of(BOT_TOKEN, CHANNEL, SIGNING_SECRET, BRIEF_LINK, BASE_URL,
      TIMEOUT, RECOVERY_MARGIN, ZONE);

  /** The {@code slackdelivery.*} settings, described as data for a host's config file and the README. */
  public static final List<ConnectorSetting> SETTINGS = Setting.describe(DECLARED);

  /** Slack's Web API host; calls go to {@code {baseUrl}/api/<method>}. */
  public static final URI DEFAULT_BASE_URL = BASE_URL.defaultValue();
  /** Timeout of one Web API call. */
  public static final Duration DEFAULT_TIMEOUT = TIMEOUT.defaultValue();
  /**
   * How far before a reservation the channel's history is searched for a message posted just
   * before a crash: covers clock skew between this host and Slack.
   */
  public static final Duration DEFAULT_RECOVERY_MARGIN = RECOVERY_MARGIN.defaultValue();
  /** Slack's replay window for signed requests: older or newer timestamps are refused. */
  public static final Duration SIGNATURE_WINDOW = Duration.ofMinutes(5);

  private final URI baseUrl;
  private final String botToken;
  private final String channel;
  private final String signingSecret;
  private final String briefLink;
  private final Duration timeout;
  private final Duration recoveryMargin;
  private final ZoneId zone;

  private SlackDeliveryConfig(Builder b) {
    this.baseUrl = b.baseUrl;
    this.botToken = b.botToken;
    this.channel = b.channel;
    this.signingSecret = b.signingSecret;
    this.briefLink = b.briefLink;
    this.timeout = b.timeout;
    this.recoveryMargin = b.recoveryMargin;
    this.zone = b.zone;
  }

  /** A builder with every default; the bot token and the channel are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the {@code slackdelivery.*} settings of {@link #SETTINGS} from a flat map (other
   * prefixes are ignored).
   *
   * @throws IllegalArgumentException naming each setting that is missing or wrong
   */
  public static SlackDeliveryConfig fromSettings(Map<String, String> values) {
    ConnectorConfig c = ConnectorConfig.of("slackdelivery", SETTINGS, values);
    Builder b = builder().botToken(c.require(BOT_TOKEN.key())).channel(c.require(CHANNEL.key()));
    try {
      String signingSecret = SIGNING_SECRET.from(c);
      if (signingSecret != null) {
        b.signingSecret(signingSecret);
      }
      b.briefLink(BRIEF_LINK.from(c))
          .baseUrl(BASE_URL.from(c))
          .timeout(TIMEOUT.from(c))
          .recoveryMargin(RECOVERY_MARGIN.from(c))
          .zone(ZONE.from(c));
    } catch (IllegalArgumentException e) {
      throw e.getMessage().startsWith("slackdelivery.") ? e
          : new IllegalArgumentException("slackdelivery." + e.getMessage(), e);
    }
    return b.build();
  }

  /** The Web API host. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The posting token. Never logged. */
  String botToken() {
    return botToken;
  }

  /** The CS channel as configured: an id ({@code C0123ABCD}) or a name without {@code #}. */
  public String channel() {
    return channel;
  }

  /** The signing secret, or null when interactions are not handled. Never logged. */
  String signingSecret() {
    return signingSecret;
  }

  /** The full brief's link for {@code briefId}, or null when none is configured. */
  public URI briefLink(String briefId) {
    if (briefLink == null) {
      return null;
    }
    // The id holds slashes (opp/kind/v2): each part is encoded, the slashes kept.
    String encoded = String.join("/", java.util.Arrays.stream(briefId.split("/", -1))
        .map(p -> java.net.URLEncoder.encode(p, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
        .toList());
    return URI.create(briefLink.replace("{briefId}", encoded));
  }

  /** Timeout of one Web API call. */
  public Duration timeout() {
    return timeout;
  }

  /** How far before a reservation a crashed post is searched for. */
  public Duration recoveryMargin() {
    return recoveryMargin;
  }

  /** The zone review dates are shown in. */
  public ZoneId zone() {
    return zone;
  }

  /** A builder starting from this config, the token and the signing secret included. */
  public Builder toBuilder() {
    Builder b = builder().baseUrl(baseUrl).channel(channel).briefLink(briefLink).timeout(timeout)
        .recoveryMargin(recoveryMargin);
    b.zone = zone;
    b.botToken = botToken;
    b.signingSecret = signingSecret;
    return b;
  }

  @Override
  public String toString() {
    return "SlackDeliveryConfig{baseUrl=" + baseUrl + ", botToken=****, channel=" + channel + ", signingSecret="
        + (signingSecret == null ? "unset" : "****") + ", briefLink=" + briefLink + ", timeout=" + timeout
        + ", recoveryMargin=" + recoveryMargin + ", zone=" + zone + "}";
  }

  /** Builds a {@link SlackDeliveryConfig}; each setter checks its value at once. */
  public static final class Builder {
    private URI baseUrl = DEFAULT_BASE_URL;
    private String botToken;
    private String channel;
    private String signingSecret;
    private String briefLink;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration recoveryMargin = DEFAULT_RECOVERY_MARGIN;
    private ZoneId zone = ZoneOffset.UTC;

    private Builder() {}

    /** The Web API host ({@code https://slack.com}, or a stand-in for tests). */
    public Builder baseUrl(URI baseUrl) {
      this.baseUrl = SettingChecks.httpUrl("baseUrl", baseUrl);
      return this;
    }

    /** The posting bot token ({@code xoxb-...}). Required. */
    public Builder botToken(String token) {
      this.botToken = oneWord(token, "botToken", "a Slack bot token (xoxb-...)");
      return this;
    }

    /** The CS channel: an id or a name, a leading {@code #} dropped. Required. */
    public Builder channel(String channel) {
      Objects.requireNonNull(channel, "channel == null");
      String c = channel.strip();
      c = c.startsWith("#") ? c.substring(1) : c;
      if (!c.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,79}")) {
        throw new IllegalArgumentException("channel must be a Slack channel id or name (e.g. cs-handoffs), not '"
            + channel + "'");
      }
      this.channel = c;
      return this;
    }

    /** The app's signing secret; needed by {@link SlackInteractions}. */
    public Builder signingSecret(String secret) {
      this.signingSecret = oneWord(secret, "signingSecret", "the app's signing secret");
      return this;
    }

    /** The full brief's link template, an http(s) address with {@code {briefId}} in it; null for none. */
    public Builder briefLink(String template) {
      if (template == null || template.isBlank()) {
        this.briefLink = null;
        return this;
      }
      String t = template.strip();
      if (!t.contains("{briefId}")) {
        throw new IllegalArgumentException("briefLink must contain {briefId}, not '" + t + "'");
      }
      SettingChecks.httpUrl("briefLink", URI.create(t.replace("{briefId}", "x")));
      this.briefLink = t;
      return this;
    }

    /** Timeout of one call; positive, at most 10 minutes. */
    public Builder timeout(Duration timeout) {
      this.timeout = SettingChecks.callTimeout(timeout);
      return this;
    }

    /** How far before a reservation a crashed post is searched for; 0 to 1 day. */
    public Builder recoveryMargin(Duration margin) {
      this.recoveryMargin = SettingChecks.upTo("recoveryMargin", margin, Duration.ofDays(1));
      return this;
    }

    /** The zone review dates are shown in, e.g. {@code America/Chicago}. */
    public Builder zone(String zone) {
      Objects.requireNonNull(zone, "zone == null");
      try {
        this.zone = ZoneId.of(zone.strip());
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("zone must be a time zone id such as America/Chicago, not '" + zone + "'");
      }
      return this;
    }

    /**
     * The config.
     *
     * @throws IllegalStateException when the bot token or the channel is missing
     */
    public SlackDeliveryConfig build() {
      if (botToken == null) {
        throw new IllegalStateException("botToken is required: the posting app's Bot User OAuth Token (xoxb-...)");
      }
      if (channel == null) {
        throw new IllegalStateException("channel is required: the customer-success channel's id or name");
      }
      return new SlackDeliveryConfig(this);
    }

    private static String oneWord(String value, String name, String what) {
      Objects.requireNonNull(value, name + " == null");
      if (value.isBlank() || value.strip().contains(" ")) {
        throw new IllegalArgumentException(name + " must be " + what + ", one word"); // never echo a secret
      }
      return value.strip();
    }
  }
}
