package org.handoffbrief.connector.gong;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.RetryPolicy;
import org.handoffbrief.spi.SettingChecks;
import org.handoffbrief.spi.kit.CallSettingsBuilder;
import org.handoffbrief.spi.kit.Setting;

/**
 * How the Gong connector reaches Gong and what it reads. Immutable; made with {@link #builder()},
 * whose setters check each value at once and name the bad one, or from the {@code gong.*}
 * settings with {@link #fromSettings(ConnectorConfig)}. {@link #toString()} masks every secret.
 *
 * <pre>{@code
 * GongConfig config = GongConfig.builder()
 *     .baseUrl(URI.create("https://us-14321.api.gong.io"))
 *     .accessKey(System.getenv("GONG_ACCESS_KEY"), System.getenv("GONG_ACCESS_KEY_SECRET"))
 *     .build();
 * }</pre>
 *
 * <p>Scopes (least privilege): {@code api:calls:read:extensive} to list calls with their parties
 * and {@code api:calls:read:transcript} for transcript excerpts (not needed when
 * {@link Builder#transcripts(boolean) transcripts} is off). Nothing is ever written.
 */
public final class GongConfig {

  static final Setting<URI> BASE_URL = Setting.url("gong.baseUrl", "API base URL", "https://api.gong.io",
      "Gong's API host: https://api.gong.io, or your company's own host such as https://us-14321.api.gong.io"
          + " (shown on Gong's API settings page).");
  static final Setting<String> ACCESS_KEY = Setting.string("gong.accessKey", "Access key", null,
      "The API access key a Gong technical administrator made (Company settings, API). Its scopes must"
          + " include api:calls:read:extensive and api:calls:read:transcript.");
  static final Setting<String> ACCESS_KEY_SECRET = Setting.secret("gong.accessKeySecret", "Access key secret",
      "The access key's secret.");
  static final Setting<String> BEARER_TOKEN = Setting.secret("gong.bearerToken", "OAuth access token",
      "Instead of an access key: an OAuth app's access token with the scopes api:calls:read:extensive and"
          + " api:calls:read:transcript.");
  static final Setting<Duration> LEAD_TIME = Setting.duration("gong.leadTime", "Lead time", "48h",
      "Calls are read from this long before the sales cycle's start, e.g. 48h or P2D.");
  static final Setting<Duration> PROCESSING_LAG = Setting.duration("gong.processingLag", "Processing lag", "24h",
      "Calls are read until this long after the close: Gong finishes processing a call some time after it"
          + " ends.");
  static final Setting<Integer> MAX_REQUESTS_PER_SECOND = Setting.integer("gong.maxRequestsPerSecond",
      "Requests per second", 3,
      "Client-side pacing, 1 to 100; Gong's default company limit is 3 calls a second and 10,000 a day.");
  static final Setting<Boolean> TRANSCRIPTS = Setting.bool("gong.transcripts", "Read transcripts", true,
      "Read transcript excerpts (scope api:calls:read:transcript); false reads the calls only.");
  static final Setting<Boolean> BRIEFS = Setting.bool("gong.briefs", "Read call briefs", true,
      "Ask for Gong's short call brief and put it under the call's header.");
  static final Setting<Integer> MAX_CALLS = Setting.integer("gong.maxCalls", "Most calls per deal", 100,
      "The most of the deal's calls read in the first round, 1 to 1000.");
  static final Setting<Integer> FOLLOW_UP_MAX_CALLS = Setting.integer("gong.followUpMaxCalls",
      "Most follow-up calls", 10,
      "The most calls read in the second round (new customer-side people), 0 to 100; 0 turns the round off.");
  static final Setting<String> WORKSPACE_ID = Setting.string("gong.workspaceId", "Workspace id", null,
      "Read only this Gong workspace (its numeric id); empty reads every workspace the key sees.");
  static final Setting<List<String>> PRIMARY_USER_IDS = Setting.list("gong.primaryUserIds", "Hosts",
      "List only calls hosted by these Gong user ids, comma-separated (e.g. the sales team's); empty lists"
          + " every host's calls.");
  static final Setting<Duration> TIMEOUT = Setting.duration("gong.timeout", "Request timeout", "30s",
      "Connect and read timeout of each request, e.g. 30s or PT30S.");
  /** Every {@code gong.*} setting, declared once: the provider lists these and {@link #fromSettings} reads them. */
  static final List<Setting<?>> SETTINGS = List.of(BASE_URL, ACCESS_KEY, ACCESS_KEY_SECRET, BEARER_TOKEN, LEAD_TIME,
      PROCESSING_LAG, MAX_REQUESTS_PER_SECOND, TRANSCRIPTS, BRIEFS, MAX_CALLS, FOLLOW_UP_MAX_CALLS, WORKSPACE_ID,
      PRIMARY_USER_IDS, TIMEOUT);

  /** Gong's default API host; a company may be served from its own {@code https://us-NNNNN.api.gong.io}. */
  public static final URI DEFAULT_BASE_URL = BASE_URL.defaultValue();
  /** How far before the sales cycle's start calls are read, by default. */
  public static final Duration DEFAULT_LEAD_TIME = LEAD_TIME.defaultValue();
  /** How far past the close calls are read, by default: Gong finishes processing a call hours after it ends. */
  public static final Duration DEFAULT_PROCESSING_LAG = PROCESSING_LAG.defaultValue();
  /** Gong's documented default company limit is 3 calls a second. */
  public static final int DEFAULT_MAX_REQUESTS_PER_SECOND = MAX_REQUESTS_PER_SECOND.defaultValue();
  /** At most this many of the deal's calls are read in the first round, by default. */
  public static final int DEFAULT_MAX_CALLS = MAX_CALLS.defaultValue();
  /** At most this many calls are read in the follow-up round, by default. */
  public static final int DEFAULT_FOLLOW_UP_MAX_CALLS = FOLLOW_UP_MAX_CALLS.defaultValue();
  /** The longest lead time or processing lag. */
  private static final Duration MAX_MARGIN = Duration.ofDays(90);
  /** Default connect and read timeout of one request. */
  public static final Duration DEFAULT_TIMEOUT = TIMEOUT.defaultValue();

  private final URI baseUrl;
  private final String authorization;
  private final String authKind;
  private final Duration leadTime;
  private final Duration processingLag;
  private final int maxRequestsPerSecond;
  private final boolean transcripts;
  private final boolean briefs;
  private final int maxCalls;
  private final int followUpMaxCalls;
  private final String workspaceId;
  private final Set<String> primaryUserIds;
  private final Duration timeout;
  private final RetryPolicy retryPolicy;

  private GongConfig(Builder b) {
    this.baseUrl = b.baseUrl;
    this.authorization = b.authorization;
    this.authKind = b.authKind;
    this.leadTime = b.leadTime;
    this.processingLag = b.processingLag;
    this.maxRequestsPerSecond = b.maxRequestsPerSecond;
    this.transcripts = b.transcripts;
    this.briefs = b.briefs;
    this.maxCalls = b.maxCalls;
    this.followUpMaxCalls = b.followUpMaxCalls;
    this.workspaceId = b.workspaceId;
    this.primaryUserIds = Set.copyOf(b.primaryUserIds);
    this.timeout = b.timeout();
    this.retryPolicy = b.retryPolicy();
  }

  /** A builder with every default set; only the credentials are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the {@code gong.*} settings described by {@link GongConnectorProvider}.
   *
   * @throws IllegalArgumentException naming the setting that is missing or wrong
   */
  public static GongConfig fromSettings(ConnectorConfig config) {
    Objects.requireNonNull(config, "config == null");
    Builder b = builder();
    boolean key = config.has(ACCESS_KEY.key()) || config.has(ACCESS_KEY_SECRET.key());
    boolean bearer = config.has(BEARER_TOKEN.key());
    if (key && bearer) {
      throw new IllegalArgumentException("gong: set either gong.accessKey with gong.accessKeySecret, or"
          + " gong.bearerToken, not both");
    }
    if (bearer) {
      b.bearerToken(BEARER_TOKEN.from(config));
    } else if (key) {
      b.accessKey(config.require(ACCESS_KEY.key()), config.require(ACCESS_KEY_SECRET.key()));
    } else {
      throw new IllegalArgumentException("gong: set gong.accessKey and gong.accessKeySecret (an API key made by a"
          + " Gong technical administrator) or gong.bearerToken (an OAuth app's access token)");
    }
    return b.baseUrl(BASE_URL.from(config))
        .leadTime(LEAD_TIME.from(config))
        .processingLag(PROCESSING_LAG.from(config))
        .maxRequestsPerSecond(MAX_REQUESTS_PER_SECOND.from(config))
        .transcripts(TRANSCRIPTS.from(config))
        .briefs(BRIEFS.from(config))
        .maxCalls(MAX_CALLS.from(config))
        .followUpMaxCalls(FOLLOW_UP_MAX_CALLS.from(config))
        .workspaceId(WORKSPACE_ID.from(config))
        .primaryUserIds(PRIMARY_USER_IDS.from(config))
        .timeout(TIMEOUT.from(config))
        .build();
  }

  /** The API host, e.g. {@code https://api.gong.io}; paths {@code /v2/...} are added to it. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** {@code basic} (access key and secret) or {@code bearer} (OAuth app). */
  public String authKind() {
    return authKind;
  }

  /** The {@code Authorization} header value; never logged. */
  String authorizationHeader() {
    return authorization;
  }

  /** How far before the sales cycle's start calls are read. */
  public Duration leadTime() {
    return leadTime;
  }

  /** How far past the close calls are read (Gong processes a call some time after it ends). */
  public Duration processingLag() {
    return processingLag;
  }

  /** The most requests this connector sends a second, across all briefs it serves. */
  public int maxRequestsPerSecond() {
    return maxRequestsPerSecond;
  }

  /** Whether transcript excerpts are read (needs scope {@code api:calls:read:transcript}). */
  public boolean transcripts() {
    return transcripts;
  }

  /** Whether Gong's call brief (its short AI summary) is asked for and put in the call's text. */
  public boolean briefs() {
    return briefs;
  }

  /** The most calls read for one deal in the first round. */
  public int maxCalls() {
    return maxCalls;
  }

  /** The most calls read for one deal in the follow-up round. */
  public int followUpMaxCalls() {
    return followUpMaxCalls;
  }

  /** The Gong workspace to read, or null for every workspace the key can see. */
  public String workspaceId() {
    return workspaceId;
  }

  /** When not empty, only calls hosted by these Gong users are listed. */
  public Set<String> primaryUserIds() {
    return primaryUserIds;
  }

  /** Connect and read timeout of each request (capped by the source's remaining deadline). */
  public Duration timeout() {
    return timeout;
  }

  /** How failed requests are retried. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** A builder starting from this config, credentials included. */
  public Builder toBuilder() {
    Builder b = builder().baseUrl(baseUrl).leadTime(leadTime).processingLag(processingLag)
        .maxRequestsPerSecond(maxRequestsPerSecond).transcripts(transcripts).briefs(briefs).maxCalls(maxCalls)
        .followUpMaxCalls(followUpMaxCalls).workspaceId(workspaceId).primaryUserIds(List.copyOf(primaryUserIds))
        .timeout(timeout).retryPolicy(retryPolicy);
    b.authorization = authorization;
    b.authKind = authKind;
    return b;
  }

  @Override
  public String toString() {
    return "GongConfig{baseUrl=" + baseUrl + ", auth=" + authKind + " ****, leadTime=" + leadTime
        + ", processingLag=" + processingLag + ", maxRequestsPerSecond=" + maxRequestsPerSecond + ", transcripts="
        + transcripts + ", briefs=" + briefs + ", maxCalls=" + maxCalls + ", followUpMaxCalls=" + followUpMaxCalls
        + ", workspaceId=" + workspaceId + ", primaryUserIds=" + primaryUserIds + ", timeout=" + timeout
        + ", retryPolicy=" + retryPolicy + "}";
  }

  /** Builds a {@link GongConfig}; each setter checks its value at once. */
  public static final class Builder extends CallSettingsBuilder<Builder> {
    private URI baseUrl = DEFAULT_BASE_URL;
    private String authorization;
    private String authKind;
    private Duration leadTime = DEFAULT_LEAD_TIME;
    private Duration processingLag = DEFAULT_PROCESSING_LAG;
    private int maxRequestsPerSecond = DEFAULT_MAX_REQUESTS_PER_SECOND;
    private boolean transcripts = true;
    private boolean briefs = true;
    private int maxCalls = DEFAULT_MAX_CALLS;
    private int followUpMaxCalls = DEFAULT_FOLLOW_UP_MAX_CALLS;
    private String workspaceId;
    private final Set<String> primaryUserIds = new LinkedHashSet<>();

    private Builder() {
      super(DEFAULT_TIMEOUT);
    }

    /** The API host: {@code https://api.gong.io} or the company's {@code https://us-NNNNN.api.gong.io}. */
    public Builder baseUrl(URI baseUrl) {
      this.baseUrl = SettingChecks.httpUrl("baseUrl", baseUrl);
      return this;
    }

    /** Basic authentication with an API access key and its secret (Gong's "Retrieve manually"). */
    public Builder accessKey(String accessKey, String accessKeySecret) {
      Objects.requireNonNull(accessKey, "accessKey == null");
      Objects.requireNonNull(accessKeySecret, "accessKeySecret == null");
      if (accessKey.isBlank() || accessKeySecret.isBlank() || accessKey.contains(":")) {
        throw new IllegalArgumentException("accessKey must be non-blank without ':' and accessKeySecret non-blank");
      }
      String pair = accessKey.strip() + ":" + accessKeySecret.strip();
      this.authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
      this.authKind = "basic";
      return this;
    }

    /** Bearer authentication with an OAuth app's access token. */
    public Builder bearerToken(String token) {
      Objects.requireNonNull(token, "bearerToken == null");
      if (token.isBlank() || token.strip().contains(" ")) {
        throw new IllegalArgumentException("bearerToken must be one non-blank word");
      }
      this.authorization = "Bearer " + token.strip();
      this.authKind = "bearer";
      return this;
    }

    /** How far before the sales cycle's start calls are read; 0 to 90 days. */
    public Builder leadTime(Duration leadTime) {
      this.leadTime = SettingChecks.upTo("leadTime", leadTime, MAX_MARGIN);
      return this;
    }

    /** How far past the close calls are read; 0 to 90 days. */
    public Builder processingLag(Duration processingLag) {
      this.processingLag = SettingChecks.upTo("processingLag", processingLag, MAX_MARGIN);
      return this;
    }

    /** The most requests a second, 1 to 100 (Gong's default company limit is 3). */
    public Builder maxRequestsPerSecond(int n) {
      this.maxRequestsPerSecond = SettingChecks.between("maxRequestsPerSecond", n, 1, 100);
      return this;
    }

    /** Whether to read transcript excerpts; on by default. */
    public Builder transcripts(boolean transcripts) {
      this.transcripts = transcripts;
      return this;
    }

    /** Whether to ask for Gong's call brief; on by default. */
    public Builder briefs(boolean briefs) {
      this.briefs = briefs;
      return this;
    }

    /** The most calls read for one deal in the first round, 1 to 1000. */
    public Builder maxCalls(int n) {
      this.maxCalls = SettingChecks.between("maxCalls", n, 1, 1000);
      return this;
    }

    /** The most calls read for one deal in the follow-up round, 0 to 100 (0 turns the round off). */
    public Builder followUpMaxCalls(int n) {
      this.followUpMaxCalls = SettingChecks.between("followUpMaxCalls", n, 0, 100);
      return this;
    }

    /** Reads only this workspace (Gong's numeric workspace id), or every workspace when null. */
    public Builder workspaceId(String workspaceId) {
      if (workspaceId != null && !workspaceId.strip().matches("[0-9]{1,20}")) {
        throw new IllegalArgumentException("workspaceId must be Gong's numeric id (up to 20 digits), not '"
            + workspaceId + "'");
      }
      this.workspaceId = workspaceId == null ? null : workspaceId.strip();
      return this;
    }

    /** Lists only calls hosted by these Gong users (numeric ids); empty for every host. */
    public Builder primaryUserIds(List<String> ids) {
      Objects.requireNonNull(ids, "primaryUserIds == null");
      var checked = new LinkedHashSet<String>();
      for (String id : ids) {
        if (id == null || !id.strip().matches("[0-9]{1,20}")) {
          throw new IllegalArgumentException("primaryUserIds must be Gong's numeric user ids, not '" + id + "'");
        }
        checked.add(id.strip());
      }
      primaryUserIds.clear();
      primaryUserIds.addAll(checked);
      return this;
    }

    /**
     * The config.
     *
     * @throws IllegalStateException when no credentials were given
     */
    public GongConfig build() {
      if (authorization == null) {
        throw new IllegalStateException("give Gong credentials: accessKey(key, secret) or bearerToken(token)");
      }
      return new GongConfig(this);
    }
  }
}
