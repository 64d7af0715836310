package org.handoffbrief.connector.salesforce;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import org.handoffbrief.spi.SettingChecks;

/**
 * How the connector signs in to Salesforce. Pick one:
 *
 * <ul>
 *   <li>{@link #jwtBearer} - OAuth 2.0 JWT bearer flow, the normal choice for a server job: a
 *       connected app with a certificate, a pre-authorised integration user, no stored password;
 *   <li>{@link #refreshToken} - OAuth 2.0 refresh token of a connected app;
 *   <li>{@link #password} - SOAP {@code login()} with username, password and security token;
 *   <li>{@link #session} - a session id the host already holds (e.g. from an Outbound Message); it
 *       cannot be renewed when it expires.
 * </ul>
 *
 * <p>Every variant's {@code toString()} masks its secrets.
 */
public sealed interface SalesforceAuth {

  /** The {@code salesforce.auth} setting's value for this variant. */
  String kind();

  /**
   * OAuth 2.0 JWT bearer flow with a private key.
   *
   * @param clientId the connected app's consumer key
   * @param username the integration user the app is pre-authorised for
   * @param privateKey the RSA key whose certificate is uploaded to the connected app
   */
  static SalesforceAuth jwtBearer(String clientId, String username, PrivateKey privateKey) {
    return new JwtBearer(clientId, username, privateKey);
  }

  /**
   * OAuth 2.0 JWT bearer flow with a PKCS#8 PEM key file ({@code -----BEGIN PRIVATE KEY-----}),
   * read now so a missing or unreadable file fails at configuration time.
   *
   * @throws IllegalArgumentException when the file cannot be read or holds no RSA PKCS#8 key
   */
  static SalesforceAuth jwtBearer(String clientId, String username, Path privateKeyPem) {
    return new JwtBearer(clientId, username, readPrivateKey(privateKeyPem));
  }

  /** OAuth 2.0 refresh token flow of a connected app. */
  static SalesforceAuth refreshToken(String clientId, String clientSecret, String refreshToken) {
    return new RefreshToken(clientId, clientSecret, refreshToken);
  }

  /**
   * SOAP {@code login()}. The security token is appended to the password as the API expects; pass
   * an empty string when the caller's IP range is trusted and no token is needed.
   */
  static SalesforceAuth password(String username, String password, String securityToken) {
    return new Password(username, password, securityToken);
  }

  /** A session the host already holds: its instance URL and session id (or OAuth access token). */
  static SalesforceAuth session(URI instanceUrl, String sessionId) {
    return new Session(instanceUrl, sessionId);
  }

  /** JWT bearer flow; see {@link SalesforceAuth#jwtBearer(String, String, PrivateKey)}. */
  record JwtBearer(String clientId, String username, PrivateKey privateKey) implements SalesforceAuth {
    public JwtBearer {
      clientId = notBlank(clientId, "clientId");
      username = notBlank(username, "username");
      Objects.requireNonNull(privateKey, "privateKey == null");
      if (!"RSA".equals(privateKey.getAlgorithm())) {
        throw new IllegalArgumentException("the JWT bearer flow signs with RS256 and needs an RSA key, not "
            + privateKey.getAlgorithm());
      }
    }

    @Override
    public String kind() {
      return "jwt";
    }

    @Override
    public String toString() {
      return "JwtBearer[clientId=" + clientId + ", username=" + username + ", privateKey=****]";
    }
  }

  /** Refresh token flow; see {@link SalesforceAuth#refreshToken}. */
  record RefreshToken(String clientId, String clientSecret, String refreshToken) implements SalesforceAuth {
    public RefreshToken {
      clientId = notBlank(clientId, "clientId");
      clientSecret = notBlank(clientSecret, "clientSecret");
      refreshToken = notBlank(refreshToken, "refreshToken");
    }

    @Override
    public String kind() {
      return "refresh_token";
    }

    @Override
    public String toString() {
      return "RefreshToken[clientId=" + clientId + ", clientSecret=****, refreshToken=****]";
    }
  }

  /** SOAP login; see {@link SalesforceAuth#password}. */
  record Password(String username, String password, String securityToken) implements SalesforceAuth {
    public Password {
      username = notBlank(username, "username");
      password = notBlank(password, "password");
      securityToken = securityToken == null ? "" : securityToken.strip();
    }

    @Override
    public String kind() {
      return "password";
    }

    @Override
    public String toString() {
      return "Password[username=" + username + ", password=****, securityToken=****]";
    }
  }

  /** A ready session; see {@link SalesforceAuth#session}. */
  record Session(URI instanceUrl, String sessionId) implements SalesforceAuth {
    public Session {
      instanceUrl = httpUrl(instanceUrl, "instanceUrl");
      sessionId = notBlank(sessionId, "sessionId");
    }

    @Override
    public String kind() {
      return "session";
    }

    @Override
    public String toString() {
      return "Session[instanceUrl=" + instanceUrl + ", sessionId=****]";
    }
  }

  private static String notBlank(String value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value.strip();
  }

  /** An absolute http(s) URL without a trailing slash. */
  static URI httpUrl(URI url, String name) {
    return SettingChecks.httpUrl(name, url);
  }

  private static PrivateKey readPrivateKey(Path pem) {
    Objects.requireNonNull(pem, "privateKeyPem == null");
    String text;
    try {
      text = Files.readString(pem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the JWT private key file " + pem + ": " + e.getMessage(), e);
    }
    if (text.contains("BEGIN RSA PRIVATE KEY")) {
      throw new IllegalArgumentException("the key file " + pem + " is PKCS#1; convert it to PKCS#8 with"
          + " 'openssl pkcs8 -topk8 -nocrypt -in " + pem.getFileName() + " -out server-pkcs8.key'");
    }
    int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("the key file " + pem + " holds no unencrypted PKCS#8 private key"
          + " (-----BEGIN PRIVATE KEY-----)");
    }
    String body = text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // The cause may quote key material; keep only its type.
      throw new IllegalArgumentException("the key file " + pem + " does not hold a readable RSA private key ("
          + e.getClass().getSimpleName() + ")");
    }
  }
}
