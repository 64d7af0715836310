package org.handoffbrief.samples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.handoffbrief.connector.microsoft.OutlookConfig;
import org.handoffbrief.connector.microsoft.OutlookConnector;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.testing.FakeVendor;

/**
 * The demo company's Microsoft 365 tenant, served on loopback in Microsoft Graph's own wire format
 * from the fixtures under {@code demo/outlook/}: the identity platform's client-credentials token
 * endpoint, and the SE Sam Chen's mailbox ({@code /users/{id}/messages}, two pages) and calendar
 * ({@code /users/{id}/calendarView}).
 *
 * <p>The server checks what Graph checks: the token request names the demo app and its secret, and
 * every Graph request carries the token it issued ({@code 401 InvalidAuthenticationToken}
 * otherwise); a mailbox other than Sam's is {@code 404 ErrorInvalidUser}. The mailbox holds the
 * Meridian Health moments that live in mail and calendar (the Feb 6 technical deep dive, the Mar 8
 * Lawson ERP thread with Priya Raman and Tom Becker and the SE's spec promise, the security review
 * kickoff) and noise the connector must drop: another customer's mail and meetings, a Harborview
 * Clinic "Dana Okonkwo", a visitor-badge robot, items before and after the sales cycle, an
 * internal-only meeting.
 */
final class DemoOutlook extends FakeVendor {

  /** The demo tenant (a made-up GUID). */
  static final String TENANT_ID = "7c2f4b1e-0d3a-4c5e-9b8a-6f1d2e3c4b5a";
  /** The demo app registration's client id. */
  static final String CLIENT_ID = "3f8e2d1c-5b4a-4e6f-8d7c-9a0b1c2d3e4f";
  /** The demo app's client secret: made up, and only this loopback server accepts it. */
  static final String CLIENT_SECRET = "demo-outlook-secret-not-real";
  /** The mailbox the demo reads: the SE's (the AE's mail is the Gmail demo's). */
  static final String MAILBOX = "sam.chen@northwind-analytics.com";

  private static final String FIXTURES = "/demo/outlook/";
  private static final String JSON = "application/json; charset=utf-8";


  private DemoOutlook(WireMockServer server) {
    super(server);
  }

  /** Starts the tenant on 127.0.0.1 on a free port. */
  static DemoOutlook start() {
    var server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
        .notifier(new Slf4jNotifier(false)));
    server.start();
    var tenant = new DemoOutlook(server);
    try {
      tenant.stub();
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
    return tenant;
  }

  /** Stands in for both {@code https://login.microsoftonline.com} and {@code https://graph.microsoft.com}. */
  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The real Outlook connector, pointed at this tenant and reading Sam Chen's mailbox. */
  SourceConnector connector() {
    return OutlookConnector.create(OutlookConfig.builder()
        .tenantId(TENANT_ID)
        .clientId(CLIENT_ID)
        .clientSecret(CLIENT_SECRET)
        .authorityUrl(baseUrl())
        .graphUrl(baseUrl())
        .mailboxes(List.of(MAILBOX))
        .build());
  }

  private void stub() {
    String base = baseUrl().toString();
    String token = fixture("oauth-token.json", base);
    String bearer = "Bearer " + accessToken(token);
    String tokenPath = "/" + TENANT_ID + "/oauth2/v2.0/token";
    String form = "(^|.*&)client_id=" + CLIENT_ID + "(&.*|$)";
    String secret = "(^|.*&)client_secret=" + URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8) + "(&.*|$)";
    server.stubFor(post(urlPathEqualTo(tokenPath)).atPriority(1)
        .withRequestBody(matching(form)).withRequestBody(matching(secret))
        .withRequestBody(matching("(^|.*&)grant_type=client_credentials(&.*|$)"))
        .willReturn(json(200, token)));
    server.stubFor(post(urlPathEqualTo(tokenPath)).atPriority(9)
        .willReturn(json(401, fixture("oauth-invalid-client.json", base))));

    String user = "/v1.0/users/" + MAILBOX.replace("@", "%40");
    server.stubFor(get(urlPathEqualTo(user + "/messages")).atPriority(5)
        .withHeader("Authorization", equalTo(bearer))
        .willReturn(json(200, fixture("messages-1.json", base))));
    server.stubFor(get(urlPathEqualTo(user + "/messages")).atPriority(4)
        .withHeader("Authorization", equalTo(bearer)).withQueryParam("$skiptoken", matching(".+"))
        .willReturn(json(200, fixture("messages-2.json", base))));
    server.stubFor(get(urlPathEqualTo(user + "/calendarView")).atPriority(5)
        .withHeader("Authorization", equalTo(bearer))
        .willReturn(json(200, fixture("calendar-view.json", base))));
    server.stubFor(any(urlPathMatching("/v1\\.0/users/.*")).atPriority(8)
        .withHeader("Authorization", equalTo(bearer))
        .willReturn(json(404, fixture("error-invalid-user.json", base))));
    server.stubFor(any(urlPathMatching("/v1\\.0/.*")).atPriority(9)
        .willReturn(json(401, fixture("error-invalid-token.json", base))));
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", JSON).withBody(body);
  }

  private static String accessToken(String tokenJson) {
    try {
      return new ObjectMapper().readTree(tokenJson).path("access_token").asText();
    } catch (IOException e) {
      throw new UncheckedIOException("the demo's token fixture is not JSON", e);
    }
  }

  private static String fixture(String name, String graphUrl) {
    return DemoFixtures.read(FIXTURES + name).replace("${graphUrl}", graphUrl);
  }
}
