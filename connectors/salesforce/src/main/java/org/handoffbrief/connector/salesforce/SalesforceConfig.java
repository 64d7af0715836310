package org.handoffbrief.connector.salesforce;

import java.net.URI;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.handoffbrief.connector.salesforce.internal.Soql;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.RetryPolicy;
import org.handoffbrief.spi.SettingChecks;

/**
 * How the Salesforce connector reaches the org and what it reads. Immutable; made with
 * {@link #builder()}, whose setters check each value at once and name the bad one, or from the
 * {@code salesforce.*} settings with {@link #fromSettings(ConnectorConfig)}. {@link #toString()} masks
 * every secret.
 *
 * <pre>{@code
 * SalesforceConfig config = SalesforceConfig.builder()
 *     .auth(SalesforceAuth.jwtBearer(clientId, "integration@acme.com", Path.of("server.key")))
 *     .vendorDomains(Set.of("acme.com"))
 *     .opportunityField("Go-live target", "Go_Live_Date__c")
 *     .build();
 * }</pre>
 */
public final class SalesforceConfig {

  /** Production login host; use {@code https://test.salesforce.com} or a My Domain URL for a sandbox. */
  public static final URI DEFAULT_LOGIN_URL = URI.create("https://login.salesforce.com");
  /** The Partner API version the bundled force-partner-api was generated from. */
  public static final String DEFAULT_API_VERSION = "65.0";
  /** Default {@code QueryOptions.batchSize}. */
  public static final int DEFAULT_BATCH_SIZE = 200;
  /** Default connect and read timeout of one call. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Pattern API_VERSION = Pattern.compile("[1-9][0-9]\\.0");
  private static final Pattern DOMAIN = Pattern.compile("(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,63}");

  private final URI loginUrl;
  private final String apiVersion;
  private final SalesforceAuth auth;
  private final Set<String> vendorDomains;
  private final Map<String, String> opportunityFields;
  private final Map<String, String> accountFields;
  private final int batchSize;
  private final Duration timeout;
  private final ZoneId timeZone;
  private final String writebackKeyField;
  private final RetryPolicy retryPolicy;

  private SalesforceConfig(Builder b) {
    this.loginUrl = b.loginUrl;
    this.apiVersion = b.apiVersion;
    this.auth = b.auth;
    this.vendorDomains = Collections.unmodifiableSet(new LinkedHashSet<>(b.vendorDomains));
    this.opportunityFields = Collections.unmodifiableMap(new LinkedHashMap<>(b.opportunityFields));
    this.accountFields = Collections.unmodifiableMap(new LinkedHashMap<>(b.accountFields));
    this.batchSize = b.batchSize;
    this.timeout = b.timeout;
    this.timeZone = b.timeZone;
    this.writebackKeyField = b.writebackKeyField;
    this.retryPolicy = b.retryPolicy;
  }

  /** A builder with every default set; only {@link Builder#auth} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the {@code salesforce.*} settings described by {@link SalesforceConnectorProvider}.
   *
   * @throws IllegalArgumentException naming the setting that is missing or wrong
   */
  public static SalesforceConfig fromSettings(ConnectorConfig config) {
    Objects.requireNonNull(config, "config == null");
    Builder b = builder();
    if (config.has("salesforce.loginUrl")) {
      b.loginUrl(config.getUri("salesforce.loginUrl"));
    }
    if (config.has("salesforce.apiVersion")) {
      b.apiVersion(config.get("salesforce.apiVersion"));
    }
    b.auth(authFrom(config));
    b.vendorDomains(config.getList("salesforce.vendorDomains"));
    b.opportunityFields(pairs(config, "salesforce.opportunityFields"));
    b.accountFields(pairs(config, "salesforce.accountFields"));
    if (config.has("salesforce.batchSize")) {
      b.batchSize(config.getInt("salesforce.batchSize"));
    }
    if (config.has("salesforce.timeout")) {
      b.timeout(config.getDuration("salesforce.timeout"));
    }
    if (config.has("salesforce.timeZone")) {
      b.timeZone(config.get("salesforce.timeZone"));
    }
    if (config.has("salesforce.writebackKeyField")) {
      b.writebackKeyField(config.get("salesforce.writebackKeyField"));
    }
    return b.build();
  }

  private static SalesforceAuth authFrom(ConnectorConfig c) {
    String kind = c.require("salesforce.auth").toLowerCase(Locale.ROOT);
    try {
      return switch (kind) {
        case "jwt" -> SalesforceAuth.jwtBearer(c.require("salesforce.clientId"), c.require("salesforce.username"),
            Path.of(c.require("salesforce.privateKeyFile")));
        case "refresh_token" -> SalesforceAuth.refreshToken(c.require("salesforce.clientId"),
            c.require("salesforce.clientSecret"), c.require("salesforce.refreshToken"));
        case "password" -> SalesforceAuth.password(c.require("salesforce.username"), c.require("salesforce.password"),
            c.get("salesforce.securityToken"));
        case "session" -> SalesforceAuth.session(c.getUri("salesforce.instanceUrl"), c.require("salesforce.sessionId"));
        default -> throw new IllegalArgumentException("salesforce.auth must be one of jwt, refresh_token, password,"
            + " session, not '" + kind + "'");
      };
    } catch (IllegalArgumentException e) {
      throw e.getMessage().startsWith("salesforce.") ? e
          : new IllegalArgumentException("salesforce.auth=" + kind + ": " + e.getMessage(), e);
    }
  }

  /** {@code Label=Field__c} items of a list setting, in order. */
  private static Map<String, String> pairs(ConnectorConfig c, String key) {
    var out = new LinkedHashMap<String, String>();
    for (String item : c.getList(key)) {
      int eq = item.lastIndexOf('=');
      if (eq <= 0 || eq == item.length() - 1) {
        throw new IllegalArgumentException(key + " items must look like Label=Field__c, not '" + item + "'");
      }
      out.put(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
    }
    return out;
  }

  /** The login host OAuth and SOAP login go to; also the JWT audience. */
  public URI loginUrl() {
    return loginUrl;
  }

  /** The API version in every endpoint, e.g. {@code 65.0}. */
  public String apiVersion() {
    return apiVersion;
  }

  /** How the connector signs in. */
  public SalesforceAuth auth() {
    return auth;
  }

  /** The vendor's own email domains, lower case; the opportunity owner's domain is added at resolution. */
  public Set<String> vendorDomains() {
    return vendorDomains;
  }

  /** Handoff fields read from the opportunity: label to field API name, in display order. */
  public Map<String, String> opportunityFields() {
    return opportunityFields;
  }

  /** Handoff fields read from the opportunity's account: label to field API name, in display order. */
  public Map<String, String> accountFields() {
    return accountFields;
  }

  /** Records per query batch (200 to 2000). */
  public int batchSize() {
    return batchSize;
  }

  /** Connect and read timeout of each call (capped by the source's remaining deadline). */
  public Duration timeout() {
    return timeout;
  }

  /**
   * The org's time zone when set here, or null (the default) to read it from the org
   * ({@code Organization.TimeZoneSidKey}) on the first resolution.
   */
  public ZoneId timeZone() {
    return timeZone;
  }

  /**
   * The Task field the handoff write-back keys its Tasks on (e.g. {@code Handoff_Key__c}); Tasks
   * with it set are the write-back's own and are not read as evidence. Null: every Task is read.
   */
  public String writebackKeyField() {
    return writebackKeyField;
  }

  /** How failed calls are retried (the write-back's included); {@link RetryPolicy#ofDefaults()} unless set. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** A builder starting from this config. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.loginUrl = loginUrl;
    b.apiVersion = apiVersion;
    b.auth = auth;
    b.vendorDomains.addAll(vendorDomains);
    b.opportunityFields.putAll(opportunityFields);
    b.accountFields.putAll(accountFields);
    b.batchSize = batchSize;
    b.timeout = timeout;
    b.timeZone = timeZone;
    b.writebackKeyField = writebackKeyField;
    b.retryPolicy = retryPolicy;
    return b;
  }

  @Override
  public String toString() {
    return "SalesforceConfig{loginUrl=" + loginUrl + ", apiVersion=" + apiVersion + ", auth=" + auth
        + ", vendorDomains=" + vendorDomains + ", opportunityFields=" + opportunityFields + ", accountFields="
        + accountFields + ", batchSize=" + batchSize + ", timeout=" + timeout + (timeZone == null ? "" : ", timeZone=" + timeZone)
        + (writebackKeyField == null ? "" : ", writebackKeyField=" + writebackKeyField) + "}";
  }

  /** Builds a {@link SalesforceConfig}; each setter checks its value at once. */
  public static final class Builder {
    private URI loginUrl = DEFAULT_LOGIN_URL;
    private String apiVersion = DEFAULT_API_VERSION;
    private SalesforceAuth auth;
    private final Set<String> vendorDomains = new LinkedHashSet<>();
    private final Map<String, String> opportunityFields = new LinkedHashMap<>();
    private final Map<String, String> accountFields = new LinkedHashMap<>();
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Duration timeout = DEFAULT_TIMEOUT;
    private ZoneId timeZone;
    private String writebackKeyField;
    private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();

    private Builder() {}

    /** The login host, e.g. {@code https://login.salesforce.com} or {@code https://acme.my.salesforce.com}. */
    public Builder loginUrl(URI loginUrl) {
      this.loginUrl = SalesforceAuth.httpUrl(loginUrl, "loginUrl");
      return this;
    }

    /** The API version, e.g. {@code 65.0}. */
    public Builder apiVersion(String apiVersion) {
      Objects.requireNonNull(apiVersion, "apiVersion == null");
      if (!API_VERSION.matcher(apiVersion.strip()).matches()) {
        throw new IllegalArgumentException("apiVersion must look like 65.0, not '" + apiVersion + "'");
      }
      this.apiVersion = apiVersion.strip();
      return this;
    }

    /** How to sign in. Required. */
    public Builder auth(SalesforceAuth auth) {
      this.auth = Objects.requireNonNull(auth, "auth == null");
      return this;
    }

    /** Replaces the vendor's own email domains ({@code acme.com}; a leading {@code @} is dropped). */
    public Builder vendorDomains(Iterable<String> domains) {
      Objects.requireNonNull(domains, "vendorDomains == null");
      var checked = new LinkedHashSet<String>();
      for (String d : domains) {
        Objects.requireNonNull(d, "vendorDomains contains null");
        String t = d.strip().toLowerCase(Locale.ROOT);
        t = t.startsWith("@") ? t.substring(1) : t;
        if (!DOMAIN.matcher(t).matches()) {
          throw new IllegalArgumentException("vendorDomains: '" + d + "' is not an email domain like acme.com");
        }
        checked.add(t);
      }
      vendorDomains.clear();
      vendorDomains.addAll(checked);
      return this;
    }

    /** Adds an opportunity handoff field, e.g. {@code ("Go-live target", "Go_Live_Date__c")}. */
    public Builder opportunityField(String label, String fieldApiName) {
      put(opportunityFields, "opportunityFields", label, fieldApiName);
      return this;
    }

    /** Replaces the opportunity handoff fields with {@code fields} (label to field API name, in order). */
    public Builder opportunityFields(Map<String, String> fields) {
      replace(opportunityFields, "opportunityFields", fields);
      return this;
    }

    /** Adds an account handoff field, e.g. {@code ("Tier", "Customer_Tier__c")}. */
    public Builder accountField(String label, String fieldApiName) {
      put(accountFields, "accountFields", label, fieldApiName);
      return this;
    }

    /** Replaces the account handoff fields with {@code fields} (label to field API name, in order). */
    public Builder accountFields(Map<String, String> fields) {
      replace(accountFields, "accountFields", fields);
      return this;
    }

    /** Records per query batch, 200 to 2000 (the Partner API's {@code QueryOptions} range). */
    public Builder batchSize(int batchSize) {
      this.batchSize = SettingChecks.between("batchSize", batchSize, 200, 2000);
      return this;
    }

    /** Connect and read timeout of each call; positive, at most 10 minutes. */
    public Builder timeout(Duration timeout) {
      this.timeout = SettingChecks.callTimeout(timeout);
      return this;
    }

    /**
     * The org's time zone, an IANA id as in the org's Company Information (e.g. {@code America/Chicago}),
     * for an integration user that may not read the Organization object; null (the default) reads it
     * from the org.
     */
    public Builder timeZone(String timeZoneSidKey) {
      if (timeZoneSidKey == null) {
        this.timeZone = null;
        return this;
      }
      try {
        this.timeZone = ZoneId.of(timeZoneSidKey.strip());
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("timeZone must be a time zone id like America/Chicago, not '"
            + timeZoneSidKey + "'", e);
      }
      return this;
    }

    /**
     * The Task field the handoff write-back keys its Tasks on ({@code writeback.taskKeyField},
     * default {@code Handoff_Key__c}). Set it for an org the write-back writes to: the brief then
     * leaves out the write-back's own Tasks (its summary and follow-ups), which would otherwise come
     * back as evidence and change every later brief. An org without the field has none of those
     * Tasks; the brief reads every Task there. Null (the default) reads every Task.
     */
    public Builder writebackKeyField(String field) {
      if (field == null || field.isBlank()) {
        this.writebackKeyField = null;
        return this;
      }
      String f = Soql.requireFieldName(field.strip());
      if (f.contains(".")) {
        throw new IllegalArgumentException("writebackKeyField must be a field on Task, not the path '" + f + "'");
      }
      this.writebackKeyField = f;
      return this;
    }

    /** How failed calls are retried; {@link RetryPolicy#ofDefaults()} unless set. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /**
     * The config.
     *
     * @throws IllegalStateException when no auth was chosen
     */
    public SalesforceConfig build() {
      if (auth == null) {
        throw new IllegalStateException("choose how to sign in: auth(SalesforceAuth.jwtBearer(...)), refreshToken(...),"
            + " password(...) or session(...)");
      }
      return new SalesforceConfig(this);
    }

    private static void put(Map<String, String> into, String what, String label, String field) {
      Objects.requireNonNull(label, what + " label == null");
      if (label.isBlank() || label.contains("\n") || label.contains(":")) {
        throw new IllegalArgumentException(what + ": label '" + label + "' must be non-blank, one line, without ':'");
      }
      Soql.requireFieldName(Objects.requireNonNull(field, what + " field for '" + label + "' == null"));
      into.put(label.strip(), field);
    }

    private static void replace(Map<String, String> into, String what, Map<String, String> fields) {
      Objects.requireNonNull(fields, what + " == null");
      var fresh = new LinkedHashMap<String, String>();
      fields.forEach((label, field) -> put(fresh, what, label, field));
      into.clear();
      into.putAll(fresh);
    }
  }
}
