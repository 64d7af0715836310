package org.handoffbrief.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.SectionId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonBriefRendererTest {

  static final Path SCHEMA_FILE = Path.of(System.getProperty("basedir", "."))
      .resolve("../docs/schema/handoff-brief-" + HandoffBrief.SCHEMA_VERSION + ".schema.json").normalize();

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static JsonSchema schema;

  private final JsonBriefRenderer renderer = JsonBriefRenderer.create();

  @BeforeAll
  static void loadSchema() throws IOException {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    // Format keywords are annotations in 2020-12 unless asked for; we want uri, email and
    // date-time checked too.
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    schema = factory.getSchema(MAPPER.readTree(SCHEMA_FILE.toFile()), config);
  }

  static Set<ValidationMessage> validate(JsonNode json) {
    return schema.validate(json);
  }

  private ObjectNode meridianTree() throws IOException {
    return (ObjectNode) MAPPER.readTree(renderer.render(Briefs.meridian()));
  }

  @Test
  void realisticBriefValidatesAgainstTheCommittedSchema() throws IOException {
    assertEquals(Set.of(), validate(meridianTree()));
  }

  /** Issue 9: compounding briefs show what changed, with citations, in JSON. */
  @Test
  void aLaterBriefWritesItsKindAndEveryChangeWithCitationsAndValidates() throws IOException {
    JsonNode json = MAPPER.readTree(renderer.render(Briefs.meridianThirtyDay(false)));
    assertEquals(Set.of(), validate(json));
    assertEquals("30-day", json.get("kind").asText());
    JsonNode changes = json.get("changes");
    assertEquals("006000000000001AAA/handoff/v1", changes.at("/since/briefId").asText());
    assertEquals("handoff", changes.at("/since/kind").asText());
    assertEquals(1, changes.at("/since/version").asInt());
    assertEquals("risk", changes.at("/items/0/category").asText());
    assertEquals("new", changes.at("/items/0/change").asText());
    assertTrue(changes.at("/items/0/previousClaimId").isNull());
    assertEquals("closed", changes.at("/items/1/change").asText());
    assertEquals("solved", changes.at("/items/1/citations/1/quote").asText());
    assertEquals("zendesk:ticket:812", changes.at("/items/1/citations/1/evidenceId").asText());
  }

  @Test
  void aFirstBriefIsAHandoffBriefWithNullChangesAndTheSchemaRefusesAChangeWithoutCitations() throws IOException {
    ObjectNode root = meridianTree();
    assertEquals("handoff", root.get("kind").asText());
    assertTrue(root.get("changes").isNull());
    ObjectNode later = (ObjectNode) MAPPER.readTree(renderer.render(Briefs.meridianThirtyDay(false)));
    ((ObjectNode) later.at("/changes/items/0")).putArray("citations");
    assertFalse(validate(later).isEmpty());
  }

  @Test
  void briefWithHostileEvidenceAndEmptySectionsStillValidates() throws IOException {
    assertEquals(Set.of(), validate(MAPPER.readTree(renderer.render(Briefs.hostile()))));
  }

  @Test
  void committedSchemaIsAValidDraft202012SchemaForThisSchemaVersion() throws IOException {
    JsonNode schemaJson = MAPPER.readTree(SCHEMA_FILE.toFile());
    JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    assertEquals(Set.of(), meta.validate(schemaJson));
    assertEquals(HandoffBrief.SCHEMA_VERSION, schemaJson.at("/properties/schemaVersion/const").asText());
    List<String> ids = Stream.of(SectionId.values()).map(SectionId::wireId).toList();
    List<String> required = new ArrayList<>();
    schemaJson.at("/properties/sections/required").forEach(n -> required.add(n.asText()));
    assertEquals(ids, required);
  }

  static Stream<Arguments> brokenBriefs() {
    return Stream.of(
        broken("a missing opportunityId", "required property 'opportunityId'",
            root -> root.remove("opportunityId")),
        broken("a missing generatedAt", "required property 'generatedAt'",
            root -> root.remove("generatedAt")),
        broken("a missing section", "required property 'risks'",
            root -> ((ObjectNode) root.get("sections")).remove("risks")),
        broken("an unknown section id", "'pricing_strategy' is not defined",
            root -> ((ObjectNode) root.get("sections"))
                .set("pricing_strategy", root.get("sections").get("risks").deepCopy())),
        broken("a misspelt section id", "'openThreads' is not defined",
            root -> {
              ObjectNode sections = (ObjectNode) root.get("sections");
              sections.set("openThreads", sections.remove("open_threads"));
            }),
        broken("an unknown top-level member", "'discountApproval' is not defined",
            root -> root.put("discountApproval", "22%")),
        broken("another schema version", "/schemaVersion: must be the constant value '1.5'",
            root -> root.put("schemaVersion", "2.0")),
        broken("a claim without citations", "account_snapshot/claims/0/citations: must have at least 1",
            root -> claim(root, "account_snapshot", 0).putArray("citations")),
        broken("a citation without a quote", "/sections/risks/claims/0/citations/0: required property 'quote'",
            root -> citation(root, "risks", 0, 0).remove("quote")),
        broken("a blank quote", "/sections/risks/claims/0/citations/0/quote: does not match",
            root -> citation(root, "risks", 0, 0).put("quote", " ")),
        broken("a negative offset", "/sections/risks/claims/0/citations/0/start: must have a minimum value of 0",
            root -> citation(root, "risks", 0, 0).put("start", -1)),
        broken("a timestamp without an offset", "/sections/risks/claims/0/citations/0/timestamp: does not match",
            root -> citation(root, "risks", 0, 0)
            .put("timestamp", "2025-03-08T14:30:00")),
        broken("an unknown stakeholder role", "/sections/stakeholders/claims/0/role: does not have a value",
            root -> claim(root, "stakeholders", 0).put("role", "cheerleader")),
        broken("an unknown stakeholder role in attributes", "claims/0/attributes/role: does not have a value",
            root -> ((ObjectNode) claim(root, "stakeholders", 0)
            .get("attributes")).put("role", "Champion")),
        broken("stakeholder fields outside the stakeholder map", "risks/claims/0: property 'role' is not evaluated",
            root -> claim(root, "risks", 0)
            .put("role", "champion")),
        broken("an attribute that is not a string", "attributes/count: integer found, string expected",
            root -> ((ObjectNode) claim(root, "risks", 0)
            .get("attributes")).put("count", 3)),
        broken("a gap without a code", "/sections/stakeholders/gaps/0: required property 'code'",
            root -> ((ObjectNode) root.at("/sections/stakeholders/gaps/0"))
            .remove("code")),
        broken("an unknown source status", "/sources/0/status: does not have a value in the enumeration",
            root -> source(root, 0).put("status", "incomplete")),
        broken("a failed source without an error", "/sources/1/error: null found, object expected",
            root -> source(root, 1).putNull("error")),
        broken("an ok source with an error", "/sources/0/error: object found, null expected",
            root -> source(root, 0).set("error", source(root, 1).get("error"))),
        broken("an unknown error kind", "/sources/1/error/kind: does not have a value in the enumeration",
            root -> ((ObjectNode) source(root, 1).get("error")).put("kind", "oops")),
        broken("negative call count", "/sources/0/calls: must have a minimum value of 0",
            root -> source(root, 0).put("calls", -1)),
        broken("a quality report without the review flag", "/quality: required property 'reviewRequired'",
            root -> ((ObjectNode) root.get("quality")).remove("reviewRequired")),
        broken("a review flag that contradicts the route", "/quality/reviewRequired: must be the constant value 'true'",
            root -> ((ObjectNode) root.get("quality")).put("reviewRequired", false)),
        broken("a review required with no route", "/quality/reviewRequired: must be the constant value 'false'",
            root -> ((ObjectNode) root.get("quality")).put("route", "none")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenBriefs")
  void schemaRejectsABriefWith(String what, String expectedError, Consumer<ObjectNode> breakIt) throws IOException {
    ObjectNode root = meridianTree();
    breakIt.accept(root);
    String errors = validate(root).stream().map(ValidationMessage::getMessage).collect(Collectors.joining("\n"));
    assertTrue(errors.contains(expectedError), "for " + what + " expected " + expectedError + " in:\n" + errors);
  }

  @Test
  void qualitySaysWhetherReviewIsRequiredRightAfterTheRoute() throws IOException {
    JsonNode quality = meridianTree().get("quality");
    List<String> names = new ArrayList<>();
    quality.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("passed", "route", "reviewRequired", "checks", "triggers"), names);
    assertEquals("ae", quality.get("route").asText());
    assertTrue(quality.get("reviewRequired").booleanValue());
  }

  @Test
  void schemaErrorForAMissingFieldNamesTheField() throws IOException {
    ObjectNode root = meridianTree();
    root.remove("accountId");
    String errors = validate(root).stream().map(ValidationMessage::getMessage).collect(Collectors.joining("\n"));
    assertTrue(errors.contains("accountId"), errors);
  }

  @Test
  void realisticBriefRendersExactlyAsTheCommittedExample() throws IOException {
    assertEquals(resource("render/meridian-brief.json"), renderer.render(Briefs.meridian()));
  }

  @Test
  void sectionsAreKeyedByWireIdInTemplateOrderEvenWhenEmpty() throws IOException {
    JsonNode sections = MAPPER.readTree(renderer.render(Briefs.hostile())).get("sections");
    List<String> keys = new ArrayList<>();
    sections.fieldNames().forEachRemaining(keys::add);
    assertEquals(Stream.of(SectionId.values()).map(SectionId::wireId).toList(), keys);
    assertEquals("Account snapshot", sections.get("account_snapshot").get("title").asText());
    assertEquals(0, sections.get("account_snapshot").get("claims").size());
    assertEquals(0, sections.get("account_snapshot").get("gaps").size());
  }

  @Test
  void stakeholderClaimsCarryRoleNameEmailTitleAndLastTouchThemselves() throws IOException {
    JsonNode dana = meridianTree().at("/sections/stakeholders/claims/0");
    assertEquals("champion", dana.get("role").asText());
    assertEquals("Dana Okonkwo", dana.get("name").asText());
    assertEquals("dana.okonkwo@meridianhealth.example", dana.get("email").asText());
    assertEquals("VP Operations", dana.get("title").asText());
    assertEquals("2025-03-27", dana.get("lastTouch").asText());
    assertEquals("003000000000001AAA", dana.at("/attributes/contactId").asText());
    assertFalse(dana.has("contactId"), "only the five stakeholder fields are lifted");
    JsonNode james = meridianTree().at("/sections/stakeholders/claims/1");
    assertFalse(james.has("lastTouch"), "absent attributes are not invented");
  }

  @Test
  void sourcesCarryStatusErrorCountsUsageAndNotes() throws IOException {
    ArrayNode sources = (ArrayNode) meridianTree().get("sources");
    assertEquals("ok", sources.get(0).get("status").asText());
    assertTrue(sources.get(0).get("error").isNull());
    assertEquals(23, sources.get(0).get("items").asInt());
    assertEquals(3, sources.get(0).get("calls").asInt());
    assertEquals(1184, sources.get(0).get("elapsedMs").asLong());
    assertEquals("1207/15000", sources.get(0).at("/usage/API REQUESTS").asText());
    JsonNode gmail = sources.get(1);
    assertEquals("failed", gmail.get("status").asText());
    assertEquals("timeout", gmail.at("/error/kind").asText());
    assertTrue(gmail.at("/error/retriable").asBoolean());
    assertTrue(gmail.at("/error/message").asText().startsWith("Gmail did not answer"));
    assertEquals("skipped", sources.get(2).get("status").asText());
  }

  @Test
  void timestampsAreIsoWithSecondsAndKeepTheEvidenceOffset() throws IOException {
    ObjectNode root = meridianTree();
    assertEquals("2025-03-30T14:05:09Z", root.get("generatedAt").asText());
    assertEquals("2025-03-28T16:42:00Z", root.at("/sections/account_snapshot/claims/0/citations/0/timestamp").asText());
    assertEquals("2025-03-08T14:30:00-05:00", root.at("/sections/risks/claims/0/citations/0/timestamp").asText());
  }

  @Test
  void roundTripThroughTheReaderGivesTheSameBriefAndTheSameBytes() {
    HandoffBrief brief = Briefs.meridian();
    String json = renderer.render(brief);
    HandoffBrief read = JsonBriefReader.create().read(json);
    assertEquals(brief, read);
    assertEquals(json, renderer.render(read));
  }

  @Test
  void hostileBriefSurvivesTheRoundTrip() {
    HandoffBrief brief = Briefs.hostile();
    assertEquals(brief, JsonBriefReader.create().read(renderer.render(brief)));
  }

  @Test
  void outputIsPrettyPrintedWithUnixLineEndingsAndATrailingNewline() {
    String json = renderer.render(Briefs.meridian());
    assertFalse(json.contains("\r"));
    assertTrue(json.endsWith("}\n"));
    assertTrue(json.contains("\n  \"schemaVersion\": \"1.5\",\n"), json.substring(0, 60));
    assertTrue(json.contains("\"gaps\": []"));
  }

  @Test
  void writesUtf8FilesThatTheReaderReadsBack(@TempDir Path dir) throws IOException {
    HandoffBrief brief = Briefs.hostile();
    Path file = dir.resolve("brief." + renderer.fileExtension());
    renderer.write(brief, file);
    assertEquals(brief, JsonBriefReader.create().read(file));
    assertEquals("application/json", renderer.mediaType());
  }

  static String resource(String name) throws IOException {
    try (InputStream in = JsonBriefRendererTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Arguments broken(String what, String expectedError, Consumer<ObjectNode> breakIt) {
    return Arguments.of(what, expectedError, breakIt);
  }

  private static ObjectNode section(ObjectNode root, String id) {
    return (ObjectNode) root.get("sections").get(id);
  }

  private static ObjectNode claim(ObjectNode root, String section, int index) {
    return (ObjectNode) section(root, section).get("claims").get(index);
  }

  private static ObjectNode citation(ObjectNode root, String section, int claim, int index) {
    return (ObjectNode) claim(root, section, claim).get("citations").get(index);
  }

  private static ObjectNode source(ObjectNode root, int index) {
    return (ObjectNode) root.get("sources").get(index);
  }
}
