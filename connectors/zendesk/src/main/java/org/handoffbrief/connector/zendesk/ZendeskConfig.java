package org.handoffbrief.connector.zendesk;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.SettingChecks;
import org.handoffbrief.spi.RetryPolicy;
import org.handoffbrief.spi.kit.CallSettingsBuilder;
import org.handoffbrief.spi.kit.Setting;

/**
 * Where the Zendesk connector reads and how. Immutable; made with {@link #builder()}, whose
 * setters check each value at once and name the bad one, or from the {@code zendesk.*} settings
 * with {@link #fromSettings(ConnectorConfig)}. {@link #toString()} masks the token.
 *
 * <pre>{@code
 * ZendeskConfig config = ZendeskConfig.builder()
 *     .subdomain("acme")
 *     .auth(ZendeskAuth.apiToken("handoff-bot@example.com", apiToken))
 *     .build();
 * }</pre>
 */
public final class ZendeskConfig {

  static final Setting<String> SUBDOMAIN = Setting.string("zendesk.subdomain", "Subdomain", null,
      "The account's subdomain: acme for https://acme.zendesk.com. Sets the API base URL and the"
          + " ticket permalinks. This or zendesk.baseUrl is required.");
  static final Setting<URI> BASE_URL = Setting.url("zendesk.baseUrl", "Base URL", null,
      "Where API calls go when not https://{subdomain}.zendesk.com (a proxy or a test server).");
  static final Setting<String> AUTH = Setting.string("zendesk.auth", "Sign-in method", "api_token",
      "api_token (basic auth as {email}/token:{api_token}) or oauth (bearer access token). Read-only is"
          + " enough: an agent who can see the customers' tickets, or an OAuth token with the read scope"
          + " (or tickets:read users:read organizations:read).");
  static final Setting<String> EMAIL = Setting.string("zendesk.email", "Agent email", null,
      "The agent whose API token is used (api_token).");
  static final Setting<String> API_TOKEN = Setting.secret("zendesk.apiToken", "API token",
      "An API token from Admin Center > Apps and integrations > Zendesk API (api_token).");
  static final Setting<String> ACCESS_TOKEN = Setting.secret("zendesk.accessToken", "OAuth access token",
      "An OAuth access token with the read scope (oauth).");
  static final Setting<Integer> REQUESTS_PER_MINUTE = Setting.integer("zendesk.requestsPerMinute",
      "Requests per minute", 200,
      "Client-side pacing, shared by every brief: your plan's API limit (Team 200, Growth and Professional"
          + " 400, Enterprise 700, High Volume add-on 2,500 a minute).");
  static final Setting<Integer> PAGE_SIZE = Setting.integer("zendesk.pageSize", "Page size", 100,
      "Items per page, 1 to 100.");
  static final Setting<Integer> MAX_PAGES = Setting.integer("zendesk.maxPages", "Pages per list", 10,
      "Pages read per search or per ticket's comments at most; a cut is reported in the brief.");
  static final Setting<Duration> TIMEOUT = Setting.duration("zendesk.timeout", "Call timeout", "30s",
      "Connect and read timeout of each call, e.g. 30s or PT30S.");
  /** Every {@code zendesk.*} setting, declared once: the provider lists these and {@link #fromSettings} reads them. */
  static final List<Setting<?>> SETTINGS = List.of(SUBDOMAIN, BASE_URL, AUTH, EMAIL, API_TOKEN, ACCESS_TOKEN,
      REQUESTS_PER_MINUTE, PAGE_SIZE, MAX_PAGES, TIMEOUT);

  /** Items per page; 100 is the most Zendesk serves. */
  public static final int DEFAULT_PAGE_SIZE = PAGE_SIZE.defaultValue();
  /** Calls a minute: the smallest plan's account-wide limit (Team, 200); Enterprise allows 700. */
  public static final int DEFAULT_REQUESTS_PER_MINUTE = REQUESTS_PER_MINUTE.defaultValue();
  /** Pages read per list at most; ten pages of 100 is also the Search API's own 1,000-result cap. */
  public static final int DEFAULT_MAX_PAGES = MAX_PAGES.defaultValue();
  /** Default connect and read timeout of one call. */
  public static final Duration DEFAULT_TIMEOUT = TIMEOUT.defaultValue();

  private final URI baseUrl;
  private final URI agentUrl;
  private final String subdomain; // as given, for toBuilder
  private final URI explicitBaseUrl; // as given, for toBuilder
  private final ZendeskAuth auth;
  private final int pageSize;
  private final int requestsPerMinute;
  private final int maxPages;
  private final Duration timeout;
  private final RetryPolicy retryPolicy;

  private ZendeskConfig(Builder b) {
    this.agentUrl = b.subdomain != null ? URI.create("https://" + b.subdomain + ".zendesk.com") : b.baseUrl;
    this.baseUrl = b.baseUrl != null ? b.baseUrl : agentUrl;
    this.subdomain = b.subdomain;
    this.explicitBaseUrl = b.baseUrl;
    this.auth = b.auth;
    this.pageSize = b.pageSize;
    this.requestsPerMinute = b.requestsPerMinute();
    this.maxPages = b.maxPages;
    this.timeout = b.timeout();
    this.retryPolicy = b.retryPolicy();
  }

  /** A builder with every default set; a subdomain or base URL, and auth, are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the {@code zendesk.*} settings described by {@link ZendeskConnectorProvider}.
   *
   * @throws IllegalArgumentException naming the setting that is missing or wrong
   */
  public static ZendeskConfig fromSettings(ConnectorConfig config) {
    Objects.requireNonNull(config, "config == null");
    Builder b = builder();
    String subdomain = SUBDOMAIN.from(config);
    if (subdomain != null) {
      b.subdomain(subdomain);
    }
    URI baseUrl = BASE_URL.from(config);
    if (baseUrl != null) {
      b.baseUrl(baseUrl);
    }
    String kind = config.require(AUTH.key()).toLowerCase(Locale.ROOT);
    try {
      b.auth(switch (kind) {
        case "api_token" -> ZendeskAuth.apiToken(config.require(EMAIL.key()), config.require(API_TOKEN.key()));
        case "oauth" -> ZendeskAuth.oauth(config.require(ACCESS_TOKEN.key()));
        default -> throw new IllegalArgumentException("zendesk.auth must be api_token or oauth, not '" + kind + "'");
      });
    } catch (IllegalArgumentException e) {
      throw e.getMessage().startsWith("zendesk.") ? e
          : new IllegalArgumentException("zendesk.auth=" + kind + ": " + e.getMessage(), e);
    }
    b.requestsPerMinute(REQUESTS_PER_MINUTE.from(config))
        .pageSize(PAGE_SIZE.from(config))
        .maxPages(MAX_PAGES.from(config))
        .timeout(TIMEOUT.from(config));
    return b.build();
  }

  /** Where API calls go, e.g. {@code https://acme.zendesk.com}. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** Where permalinks point: {@code https://{subdomain}.zendesk.com}, else the base URL. */
  public URI agentUrl() {
    return agentUrl;
  }

  /** How requests are signed. */
  public ZendeskAuth auth() {
    return auth;
  }

  /** Items per page, 1 to 100. */
  public int pageSize() {
    return pageSize;
  }

  /** Calls a minute at most, spaced evenly, across every brief this connector makes. */
  public int requestsPerMinute() {
    return requestsPerMinute;
  }

  /** Pages read per list (one search, one ticket's comments) at most. */
  public int maxPages() {
    return maxPages;
  }

  /** Connect and read timeout of each call (capped by the source's remaining deadline). */
  public Duration timeout() {
    return timeout;
  }

  /** How failed calls are retried. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** A builder starting from this config: its base URL (and so its agent URL), auth and limits. */
  public Builder toBuilder() {
    Builder b = builder().auth(auth).pageSize(pageSize).requestsPerMinute(requestsPerMinute).maxPages(maxPages)
        .timeout(timeout).retryPolicy(retryPolicy);
    b.subdomain = subdomain;
    b.baseUrl = explicitBaseUrl;
    return b;
  }

  @Override
  public String toString() {
    return "ZendeskConfig{baseUrl=" + baseUrl + ", agentUrl=" + agentUrl + ", auth=" + auth + ", pageSize=" + pageSize + ", requestsPerMinute=" + requestsPerMinute
        + ", maxPages=" + maxPages + ", timeout=" + timeout + ", retryPolicy=" + retryPolicy + "}";
  }

  /** Builds a {@link ZendeskConfig}; each setter checks its value at once. */
  public static final class Builder extends CallSettingsBuilder.Paced<Builder> {
    private String subdomain;
    private URI baseUrl;
    private ZendeskAuth auth;
    private int pageSize = DEFAULT_PAGE_SIZE;
    private int maxPages = DEFAULT_MAX_PAGES;

    private Builder() {
      super(DEFAULT_TIMEOUT, DEFAULT_REQUESTS_PER_MINUTE);
    }

    /** The account's subdomain: {@code acme} for {@code https://acme.zendesk.com}. */
    public Builder subdomain(String subdomain) {
      Objects.requireNonNull(subdomain, "subdomain == null");
      String s = subdomain.strip().toLowerCase(Locale.ROOT);
      if (!s.matches("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")) {
        throw new IllegalArgumentException("subdomain must be the first label of {subdomain}.zendesk.com, like"
            + " acme, not '" + subdomain + "'");
      }
      this.subdomain = s;
      return this;
    }

    /** Where API calls go, when not {@code https://{subdomain}.zendesk.com} (a proxy, a host-mapped domain, a test). */
    public Builder baseUrl(URI baseUrl) {
      URI url = SettingChecks.httpUrl("baseUrl", baseUrl);
      if (url.getRawQuery() != null || url.getRawFragment() != null) {
        throw new IllegalArgumentException("baseUrl must be an http(s) URL without query, like"
            + " https://acme.zendesk.com, not '" + baseUrl + "'");
      }
      this.baseUrl = url;
      return this;
    }

    /** How to sign requests. Required. */
    public Builder auth(ZendeskAuth auth) {
      this.auth = Objects.requireNonNull(auth, "auth == null");
      return this;
    }

    /** Items per page, 1 to 100. */
    public Builder pageSize(int pageSize) {
      this.pageSize = SettingChecks.between("pageSize", pageSize, 1, 100);
      return this;
    }

    /** Pages read per list at most, 1 to 100. */
    public Builder maxPages(int maxPages) {
      this.maxPages = SettingChecks.between("maxPages", maxPages, 1, 100);
      return this;
    }

    /**
     * The config.
     *
     * @throws IllegalStateException when neither a subdomain nor a base URL, or no auth, was given
     */
    public ZendeskConfig build() {
      if (subdomain == null && baseUrl == null) {
        throw new IllegalStateException("say where the account is: subdomain(\"acme\") or baseUrl(...)");
      }
      if (auth == null) {
        throw new IllegalStateException("choose how to sign in: auth(ZendeskAuth.apiToken(email, token)) or"
            + " auth(ZendeskAuth.oauth(accessToken))");
      }
      return new ZendeskConfig(this);
    }
  }
}
