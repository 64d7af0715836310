package org.handoffbrief.connector.google;

import static org.handoffbrief.spi.ConnectorSetting.Type.BOOLEAN;
import static org.handoffbrief.spi.ConnectorSetting.Type.DURATION;
import static org.handoffbrief.spi.ConnectorSetting.Type.FILE;
import static org.handoffbrief.spi.ConnectorSetting.Type.INT;
import static org.handoffbrief.spi.ConnectorSetting.Type.LIST;
import static org.handoffbrief.spi.ConnectorSetting.Type.STRING;
import static org.handoffbrief.spi.ConnectorSetting.Type.URL;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.SettingChecks;
import org.handoffbrief.spi.ConnectorSetting;
import org.handoffbrief.spi.RetryPolicy;

/**
 * How a Google connector ({@link GmailConnector} or {@link GoogleCalendarConnector}) reaches
 * Google and whose mail or calendars it reads. Immutable; made with {@link #gmail()} or
 * {@link #calendar()}, whose setters check each value at once, or from the {@code gmail.*} /
 * {@code google-calendar.*} settings with {@link #fromSettings(ConnectorConfig)}. {@link #toString()}
 * masks every secret.
 *
 * <pre>{@code
 * GoogleConfig gmail = GoogleConfig.gmail()
 *     .auth(GoogleAuth.serviceAccount(Path.of("handoff-reader.json")))
 *     .mailboxes(List.of("deal-desk@acme.com"))   // read besides the deal owner and team
 *     .build();
 * }</pre>
 */
public final class GoogleConfig {

  /** The system id of the Gmail connector. */
  public static final String GMAIL = "gmail";
  /** The system id of the Google Calendar connector. */
  public static final String CALENDAR = "google-calendar";
  /** The only scope the Gmail connector asks for: read mail and its metadata, never send or change. */
  public static final String GMAIL_SCOPE = "https://www.googleapis.com/auth/gmail.readonly";
  /** The only scope the Calendar connector asks for: read events, nothing else of the calendar. */
  public static final String CALENDAR_SCOPE = "https://www.googleapis.com/auth/calendar.events.readonly";
  /** Gmail's root URL (the SDK's {@code Gmail.DEFAULT_ROOT_URL}). */
  public static final URI GMAIL_ROOT_URL = URI.create("https://gmail.googleapis.com/");
  /** Calendar's root URL (the SDK's {@code Calendar.DEFAULT_ROOT_URL}). */
  public static final URI CALENDAR_ROOT_URL = URI.create("https://www.googleapis.com/");

  /** How far before the opportunity was created mail and meetings are read, by default. */
  public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(30);

  /**
   * Gmail HTTP calls a minute: the per-user quota, 15,000 units a minute, over the 5 units of
   * {@code messages.list} or {@code messages.get}. Each part of a batch costs its own units, so a
   * host that reads large batches at volume lowers it.
   */
  public static final int DEFAULT_GMAIL_REQUESTS_PER_MINUTE = 3000;
  /** Calendar calls a minute: the per-user, per-project quota of 600 requests a minute. */
  public static final int DEFAULT_CALENDAR_REQUESTS_PER_MINUTE = 600;

  private static final Pattern EMAIL = Pattern.compile("[^@\\s,<>]+@[a-z0-9.-]+\\.[a-z]{2,63}");

  private final String system;
  private final URI rootUrl;
  private final GoogleAuth auth;
  private final Set<String> mailboxes;
  private final boolean readDealTeam;
  private final int pageSize;
  private final int maxPages;
  private final int batchSize;
  private final int requestsPerMinute;
  private final Duration lookback;
  private final Duration timeout;
  private final RetryPolicy retryPolicy;

  private GoogleConfig(Builder b) {
    this.system = b.system;
    this.rootUrl = b.rootUrl;
    this.auth = b.auth;
    this.mailboxes = Collections.unmodifiableSet(new LinkedHashSet<>(b.mailboxes));
    this.readDealTeam = b.readDealTeam;
    this.pageSize = b.pageSize;
    this.maxPages = b.maxPages;
    this.batchSize = b.batchSize;
    this.requestsPerMinute = b.requestsPerMinute;
    this.lookback = b.lookback;
    this.timeout = b.timeout;
    this.retryPolicy = b.retryPolicy;
  }

  /** A builder for the Gmail connector, every default set; only {@link Builder#auth} is required. */
  public static Builder gmail() {
    return new Builder(GMAIL, GMAIL_ROOT_URL, 100);
  }

  /** A builder for the Google Calendar connector, every default set; only {@link Builder#auth} is required. */
  public static Builder calendar() {
    return new Builder(CALENDAR, CALENDAR_ROOT_URL, 250);
  }

  /**
   * Reads the {@code gmail.*} or {@code google-calendar.*} settings (by {@code config.system()}).
   *
   * @throws IllegalArgumentException naming the setting that is missing or wrong
   */
  public static GoogleConfig fromSettings(ConnectorConfig config) {
    Objects.requireNonNull(config, "config == null");
    String p = config.system();
    Builder b = switch (p) {
      case GMAIL -> gmail();
      case CALENDAR -> calendar();
      default -> throw new IllegalArgumentException("not a Google connector's settings: " + p);
    };
    if (config.has(p + ".rootUrl")) {
      b.rootUrl(config.getUri(p + ".rootUrl"));
    }
    b.auth(authFrom(config, p));
    b.mailboxes(config.getList(p + ".mailboxes"));
    b.readDealTeam(config.getBoolean(p + ".readDealTeam"));
    b.pageSize(config.getInt(p + ".pageSize"));
    b.maxPages(config.getInt(p + ".maxPages"));
    if (config.has(p + ".requestsPerMinute")) {
      b.requestsPerMinute(config.getInt(p + ".requestsPerMinute"));
    }
    if (p.equals(GMAIL)) {
      b.batchSize(config.getInt(p + ".batchSize"));
    }
    b.lookback(config.getDuration(p + ".lookback"));
    b.timeout(config.getDuration(p + ".timeout"));
    return b.build();
  }

  private static GoogleAuth authFrom(ConnectorConfig c, String p) {
    String kind = c.require(p + ".auth").toLowerCase(Locale.ROOT);
    URI tokenUrl = c.getUri(p + ".tokenUrl");
    return switch (kind) {
      case "service_account" -> GoogleAuth.serviceAccount(Path.of(c.require(p + ".serviceAccountKeyFile")));
      case "refresh_token" -> GoogleAuth.refreshToken(c.require(p + ".clientId"), c.require(p + ".clientSecret"),
          c.require(p + ".refreshToken"), tokenUrl);
      case "access_token" -> GoogleAuth.accessToken(c.require(p + ".accessToken"));
      default -> throw new IllegalArgumentException(p + ".auth must be one of service_account, refresh_token,"
          + " access_token, not '" + kind + "'");
    };
  }

  /** The settings of one of the two connectors, described as data (shared by both providers). */
  static List<ConnectorSetting> settings(String p) {
    boolean gmail = p.equals(GMAIL);
    String scope = gmail ? GMAIL_SCOPE : CALENDAR_SCOPE;
    String what = gmail ? "mailbox" : "calendar";
    var out = new ArrayList<ConnectorSetting>(List.of(
        ConnectorSetting.optional(p + ".rootUrl", "Root URL", URL, (gmail ? GMAIL_ROOT_URL : CALENDAR_ROOT_URL).toString(),
            "Where the " + (gmail ? "Gmail" : "Calendar") + " API is served; change only for a proxy or a test server."),
        ConnectorSetting.required(p + ".auth", "Sign-in method", STRING,
            "One of service_account (domain-wide delegation, recommended: impersonates each internal " + what
                + "), refresh_token (one user's consent, reads only that user's " + what + ") or access_token."
                + " The only scope asked for is " + scope + "; authorise the service account's client id for"
                + " exactly that scope in the Admin console (Security > API controls > Domain-wide delegation)."),
        ConnectorSetting.optional(p + ".serviceAccountKeyFile", "Service account key file", FILE, null,
            "The service account's JSON key (service_account)."),
        ConnectorSetting.optional(p + ".clientId", "OAuth client id", STRING, null, "The OAuth client's id (refresh_token)."),
        ConnectorSetting.secret(p + ".clientSecret", "OAuth client secret", "The OAuth client's secret (refresh_token)."),
        ConnectorSetting.secret(p + ".refreshToken", "Refresh token",
            "A refresh token granted with the scope " + scope + " (refresh_token)."),
        ConnectorSetting.secret(p + ".accessToken", "Access token", "A ready access token with the scope " + scope
            + " (access_token)."),
        ConnectorSetting.optional(p + ".tokenUrl", "Token URL", URL, GoogleAuth.GOOGLE_TOKEN_URI.toString(),
            "The OAuth token endpoint (refresh_token); a service account key names its own."),
        ConnectorSetting.optional(p + ".mailboxes", gmail ? "Mailboxes" : "Calendars", LIST, null,
            "Internal addresses whose " + what + " to read besides the deal owner's and the deal team's,"
                + " comma-separated (e.g. a shared deal-desk address)."),
        ConnectorSetting.optional(p + ".readDealTeam", "Read the deal team", BOOLEAN, "true",
            "Read the " + what + " of the opportunity owner and every internal deal team member."),
        ConnectorSetting.optional(p + ".pageSize", "Page size", INT, gmail ? "100" : "250",
            gmail ? "Message ids per list page, 1 to 500." : "Events per page, 1 to 2500."),
        ConnectorSetting.optional(p + ".maxPages", "Pages per " + what, INT, "20",
            "List pages read per " + what + " at most; the cut is reported in the brief when it bites."),
        ConnectorSetting.optional(p + ".requestsPerMinute", "Requests per minute", INT,
            String.valueOf(gmail ? DEFAULT_GMAIL_REQUESTS_PER_MINUTE : DEFAULT_CALENDAR_REQUESTS_PER_MINUTE),
            gmail ? "Client-side pacing of Gmail calls, shared by every brief: Google's per-user quota is 15,000"
                + " units a minute and a list or get costs 5; each part of a batch costs its own units."
                : "Client-side pacing of Calendar calls, shared by every brief: Google's per-user quota is 600"
                + " requests a minute.")));
    if (gmail) {
      out.add(ConnectorSetting.optional(p + ".batchSize", "Batch size", INT, "50",
          "Messages fetched per batch request, 1 to 100 (Google advises at most 50 to stay under rate limits)."));
    }
    out.add(ConnectorSetting.optional(p + ".lookback", "Look-back", DURATION, "P30D",
        "How far before the opportunity was created " + (gmail ? "mail is" : "meetings are") + " read, 0 to 366 days"
            + " (e.g. P30D or 720h): " + (gmail ? "the first inbound emails, where the customer says why they are"
            + " buying," : "intro meetings") + " often predate the opportunity."));
    out.add(ConnectorSetting.optional(p + ".timeout", "Call timeout", DURATION, "30s",
        "Connect and read timeout of each call, e.g. 30s or PT30S."));
    return List.copyOf(out);
  }

  /** {@code gmail} or {@code google-calendar}. */
  public String system() {
    return system;
  }

  /** The API root URL, ending in {@code /}. */
  public URI rootUrl() {
    return rootUrl;
  }

  /** How tokens are obtained. */
  public GoogleAuth auth() {
    return auth;
  }

  /** Internal addresses read besides the deal team's, lower case. */
  public Set<String> mailboxes() {
    return mailboxes;
  }

  /** Whether the opportunity owner's and the deal team's mailboxes or calendars are read. */
  public boolean readDealTeam() {
    return readDealTeam;
  }

  /** Items per list page. */
  public int pageSize() {
    return pageSize;
  }

  /** List pages read per mailbox or calendar at most. */
  public int maxPages() {
    return maxPages;
  }

  /** Calls a minute at most, spaced evenly, across every brief this connector makes. */
  public int requestsPerMinute() {
    return requestsPerMinute;
  }

  /** Messages per batch request (Gmail). */
  public int batchSize() {
    return batchSize;
  }

  /** How far before the opportunity was created mail or meetings are read. */
  public Duration lookback() {
    return lookback;
  }

  /** Connect and read timeout of each call. */
  public Duration timeout() {
    return timeout;
  }

  /** How each call is retried. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** The scope this connector asks for. */
  public String scope() {
    return system.equals(GMAIL) ? GMAIL_SCOPE : CALENDAR_SCOPE;
  }

  @Override
  public String toString() {
    return "GoogleConfig{system=" + system + ", rootUrl=" + rootUrl + ", auth=" + auth + ", mailboxes=" + mailboxes
        + ", readDealTeam=" + readDealTeam + ", pageSize=" + pageSize + ", maxPages=" + maxPages
        + (system.equals(GMAIL) ? ", batchSize=" + batchSize : "") + ", requestsPerMinute=" + requestsPerMinute + ", lookback=" + lookback + ", timeout=" + timeout + ", retryPolicy="
        + retryPolicy + "}";
  }

  /** Builds a {@link GoogleConfig}; each setter checks its value at once. */
  public static final class Builder {
    private final String system;
    private URI rootUrl;
    private GoogleAuth auth;
    private final Set<String> mailboxes = new LinkedHashSet<>();
    private boolean readDealTeam = true;
    private int pageSize;
    private int maxPages = 20;
    private int batchSize = 50;
    private int requestsPerMinute;
    private Duration lookback = DEFAULT_LOOKBACK;
    private Duration timeout = Duration.ofSeconds(30);
    private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();

    private Builder(String system, URI rootUrl, int pageSize) {
      this.system = system;
      this.rootUrl = rootUrl;
      this.pageSize = pageSize;
      this.requestsPerMinute = system.equals(GMAIL) ? DEFAULT_GMAIL_REQUESTS_PER_MINUTE
          : DEFAULT_CALENDAR_REQUESTS_PER_MINUTE;
    }

    /** The API root; a missing trailing slash is added (the SDKs need it). */
    public Builder rootUrl(URI rootUrl) {
      Objects.requireNonNull(rootUrl, "rootUrl == null");
      String s = rootUrl.toString();
      if (rootUrl.getScheme() == null || !(s.startsWith("http://") || s.startsWith("https://"))) {
        throw new IllegalArgumentException("rootUrl must be an http(s) URL, not '" + s + "'");
      }
      this.rootUrl = URI.create(s.endsWith("/") ? s : s + "/");
      return this;
    }

    /** How to get tokens. Required. */
    public Builder auth(GoogleAuth auth) {
      this.auth = Objects.requireNonNull(auth, "auth == null");
      return this;
    }

    /** Replaces the extra internal mailboxes or calendars to read. */
    public Builder mailboxes(Iterable<String> addresses) {
      Objects.requireNonNull(addresses, "mailboxes == null");
      var checked = new LinkedHashSet<String>();
      for (String a : addresses) {
        String t = Objects.requireNonNull(a, "mailboxes contains null").strip().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(t).matches()) {
          throw new IllegalArgumentException("mailboxes: '" + a + "' is not an email address");
        }
        checked.add(t);
      }
      mailboxes.clear();
      mailboxes.addAll(checked);
      return this;
    }

    /** Whether to read the opportunity owner's and the deal team's mailboxes or calendars (default true). */
    public Builder readDealTeam(boolean readDealTeam) {
      this.readDealTeam = readDealTeam;
      return this;
    }

    /** Items per list page: 1 to 500 for Gmail, 1 to 2500 for Calendar. */
    public Builder pageSize(int pageSize) {
      int max = system.equals(GMAIL) ? 500 : 2500;
      if (pageSize < 1 || pageSize > max) {
        throw new IllegalArgumentException("pageSize must be between 1 and " + max + ", not " + pageSize);
      }
      this.pageSize = pageSize;
      return this;
    }

    /** List pages per mailbox or calendar at most, 1 to 1000. */
    public Builder maxPages(int maxPages) {
      this.maxPages = SettingChecks.between("maxPages", maxPages, 1, 1000);
      return this;
    }

    /** Client-side pacing of this connector's calls, shared by every brief it makes; at least 1. */
    public Builder requestsPerMinute(int n) {
      this.requestsPerMinute = SettingChecks.between("requestsPerMinute", n, 1, 1_000_000);
      return this;
    }

    /** Messages per batch request, 1 to 100 (Gmail's batch limit). */
    public Builder batchSize(int batchSize) {
      this.batchSize = SettingChecks.between("batchSize", batchSize, 1, 100);
      return this;
    }

    /**
     * How far before the opportunity was created mail or meetings are read (default 30 days), 0 to
     * 366 days: the customer's first inbound mail, where the reasons for buying live, often comes
     * before anyone opens the opportunity.
     */
    public Builder lookback(Duration lookback) {
      this.lookback = SettingChecks.lookback("lookback", lookback);
      return this;
    }

    /** Connect and read timeout of each call; positive, at most 10 minutes. */
    public Builder timeout(Duration timeout) {
      this.timeout = SettingChecks.callTimeout(timeout);
      return this;
    }

    /** How each call is retried (default {@link RetryPolicy#ofDefaults()}). */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /**
     * The config.
     *
     * @throws IllegalStateException when no auth was chosen
     */
    public GoogleConfig build() {
      if (auth == null) {
        throw new IllegalStateException("choose how to get tokens: auth(GoogleAuth.serviceAccount(...)),"
            + " refreshToken(...) or accessToken(...)");
      }
      return new GoogleConfig(this);
    }
  }
}
