package org.handoffbrief.connector.microsoft;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
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
 * How the Outlook connector reaches Microsoft Graph and what it reads. Immutable; made with
 * {@link #builder()}, whose setters check each value at once and name the bad one, or from the
 * {@code outlook.*} settings with {@link #fromSettings(ConnectorConfig)}. {@link #toString()} masks the
 * client secret and never shows the key.
 *
 * <pre>{@code
 * OutlookConfig config = OutlookConfig.builder()
 *     .tenantId("contoso.onmicrosoft.com")
 *     .clientId("11111111-2222-3333-4444-555555555555")
 *     .clientSecret(System.getenv("GRAPH_CLIENT_SECRET"))
 *     .build();
 * }</pre>
 */
public final class OutlookConfig {

  static final Setting<String> TENANT_ID = Setting.required("outlook.tenantId", "Tenant id",
      "The Microsoft Entra directory (tenant) id or a verified domain, e.g. contoso.onmicrosoft.com.");
  static final Setting<String> CLIENT_ID = Setting.required("outlook.clientId", "Client id",
      "The app registration's application (client) id. It needs the Microsoft Graph application permissions"
          + " Mail.Read and Calendars.Read with admin consent (read-only; least privilege); restrict it to the AEs'"
          + " and SEs' mailboxes with an application access policy.");
  static final Setting<String> CLIENT_SECRET = Setting.secret("outlook.clientSecret", "Client secret",
      "The app registration's client secret. Set this or outlook.certificateFile with outlook.privateKeyFile.");
  static final Setting<Path> CERTIFICATE_FILE = Setting.file("outlook.certificateFile", "Certificate file",
      "PEM X.509 certificate uploaded to the app registration (certificate credential, recommended).");
  static final Setting<Path> PRIVATE_KEY_FILE = Setting.file("outlook.privateKeyFile", "Private key file",
      "PKCS#8 PEM RSA private key of that certificate.");
  static final Setting<URI> AUTHORITY_URL = Setting.url("outlook.authorityUrl", "Authority URL",
      "https://login.microsoftonline.com",
      "Where the client-credentials token comes from ({authority}/{tenant}/oauth2/v2.0/token); e.g."
          + " https://login.microsoftonline.us for US Government.");
  static final Setting<URI> GRAPH_URL = Setting.url("outlook.graphUrl", "Graph URL", "https://graph.microsoft.com",
      "Microsoft Graph's endpoint without /v1.0; the token scope is {graphUrl}/.default.");
  static final Setting<List<String>> MAILBOXES = Setting.list("outlook.mailboxes", "Mailboxes",
      "Mailboxes to read, comma-separated; empty reads the opportunity owner's and the deal team's.");
  static final Setting<Boolean> MAIL = Setting.bool("outlook.mail", "Read mail", true,
      "Read mail (needs Mail.Read).");
  static final Setting<Boolean> CALENDAR = Setting.bool("outlook.calendar", "Read calendars", true,
      "Read calendars with calendarView (needs Calendars.Read).");
  static final Setting<Integer> REQUESTS_PER_MINUTE = Setting.integer("outlook.requestsPerMinute",
      "Requests per minute", 1000,
      "Client-side pacing of Graph calls, shared by every brief: Graph allows 10,000 requests per 10 minutes"
          + " per app and mailbox.");
  static final Setting<Integer> PAGE_SIZE = Setting.integer("outlook.pageSize", "Page size", 50,
      "Items per page ($top), 1 to 1000.");
  static final Setting<Duration> LOOKBACK = Setting.duration("outlook.lookback", "Look-back", "P30D",
      "How far before the opportunity was created mail and meetings are read, 0 to 366 days (e.g. P30D or"
          + " 720h): the first inbound emails, where the customer says why they are buying, often predate the"
          + " opportunity.");
  static final Setting<Duration> TIMEOUT = Setting.duration("outlook.timeout", "Call timeout", "30s",
      "Connect, read and call timeout of each request, e.g. 30s or PT30S.");
  /** Every {@code outlook.*} setting, declared once: the provider lists these and {@link #fromSettings} reads them. */
  static final List<Setting<?>> SETTINGS = List.of(TENANT_ID, CLIENT_ID, CLIENT_SECRET, CERTIFICATE_FILE,
      PRIVATE_KEY_FILE, AUTHORITY_URL, GRAPH_URL, MAILBOXES, MAIL, CALENDAR, REQUESTS_PER_MINUTE, PAGE_SIZE, LOOKBACK,
      TIMEOUT);

  /** The Microsoft identity platform's global authority. */
  public static final URI DEFAULT_AUTHORITY_URL = AUTHORITY_URL.defaultValue();
  /** Microsoft Graph's global endpoint (without {@code /v1.0}). */
  public static final URI DEFAULT_GRAPH_URL = GRAPH_URL.defaultValue();
  /** Default {@code $top}: items per page. */
  public static final int DEFAULT_PAGE_SIZE = PAGE_SIZE.defaultValue();
  /** Calls a minute: Graph's Outlook limit, 10,000 requests per 10 minutes per app and mailbox. */
  public static final int DEFAULT_REQUESTS_PER_MINUTE = REQUESTS_PER_MINUTE.defaultValue();
  /** How far before the opportunity was created mail and meetings are read, by default. */
  public static final Duration DEFAULT_LOOKBACK = LOOKBACK.defaultValue();
  /** Default connect, read and call timeout of one request. */
  public static final Duration DEFAULT_TIMEOUT = TIMEOUT.defaultValue();

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[a-z]{2,63}");

  /** The certificate credential: the app registration's certificate and its private key. */
  public record Certificate(X509Certificate certificate, PrivateKey privateKey) {
    public Certificate {
      Objects.requireNonNull(certificate, "certificate == null");
      Objects.requireNonNull(privateKey, "privateKey == null");
    }

    /** Reads a PEM certificate and a PKCS#8 PEM RSA private key ({@code -----BEGIN PRIVATE KEY-----}). */
    public static Certificate fromPem(Path certificateFile, Path privateKeyFile) {
      Objects.requireNonNull(certificateFile, "certificateFile == null");
      Objects.requireNonNull(privateKeyFile, "privateKeyFile == null");
      X509Certificate cert;
      try (InputStream in = Files.newInputStream(certificateFile)) {
        cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalArgumentException("certificateFile " + certificateFile + " is not a readable PEM X.509"
            + " certificate (" + e.getClass().getSimpleName() + ")", e);
      }
      try {
        String pem = Files.readString(privateKeyFile, StandardCharsets.US_ASCII);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
          throw new IllegalArgumentException("privateKeyFile " + privateKeyFile + " must be a PKCS#8 PEM key"
              + " (-----BEGIN PRIVATE KEY-----); convert with openssl pkcs8 -topk8 -nocrypt");
        }
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
        return new Certificate(cert, key);
      } catch (IOException | GeneralSecurityException e) {
        // The message names the file, never its content.
        throw new IllegalArgumentException("privateKeyFile " + privateKeyFile + " is not a readable RSA key ("
            + e.getClass().getSimpleName() + ")", e);
      }
    }

    @Override
    public String toString() {
      return "Certificate{subject=" + certificate.getSubjectX500Principal() + ", privateKey=****}";
    }
  }

  private final String tenantId;
  private final String clientId;
  private final String clientSecret;
  private final Certificate certificate;
  private final URI authorityUrl;
  private final URI graphUrl;
  private final List<String> mailboxes;
  private final boolean readMail;
  private final boolean readCalendar;
  private final int pageSize;
  private final int requestsPerMinute;
  private final Duration lookback;
  private final Duration timeout;
  private final RetryPolicy retryPolicy;

  private OutlookConfig(Builder b) {
    this.tenantId = b.tenantId;
    this.clientId = b.clientId;
    this.clientSecret = b.clientSecret;
    this.certificate = b.certificate;
    this.authorityUrl = b.authorityUrl;
    this.graphUrl = b.graphUrl;
    this.mailboxes = List.copyOf(b.mailboxes);
    this.readMail = b.readMail;
    this.readCalendar = b.readCalendar;
    this.pageSize = b.pageSize;
    this.requestsPerMinute = b.requestsPerMinute();
    this.lookback = b.lookback;
    this.timeout = b.timeout();
    this.retryPolicy = b.retryPolicy();
  }

  /** A builder with every default set; tenant, client id and one credential are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the {@code outlook.*} settings described by {@link OutlookConnectorProvider}.
   *
   * @throws IllegalArgumentException naming the setting that is missing or wrong
   */
  public static OutlookConfig fromSettings(ConnectorConfig config) {
    Objects.requireNonNull(config, "config == null");
    Builder b = builder().tenantId(config.require(TENANT_ID.key())).clientId(config.require(CLIENT_ID.key()));
    boolean secret = config.has(CLIENT_SECRET.key());
    boolean cert = config.has(CERTIFICATE_FILE.key()) || config.has(PRIVATE_KEY_FILE.key());
    if (secret == cert) {
      throw new IllegalArgumentException("outlook: set either outlook.clientSecret or both outlook.certificateFile and"
          + " outlook.privateKeyFile");
    }
    if (secret) {
      b.clientSecret(CLIENT_SECRET.from(config));
    } else {
      b.certificate(Certificate.fromPem(config.getPath(CERTIFICATE_FILE.key()), config.getPath(PRIVATE_KEY_FILE.key())));
    }
    b.authorityUrl(AUTHORITY_URL.from(config))
        .graphUrl(GRAPH_URL.from(config))
        .mailboxes(MAILBOXES.from(config))
        .readMail(MAIL.from(config))
        .readCalendar(CALENDAR.from(config))
        .requestsPerMinute(REQUESTS_PER_MINUTE.from(config))
        .pageSize(PAGE_SIZE.from(config))
        .lookback(LOOKBACK.from(config))
        .timeout(TIMEOUT.from(config));
    return b.build();
  }

  /** The directory (tenant) id or a verified domain of the tenant. */
  public String tenantId() {
    return tenantId;
  }

  /** The app registration's application (client) id. */
  public String clientId() {
    return clientId;
  }

  /** The client secret, or null when a certificate is used. Never logged. */
  String clientSecret() {
    return clientSecret;
  }

  /** The certificate credential, or null when a client secret is used. */
  public Certificate certificate() {
    return certificate;
  }

  /** The identity platform authority the token comes from, e.g. {@code https://login.microsoftonline.com}. */
  public URI authorityUrl() {
    return authorityUrl;
  }

  /** Graph's endpoint without the version, e.g. {@code https://graph.microsoft.com}; the token scope is {@code {graphUrl}/.default}. */
  public URI graphUrl() {
    return graphUrl;
  }

  /** Mailboxes to read (lower-case addresses); empty means the opportunity owner and the deal team. */
  public List<String> mailboxes() {
    return mailboxes;
  }

  /** Whether mail is read (needs Mail.Read). */
  public boolean readMail() {
    return readMail;
  }

  /** Whether calendars are read (needs Calendars.Read). */
  public boolean readCalendar() {
    return readCalendar;
  }

  /** Items per page ({@code $top}). */
  public int pageSize() {
    return pageSize;
  }

  /** Graph calls a minute at most, spaced evenly, across every brief this connector makes. */
  public int requestsPerMinute() {
    return requestsPerMinute;
  }

  /** How far before the opportunity was created mail and meetings are read. */
  public Duration lookback() {
    return lookback;
  }

  /** Timeout of one request. */
  public Duration timeout() {
    return timeout;
  }

  /** How transient failures are retried (by the library, not Graph's own retry handler). */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** A builder starting from this config, the credential included. */
  public Builder toBuilder() {
    Builder b = builder().tenantId(tenantId).clientId(clientId).authorityUrl(authorityUrl).graphUrl(graphUrl)
        .mailboxes(mailboxes).readMail(readMail).readCalendar(readCalendar).pageSize(pageSize)
        .requestsPerMinute(requestsPerMinute).lookback(lookback).timeout(timeout).retryPolicy(retryPolicy);
    b.clientSecret = clientSecret;
    b.certificate = certificate;
    return b;
  }

  @Override
  public String toString() {
    return "OutlookConfig{tenantId=" + tenantId + ", clientId=" + clientId + ", credential="
        + (clientSecret != null ? "clientSecret=****" : certificate) + ", authorityUrl=" + authorityUrl + ", graphUrl="
        + graphUrl + ", mailboxes=" + mailboxes + ", readMail=" + readMail + ", readCalendar=" + readCalendar
        + ", pageSize=" + pageSize + ", requestsPerMinute=" + requestsPerMinute + ", lookback=" + lookback + ", timeout=" + timeout + ", retryPolicy=" + retryPolicy + "}";
  }

  /** Builds an {@link OutlookConfig}; each setter checks its value at once. */
  public static final class Builder extends CallSettingsBuilder.Paced<Builder> {
    private String tenantId;
    private String clientId;
    private String clientSecret;
    private Certificate certificate;
    private URI authorityUrl = DEFAULT_AUTHORITY_URL;
    private URI graphUrl = DEFAULT_GRAPH_URL;
    private final LinkedHashSet<String> mailboxes = new LinkedHashSet<>();
    private boolean readMail = true;
    private boolean readCalendar = true;
    private int pageSize = DEFAULT_PAGE_SIZE;
    private Duration lookback = DEFAULT_LOOKBACK;

    private Builder() {
      super(DEFAULT_TIMEOUT, DEFAULT_REQUESTS_PER_MINUTE);
    }

    /** The directory (tenant) id, a GUID or a domain such as {@code contoso.onmicrosoft.com}. */
    public Builder tenantId(String tenantId) {
      this.tenantId = token(tenantId, "tenantId");
      return this;
    }

    /** The app registration's application (client) id. */
    public Builder clientId(String clientId) {
      this.clientId = token(clientId, "clientId");
      return this;
    }

    /** Signs in with a client secret (clears a certificate). */
    public Builder clientSecret(String clientSecret) {
      Objects.requireNonNull(clientSecret, "clientSecret == null");
      if (clientSecret.isBlank()) {
        throw new IllegalArgumentException("clientSecret must not be blank");
      }
      this.clientSecret = clientSecret;
      this.certificate = null;
      return this;
    }

    /** Signs in with a certificate assertion (clears a client secret); Microsoft's recommended credential. */
    public Builder certificate(Certificate certificate) {
      this.certificate = Objects.requireNonNull(certificate, "certificate == null");
      this.clientSecret = null;
      return this;
    }

    /** The authority, e.g. {@code https://login.microsoftonline.us} for US Government. */
    public Builder authorityUrl(URI authorityUrl) {
      this.authorityUrl = httpUrl(authorityUrl, "authorityUrl");
      return this;
    }

    /** Graph's endpoint without {@code /v1.0}, e.g. {@code https://graph.microsoft.us}. */
    public Builder graphUrl(URI graphUrl) {
      this.graphUrl = httpUrl(graphUrl, "graphUrl");
      return this;
    }

    /** Replaces the mailboxes to read; empty reads the opportunity owner's and the deal team's. */
    public Builder mailboxes(Iterable<String> mailboxes) {
      Objects.requireNonNull(mailboxes, "mailboxes == null");
      var checked = new LinkedHashSet<String>();
      for (String m : mailboxes) {
        Objects.requireNonNull(m, "mailboxes contains null");
        String t = m.strip().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(t).matches()) {
          throw new IllegalArgumentException("mailboxes: '" + m + "' is not an email address");
        }
        checked.add(t);
      }
      this.mailboxes.clear();
      this.mailboxes.addAll(checked);
      return this;
    }

    /** Whether to read mail (default true). */
    public Builder readMail(boolean readMail) {
      this.readMail = readMail;
      return this;
    }

    /** Whether to read calendars (default true). */
    public Builder readCalendar(boolean readCalendar) {
      this.readCalendar = readCalendar;
      return this;
    }

    /** Items per page, 1 to 1000 (Graph's cap for messages and events). */
    public Builder pageSize(int pageSize) {
      this.pageSize = SettingChecks.between("pageSize", pageSize, 1, 1000);
      return this;
    }

    /**
     * How far before the opportunity was created mail and meetings are read (default 30 days), 0 to
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
     * @throws IllegalStateException when the tenant, the client id or a credential is missing, or
     *     nothing is to be read
     */
    public OutlookConfig build() {
      if (tenantId == null || clientId == null) {
        throw new IllegalStateException("set tenantId and clientId: the app registration's directory and application ids");
      }
      if (clientSecret == null && certificate == null) {
        throw new IllegalStateException("choose a credential: clientSecret(...) or certificate(Certificate.fromPem(...))");
      }
      if (!readMail && !readCalendar) {
        throw new IllegalStateException("readMail and readCalendar are both false: the connector would read nothing");
      }
      return new OutlookConfig(this);
    }

    private static String token(String v, String what) {
      Objects.requireNonNull(v, what + " == null");
      String t = v.strip();
      if (!t.matches("[A-Za-z0-9][A-Za-z0-9.-]*")) {
        throw new IllegalArgumentException(what + " must be a GUID or a domain, not '" + v + "'");
      }
      return t;
    }

    /**
     * An https URL, or http on this machine only (a local stub or proxy): the client secret and
     * the Graph token travel to these URLs and must never cross a network in the clear.
     */
    private static URI httpUrl(URI url, String what) {
      URI checked = SettingChecks.httpUrl(what, url);
      if (checked.getScheme().equals("http") && !isLoopback(checked.getHost())) {
        throw new IllegalArgumentException(what + " must use https (plain http is allowed only on this machine,"
            + " for a local stub), not '" + url + "'");
      }
      return checked;
    }

    private static boolean isLoopback(String host) {
      String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      return h.equalsIgnoreCase("localhost") || h.startsWith("127.") || h.equals("::1");
    }
  }
}
