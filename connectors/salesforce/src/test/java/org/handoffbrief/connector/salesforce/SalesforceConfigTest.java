package org.handoffbrief.connector.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handoffbrief.Handoff;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorProvider;
import org.handoffbrief.spi.ConnectorSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SalesforceConfigTest {

  static final SalesforceAuth SESSION = SalesforceAuth.session(URI.create("https://acme.my.salesforce.com"),
      "00D000000000001!FAKEsessionSECRET");

  @Test
  void defaultsAreProductionLoginApi65Batch200AndThirtySeconds() {
    SalesforceConfig c = SalesforceConfig.builder().auth(SESSION).build();
    assertEquals(URI.create("https://login.salesforce.com"), c.loginUrl());
    assertEquals("65.0", c.apiVersion());
    assertEquals(200, c.batchSize());
    assertEquals(Duration.ofSeconds(30), c.timeout());
    assertTrue(c.vendorDomains().isEmpty());
  }

  @Test
  void eachSetterRefusesABadValueAtOnceNamingIt() {
    var b = SalesforceConfig.builder();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.batchSize(100)).getMessage().contains("100"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.batchSize(2001)).getMessage().contains("2001"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.apiVersion("v65")).getMessage().contains("v65"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.timeout(Duration.ZERO)).getMessage()
        .contains("PT0S"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.loginUrl(URI.create("ftp://x")))
        .getMessage().contains("ftp://x"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.vendorDomains(List.of("not a domain")))
        .getMessage().contains("not a domain"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> b.opportunityField("Go-live", "Go_Live__c FROM User")).getMessage().contains("Go_Live__c FROM User"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.accountField("Tier: x", "Tier__c")).getMessage()
        .contains("Tier: x"));
    assertThrows(IllegalStateException.class, b::build);
  }

  @Test
  void handoffFieldsKeepTheirOrderAndDomainsAreNormalised() {
    SalesforceConfig c = SalesforceConfig.builder().auth(SESSION).vendorDomains(List.of("@Northwind.IO", "nw.dev"))
        .opportunityField("Go-live target", "Go_Live_Date__c").opportunityField("Champion", "Champion__c")
        .opportunityField("Economic buyer", "Economic_Buyer__c").build();
    assertEquals(List.of("Go-live target", "Champion", "Economic buyer"), List.copyOf(c.opportunityFields().keySet()));
    assertEquals(Set.of("northwind.io", "nw.dev"), c.vendorDomains());
    assertEquals(c.opportunityFields(), c.toBuilder().build().opportunityFields());
  }

  @Test
  void theOrgsZoneIsReadFromTheOrgUnlessAnIanaZoneIsConfigured() {
    assertEquals(null, SalesforceConfig.builder().auth(SESSION).build().timeZone());
    SalesforceConfig c = SalesforceConfig.builder().auth(SESSION).timeZone(" America/Chicago ").build();
    assertEquals(java.time.ZoneId.of("America/Chicago"), c.timeZone());
    assertEquals(c.timeZone(), c.toBuilder().build().timeZone());
    var e = assertThrows(IllegalArgumentException.class, () -> SalesforceConfig.builder().timeZone("Central"));
    assertEquals("timeZone must be a time zone id like America/Chicago, not 'Central'", e.getMessage());
  }

  @Test
  void theWriteBackKeyFieldIsOneFieldOnTaskAndSurvivesToBuilder() {
    SalesforceConfig c = SalesforceConfig.builder().auth(SalesforceAuth.session(URI.create("https://x.my.salesforce.com"),
        "s")).writebackKeyField(" Handoff_Key__c ").build();
    assertEquals("Handoff_Key__c", c.writebackKeyField());
    assertEquals("Handoff_Key__c", c.toBuilder().build().writebackKeyField());
    assertThrows(IllegalArgumentException.class, () -> SalesforceConfig.builder().writebackKeyField("What.Key__c"));
    assertThrows(IllegalArgumentException.class, () -> SalesforceConfig.builder().writebackKeyField("Key__c = null OR"));
  }

  @Test
  void providerIsFoundByServiceLoaderWithExactlyTheDocumentedKeys() {
    ConnectorProvider p = Handoff.providers(getClass().getClassLoader()).get("salesforce");
    assertInstanceOf(SalesforceConnectorProvider.class, p);
    assertEquals(List.of("salesforce.loginUrl", "salesforce.apiVersion", "salesforce.auth", "salesforce.clientId",
        "salesforce.username", "salesforce.privateKeyFile", "salesforce.clientSecret", "salesforce.refreshToken",
        "salesforce.password", "salesforce.securityToken", "salesforce.sessionId", "salesforce.instanceUrl",
        "salesforce.vendorDomains", "salesforce.opportunityFields", "salesforce.accountFields",
        "salesforce.batchSize", "salesforce.timeout", "salesforce.timeZone", "salesforce.writebackKeyField"),
        p.settings().stream().map(ConnectorSetting::key).toList());
    assertEquals(Set.of("salesforce.clientSecret", "salesforce.refreshToken", "salesforce.password",
        "salesforce.securityToken", "salesforce.sessionId"),
        Set.copyOf(p.settings().stream().filter(ConnectorSetting::secret).map(ConnectorSetting::key).toList()));
  }

  @Test
  void settingsMakeTheResolverWithEveryValueRead(@TempDir Path dir) throws Exception {
    var gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    Path key = dir.resolve("server.key");
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(gen.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    var values = new HashMap<String, String>(Map.of(
        "salesforce.loginUrl", "https://test.salesforce.com",
        "salesforce.auth", "jwt",
        "salesforce.clientId", "3MVG9FAKE",
        "salesforce.username", "integration@northwind.io",
        "salesforce.privateKeyFile", key.toString(),
        "salesforce.vendorDomains", "northwind.io, nw.dev",
        "salesforce.opportunityFields", "Go-live target=Go_Live_Date__c, Champion=Champion__c",
        "salesforce.accountFields", "Tier=Customer_Tier__c",
        "salesforce.batchSize", "500",
        "salesforce.timeout", "10s"));
    var provider = new SalesforceConnectorProvider();

    var resolver = provider.createResolver(ConnectorConfig.of("salesforce", provider.settings(), values)).orElseThrow();

    SalesforceConfig c = ((SalesforceConnector) resolver).config();
    assertEquals("salesforce", resolver.system());
    assertEquals(URI.create("https://test.salesforce.com"), c.loginUrl());
    assertInstanceOf(SalesforceAuth.JwtBearer.class, c.auth());
    assertEquals(Map.of("Go-live target", "Go_Live_Date__c", "Champion", "Champion__c"), c.opportunityFields());
    assertEquals(Map.of("Tier", "Customer_Tier__c"), c.accountFields());
    assertEquals(Set.of("northwind.io", "nw.dev"), c.vendorDomains());
    assertEquals(500, c.batchSize());
    assertEquals(Duration.ofSeconds(10), c.timeout());
  }

  @Test
  void aBadSettingFailsNamingItsKey() {
    var provider = new SalesforceConnectorProvider();
    var e = assertThrows(IllegalArgumentException.class, () -> provider.createResolver(ConnectorConfig.of("salesforce",
        provider.settings(), Map.of("salesforce.auth", "kerberos"))));
    assertTrue(e.getMessage().contains("salesforce.auth") && e.getMessage().contains("kerberos"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> provider.createResolver(ConnectorConfig.of("salesforce",
        provider.settings(), Map.of("salesforce.auth", "refresh_token", "salesforce.clientId", "x"))));
    assertTrue(e.getMessage().contains("salesforce.clientSecret is required"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> provider.createResolver(ConnectorConfig.of("salesforce",
        provider.settings(), Map.of("salesforce.auth", "session", "salesforce.instanceUrl", "https://a.my.salesforce.com",
            "salesforce.sessionId", "x", "salesforce.opportunityFields", "NoEquals"))));
    assertTrue(e.getMessage().contains("salesforce.opportunityFields") && e.getMessage().contains("NoEquals"));
  }

  @Test
  void noSecretAppearsInAnyToString() {
    var password = SalesforceAuth.password("integration@northwind.io", "FAKEpasswordSECRET", "FAKEtokenSECRET");
    var refresh = SalesforceAuth.refreshToken("3MVG9FAKE", "FAKEclientSECRET", "FAKErefreshSECRET");
    for (SalesforceAuth auth : List.of(password, refresh, SESSION)) {
      String shown = SalesforceConfig.builder().auth(auth).build().toString() + auth;
      assertFalse(shown.contains("SECRET"), shown);
      assertTrue(shown.contains("****"), shown);
    }
    var provider = new SalesforceConnectorProvider();
    ConnectorConfig cc = ConnectorConfig.of("salesforce", provider.settings(), Map.of("salesforce.auth", "password",
        "salesforce.username", "u@northwind.io", "salesforce.password", "FAKEpasswordSECRET",
        "salesforce.securityToken", "FAKEtokenSECRET"));
    assertFalse(cc.toString().contains("SECRET"), cc.toString());
    assertFalse(SalesforceConfig.fromSettings(cc).toString().contains("SECRET"));
    assertFalse(new SalesforceLogin.Session(URI.create("https://x.my.salesforce.com"), "FAKEsessionSECRET").toString()
        .contains("SECRET"));
  }
}
