package org.handoffbrief.connector.microsoft;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.FileInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.handoffbrief.spi.ApiCalls;
import org.handoffbrief.spi.RetryPolicy;
import org.handoffbrief.testing.RecordingSourceContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class GraphTokenTest {

  static final String TOKEN_PATH = "/" + OutlookConnectorTest.TENANT + "/oauth2/v2.0/token";

  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path dir;

  @Test
  void theCertificateCredentialSendsASignedAssertionNamingTheCertificate() throws Exception {
    OutlookConfig.Certificate cert = certificate();
    wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(tokenFixture())));
    var config = OutlookConfig.builder().tenantId(OutlookConnectorTest.TENANT).clientId(OutlookConnectorTest.CLIENT_ID)
        .certificate(cert).authorityUrl(URI.create(wm.baseUrl())).build();
    var clock = Clock.fixed(Instant.parse("2026-03-28T09:00:00Z"), ZoneOffset.UTC);
    var token = new GraphToken(config, HttpClient.newHttpClient(), clock);
    var ctx = new RecordingSourceContext();

    GraphToken.Token t = token.token(ApiCalls.of(ctx, RetryPolicy.none()));
    token.token(ApiCalls.of(ctx, RetryPolicy.none()));

    assertEquals(Optional.of(Set.of("Mail.Read", "Calendars.Read")), t.roles());
    assertEquals(1, ctx.calls(), "the second brief reuses the cached token");
    assertFalse(t.toString().contains(t.value()));
    Map<String, String> form = OutlookConnectorTest.form(
        wm.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).get(0).getBodyAsString());
    assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form.get("client_assertion_type"));
    assertFalse(form.containsKey("client_secret"));
    String[] jwt = form.get("client_assertion").split("\\.");
    var verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(cert.certificate().getPublicKey());
    verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(verifier.verify(Base64.getUrlDecoder().decode(jwt[2])), "signed with the certificate's key");
    var json = new ObjectMapper();
    JsonNode header = json.readTree(Base64.getUrlDecoder().decode(jwt[0]));
    JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(jwt[1]));
    assertEquals("RS256", header.path("alg").asText());
    assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(
        MessageDigest.getInstance("SHA-1").digest(cert.certificate().getEncoded())), header.path("x5t").asText());
    assertEquals(wm.baseUrl() + TOKEN_PATH, claims.path("aud").asText());
    assertEquals(OutlookConnectorTest.CLIENT_ID, claims.path("iss").asText());
    assertEquals(OutlookConnectorTest.CLIENT_ID, claims.path("sub").asText());
    assertEquals(clock.instant().getEpochSecond() + 600, claims.path("exp").asLong());
  }

  @Test
  void aTokenThatIsNotAJwtHasNoRolesToCheck() {
    assertEquals(Optional.empty(), GraphToken.roles("opaque-token"));
    assertEquals(Optional.empty(), GraphToken.roles("a.b%%.c"));
  }

  private static String tokenFixture() throws java.io.IOException {
    try (var in = GraphTokenTest.class.getResourceAsStream("/graph/token.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A throwaway self-signed certificate made by the JDK's keytool, read back through PEM files. */
  private OutlookConfig.Certificate certificate() throws Exception {
    Path store = dir.resolve("test.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "app", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=handoff-test", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertEquals(0, p.waitFor(), "keytool made the test certificate");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = new FileInputStream(store.toFile())) {
      ks.load(in, "changeit".toCharArray());
    }
    var cert = (X509Certificate) ks.getCertificate("app");
    var key = (PrivateKey) ks.getKey("app", "changeit".toCharArray());
    Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    Path certFile = Files.writeString(dir.resolve("app.crt"), "-----BEGIN CERTIFICATE-----\n"
        + mime.encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
    Path keyFile = Files.writeString(dir.resolve("app.key"), "-----BEGIN PRIVATE KEY-----\n"
        + mime.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    return OutlookConfig.Certificate.fromPem(certFile, keyFile);
  }
}
