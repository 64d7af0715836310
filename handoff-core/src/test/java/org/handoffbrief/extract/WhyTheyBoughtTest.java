package org.handoffbrief.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.SectionId;
import org.junit.jupiter.api.Test;

class WhyTheyBoughtTest {

  @Test
  void theCustomersDiscoveryStatementsOfPainAreQuotedAndSmallTalkIsNot() {
    var f = new CrmFixture().opportunity(Map.of(), null);
    var dana = f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo@meridianhealth.org", "VP Operations",
        "Champion", true);
    f.mail("gmail", "g1", "2026-01-20T14:00:00Z", CrmFixture.who(dana), List.of(CrmFixture.who(f.owner)), "Context",
        "t1", "Hi Alex,\n\nThanks for the call last week, it was great to meet you.\n"
            + "Our clinic managers reconcile the billing numbers in Excel every Monday and they never tie out.\n"
            + "The old scheduling system goes end-of-support in October and there is no cloud version.\n"
            + "Could we set up a demo for the regional directors next week?");
    f.mail("gmail", "g2", "2026-04-05T14:00:00Z", CrmFixture.who(dana), List.of(CrmFixture.who(f.owner)), "Late",
        "t2", "We still cannot reconcile anything by hand after the audit, which is why we signed.");
    List<String> quotes = f.extract().claims(SectionId.WHY_THEY_BOUGHT).stream()
        .filter(c -> c.id().contains("customer_words")).map(c -> c.citations().get(0).quote()).toList();
    assertEquals(List.of("Our clinic managers reconcile the billing numbers in Excel every Monday and they never tie out.",
        "The old scheduling system goes end-of-support in October and there is no cloud version."), quotes);
  }

  @Test
  void theSellersOwnWordsAreNotTheCustomersReasons() {
    var f = new CrmFixture().opportunity(Map.of(), null);
    var dana = f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo@meridianhealth.org", "VP Operations",
        "Champion", true);
    f.mail("gmail", "g1", "2026-01-20T14:00:00Z", CrmFixture.who(f.owner), List.of(CrmFixture.who(dana)), "Recap",
        "t1", "Your managers reconcile numbers in Excel every Monday and they never tie out.");
    List<Claim> claims = f.extract().claims(SectionId.WHY_THEY_BOUGHT);
    assertTrue(claims.stream().noneMatch(c -> c.id().contains("customer_words")), claims.toString());
  }

  @Test
  void aSpokenReasonWithSpelledNumbersReadsWithTheLimitationSaidBeforeIt() {
    var f = new CrmFixture().opportunity(Map.of(), null);
    var dana = f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo@meridianhealth.org", "VP Operations",
        "Champion", true);
    f.gong("701", "2026-01-20T15:00:00Z", 30, "Discovery", CrmFixture.who(dana), false,
        "The old portal gives us scheduling and that's it. We went from twenty-eight to forty clinics and nobody sees"
            + " the totals.");
    List<String> texts = f.extract().claims(SectionId.WHY_THEY_BOUGHT).stream()
        .filter(c -> c.id().contains("customer_words")).map(Claim::text).toList();
    assertEquals(1, texts.size(), texts.toString());
    assertTrue(texts.get(0).contains("gives us scheduling and that's it. We went from twenty-eight to forty"), texts.get(0));
  }
}
