package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.handoffbrief.Handoff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example config shipped next to the app stays valid as the connector's settings change. */
class ExampleConfigTest {

  @TempDir
  Path dir;

  @Test
  void theExampleConfigMakesAHandoffWithoutAnyCall() throws Exception {
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    Path key = Files.writeString(dir.resolve("jwt.pem"), pem);
    var env = Map.of("SF_CLIENT_ID", "3MVG9FakeClientId", "SF_USERNAME", "integration@example.com",
        "SF_PRIVATE_KEY_FILE", key.toString());

    var settings = ConfigFile.load(Path.of("handoff.example.properties"), env::get, Set.of("salesforce.privateKeyFile"));
    settings.keySet().removeIf(k -> k.startsWith("handoff."));

    assertEquals("Go-live date=Go_Live_Date__c,Seats=Seats__c,Contract tier=Contract_Tier__c,"
        + "Primary pain=Primary_Pain__c,Success criteria=Success_Criteria__c,Competitor=Competitor__c,"
        + "Handoff notes=Handoff_Notes__c", settings.get("salesforce.opportunityFields"));
    assertDoesNotThrow(() -> Handoff.builder().configure(settings).build().close());
  }
}
