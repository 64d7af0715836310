package org.handoffbrief.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handoffbrief.Fakes;
import org.junit.jupiter.api.Test;

class DealContextZoneTest {

  @Test
  void aContextMadeWithoutAZoneReadsDatesInUtc() {
    DealContext deal = Fakes.deal();

    var made = new DealContext(deal.account(), deal.opportunity(), deal.owner(), deal.contacts(), deal.team(),
        deal.window(), deal.vendorDomains(), deal.handoffFields());

    assertEquals(ZoneOffset.UTC, made.orgZone());
  }

  @Test
  void theOrgsZoneIsKeptAsGiven() {
    DealContext deal = Fakes.deal();

    var made = new DealContext(deal.account(), deal.opportunity(), deal.owner(), deal.contacts(), deal.team(),
        deal.window(), deal.vendorDomains(), Map.of("Seats", "40"), ZoneId.of("America/Chicago"));

    assertEquals(ZoneId.of("America/Chicago"), made.orgZone());
  }

  @Test
  void aNullZoneIsRefusedWithTheRemedyInTheMessage() {
    DealContext deal = Fakes.deal();

    var e = assertThrows(NullPointerException.class, () -> new DealContext(deal.account(), deal.opportunity(),
        deal.owner(), List.of(), List.of(), deal.window(), Set.of(), Map.of(), null));

    assertEquals("orgZone == null (use ZoneOffset.UTC when the org's zone is unknown)", e.getMessage());
  }

  @Test
  void blankHandoffFieldsAreReadBackAsLabelsInOrder() {
    Evidence opp = Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.OPPORTUNITY, "006000000000001AAA")
        .timestamp(Fakes.WRITTEN).attribute(CrmEvidence.BLANK_HANDOFF_FIELDS, "Competitor\nHealth score").build();
    Evidence none = Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.ACCOUNT, "001000000000001AAA")
        .timestamp(Fakes.WRITTEN).build();

    assertEquals(List.of("Competitor", "Health score"), CrmEvidence.blankHandoffFields(opp));
    assertEquals(List.of(), CrmEvidence.blankHandoffFields(none));
  }
}
