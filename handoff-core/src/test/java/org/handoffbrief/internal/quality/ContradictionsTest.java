package org.handoffbrief.internal.quality;

import static org.handoffbrief.internal.quality.Deal.ALEX;
import static org.handoffbrief.internal.quality.Deal.DANA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import org.handoffbrief.extract.Contradiction;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.SectionId;
import org.junit.jupiter.api.Test;

/** CRM fields the conversations contradict, each a claim citing both sides. */
class ContradictionsTest {
  private final Deal deal = new Deal();

  private Evidence opportunity(String amount, String label, String value, String blankLabel) {
    var b = Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.OPPORTUNITY, deal.opportunityId)
        .timestamp(OffsetDateTime.parse("2026-06-30T18:00:00Z"))
        .header("Opportunity", "Meridian Health - Platform", "Name")
        .header("Amount", amount, "Amount")
        .line("Currency", "USD");
    if (label != null) {
      b.header(label, value, label.replace(' ', '_') + "__c").attribute(CrmEvidence.HANDOFF_PREFIX + label, value);
    }
    if (blankLabel != null) {
      b.attribute(CrmEvidence.BLANK_HANDOFF_FIELDS, blankLabel);
    }
    return deal.add(b.build());
  }

  private List<Contradiction> found() {
    return deal.input().contradictions();
  }

  @Test
  void aBlankCompetitorWhileTheCallsNameTheRivalBeingReplacedIsAContradictionCitingTheRecord() {
    Evidence opp = opportunity("168,000", null, null, "Competitor");
    Evidence call = deal.call("2026-03-02T10:00:00Z", "Dana: we are leaving Plexon at its July renewal.");
    Contradiction c = found().get(0);
    assertEquals(SectionId.DEAL_HISTORY, c.section());
    assertTrue(c.message().contains("Competitor is blank") && c.message().contains("Plexon"), c.message());
    assertEquals(List.of(opp.id(), call.id()), c.citations().stream().map(Citation::evidenceId).toList());
  }

  @Test
  void theYearlyValueInTheLateConversationsAgainstTheCrmAmount() {
    Evidence opp = opportunity("95,400", null, null, null);
    deal.mail("2026-02-01T10:00:00Z", ALEX, "Early estimate: USD 120,000 per year before any scoping.");
    deal.mail("2026-02-02T10:00:00Z", ALEX, "List price is $1,485 per office per year.");
    Evidence form = deal.mail("2026-06-20T10:00:00Z", ALEX, "The signed order form says USD 91,800 per year.");
    Contradiction c = found().get(0);
    assertEquals("Amount", c.field());
    assertEquals(List.of(opp.id(), form.id()), c.citations().stream().map(Citation::evidenceId).toList());
    assertEquals("95,400", c.citations().get(0).quote());
  }

  @Test
  void anAmountWithinOnePercentOrAPerUnitPriceIsNoContradiction() {
    opportunity("95,400", null, null, null);
    deal.mail("2026-06-20T10:00:00Z", ALEX, "Annual subscription: USD 95,000 per year.");
    deal.mail("2026-06-21T10:00:00Z", ALEX, "That is $1,590 per seat per year.");
    assertEquals(List.of(), found());
  }

  @Test
  void aStatusFieldThatSaysApprovedWhileTheLateConversationsSayConditionalIsARisk() {
    opportunity("95,400", "Security Review Status", "Approved", null);
    Evidence said = deal.mail("2026-06-25T10:00:00Z", DANA,
        "Our security sign-off is conditional on the retest letter; two findings are still open.");
    Contradiction c = found().get(0);
    assertEquals(SectionId.RISKS, c.section());
    assertEquals(List.of("Approved", said.text().substring(said.text().indexOf("Our security"))),
        c.citations().stream().map(Citation::quote).toList());
  }

  @Test
  void aStatusTheConversationsConfirmIsNoContradiction() {
    opportunity("95,400", "Security Review Status", "Approved", null);
    deal.mail("2026-06-25T10:00:00Z", DANA, "Security review is approved, thanks for the quick answers.");
    assertEquals(List.of(), found());
  }

  @Test
  void anIncidentsReachIsNotASeatCount() {
    opportunity("95,400", "Seats", "60", null);
    deal.ticket("2026-06-20T10:00:00Z", "Login errors", "open", "About 12 users affected since Monday.");
    assertEquals(List.of(), found());
  }

  @Test
  void handoffNotesTheLateConversationsOvertakeAreARiskCitingTheNoteAndTheMessage() {
    opportunity("95,400", "Handoff Notes", "Rollout in two waves. Ledgerline connector live at go-live for all sites.", null);
    Evidence said = deal.mail("2026-06-25T10:00:00Z", ALEX,
        "Update: the Ledgerline connector will not be ready for go-live; target end of Q3.");
    Contradiction c = found().get(0);
    assertEquals(SectionId.RISKS, c.section());
    assertEquals(List.of("Ledgerline connector live at go-live for all sites.",
        said.text().substring(said.text().indexOf("Update"))), c.citations().stream().map(Citation::quote).toList());
  }

  @Test
  void handoffNotesTheConversationsConfirmAreNoContradiction() {
    opportunity("95,400", "Handoff Notes", "Ledgerline connector live at go-live for all sites.", null);
    deal.mail("2026-06-25T10:00:00Z", ALEX, "The Ledgerline connector is tested and ready for go-live.");
    assertEquals(List.of(), found());
  }

  @Test
  void leavingOnADayIsNotReplacingARival() {
    opportunity("168,000", null, null, "Competitor");
    deal.mail("2026-03-02T10:00:00Z", DANA, "I am leaving Friday, and Zoe takes over the evaluation.");
    assertEquals(List.of(), found());
  }
}
