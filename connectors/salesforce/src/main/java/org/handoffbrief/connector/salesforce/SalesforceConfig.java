package org.handoffbrief.connector.salesforce;

import java.net.URI;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.handoffbrief.connector.salesforce.internal.Soql;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.RetryPolicy;
import org.handoffbrief.spi.SettingChecks;
import org.handoffbrief.spi.kit.CallSettingsBuilder;
import org.handoffbrief.spi.kit.Setting;

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

  static final Setting<URI> LOGIN_URL = Setting.url("salesforce.loginUrl", "Login URL",
      "https://login.salesforce.com", "Where to sign in: https://login.salesforce.com, https://test.salesforce.com"
          + " for a sandbox, or the org's My Domain URL. Also the JWT audience.");
  static final Setting<String> API_VERSION_SETTING = Setting.string("salesforce.apiVersion", "API version", "65.0",
      "Partner API version in every endpoint.");
  static final Setting<String> AUTH = Setting.required("salesforce.auth", "Sign-in method",
      "One of jwt (OAuth 2.0 JWT bearer, recommended), refresh_token, password (SOAP login) or session.");
  static final Setting<String> CLIENT_ID = Setting.string("salesforce.clientId", "Client id", null,
      "The connected app's consumer key (jwt, refresh_token).");
  static final Setting<String> USERNAME = Setting.string("salesforce.username", "Username", null,
      "The integration user's username (jwt, password).");
  static final Setting<Path> PRIVATE_KEY_FILE = Setting.file("salesforce.privateKeyFile",
      "Private key file", "PKCS#8 PEM file with the RSA key whose certificate the connected app holds (jwt).");
  static final Setting<String> CLIENT_SECRET = Setting.secret("salesforce.clientSecret", "Client secret",
      "The connected app's consumer secret (refresh_token).");
  static final Setting<String> REFRESH_TOKEN = Setting.secret("salesforce.refreshToken", "Refresh token",
      "An OAuth refresh token (refresh_token).");
  static final Setting<String> PASSWORD = Setting.secret("salesforce.password", "Password",
      "The integration user's password (password).");
  static final Setting<String> SECURITY_TOKEN = Setting.secret("salesforce.securityToken", "Security token",
      "The integration user's security token, appended to the password (password); empty for trusted IPs.");
  static final Setting<String> SESSION_ID = Setting.secret("salesforce.sessionId", "Session id",
      "A ready session id or access token (session).");
  static final Setting<URI> INSTANCE_URL = Setting.url("salesforce.instanceUrl", "Instance URL", null,
      "The org's instance URL, e.g. https://acme.my.salesforce.com (session).");
  static final Setting<List<String>> VENDOR_DOMAINS = Setting.list("salesforce.vendorDomains", "Vendor email domains",
      "Your own company's email domains, comma-separated; they tell internal people from customers."
          + " The opportunity owner's domain is always added.");
  static final Setting<List<String>> OPPORTUNITY_FIELDS = Setting.list("salesforce.opportunityFields",
      "Opportunity handoff fields", "Handoff and qualification fields on the opportunity as Label=Field__c,"
          + " comma-separated, e.g. Go-live target=Go_Live_Date__c, Champion=Champion__c.");
  static final Setting<List<String>> ACCOUNT_FIELDS = Setting.list("salesforce.accountFields",
      "Account handoff fields",
      "Handoff fields on the account as Label=Field__c, comma-separated, e.g. Tier=Customer_Tier__c.");
  static final Setting<Integer> BATCH_SIZE = Setting.integer("salesforce.batchSize", "Query batch size", 200,
      "Records per query batch, 200 to 2000.");
  static final Setting<Duration> TIMEOUT = Setting.duration("salesforce.timeout", "Call timeout", "30s",
      "Connect and read timeout of each call, e.g. 30s or PT30S.");
  static final Setting<String> TIME_ZONE = Setting.string("salesforce.timeZone", "Org time zone", null,
      "The org's time zone as in Setup > Company Information, e.g. America/Chicago. Close dates are days in"
          + " this zone, so the sales cycle ends at midnight there. By default it is read from the org"
          + " (Organization.TimeZoneSidKey); set it only when the integration user may not read Organization.");
  static final Setting<String> WRITEBACK_KEY_FIELD = Setting.string("salesforce.writebackKeyField",
      "Write-back key field on Task", null,
      "For an org the handoff write-back writes to: its Task key field (writeback.taskKeyField, e.g."
          + " Handoff_Key__c). Tasks with it set are the write-back's own and are not read back into a brief.");
  /** Every {@code salesforce.*} setting, declared once: the provider lists these and {@link #fromSettings} reads them. */
  static final List<Setting<?>> SETTINGS = List.of(LOGIN_URL, API_VERSION_SETTING, AUTH, CLIENT_ID, USERNAME,
      PRIVATE_KEY_FILE, CLIENT_SECRET, REFRESH_TOKEN, PASSWORD, SECURITY_TOKEN, SESSION_ID, INSTANCE_URL,
      VENDOR_DOMAINS, OPPORTUNITY_FIELDS, ACCOUNT_FIELDS, BATCH_SIZE, TIMEOUT, TIME_ZONE, WRITEBACK_KEY_FIELD);

  /** Production login host; use {@code https://test.salesforce.com} or a My Domain URL for a sandbox. */
  public static final URI DEFAULT_LOGIN_URL = LOGIN_URL.defaultValue();
  /** The Partner API version the bundled force-partner-api was generated from. */
  public static final String DEFAULT_API_VERSION = API_VERSION_SETTING.defaultValue();
  /** Default {@code QueryOptions.batchSize}. */
  public static final int DEFAULT_BATCH_SIZE = BATCH_SIZE.defaultValue();
  /** Default connect and read timeout of one call. */
  public static final Duration DEFAULT_TIMEOUT = TIMEOUT.defaultValue();

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
    this.timeout = b.timeout();
    this.timeZone = b.timeZone;
    this.writebackKeyField = b.writebackKeyField;
    this.retryPolicy = b.retryPolicy();
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
    return builder()
        .loginUrl(LOGIN_URL.from(config))
        .apiVersion(API_VERSION_SETTING.from(config))
        .auth(authFrom(config))
        .vendorDomains(VENDOR_DOMAINS.from(config))
        .opportunityFields(pairs(config, OPPORTUNITY_FIELDS))
        .accountFields(pairs(config, ACCOUNT_FIELDS))
        .batchSize(BATCH_SIZE.from(config))
        .timeout(TIMEOUT.from(config))
        .timeZone(TIME_ZONE.from(config))
        .writebackKeyField(WRITEBACK_KEY_FIELD.from(config))
        .build();
  }

  private static SalesforceAuth authFrom(ConnectorConfig c) {
    String kind = c.require(AUTH.key()).toLowerCase(Locale.ROOT);
    try {
      return switch (kind) {
        case "jwt" -> SalesforceAuth.jwtBearer(c.require(CLIENT_ID.key()), c.require(USERNAME.key()),
            c.getPath(PRIVATE_KEY_FILE.key()));
        case "refresh_token" -> SalesforceAuth.refreshToken(c.require(CLIENT_ID.key()),
            c.require(CLIENT_SECRET.key()), c.require(REFRESH_TOKEN.key()));
        case "password" -> SalesforceAuth.password(c.require(USERNAME.key()), c.require(PASSWORD.key()),
            SECURITY_TOKEN.from(c));
        case "session" -> SalesforceAuth.session(c.getUri(INSTANCE_URL.key()), c.require(SESSION_ID.key()));
        default -> throw new IllegalArgumentException("salesforce.auth must be one of jwt, refresh_token, password,"
            + " session, not '" + kind + "'");
      };
    } catch (IllegalArgumentException e) {
      throw e.getMessage().startsWith("salesforce.") ? e
          : new IllegalArgumentException("salesforce.auth=" + kind + ": " + e.getMessage(), e);
    }
  }

  /** {@code Label=Field__c} items of a list setting, in order. */
  private static Map<String, String> pairs(ConnectorConfig c, Setting<List<String>> setting) {
    String key = setting.key();
    var out = new LinkedHashMap<String, String>();
    for (String item : setting.from(c)) {
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
    b.timeout(timeout);
    b.timeZone = timeZone;
    b.writebackKeyField = writebackKeyField;
    b.retryPolicy(retryPolicy);
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
  public static final class Builder extends CallSettingsBuilder<Builder> {
    private URI loginUrl = DEFAULT_LOGIN_URL;
    private String apiVersion = DEFAULT_API_VERSION;
    private SalesforceAuth auth;
    private final Set<String> vendorDomains = new LinkedHashSet<>();
    private final Map<String, String> opportunityFields = new LinkedHashMap<>();
    private final Map<String, String> accountFields = new LinkedHashMap<>();
    private int batchSize = DEFAULT_BATCH_SIZE;
    private ZoneId timeZone;
    private String writebackKeyField;

    private Builder() {
      super(DEFAULT_TIMEOUT);
    }

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
