package org.handoffbrief.extract;

import static org.handoffbrief.extract.CrmFixture.who;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Person;
import org.handoffbrief.model.SectionId;
import org.junit.jupiter.api.Test;

/** Roles decided by what the conversations show; the CRM contact role is one piece of evidence. */
class StakeholderRolesTest {
  private final CrmFixture f = new CrmFixture().opportunity(Map.of(), null);

  private Map<String, List<String>> roles() {
    return f.extract().claims(SectionId.STAKEHOLDERS).stream().filter(c -> c.attributes().get("name") != null)
        .collect(Collectors.groupingBy(c -> c.attributes().get("name"),
            Collectors.mapping(c -> c.attributes().get("role"), Collectors.toList())));
  }

  private Person contact(String id, String name, String title, String role) {
    String email = name.toLowerCase().replace(' ', '.') + "@meridianhealth.org";
    return f.contact(id, name, email, title, role, false);
  }

  @Test
  void whoeverSaysTheBudgetIsTheirsIsTheEconomicBuyerNotTheProcurementSignerTheCrmNames() {
    Person wendy = contact("003000000000001AAA", "Wendy Price", "Senior Procurement Officer", "Economic Buyer");
    Person nora = contact("003000000000002AAA", "Nora Adeyemi", "Vice Provost", "Executive Sponsor");
    f.gong("901", "2026-03-02T15:00:00Z", 40, "Executive alignment", who(nora), false,
        "Wendy's office signs the contract, but that budget is mine and I approved the award.");
    f.mail("gmail", "g1", "2026-03-03T10:00:00Z", who(wendy), List.of(who(f.owner)), "Paper", "t1",
        "I will route the order form for signature this week.");
    Map<String, List<String>> roles = roles();
    assertEquals(List.of("economic_buyer"), roles.get("Nora Adeyemi"));
    assertFalse(roles.getOrDefault("Wendy Price", List.of()).contains("economic_buyer"), roles.toString());
  }

  @Test
  void aChampionWhoLeavesHandsTheRoleToTheSuccessorTheyName() {
    Person lena = contact("003000000000001AAA", "Lena Hart", "Director of Operations", "Champion");
    Person zoe = contact("003000000000002AAA", "Zoe Brandt", "Senior Manager", "Influencer");
    f.mail("gmail", "g1", "2026-01-20T10:00:00Z", who(lena), List.of(who(f.owner)), "Intro", "t1",
        "We want to replace our reporting stack before the board meeting.");
    f.mail("gmail", "g2", "2026-02-20T10:00:00Z", who(lena), List.of(who(f.owner)), "News", "t2",
        "I've accepted a role outside the company and my last day is Friday. Zoe Brandt is stepping in and owns the"
            + " decision from here on.");
    f.mail("gmail", "g3", "2026-03-01T10:00:00Z", who(zoe), List.of(who(f.owner)), "Trial", "t3",
        "The trial numbers look right to me.");
    Map<String, List<String>> roles = roles();
    assertEquals(List.of("champion"), roles.get("Zoe Brandt"));
    assertFalse(roles.getOrDefault("Lena Hart", List.of()).contains("champion"), roles.toString());
  }

  @Test
  void aHoldoutNamedByOthersIsABlockerUntilTheyComeAround() {
    Person desmond = contact("003000000000001AAA", "Desmond Achebe", "CISO", "Decision Maker");
    f.slack("1709000000.000100", "2026-02-01T10:00:00Z", who(f.se), "deal-meridian", null,
        "Desmond is the blocker on this one until the pen test findings are closed.");
    f.gong("902", "2026-02-10T15:00:00Z", 60, "Security", who(desmond), false, "Send me the remediation plan.");
    assertTrue(roles().get("Desmond Achebe").contains("blocker"));
    f.slack("1709000000.000200", "2026-03-01T10:00:00Z", who(f.se), "deal-meridian", null,
        "Big one: Desmond has come around after the retest plan.");
    assertFalse(roles().get("Desmond Achebe").contains("blocker"), roles().toString());
  }

  @Test
  void regretForNotSwitchingSoonerIsNoObjection() {
    Person zoe = contact("003000000000002AAA", "Zoe Brandt", "Senior Manager", "Influencer");
    f.gong("903", "2026-03-02T15:00:00Z", 20, "Readout", who(zoe), false,
        "Honestly, my one regret is that we didn't cancel the old tool two years ago.");
    assertFalse(roles().get("Zoe Brandt").contains("blocker"));
  }

  @Test
  void theWorkingSecurityContactTheCisoNamesIsASecurityContact() {
    Person halima = contact("003000000000001AAA", "Halima Ouedraogo", "Chief Information Security Officer", "Influencer");
    Person dmitri = contact("003000000000002AAA", "Dmitri Volkov", "Analyst", "Other");
    f.mail("gmail", "g1", "2026-02-01T10:00:00Z", who(halima), List.of(who(f.se), who(dmitri)), "Security", "t1",
        "We reviewed your SOC 2 report and the encryption design.\nDmitri Volkov on my team is the working contact for"
            + " evidence and questions.");
    f.mail("gmail", "g2", "2026-02-02T10:00:00Z", who(dmitri), List.of(who(f.se)), "Evidence", "t1",
        "Thanks, I will collect the evidence list.");
    Map<String, List<String>> roles = roles();
    assertTrue(roles.get("Halima Ouedraogo").contains("security_contact"), roles.toString());
    assertTrue(roles.get("Dmitri Volkov").contains("security_contact"), roles.toString());
  }

  @Test
  void aContactSilentThisCycleIsNotListed() {
    contact("003000000000003AAA", "Old Champion", "Former Director", "Business User");
    Person active = contact("003000000000004AAA", "Ana Silva", "Director", "Business User");
    f.mail("gmail", "g1", "2026-02-01T10:00:00Z", who(active), List.of(who(f.owner)), "Hello", "t1",
        "We need one place for all clinic reports before the audit.");
    List<Claim> claims = f.extract().claims(SectionId.STAKEHOLDERS);
    assertTrue(claims.stream().noneMatch(c -> "Old Champion".equals(c.attributes().get("name"))), claims.toString());
  }
}
