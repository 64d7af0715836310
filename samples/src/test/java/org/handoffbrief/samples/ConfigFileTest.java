package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

  @TempDir
  Path dir;

  @Test
  void environmentPlaceholdersAreReplacedWhereTheyStand() throws Exception {
    Path file = write("salesforce.password=${env:SF_PASSWORD}\n"
        + "salesforce.loginUrl=https://${env:SF_MY_DOMAIN}.my.salesforce.com\n"
        + "salesforce.username=integration@example.com\n");
    var env = Map.of("SF_PASSWORD", "fake-password", "SF_MY_DOMAIN", "example--sandbox");

    var settings = ConfigFile.load(file, env::get, Set.of());

    assertEquals("fake-password", settings.get("salesforce.password"));
    assertEquals("https://example--sandbox.my.salesforce.com", settings.get("salesforce.loginUrl"));
    assertEquals("integration@example.com", settings.get("salesforce.username"));
  }

  @Test
  void aMissingVariableIsNamedAndNoValueIsPrinted() throws Exception {
    Path file = write("salesforce.clientSecret=${env:SF_CLIENT_SECRET}\nsalesforce.password=${env:SF_PASSWORD}\n");
    var env = Map.of("SF_CLIENT_SECRET", "fake-client-secret-4711");

    var e = assertThrows(ConfigException.class, () -> ConfigFile.load(file, env::get, Set.of()));

    assertTrue(e.getMessage().contains("SF_PASSWORD") && e.getMessage().contains("salesforce.password"), e.getMessage());
    assertFalse(e.getMessage().contains("fake-client-secret-4711"), e.getMessage());
  }

  @Test
  void onlyEnvironmentPlaceholdersAreAccepted() throws Exception {
    Path file = write("salesforce.password=${sys:user.home}\n");

    var e = assertThrows(ConfigException.class, () -> ConfigFile.load(file, k -> null, Set.of()));

    assertTrue(e.getMessage().contains("${env:NAME}"), e.getMessage());
  }

  @Test
  void aRelativeKeyFileIsTakenRelativeToTheConfigFile() throws Exception {
    Path file = write("salesforce.privateKeyFile=keys/jwt.pem\nsalesforce.username=keys/not-a-file\n");

    var settings = ConfigFile.load(file, k -> null, Set.of("salesforce.privateKeyFile"));

    assertEquals(dir.resolve("keys/jwt.pem").toAbsolutePath().toString(), settings.get("salesforce.privateKeyFile"));
    assertEquals("keys/not-a-file", settings.get("salesforce.username"));
  }

  @Test
  void aMissingFileIsAConfigurationError() {
    var e = assertThrows(ConfigException.class, () -> ConfigFile.load(dir.resolve("nope.properties"), k -> null, Set.of()));

    assertTrue(e.getMessage().contains("nope.properties") && e.getMessage().contains("does not exist"), e.getMessage());
  }

  private Path write(String content) throws Exception {
    return Files.writeString(dir.resolve("handoff.properties"), content);
  }
}
