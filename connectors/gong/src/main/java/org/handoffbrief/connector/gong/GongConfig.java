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
import org.handoffbrief.spi.SettingChecks;
import org.handoffbrief.spi.RetryPolicy;

/**
 * How the Gong connector reaches Gong and what it reads. Immutable; made with {@link #builder()},
 * whose setters check each value at once and name the bad one, or from the {@code gong.*}
 * settings with {@link #from(ConnectorConfig)}. {@link #toString()} masks every secret.
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

  /** Gong's default API host; a company may be served from its own {@code https://us-NNNNN.api.gong.io}. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.gong.io");
  /** How far before the sales cycle's start calls are read, by default. */
  public static final Duration DEFAULT_LEAD_TIME = Duration.ofDays(2);
  /** How far past the close calls are read, by default: Gong finishes processing a call hours after it ends. */
  public static final Duration DEFAULT_PROCESSING_LAG = Duration.ofDays(1);
  /** Gong's documented default company limit is 3 calls a second. */
  public static final int DEFAULT_MAX_REQUESTS_PER_SECOND = 3;
  /** At most this many of the deal's calls are read in the first round, by default. */
  public static final int DEFAULT_MAX_CALLS = 100;
  /** At most this many calls are read in the follow-up round, by default. */
  public static final int DEFAULT_FOLLOW_UP_MAX_CALLS = 10;
  /** Default connect and read timeout of one request. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

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
    this.timeout = b.timeout;
    this.retryPolicy = b.retryPolicy;
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
  public static GongConfig from(ConnectorConfig config) {
    Objects.requireNonNull(config, "config == null");
    Builder b = builder();
    if (config.has("gong.baseUrl")) {
      b.baseUrl(config.getUri("gong.baseUrl"));
    }
    boolean key = config.has("gong.accessKey") || config.has("gong.accessKeySecret");
    boolean bearer = config.has("gong.bearerToken");
    if (key && bearer) {
      throw new IllegalArgumentException("gong: set either gong.accessKey with gong.accessKeySecret, or"
          + " gong.bearerToken, not both");
    }
    if (bearer) {
      b.bearerToken(config.get("gong.bearerToken"));
    } else if (key) {
      b.accessKey(config.require("gong.accessKey"), config.require("gong.accessKeySecret"));
    } else {
      throw new IllegalArgumentException("gong: set gong.accessKey and gong.accessKeySecret (an API key made by a"
          + " Gong technical administrator) or gong.bearerToken (an OAuth app's access token)");
    }
    if (config.has("gong.leadTime")) {
      b.leadTime(config.getDuration("gong.leadTime"));
    }
    if (config.has("gong.processingLag")) {
      b.processingLag(config.getDuration("gong.processingLag"));
    }
    if (config.has("gong.maxRequestsPerSecond")) {
      b.maxRequestsPerSecond(config.getInt("gong.maxRequestsPerSecond"));
    }
    if (config.has("gong.transcripts")) {
      b.transcripts(config.getBoolean("gong.transcripts"));
    }
    if (config.has("gong.briefs")) {
      b.briefs(config.getBoolean("gong.briefs"));
    }
    if (config.has("gong.maxCalls")) {
      b.maxCalls(config.getInt("gong.maxCalls"));
    }
    if (config.has("gong.followUpMaxCalls")) {
      b.followUpMaxCalls(config.getInt("gong.followUpMaxCalls"));
    }
    if (config.has("gong.workspaceId")) {
      b.workspaceId(config.get("gong.workspaceId"));
    }
    b.primaryUserIds(config.getList("gong.primaryUserIds"));
    if (config.has("gong.timeout")) {
      b.timeout(config.getDuration("gong.timeout"));
    }
    return b.build();
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

  @Override
  public String toString() {
    return "GongConfig{baseUrl=" + baseUrl + ", auth=" + authKind + " ****, leadTime=" + leadTime
        + ", processingLag=" + processingLag + ", maxRequestsPerSecond=" + maxRequestsPerSecond + ", transcripts="
        + transcripts + ", briefs=" + briefs + ", maxCalls=" + maxCalls + ", followUpMaxCalls=" + followUpMaxCalls
        + ", workspaceId=" + workspaceId + ", primaryUserIds=" + primaryUserIds + ", timeout=" + timeout
        + ", retryPolicy=" + retryPolicy + "}";
  }

  /** Builds a {@link GongConfig}; each setter checks its value at once. */
  public static final class Builder {
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
    private Duration timeout = DEFAULT_TIMEOUT;
    private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();

    private Builder() {}

    /** The API host: {@code https://api.gong.io} or the company's {@code https://us-NNNNN.api.gong.io}. */
    public Builder baseUrl(URI baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl == null");
      String scheme = baseUrl.getScheme();
      if (!"https".equals(scheme) && !"http".equals(scheme) || baseUrl.getHost() == null) {
        throw new IllegalArgumentException("baseUrl must be an http(s) URL like https://api.gong.io, not " + baseUrl);
      }
      String s = baseUrl.toString();
      this.baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
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
      this.leadTime = margin(leadTime, "leadTime");
      return this;
    }

    /** How far past the close calls are read; 0 to 90 days. */
    public Builder processingLag(Duration processingLag) {
      this.processingLag = margin(processingLag, "processingLag");
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

    /** Connect and read timeout of each request; positive, at most 10 minutes. */
    public Builder timeout(Duration timeout) {
      this.timeout = SettingChecks.callTimeout(timeout);
      return this;
    }

    /** How failed requests are retried; {@link RetryPolicy#ofDefaults()} unless set. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
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

    private static Duration margin(Duration d, String what) {
      Objects.requireNonNull(d, what + " == null");
      if (d.isNegative() || d.compareTo(Duration.ofDays(90)) > 0) {
        throw new IllegalArgumentException(what + " must be between 0 and 90 days, not " + d);
      }
      return d;
    }
  }
}
