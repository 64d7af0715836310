package org.handoffbrief.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handoffbrief.Fakes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelValidationTest {

  private static final Evidence NOTE = Evidence.builder("salesforce", "Task", "00T000000000001AAA")
      .timestamp(Fakes.WRITTEN).permalink(URI.create("https://crm.example.test/00T000000000001AAA"))
      .text("Subject: Legacy ERP\n\nSE flagged a legacy ERP integration.").build();

  @Test
  void claimWithoutCitationIsRefusedNamingTheClaim() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new Claim("risks.erp.1", SectionId.RISKS, "Legacy ERP integration.", Map.of(), List.of()));
    assertEquals("claim risks.erp.1 has no citation; every claim cites its source", e.getMessage());
  }

  @Test
  void citationSpanMustFitItsQuote() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new Citation(NOTE.id(), "salesforce", null, Fakes.WRITTEN, "legacy ERP", 24, 30));
    assertEquals("span [24, 30) does not fit a quote of 10 characters", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new Citation(NOTE.id(), "salesforce", null, Fakes.WRITTEN, "legacy ERP", -1, 9));
  }

  @Test
  void citationOfFindsTheQuoteAndCopiesTheEvidencesCoordinates() {
    Citation c = Citation.of(NOTE, "legacy ERP integration");
    assertEquals(NOTE.text().indexOf("legacy ERP"), c.start());
    assertEquals("legacy ERP integration", NOTE.text().substring(c.start(), c.end()));
    assertEquals(NOTE.id(), c.evidenceId());
    assertEquals(NOTE.permalink(), c.permalink());
    assertEquals(NOTE.timestamp(), c.timestamp());
  }

  @Test
  void citationOfAQuoteTheEvidenceDoesNotContainIsRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> Citation.of(NOTE, "modern ERP"));
    assertEquals("evidence salesforce:Task:00T000000000001AAA does not contain the quote in its source words", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"-1, 3", "5, 5", "6, 5", "0, 999"})
  void citationSpanOutsideTheEvidenceIsRefused(int start, int end) {
    assertThrows(IllegalArgumentException.class, () -> Citation.span(NOTE, start, end));
  }

  @Test
  void evidenceIdMustMatchSystemKindAndNativeId() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Evidence("salesforce:Task:OTHER", "salesforce",
        "Task", "00T000000000001AAA", null, Fakes.WRITTEN, null, List.of(), "x", Map.of(), false));
    assertEquals("evidence id salesforce:Task:OTHER does not match salesforce:Task:00T000000000001AAA", e.getMessage());
    assertEquals("salesforce:Task:00T000000000001AAA", NOTE.id());
  }

  @Test
  void evidenceSystemMustBeLowerCaseAndTimestampPresent() {
    assertThrows(IllegalArgumentException.class,
        () -> Evidence.builder("Salesforce", "Task", "1").timestamp(Fakes.WRITTEN).build());
    var e = assertThrows(NullPointerException.class, () -> Evidence.builder("gmail", "message", "m1").build());
    assertEquals("timestamp == null (evidence gmail:message:m1)", e.getMessage());
  }

  @Test
  void failedSourceReportNeedsAFailureAndOnlyAFailedOneHasOne() {
    var failure = new SourceFailure("gmail", SourceFailure.Kind.TIMEOUT, "gmail did not answer.", true);
    assertThrows(IllegalArgumentException.class, () -> new SourceReport("gmail", SourceReport.Status.FAILED, null, 0,
        0, Duration.ZERO, Map.of(), List.of()));
    assertThrows(IllegalArgumentException.class, () -> new SourceReport("gmail", SourceReport.Status.OK, failure, 0,
        0, Duration.ZERO, Map.of(), List.of()));
    assertThrows(IllegalArgumentException.class, () -> new SourceReport("gmail", SourceReport.Status.OK, null, -1,
        0, Duration.ZERO, Map.of(), List.of()));
    assertEquals("failed", new SourceReport("gmail", SourceReport.Status.FAILED, failure, 0, 2, Duration.ZERO,
        Map.of(), List.of()).status().wireId());
  }

  @Test
  void opportunityCannotBeWonWithoutBeingClosed() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Opportunity("006000000000001AAA", "Meridian",
        "Negotiation", BigDecimal.TEN, "USD", LocalDate.of(2025, 3, 28), Fakes.T0, null, false, true));
    assertEquals("opportunity 006000000000001AAA is won but not closed", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
      "alex.rivera@vendor.example, true",
      "ALEX.RIVERA@VENDOR.EXAMPLE, true",
      "sam@eu.vendor.example, true",
      "dana.okonkwo@meridianhealth.example, false",
      "spoof@notvendor.example, false",
      "spoof@vendor.example.attacker.test, false",
      "vendor.example, false"})
  void internalMeansTheVendorsDomainOrOneOfItsSubdomains(String email, boolean internal) {
    assertEquals(internal, Fakes.deal().isInternal(email));
  }

  @Test
  void vendorDomainsAreNormalisedAndNullIsExternal() {
    DealContext deal = Fakes.deal();
    var normalised = new DealContext(deal.account(), deal.opportunity(), deal.owner(), deal.contacts(), deal.team(),
        deal.window(), Set.of(" Vendor.Example "), Map.of());
    assertEquals(Set.of("vendor.example"), normalised.vendorDomains());
    assertTrue(normalised.isInternal("ops@vendor.example"));
    assertFalse(normalised.isInternal(null));
  }

  @Test
  void sectionRefusesAClaimOfAnotherSection() {
    var claim = new Claim("risks.erp.1", SectionId.RISKS, "Legacy ERP integration.", Map.of(),
        List.of(Citation.of(NOTE, "legacy ERP integration")));
    var e = assertThrows(IllegalArgumentException.class,
        () -> new Section(SectionId.COMMITMENTS, List.of(claim), List.of()));
    assertEquals("claim risks.erp.1 belongs to RISKS, not COMMITMENTS", e.getMessage());
  }

  @Test
  void briefHasAllSevenSectionsInTemplateOrder() {
    var brief = new HandoffBrief(HandoffBrief.SCHEMA_VERSION, "006000000000001AAA", "Meridian", "001000000000001AAA",
        "Meridian Health", Fakes.T0, Map.of(SectionId.RISKS, new Section(SectionId.RISKS, List.of(),
            List.of(new Gap("no_risks", "No risks recorded.")))), List.of());
    assertEquals(List.of(SectionId.values()), List.copyOf(brief.sections().keySet()));
    assertEquals("no_risks", brief.section(SectionId.RISKS).gaps().get(0).code());
    assertTrue(brief.section(SectionId.COMMITMENTS).isEmpty());
  }

  @Test
  void smallerValuesRefuseWhatCannotBeTrue() {
    assertThrows(IllegalArgumentException.class, () -> new Participant(" ", null, ""));
    assertEquals("dana@meridianhealth.example", Participant.of("Dana", " Dana@MeridianHealth.example ").email());
    assertThrows(IllegalArgumentException.class, () -> new TimeWindow(Fakes.T0, Fakes.T0.minusSeconds(1)));
    assertTrue(new TimeWindow(Fakes.T0, Fakes.T0.plusSeconds(1)).contains(Fakes.T0));
    assertFalse(new TimeWindow(Fakes.T0, Fakes.T0.plusSeconds(1)).contains(Fakes.T0.plusSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new Gap("no_buyer", " "));
    assertThrows(IllegalArgumentException.class, () -> DealRef.of(" "));
    assertEquals("006000000000001AAA", DealRef.of(" 006000000000001AAA ").opportunityId());
    assertThrows(IllegalArgumentException.class, () -> new TeamMember(Fakes.deal().owner(), ""));
  }
}
