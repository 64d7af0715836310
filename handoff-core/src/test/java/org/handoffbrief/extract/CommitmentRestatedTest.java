package org.handoffbrief.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.SectionId;
import org.junit.jupiter.api.Test;

class CommitmentRestatedTest {

  @Test
  void aPromiseRestatedAndQuotedIsOneClaimCitingTheOriginalFirst() {
    var f = new CrmFixture().opportunity(Map.of(), null);
    var dana = f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo@meridianhealth.org", "VP Operations",
        "Champion", true);
    f.mail("outlook", "o1", "2026-02-03T14:00:00Z", CrmFixture.who(f.se), List.of(CrmFixture.who(dana)), "SAML", "c1",
        "We will configure SAML SSO within 6 weeks of kickoff.");
    f.mail("outlook", "o2", "2026-02-04T09:00:00Z", CrmFixture.who(f.owner), List.of(CrmFixture.who(dana)), "RE: SAML",
        "c1", "Looping in.\n\n> We will configure SAML SSO within 6 weeks of kickoff.");
    f.mail("outlook", "o3", "2026-02-05T09:00:00Z", CrmFixture.who(f.owner), List.of(CrmFixture.who(dana)), "RE: SAML",
        "c1", "To confirm: we will configure SAML SSO within 6 weeks of kickoff.");
    List<Claim> promises = f.extract().claims(SectionId.COMMITMENTS).stream()
        .filter(c -> c.id().contains(".promise.")).toList();
    assertEquals(1, promises.size(), promises.toString());
    assertEquals(List.of("outlook:message:o1", "outlook:message:o3"),
        promises.get(0).citations().stream().map(Citation::evidenceId).toList());
  }
}
