package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.handoffbrief.model.HandoffBrief;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end, in process: embedded org, real connector, real Handoff, three files. */
class DemoCommandTest {

  @TempDir
  static Path dir;
  static Run run;
  static JsonNode brief;

  @BeforeAll
  static void runTheDemo() throws Exception {
    run = Run.of("demo", "--out", dir.resolve("out").toString(), "--store", dir.resolve("store/demo").toString());
    assertEquals(0, run.exitCode(), run::toString);
    brief = new ObjectMapper().readTree(dir.resolve("out/brief.json").toFile());
  }

  @Test
  void demoWritesThreeBriefFilesAndPrintsTheirAbsolutePathsFirst() throws Exception {
    // The write-back's plan follows them (DemoWriteBackTest).
    List<String> printed = run.out().lines().limit(3).toList();
    List<String> expected = new ArrayList<>();
    for (String name : List.of("brief.json", "brief.md", "brief.html")) {
      Path file = dir.resolve("out").resolve(name).toAbsolutePath();
      assertTrue(Files.size(file) > 0, name + " is empty");
      expected.add(file.toString());
    }
    assertEquals(expected, printed);
  }

  @Test
  void everyClaimOfTheDemoBriefCitesASourceTheBriefRead() {
    assertEquals("006Hs00000MrdWnIAJ", brief.path("opportunityId").asText());
    assertEquals("001Hs00000MrdHlIAJ", brief.path("accountId").asText());
    var read = new java.util.HashSet<String>();
    brief.path("sources").forEach(s -> read.add(s.path("system").asText()));
    var cited = new java.util.TreeSet<String>();
    int claims = 0;
    for (JsonNode section : brief.path("sections")) {
      for (JsonNode claim : section.path("claims")) {
        claims++;
        JsonNode citations = claim.path("citations");
        assertFalse(citations.isEmpty(), () -> "claim without a citation: " + claim);
        for (JsonNode c : citations) {
          assertTrue(read.contains(c.path("system").asText()), () -> "claim citing a system not read: " + claim);
          cited.add(c.path("system").asText());
          assertFalse(c.path("quote").asText().isBlank(), () -> "citation without a quote: " + claim);
        }
      }
    }
    assertTrue(claims >= 20, "the demo deal supports many claims, found " + claims);
    assertEquals(read, cited, "the brief draws on every system the demo serves");
  }

  @Test
  void everyDemoSourceIsReportedOkWithItemsAndCalls() {
    for (JsonNode s : brief.path("sources")) {
      assertEquals("ok", s.path("status").asText(), s::toString);
      assertTrue(s.path("calls").asInt() > 0 && s.path("items").asInt() > 0, s::toString);
    }
  }

  @Test
  void salesforceIsReportedOkWithItsCalls() {
    JsonNode salesforce = null;
    for (JsonNode s : brief.path("sources")) {
      if (s.path("system").asText().equals("salesforce")) {
        salesforce = s;
      }
    }
    assertTrue(salesforce != null, "no salesforce source in " + brief.path("sources"));
    assertEquals("ok", salesforce.path("status").asText());
    // One query and one queryMore for the long task list, at least.
    assertTrue(salesforce.path("calls").asInt() >= 2, "calls: " + salesforce);
    assertTrue(salesforce.path("items").asInt() > 0, "items: " + salesforce);
  }

  @Test
  void theDemoBriefValidatesAgainstTheSchemaInTheCoreJar() throws Exception {
    String name = "/org/handoffbrief/schema/handoff-brief-" + HandoffBrief.SCHEMA_VERSION + ".schema.json";
    JsonSchema schema;
    try (InputStream in = HandoffBrief.class.getResourceAsStream(name)) {
      assertTrue(in != null, name + " is not in the core jar");
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }
    assertEquals(Set.of(), schema.validate(brief));
  }

  @Test
  void theSecondPageOfTasksReachesTheBrief() {
    // 00THs00001Tk014 (scope custom SSO) arrives only through queryMore.
    assertTrue(brief.toString().contains("00THs00001Tk014"), "no citation of a task from the queryMore page");
  }

  @Test
  void theBriefNamesTheDealsStakeholders() {
    var roles = new java.util.TreeMap<String, String>();
    brief.path("sections").path("stakeholders").path("claims")
        .forEach(c -> roles.put(c.path("name").asText(), c.path("role").asText()));
    // Dana is the champion by the activity logged with her, not by a CRM role.
    assertEquals("champion", roles.get("Dana Okonkwo"), roles::toString);
    assertEquals("economic_buyer", roles.get("James Park"), roles::toString);
  }

  @Test
  void progressNamesTheSourceItsCallsAndASummary() {
    String err = run.err();
    assertTrue(err.contains("salesforce") && err.contains("reading"), err);
    assertTrue(err.contains("call 1: "), err);
    assertTrue(err.lines().anyMatch(l -> l.startsWith("Brief ready in ") && l.contains(" claims, ")
        && l.contains(" ok, 0 failed")), err);
  }

  @Test
  void withoutOutTheDemoWritesIntoAFolderNamedAsItsStoreNeverTheCurrentDirectory(@TempDir Path own) {
    Path store = own.resolve(".handoff/demo");
    Run defaults = Run.of("demo", "--dry-run", "--store", store.toString());
    assertEquals(0, defaults.exitCode(), defaults::toString);
    assertEquals(store.resolve("brief.json").toAbsolutePath().toString(),
        defaults.out().lines().findFirst().orElse(""), defaults::toString);
  }
}
