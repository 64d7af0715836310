package org.handoffbrief.connector.google;

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
import org.handoffbrief.spi.RetryPolicy;
import org.handoffbrief.spi.kit.CallSettingsBuilder;
import org.handoffbrief.spi.kit.Setting;

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
  /** The {@code gmail.*} settings, declared once: the provider lists them and {@link #fromSettings} reads them. */
  static final Declared GMAIL_SETTINGS = new Declared(GMAIL);
  /** The {@code google-calendar.*} settings, declared once. */
  static final Declared CALENDAR_SETTINGS = new Declared(CALENDAR);

  /** Gmail's root URL (the SDK's {@code Gmail.DEFAULT_ROOT_URL}). */
  public static final URI GMAIL_ROOT_URL = GMAIL_SETTINGS.rootUrl.defaultValue();
  /** Calendar's root URL (the SDK's {@code Calendar.DEFAULT_ROOT_URL}). */
  public static final URI CALENDAR_ROOT_URL = CALENDAR_SETTINGS.rootUrl.defaultValue();

  /** How far before the opportunity was created mail and meetings are read, by default. */
  public static final Duration DEFAULT_LOOKBACK = GMAIL_SETTINGS.lookback.defaultValue();

  /**
   * Gmail HTTP calls a minute: the per-user quota, 15,000 units a minute, over the 5 units of
   * {@code messages.list} or {@code messages.get}. Each part of a batch costs its own units, so a
   * host that reads large batches at volume lowers it.
   */
  public static final int DEFAULT_GMAIL_REQUESTS_PER_MINUTE = GMAIL_SETTINGS.requestsPerMinute.defaultValue();
  /** Calendar calls a minute: the per-user, per-project quota of 600 requests a minute. */
  public static final int DEFAULT_CALENDAR_REQUESTS_PER_MINUTE = CALENDAR_SETTINGS.requestsPerMinute.defaultValue();

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
    this.requestsPerMinute = b.requestsPerMinute();
    this.lookback = b.lookback;
    this.timeout = b.timeout();
    this.retryPolicy = b.retryPolicy();
  }

  /**
   * A builder for the connector of {@code system}, {@link #GMAIL} or {@link #CALENDAR}, every
   * default set; only {@link Builder#auth} is required.
   */
  public static Builder builder(String system) {
    return switch (Objects.requireNonNull(system, "system == null")) {
      case GMAIL -> gmail();
      case CALENDAR -> calendar();
      default -> throw new IllegalArgumentException("system must be " + GMAIL + " or " + CALENDAR + ", not '"
          + system + "'");
    };
  }

  /** A builder for the Gmail connector, every default set; only {@link Builder#auth} is required. */
  public static Builder gmail() {
    return new Builder(GMAIL_SETTINGS);
  }

  /** A builder for the Google Calendar connector, every default set; only {@link Builder#auth} is required. */
  public static Builder calendar() {
    return new Builder(CALENDAR_SETTINGS);
  }

  /**
   * Reads the {@code gmail.*} or {@code google-calendar.*} settings (by {@code config.system()}).
   *
   * @throws IllegalArgumentException naming the setting that is missing or wrong
   */
  public static GoogleConfig fromSettings(ConnectorConfig config) {
    Objects.requireNonNull(config, "config == null");
    Declared d = declared(config.system());
    Builder b = d.system.equals(GMAIL) ? gmail() : calendar();
    b.rootUrl(d.rootUrl.from(config))
        .auth(authFrom(config, d))
        .mailboxes(d.mailboxes.from(config))
        .readDealTeam(d.readDealTeam.from(config))
        .pageSize(d.pageSize.from(config))
        .maxPages(d.maxPages.from(config))
        .requestsPerMinute(d.requestsPerMinute.from(config));
    if (d.batchSize != null) {
      b.batchSize(d.batchSize.from(config));
    }
    return b.lookback(d.lookback.from(config))
        .timeout(d.timeout.from(config))
        .build();
  }

  private static GoogleAuth authFrom(ConnectorConfig c, Declared d) {
    String kind = c.require(d.auth.key()).toLowerCase(Locale.ROOT);
    return switch (kind) {
      case "service_account" -> GoogleAuth.serviceAccount(Path.of(c.require(d.serviceAccountKeyFile.key())));
      case "refresh_token" -> GoogleAuth.refreshToken(c.require(d.clientId.key()), c.require(d.clientSecret.key()),
          c.require(d.refreshToken.key()), d.tokenUrl.from(c));
      case "access_token" -> GoogleAuth.accessToken(c.require(d.accessToken.key()));
      default -> throw new IllegalArgumentException(d.auth.key() + " must be one of service_account, refresh_token,"
          + " access_token, not '" + kind + "'");
    };
  }

  /** The settings of {@code system}'s connector. */
  static Declared declared(String system) {
    return switch (system) {
      case GMAIL -> GMAIL_SETTINGS;
      case CALENDAR -> CALENDAR_SETTINGS;
      default -> throw new IllegalArgumentException("not a Google connector's settings: " + system);
    };
  }

  /**
   * The settings of one of the two connectors: the same names under {@code gmail.*} or
   * {@code google-calendar.*}, with the defaults and words that differ between mail and calendars.
   */
  static final class Declared {
    final String system;
    final Setting<URI> rootUrl;
    final Setting<String> auth;
    final Setting<Path> serviceAccountKeyFile;
    final Setting<String> clientId;
    final Setting<String> clientSecret;
    final Setting<String> refreshToken;
    final Setting<String> accessToken;
    final Setting<URI> tokenUrl;
    final Setting<List<String>> mailboxes;
    final Setting<Boolean> readDealTeam;
    final Setting<Integer> pageSize;
    final Setting<Integer> maxPages;
    final Setting<Integer> requestsPerMinute;
    /** Gmail only: Calendar has no batch requests. */
    final Setting<Integer> batchSize;
    final Setting<Duration> lookback;
    final Setting<Duration> timeout;
    /** Every setting in the order the provider lists them. */
    final List<Setting<?>> all;

    private Declared(String p) {
      boolean gmail = p.equals(GMAIL);
      String scope = gmail ? GMAIL_SCOPE : CALENDAR_SCOPE;
      String what = gmail ? "mailbox" : "calendar";
      system = p;
      rootUrl = Setting.url(p + ".rootUrl", "Root URL",
          gmail ? "https://gmail.googleapis.com/" : "https://www.googleapis.com/",
          "Where the " + (gmail ? "Gmail" : "Calendar") + " API is served; change only for a proxy or a test server.");
      auth = Setting.required(p + ".auth", "Sign-in method",
          "One of service_account (domain-wide delegation, recommended: impersonates each internal " + what
              + "), refresh_token (one user's consent, reads only that user's " + what + ") or access_token."
              + " The only scope asked for is " + scope + "; authorise the service account's client id for"
              + " exactly that scope in the Admin console (Security > API controls > Domain-wide delegation).");
      serviceAccountKeyFile = Setting.file(p + ".serviceAccountKeyFile", "Service account key file",
          "The service account's JSON key (service_account).");
      clientId = Setting.string(p + ".clientId", "OAuth client id", null, "The OAuth client's id (refresh_token).");
      clientSecret = Setting.secret(p + ".clientSecret", "OAuth client secret",
          "The OAuth client's secret (refresh_token).");
      refreshToken = Setting.secret(p + ".refreshToken", "Refresh token",
          "A refresh token granted with the scope " + scope + " (refresh_token).");
      accessToken = Setting.secret(p + ".accessToken", "Access token", "A ready access token with the scope " + scope
          + " (access_token).");
      tokenUrl = Setting.url(p + ".tokenUrl", "Token URL", GoogleAuth.GOOGLE_TOKEN_URI.toString(),
          "The OAuth token endpoint (refresh_token); a service account key names its own.");
      mailboxes = Setting.list(p + ".mailboxes", gmail ? "Mailboxes" : "Calendars",
          "Internal addresses whose " + what + " to read besides the deal owner's and the deal team's,"
              + " comma-separated (e.g. a shared deal-desk address).");
      readDealTeam = Setting.bool(p + ".readDealTeam", "Read the deal team", true,
          "Read the " + what + " of the opportunity owner and every internal deal team member.");
      pageSize = Setting.integer(p + ".pageSize", "Page size", gmail ? 100 : 250,
          gmail ? "Message ids per list page, 1 to 500." : "Events per page, 1 to 2500.");
      maxPages = Setting.integer(p + ".maxPages", "Pages per " + what, 20,
          "List pages read per " + what + " at most; the cut is reported in the brief when it bites.");
      requestsPerMinute = Setting.integer(p + ".requestsPerMinute", "Requests per minute", gmail ? 3000 : 600,
          gmail ? "Client-side pacing of Gmail calls, shared by every brief: Google's per-user quota is 15,000"
              + " units a minute and a list or get costs 5; each part of a batch costs its own units."
              : "Client-side pacing of Calendar calls, shared by every brief: Google's per-user quota is 600"
              + " requests a minute.");
      batchSize = gmail ? Setting.integer(p + ".batchSize", "Batch size", 50,
          "Messages fetched per batch request, 1 to 100 (Google advises at most 50 to stay under rate limits).")
          : null;
      lookback = Setting.duration(p + ".lookback", "Look-back", "P30D",
          "How far before the opportunity was created " + (gmail ? "mail is" : "meetings are") + " read, 0 to 366"
              + " days (e.g. P30D or 720h): " + (gmail ? "the first inbound emails, where the customer says why"
              + " they are buying," : "intro meetings") + " often predate the opportunity.");
      timeout = Setting.duration(p + ".timeout", "Call timeout", "30s",
          "Connect and read timeout of each call, e.g. 30s or PT30S.");
      var in = new ArrayList<Setting<?>>(List.of(rootUrl, auth, serviceAccountKeyFile, clientId, clientSecret,
          refreshToken, accessToken, tokenUrl, mailboxes, readDealTeam, pageSize, maxPages, requestsPerMinute));
      if (batchSize != null) {
        in.add(batchSize);
      }
      in.addAll(List.of(lookback, timeout));
      all = List.copyOf(in);
    }
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

  /** A builder starting from this config. */
  public Builder toBuilder() {
    Builder b = builder(system).rootUrl(rootUrl).mailboxes(mailboxes).readDealTeam(readDealTeam).pageSize(pageSize)
        .maxPages(maxPages).requestsPerMinute(requestsPerMinute).lookback(lookback).timeout(timeout)
        .retryPolicy(retryPolicy);
    b.auth = auth;
    b.batchSize = batchSize;
    return b;
  }

  @Override
  public String toString() {
    return "GoogleConfig{system=" + system + ", rootUrl=" + rootUrl + ", auth=" + auth + ", mailboxes=" + mailboxes
        + ", readDealTeam=" + readDealTeam + ", pageSize=" + pageSize + ", maxPages=" + maxPages
        + (system.equals(GMAIL) ? ", batchSize=" + batchSize : "") + ", requestsPerMinute=" + requestsPerMinute + ", lookback=" + lookback + ", timeout=" + timeout + ", retryPolicy="
        + retryPolicy + "}";
  }

  /** Builds a {@link GoogleConfig}; each setter checks its value at once. */
  public static final class Builder extends CallSettingsBuilder.Paced<Builder> {
    private final String system;
    private URI rootUrl;
    private GoogleAuth auth;
    private final Set<String> mailboxes = new LinkedHashSet<>();
    private boolean readDealTeam;
    private int pageSize;
    private int maxPages;
    private int batchSize = GMAIL_SETTINGS.batchSize.defaultValue();
    private Duration lookback;

    private Builder(Declared d) {
      super(d.timeout.defaultValue(), d.requestsPerMinute.defaultValue());
      this.system = d.system;
      this.rootUrl = d.rootUrl.defaultValue();
      this.readDealTeam = d.readDealTeam.defaultValue();
      this.pageSize = d.pageSize.defaultValue();
      this.maxPages = d.maxPages.defaultValue();
      this.lookback = d.lookback.defaultValue();
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
