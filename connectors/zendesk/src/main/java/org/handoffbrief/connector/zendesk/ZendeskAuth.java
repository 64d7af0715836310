package org.handoffbrief.connector.zendesk;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * How the connector signs its requests: an API token (basic auth as {@code {email}/token:{api_token}})
 * or an OAuth access token (bearer). Immutable; {@link #toString()} never shows the token.
 *
 * <p>Least privilege: an API token acts with all the rights of its user, so give it to an agent
 * whose role can see the customers' tickets and nothing more. An OAuth token needs only the
 * {@code read} scope (or the narrower {@code tickets:read users:read organizations:read}).
 */
public final class ZendeskAuth {

  private final String kind;
  private final String principal;
  private final String header;

  private ZendeskAuth(String kind, String principal, String header) {
    this.kind = kind;
    this.principal = principal;
    this.header = header;
  }

  /**
   * API token authentication, as {@code {email}/token:{api_token}} in a basic auth header.
   *
   * @param email the agent's sign-in address
   * @param apiToken a token from Admin Center, Apps and integrations, Zendesk API
   */
  public static ZendeskAuth apiToken(String email, String apiToken) {
    Objects.requireNonNull(email, "email == null");
    Objects.requireNonNull(apiToken, "apiToken == null");
    String e = email.strip();
    if (!e.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw new IllegalArgumentException("email must be the agent's address, like agent@example.com, not '" + email + "'");
    }
    if (apiToken.isBlank()) {
      throw new IllegalArgumentException("apiToken is blank");
    }
    String raw = e + "/token:" + apiToken.strip();
    return new ZendeskAuth("api_token", e, "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
  }

  /** OAuth access token authentication ({@code Authorization: Bearer}); the token needs the {@code read} scope. */
  public static ZendeskAuth oauth(String accessToken) {
    Objects.requireNonNull(accessToken, "accessToken == null");
    if (accessToken.isBlank()) {
      throw new IllegalArgumentException("accessToken is blank");
    }
    return new ZendeskAuth("oauth", null, "Bearer " + accessToken.strip());
  }

  /** {@code api_token} or {@code oauth}. */
  public String kind() {
    return kind;
  }

  /** The value of the {@code Authorization} header. Package-private: it carries the secret. */
  String authorizationHeader() {
    return header;
  }

  @Override
  public String toString() {
    return principal == null ? "ZendeskAuth{" + kind + ", token=****}"
        : "ZendeskAuth{" + kind + ", email=" + principal + ", token=****}";
  }
}
