package org.handoffbrief.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.SectionId;
import org.junit.jupiter.api.Test;

/** Vendor promises in the phrasings people use, and the look-alikes that are not promises. */
class PromisePhrasingTest {
  private final CrmFixture f = new CrmFixture().opportunity(Map.of(), null);
  private final ExtractionInput input = f.input();

  private boolean ours(String sentence) {
    return CommitmentRule.isVendorPromise(sentence, input, true);
  }

  private boolean theirs(String sentence) {
    return CommitmentRule.isVendorPromise(sentence, input, false);
  }

  @Test
  void promisesWithoutThePromiseWordAreFound() {
    assertTrue(ours("You'll have the reporting pack before go-live."));
    assertTrue(ours("Consider the SSO piece handled."));
    assertTrue(ours("Consider it done by the 15th."));
    assertTrue(ours("You have my word on that."));
    assertTrue(ours("Our implementation team will take care of the migration at no extra cost."));
    assertTrue(ours("Moving the archive across is on us."));
    assertTrue(ours("The connector will be live for the regional offices by April 25."));
    assertTrue(ours("I\u2019ll come on site and run two days of training in the go-live week."));
    assertTrue(ours("Renewal pricing: any annual increase is capped at 3%."));
    assertTrue(ours("A dedicated test tenant is included for the full term at no additional charge."));
    assertTrue(ours("If Meridian moves forward, Northwind will deliver two days of onsite training."),
        "a condition on the deal itself is met once the deal is won");
  }

  @Test
  void refusalsHedgesQuestionsAndDeliveryReportsAreNot() {
    assertFalse(ours("We'd aim for the fourth quarter, but I can't commit to a date."));
    assertFalse(ours("We will not offer a service credit."));
    assertFalse(ours("No guarantees, but we will look at it."));
    assertFalse(ours("We might be able to migrate the archive."));
    assertFalse(ours("If the pilot data is clean, we will migrate the archive."));
    assertFalse(ours("Will you commit to the SLA?"));
    assertFalse(ours("As promised on Thursday, attached are the certificate and the summary."));
  }

  @Test
  void theCustomersOwnPlansAreNotOurPromisesEvenWhenTheyAddressUs() {
    assertFalse(theirs("Alex, we will finalise the budget next week."));
    assertFalse(theirs("Go-live by June 30 works for us."));
    assertTrue(theirs("Your SE promised the Polish screens before go-live."));
  }

  @Test
  void aPromiseKeptBeforeCloseIsHistoryNotACommitment() {
    var fx = new CrmFixture().opportunity(Map.of(), null);
    var dana = fx.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo@meridianhealth.org", "VP Operations",
        "Champion", true);
    fx.mail("gmail", "g1", "2026-02-03T14:00:00Z", CrmFixture.who(fx.se), List.of(CrmFixture.who(dana)), "Security",
        "t1", "I'll send you the pen-test summary and the ISO certificate by Monday.");
    fx.mail("gmail", "g2", "2026-02-09T09:00:00Z", CrmFixture.who(fx.se), List.of(CrmFixture.who(dana)), "RE: Security",
        "t1", "As promised, attached are:\n- the pen-test summary\n- the ISO certificate");
    fx.mail("gmail", "g3", "2026-02-10T09:00:00Z", CrmFixture.who(fx.se), List.of(CrmFixture.who(dana)), "Training",
        "t2", "We will run three onsite training days in the go-live week.");
    List<String> promises = fx.extract().claims(SectionId.COMMITMENTS).stream()
        .filter(c -> c.id().contains(".promise.")).map(Claim::text).toList();
    assertEquals(List.of("Commitment: We will run three onsite training days in the go-live week."), promises);
  }

  @Test
  void eachItemOfAnOrderSummaryWeSignUpForIsACommitmentButTheExclusionsAreNot() {
    var fx = new CrmFixture().opportunity(Map.of(), null);
    var dana = fx.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo@meridianhealth.org", "VP Operations",
        "Champion", true);
    fx.mail("gmail", "g1", "2026-02-03T14:00:00Z", CrmFixture.who(fx.owner), List.of(CrmFixture.who(dana)), "Order",
        "t1", "Dana,\n\nHere is what you're getting and what we're signing up for:\n\n"
            + "- Analytics for all 12 clinics: $900 per clinic per year, 12-month term\n"
            + "- Go-live: all clinics live by May 30, 2026\n\n"
            + "Not part of this order: the payer connector, which is on our roadmap but not committed.\n\n"
            + "Some notes from the call:\n- the team liked the dashboards");
    List<String> promises = fx.extract().claims(SectionId.COMMITMENTS).stream()
        .filter(c -> c.id().contains(".promise.")).map(c -> c.citations().get(0).quote()).toList();
    assertEquals(List.of("Analytics for all 12 clinics: $900 per clinic per year, 12-month term",
        "Go-live: all clinics live by May 30, 2026"), promises);
  }

  @Test
  void ourCompanyAsTheSubjectIsOurPromiseAndVerbsThatDeliverNothingAreNot() {
    assertTrue(ours("Northwind will import the full 24 months of history before go-live."));
    assertFalse(ours("We'll keep the IT asks to the API credentials and single sign-on."));
    assertFalse(ours("Send them to me and I'll route them to our legal team."));
    assertFalse(ours("Good question - I'll circle back here."));
  }

  @Test
  void aShortPromiseAboutItReadsWithTheSentenceThatSaysWhatItIs() {
    var fx = new CrmFixture().opportunity(Map.of(), null);
    var dana = fx.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo@meridianhealth.org", "VP Operations",
        "Champion", true);
    fx.slack("1709000000.000100", "2026-02-03T14:00:00Z", CrmFixture.who(fx.se), "ext-meridian", null,
        "Yes, we'll take care of it. Northwind will import the full 24 months of history before go-live.");
    List<Claim> promises = fx.extract().claims(SectionId.COMMITMENTS).stream()
        .filter(c -> c.id().contains(".promise.")).toList();
    assertEquals(1, promises.size(), promises.toString());
    assertTrue(promises.get(0).text().contains("24 months of history"), promises.get(0).text());
    assertEquals(2, promises.get(0).citations().size());
  }
}
