package org.handoffbrief.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.QualityReport;
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

  /** Issue 9: a stored brief round-trips, including its kind and what changed. */
  @Test
  void aLaterBriefWithChangesReadsBackEqual() {
    for (boolean nothingChanged : new boolean[] {false, true}) {
      HandoffBrief brief = Briefs.meridianThirtyDay(nothingChanged);
      assertEquals(brief, reader.read(JsonBriefRenderer.create().render(brief)));
    }
  }

  @Test
  void aBriefsKindAndChangesLeaveItsStoreFingerprintAlone() {
    String handoff = org.handoffbrief.store.StoredBrief.fingerprint(Briefs.meridian());
    assertEquals(handoff, org.handoffbrief.store.StoredBrief.fingerprint(Briefs.meridianThirtyDay(false)));
    assertEquals(handoff, org.handoffbrief.store.StoredBrief.fingerprint(Briefs.meridianThirtyDay(true)));
  }

  @Test
  void aBriefWithoutKindOrChangesReadsAsAHandoffBriefWithNoHistory() throws IOException {
    ObjectNode json = meridian().put("schemaVersion", "1.3");
    json.remove("kind");
    json.remove("changes");
    HandoffBrief brief = reader.read(json.toString());
    assertEquals(org.handoffbrief.model.BriefKind.HANDOFF, brief.kind());
    assertNull(brief.changes());
  }

  @Test
  void anUnknownKindOrChangeIsRefusedNamingThePath() throws IOException {
    ObjectNode json = meridian().put("kind", "yearly");
    assertTrue(refused(json).getMessage().contains("$.kind has unknown value 'yearly'"));
    ObjectNode later = (ObjectNode) MAPPER.readTree(JsonBriefRenderer.create().render(Briefs.meridianThirtyDay(false)));
    ((ObjectNode) later.at("/changes/items/0")).put("change", "vanished");
    assertTrue(refused(later).getMessage().contains("$.changes.items[0].change has unknown value 'vanished'"),
        refused(later).getMessage());
  }

  @Test
  void readsTheCommittedExampleIntoTheBriefItWasRenderedFrom() throws IOException {
    String json = JsonBriefRendererTest.resource("render/meridian-brief.json");
    assertEquals(Briefs.meridian(), reader.read(json));
    assertEquals(Briefs.meridian(), reader.read(new StringReader(json)));
  }

  @Test
  void readsASchema10BriefWithoutAQualityReport() throws IOException {
    HandoffBrief brief = reader.read(JsonBriefRendererTest.resource("render/meridian-brief-1.0.json"));
    assertEquals(Briefs.meridianVersion10(), brief);
    assertNull(brief.quality());
  }

  @Test
  void readsTheQualityReportWithItsChecksTriggersRouteAndCitations() throws IOException {
    var quality = reader.read(meridian().toString()).quality();
    assertEquals(QualityReport.Route.AE, quality.route());
    assertEquals(List.of("stakeholder_coverage", "crm_conversation_diff"),
        quality.failed().stream().map(QualityReport.Check::id).toList());
    assertEquals("Go-Live Target: 2025-05-15", quality.checks().get(1).citations().get(0).quote());
    assertEquals(List.of("open_threads.legal.1"), quality.triggers().get(0).claimIds());
  }

  @Test
  void readsASchema11BriefWithoutTheReviewFlagFromItsRoute() throws IOException {
    ObjectNode json = meridian();
    json.put("schemaVersion", "1.1");
    ((ObjectNode) json.get("quality")).remove("reviewRequired");
    QualityReport quality = reader.read(json.toString()).quality();
    assertTrue(quality.reviewRequired());
    assertEquals(QualityReport.Route.AE, quality.route());
  }

  @Test
  void refusesAReviewFlagThatContradictsTheRoute() throws IOException {
    ObjectNode json = meridian();
    ((ObjectNode) json.get("quality")).put("reviewRequired", false);
    String message = refused(json).getMessage();
    assertTrue(message.contains("$.quality.reviewRequired is false but route is ae"), message);
  }

  @Test
  void refusesAQualityReportWithAnUnknownRoute() throws IOException {
    ObjectNode json = meridian();
    ((ObjectNode) json.get("quality")).put("route", "cfo");
    assertTrue(refused(json).getMessage().contains("$.quality"), refused(json).getMessage());
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
