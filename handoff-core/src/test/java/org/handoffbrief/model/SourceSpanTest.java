package org.handoffbrief.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.handoffbrief.extract.BriefDraft;
import org.handoffbrief.internal.CitationVerifier;
import org.handoffbrief.internal.FinishingDraft;
import org.junit.jupiter.api.Test;

class SourceSpanTest {
  private static final OffsetDateTime AT = OffsetDateTime.parse("2026-03-02T10:00:00Z");

  private static Evidence record() {
    return Evidence.builder("salesforce", "Opportunity", "006000000000001AAA").timestamp(AT)
        .header("Stage", "Closed Won", "StageName")
        .line("Amount", "USD 168,000")
        .header("Seats", "420", "Seats__c")
        .body("Replacing spreadsheets before the audit.", "Description")
        .build();
  }

  @Test
  void composedLinesAndLabelsAreReadableButNeverTheSourcesWords() {
    Evidence e = record();
    assertEquals("Stage: Closed Won\nAmount: USD 168,000\nSeats: 420\n\nReplacing spreadsheets before the audit.",
        e.text());
    int stage = e.text().indexOf("Closed Won");
    assertEquals("StageName", e.sourceSpanOf(stage, stage + "Closed Won".length()).field());
    assertNull(e.sourceSpanOf(0, stage + 3), "the label is the connector's");
    int amount = e.text().indexOf("USD");
    assertNull(e.sourceSpanOf(amount, amount + 3), "a composed line is not citable");
  }

  @Test
  void aCitationNamesTheFieldItQuotesAndCannotQuoteAComposedLine() {
    Evidence e = record();
    assertEquals("Seats__c", Citation.of(e, "420").field());
    assertEquals("Description", Citation.of(e, "spreadsheets").field());
    assertThrows(IllegalArgumentException.class, () -> Citation.of(e, "Stage: Closed Won"));
    assertThrows(IllegalArgumentException.class, () -> Citation.of(e, "USD 168,000"));
  }

  @Test
  void evidenceGivenWholeIsCitableThroughoutWithoutANamedField() {
    Evidence e = Evidence.builder("gmail", "message", "m1").timestamp(AT).text("We will send the SOC 2 report.").build();
    Citation c = Citation.of(e, "SOC 2 report");
    assertNull(c.field());
  }

  @Test
  void theVerifierRemovesACitationOfAComposedLineAndKeepsTheClaimOnItsOtherCitations() {
    Evidence e = record();
    int amount = e.text().indexOf("USD 168,000");
    Citation composed = new Citation(e.id(), e.system(), null, AT, "USD 168,000", amount, amount + 11);
    Citation own = Citation.of(e, "Closed Won");
    var extracted = new BriefDraft();
    extracted.claim(SectionId.ACCOUNT_SNAPSHOT, "closed", "Closed Won at USD 168,000.", Map.of(), List.of(composed, own));
    extracted.claim(SectionId.ACCOUNT_SNAPSHOT, "amount", "USD 168,000.", Map.of(), List.of(composed));

    var draft = FinishingDraft.of(extracted);
    int dropped = CitationVerifier.verify(draft, Map.of(e.id(), e));

    assertEquals(1, dropped);
    List<Claim> kept = draft.claims(SectionId.ACCOUNT_SNAPSHOT);
    assertEquals(1, kept.size());
    assertEquals(List.of(own), kept.get(0).citations());
    assertTrue(CitationVerifier.check(composed, Map.of(e.id(), e)).orElseThrow().contains("composed"));
  }

  @Test
  void headerLinesMustComeBeforeTheBody() {
    var b = Evidence.builder("gmail", "message", "m2").timestamp(AT).body("Hello there, team.", "body");
    assertThrows(IllegalStateException.class, () -> b.header("Subject", "Late", "subject"));
  }
}
