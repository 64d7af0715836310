package org.handoffbrief.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.model.SourceFailure;
import org.handoffbrief.model.SourceReport;
import org.junit.jupiter.api.Test;

class JsonBriefReaderTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final JsonBriefReader reader = JsonBriefReader.create();

  private ObjectNode meridian() throws IOException {
    return (ObjectNode) MAPPER.readTree(JsonBriefRendererTest.resource("render/meridian-brief.json"));
  }

  private MalformedResponseException refused(ObjectNode json) {
    return assertThrows(MalformedResponseException.class, () -> reader.read(json.toString()));
  }

  @Test
  void readsTheCommittedExampleIntoTheBriefItWasRenderedFrom() throws IOException {
    String json = JsonBriefRendererTest.resource("render/meridian-brief.json");
    assertEquals(Briefs.meridian(), reader.read(json));
    assertEquals(Briefs.meridian(), reader.read(new StringReader(json)));
  }

  @Test
  void readBriefKeepsFailuresWithTheirSystemKindAndRetriability() throws IOException {
    HandoffBrief brief = reader.read(meridian().toString());
    SourceReport gmail = brief.sources().get(1);
    assertEquals(SourceReport.Status.FAILED, gmail.status());
    assertEquals(new SourceFailure("gmail", SourceFailure.Kind.TIMEOUT,
        "Gmail did not answer within 20s; run the brief again or raise gmail.deadline.", true), gmail.failure());
  }

  @Test
  void missingFieldIsRefusedWithItsJsonPath() throws IOException {
    ObjectNode json = meridian();
    ((ObjectNode) json.at("/sections/stakeholders/claims/0/citations/1")).remove("quote");
    MalformedResponseException e = refused(json);
    assertEquals("$.sections.stakeholders.claims[0].citations[1].quote is missing", e.getMessage());
    assertEquals("handoff", e.system());
  }

  @Test
  void anotherMajorVersionIsRefusedNotGuessedAt() throws IOException {
    ObjectNode json = meridian().put("schemaVersion", "2.0");
    assertTrue(refused(json).getMessage().contains("schemaVersion 2.0; this library reads 1.x"));
  }

  @Test
  void unknownSectionIdIsRefusedRatherThanDropped() throws IOException {
    ObjectNode json = meridian();
    ((ObjectNode) json.get("sections")).set("pricing", json.at("/sections/risks").deepCopy());
    assertTrue(refused(json).getMessage().contains("unknown section id 'pricing'"));
  }

  @Test
  void membersAddedByALaterMinorVersionAreIgnored() throws IOException {
    ObjectNode json = meridian().put("schemaVersion", "1.3").put("variant", "enterprise");
    ((ObjectNode) json.at("/sections/risks/claims/0")).put("severity", "high");
    HandoffBrief brief = reader.read(json.toString());
    assertEquals("1.3", brief.schemaVersion());
    assertEquals(Briefs.meridian().section(SectionId.RISKS), brief.section(SectionId.RISKS));
  }

  @Test
  void citationWhoseOffsetsDoNotFitItsQuoteIsRefused() throws IOException {
    ObjectNode json = meridian();
    ((ObjectNode) json.at("/sections/risks/claims/0/citations/0")).put("end", 99);
    assertTrue(refused(json).getMessage().startsWith("$.sections.risks.claims[0].citations[0]: span [24, 99)"));
  }

  @Test
  void wrongTypesAndUnknownWireValuesAreRefusedByName() throws IOException {
    assertEquals("$.sources[0].items must be an integer",
        refused((ObjectNode) meridian().set("sources", sources(s -> s.put("items", "23")))).getMessage());
    assertEquals("$.sources[0].status has unknown value 'OK'",
        refused((ObjectNode) meridian().set("sources", sources(s -> s.put("status", "OK")))).getMessage());
    assertTrue(refused(meridian().put("generatedAt", "yesterday")).getMessage()
        .startsWith("$.generatedAt is not an ISO-8601 UTC instant"));
  }

  @Test
  void textThatIsNotJsonIsRefused() {
    MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> reader.read("{\"schema"));
    assertTrue(e.getMessage().startsWith("stored brief is not JSON"), e.getMessage());
  }

  private com.fasterxml.jackson.databind.node.ArrayNode sources(java.util.function.Consumer<ObjectNode> change)
      throws IOException {
    var sources = (com.fasterxml.jackson.databind.node.ArrayNode) meridian().get("sources");
    change.accept((ObjectNode) sources.get(0));
    return sources;
  }
}
