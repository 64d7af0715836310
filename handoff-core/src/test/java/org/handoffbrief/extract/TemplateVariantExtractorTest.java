package org.handoffbrief.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.handoffbrief.internal.FinishingDraft;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Gap;
import org.handoffbrief.model.SectionId;
import org.junit.jupiter.api.Test;

class TemplateVariantExtractorTest {

  private static List<Claim> variantClaims(FinishingDraft draft) {
    return draft.claims(SectionId.ACCOUNT_SNAPSHOT).stream().filter(c -> c.attributes().containsKey("variant")).toList();
  }

  private static List<String> gaps(FinishingDraft draft) {
    return draft.sections().get(SectionId.ACCOUNT_SNAPSHOT).gaps().stream().map(Gap::code).toList();
  }

  @Test
  void anEnterpriseDealAddsProcurementAndMsaFromHandoffFieldsOrGaps() {
    var f = new CrmFixture();
    f.type = "New Business";
    f.account().opportunity(Map.of("Segment", "Enterprise", "MSA status", "Signed 2026-03-20"), null);
    FinishingDraft draft = f.extract();
    Claim msa = variantClaims(draft).stream().filter(c -> "msa".equals(c.attributes().get("field"))).findFirst()
        .orElseThrow();
    assertEquals("MSA: Signed 2026-03-20", msa.text());
    assertEquals("Signed 2026-03-20", msa.citations().get(0).quote());
    assertTrue(variantClaims(draft).stream().anyMatch(c -> c.text().equals("Template variant: enterprise (Segment: Enterprise)")));
    assertTrue(gaps(draft).contains("no_procurement"), gaps(draft).toString());
  }

  @Test
  void aPartnerSourcedExpansionTakesTheFootprintFromTheConversationAndFlagsTheMissingPartner() {
    var f = new CrmFixture();
    f.type = "Existing Business - Partner Sourced";
    f.account().opportunity(Map.of(), null);
    var dana = f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo@meridianhealth.org", "VP Operations",
        "Champion", true);
    f.mail("gmail", "m1", "2026-03-10T10:00:00Z", CrmFixture.who(dana), List.of(CrmFixture.who(f.owner)), "Rollout",
        "t1", "We currently use 200 seats of your reporting module in the billing team.");
    FinishingDraft draft = f.extract();
    Claim footprint = variantClaims(draft).stream()
        .filter(c -> "existing_footprint".equals(c.attributes().get("field"))).findFirst().orElseThrow();
    assertEquals("gmail:message:m1", footprint.citations().get(0).evidenceId());
    assertEquals("We currently use 200 seats of your reporting module in the billing team.",
        footprint.citations().get(0).quote());
    assertTrue(gaps(draft).contains("no_partner"), gaps(draft).toString());
  }

  @Test
  void aPlainNewBusinessDealAddsNoVariantFields() {
    var f = new CrmFixture();
    f.type = "New Business";
    f.account().opportunity(Map.of("Segment", "Mid-Market"), null);
    FinishingDraft draft = f.extract();
    assertTrue(variantClaims(draft).isEmpty(), variantClaims(draft).toString());
    assertTrue(gaps(draft).stream().noneMatch(g -> g.equals("no_msa") || g.equals("no_partner")), gaps(draft).toString());
  }
}
