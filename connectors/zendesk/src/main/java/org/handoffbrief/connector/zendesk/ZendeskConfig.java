package org.handoffbrief.connector.zendesk;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.SettingChecks;
import org.handoffbrief.spi.RetryPolicy;

/**
 * Where the Zendesk connector reads and how. Immutable; made with {@link #builder()}, whose
 * setters check each value at once and name the bad one, or from the {@code zendesk.*} settings
 * with {@link #fromSettings(ConnectorConfig)}. {@link #toString()} masks the token.
 *
 * <pre>{@code
 * ZendeskConfig config = ZendeskConfig.builder()
 *     .subdomain("northwind")
 *     .auth(ZendeskAuth.apiToken("handoff-bot@northwind-analytics.com", apiToken))
 *     .build();
 * }</pre>
 */
public final class ZendeskConfig {

  /** Items per page; 100 is the most Zendesk serves. */
  public static final int DEFAULT_PAGE_SIZE = 100;
  /** Calls a minute: the smallest plan's account-wide limit (Team, 200); Enterprise allows 700. */
  public static final int DEFAULT_REQUESTS_PER_MINUTE = 200;
  /** Pages read per list at most; ten pages of 100 is also the Search API's own 1,000-result cap. */
  public static final int DEFAULT_MAX_PAGES = 10;
  /** Default connect and read timeout of one call. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final URI baseUrl;
  private final URI agentUrl;
  private final ZendeskAuth auth;
  private final int pageSize;
  private final int requestsPerMinute;
  private final int maxPages;
  private final Duration timeout;
  private final RetryPolicy retryPolicy;

  private ZendeskConfig(Builder b) {
    this.agentUrl = b.subdomain != null ? URI.create("https://" + b.subdomain + ".zendesk.com") : b.baseUrl;
    this.baseUrl = b.baseUrl != null ? b.baseUrl : agentUrl;
    this.auth = b.auth;
    this.pageSize = b.pageSize;
    this.requestsPerMinute = b.requestsPerMinute;
    this.maxPages = b.maxPages;
    this.timeout = b.timeout;
    this.retryPolicy = b.retryPolicy;
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
    if (config.has("zendesk.subdomain")) {
      b.subdomain(config.get("zendesk.subdomain"));
    }
    if (config.has("zendesk.baseUrl")) {
      b.baseUrl(config.getUri("zendesk.baseUrl"));
    }
    String kind = config.require("zendesk.auth").toLowerCase(Locale.ROOT);
    try {
      b.auth(switch (kind) {
        case "api_token" -> ZendeskAuth.apiToken(config.require("zendesk.email"), config.require("zendesk.apiToken"));
        case "oauth" -> ZendeskAuth.oauth(config.require("zendesk.accessToken"));
        default -> throw new IllegalArgumentException("zendesk.auth must be api_token or oauth, not '" + kind + "'");
      });
    } catch (IllegalArgumentException e) {
      throw e.getMessage().startsWith("zendesk.") ? e
          : new IllegalArgumentException("zendesk.auth=" + kind + ": " + e.getMessage(), e);
    }
    if (config.has("zendesk.requestsPerMinute")) {
      b.requestsPerMinute(config.getInt("zendesk.requestsPerMinute"));
    }
    if (config.has("zendesk.pageSize")) {
      b.pageSize(config.getInt("zendesk.pageSize"));
    }
    if (config.has("zendesk.maxPages")) {
      b.maxPages(config.getInt("zendesk.maxPages"));
    }
    if (config.has("zendesk.timeout")) {
      b.timeout(config.getDuration("zendesk.timeout"));
    }
    return b.build();
  }

  /** Where API calls go, e.g. {@code https://northwind.zendesk.com}. */
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

  @Override
  public String toString() {
    return "ZendeskConfig{baseUrl=" + baseUrl + ", agentUrl=" + agentUrl + ", auth=" + auth + ", pageSize=" + pageSize + ", requestsPerMinute=" + requestsPerMinute
        + ", maxPages=" + maxPages + ", timeout=" + timeout + ", retryPolicy=" + retryPolicy + "}";
  }

  /** Builds a {@link ZendeskConfig}; each setter checks its value at once. */
  public static final class Builder {
    private String subdomain;
    private URI baseUrl;
    private ZendeskAuth auth;
    private int pageSize = DEFAULT_PAGE_SIZE;
    private int requestsPerMinute = DEFAULT_REQUESTS_PER_MINUTE;
    private int maxPages = DEFAULT_MAX_PAGES;
    private Duration timeout = DEFAULT_TIMEOUT;
    private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();

    private Builder() {}

    /** The account's subdomain: {@code northwind} for {@code https://northwind.zendesk.com}. */
    public Builder subdomain(String subdomain) {
      Objects.requireNonNull(subdomain, "subdomain == null");
      String s = subdomain.strip().toLowerCase(Locale.ROOT);
      if (!s.matches("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")) {
        throw new IllegalArgumentException("subdomain must be the first label of {subdomain}.zendesk.com, like"
            + " northwind, not '" + subdomain + "'");
      }
      this.subdomain = s;
      return this;
    }

    /** Where API calls go, when not {@code https://{subdomain}.zendesk.com} (a proxy, a host-mapped domain, a test). */
    public Builder baseUrl(URI baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl == null");
      if (baseUrl.getScheme() == null || !baseUrl.getScheme().matches("https?") || baseUrl.getHost() == null
          || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
        throw new IllegalArgumentException("baseUrl must be an http(s) URL without query, like"
            + " https://northwind.zendesk.com, not '" + baseUrl + "'");
      }
      String s = baseUrl.toString();
      this.baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
      return this;
    }

    /** How to sign requests. Required. */
    public Builder auth(ZendeskAuth auth) {
      this.auth = Objects.requireNonNull(auth, "auth == null");
      return this;
    }

    /** Items per page, 1 to 100. */
    /** Client-side pacing of this connector's calls, shared by every brief it makes; at least 1. */
    public Builder requestsPerMinute(int n) {
      this.requestsPerMinute = SettingChecks.between("requestsPerMinute", n, 1, 1_000_000);
      return this;
    }

    public Builder pageSize(int pageSize) {
      this.pageSize = SettingChecks.between("pageSize", pageSize, 1, 100);
      return this;
    }

    /** Pages read per list at most, 1 to 100. */
    public Builder maxPages(int maxPages) {
      this.maxPages = SettingChecks.between("maxPages", maxPages, 1, 100);
      return this;
    }

    /** Connect and read timeout of each call; positive, at most 10 minutes. */
    public Builder timeout(Duration timeout) {
      this.timeout = SettingChecks.callTimeout(timeout);
      return this;
    }

    /** How failed calls are retried; defaults to {@link RetryPolicy#ofDefaults()}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /**
     * The config.
     *
     * @throws IllegalStateException when neither a subdomain nor a base URL, or no auth, was given
     */
    public ZendeskConfig build() {
      if (subdomain == null && baseUrl == null) {
        throw new IllegalStateException("say where the account is: subdomain(\"northwind\") or baseUrl(...)");
      }
      if (auth == null) {
        throw new IllegalStateException("choose how to sign in: auth(ZendeskAuth.apiToken(email, token)) or"
            + " auth(ZendeskAuth.oauth(accessToken))");
      }
      return new ZendeskConfig(this);
    }
  }
}
