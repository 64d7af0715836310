package org.handoffbrief.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.handoffbrief.internal.FinishingDraft;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Gap;
import org.handoffbrief.model.Person;
import org.handoffbrief.model.SectionId;
import org.junit.jupiter.api.Test;

class StandardExtractorsTest {

  private static List<String> texts(FinishingDraft draft, SectionId section) {
    return draft.claims(section).stream().map(Claim::text).toList();
  }

  private static List<String> gaps(FinishingDraft draft, SectionId section) {
    return draft.sections().get(section).gaps().stream().map(Gap::code).toList();
  }

  @Test
  void accountSnapshotQuotesTheConfiguredHandoffFields() {
    var f = new CrmFixture().account().opportunity(
        Map.of("Segment", "Mid-Market", "Seats", "420", "Go-live target", "2026-05-15"), null);
    FinishingDraft draft = f.extract();
    List<String> texts = texts(draft, SectionId.ACCOUNT_SNAPSHOT);
    assertTrue(texts.contains("Company: Meridian Health (Healthcare)"), texts.toString());
    assertTrue(texts.contains("Segment: Mid-Market"));
    assertTrue(texts.contains("Seats: 420"));
    assertTrue(texts.contains("Go-live target: 2026-05-15"));
    Claim seats = draft.claims(SectionId.ACCOUNT_SNAPSHOT).stream().filter(c -> c.text().equals("Seats: 420"))
        .findFirst().orElseThrow();
    assertEquals("420", seats.citations().get(0).quote());
    assertTrue(gaps(draft, SectionId.ACCOUNT_SNAPSHOT).contains("no_tier"));
  }

  @Test
  void negatedAndHedgedPromisesAreNotCommitments() {
    var f = new CrmFixture().opportunity(Map.of(), null);
    f.task("2026-03-10T15:00:00Z", "Call notes", "Completed", null, f.owner,
        "We can't promise SSO by Q2. We might be able to extend the pilot. We will provide a dedicated onboarding"
            + " engineer for the first 90 days.");
    List<String> commitments = texts(f.extract(), SectionId.COMMITMENTS);
    assertTrue(commitments.contains(
        "Commitment: We will provide a dedicated onboarding engineer for the first 90 days."), commitments.toString());
    assertFalse(commitments.stream().anyMatch(c -> c.contains("SSO")), commitments.toString());
    assertFalse(commitments.stream().anyMatch(c -> c.contains("pilot")), commitments.toString());
  }

  @Test
  void theCustomersOwnPromiseIsNotACommitment() {
    var f = new CrmFixture().opportunity(Map.of(), null);
    Person dana = f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo@meridianhealth.org", "VP Operations",
        "Business User", true);
    f.task("2026-03-10T15:00:00Z", "Follow-up", "Completed", dana, f.owner,
        "Dana will provide the ERP field mapping next week. They will deliver the user list by March 20.");
    FinishingDraft draft = f.extract();
    assertTrue(texts(draft, SectionId.COMMITMENTS).stream().noneMatch(t -> t.startsWith("Commitment:")));
    assertTrue(gaps(draft, SectionId.COMMITMENTS).contains("no_commitments_found"));
  }

  @Test
  void aPromiseWithATimelineCarriesItsResolvedDueDateAndWhoPromisedIt() {
    var f = new CrmFixture().opportunity(Map.of(), null);
    Person priya = f.contact("003000000000003AAA", "Priya Raman", "priya.raman@meridianhealth.org", "Director of IT",
        "Technical Buyer", false);
    f.task("2026-03-08T16:30:00Z", "SSO scoping", "Completed", priya, f.se,
        "Custom SSO configuration promised in the proposal appendix, not yet scoped. We will deliver the SAML setup"
            + " within 6 weeks of kickoff.");
    Claim timeline = f.extract().claims(SectionId.COMMITMENTS).stream()
        .filter(c -> "timeline".equals(c.attributes().get("kind"))).findFirst().orElseThrow();
    assertEquals("2026-04-19", timeline.attributes().get("due"));
    assertEquals("Sam Chen", timeline.attributes().get("promisedBy"));
    assertEquals("Priya Raman", timeline.attributes().get("promisedTo"));
    Claim sso = f.extract().claims(SectionId.COMMITMENTS).stream()
        .filter(c -> c.text().contains("Custom SSO")).findFirst().orElseThrow();
    assertEquals("no", sso.attributes().get("scoped"));
    assertEquals("custom_work", sso.attributes().get("kind"));
  }

  @Test
  void theChampionIsWhoTheActivityShowsNotThePrimaryContactFlag() {
    var f = new CrmFixture().opportunity(Map.of(), null);
    Person primary = f.contact("003000000000009AAA", "Lee Grant", "lee.grant@meridianhealth.org", "Analyst",
        "Business User", true);
    Person dana = f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo@meridianhealth.org", "VP Operations",
        "Influencer", false);
    Person james = f.contact("003000000000002AAA", "James Park", "james.park@meridianhealth.org", "CFO",
        "Economic Buyer", false);
    f.event("2026-02-02T15:00:00Z", "Discovery call", dana, f.owner, "Dana walked us through the reporting pain.");
    f.task("2026-02-20T15:00:00Z", "Send recap", "Completed", dana, f.owner, null);
    f.task("2026-03-18T15:00:00Z", "Async update on rollout plan", "Completed", dana, f.owner, null);
    f.event("2026-03-05T17:00:00Z", "ROI review with CFO", james, f.owner, "James asked about the ROI timeline.");
    f.task("2026-01-20T15:00:00Z", "Intro email", "Completed", primary, f.owner, null);
    FinishingDraft draft = f.extract();
    Map<String, String> champion = draft.claims(SectionId.STAKEHOLDERS).stream()
        .filter(c -> "champion".equals(c.attributes().get("role"))).findFirst().orElseThrow().attributes();
    assertEquals("Dana Okonkwo", champion.get("name"));
    assertEquals("2026-03-18", champion.get("lastTouch"));
    Map<String, String> buyer = draft.claims(SectionId.STAKEHOLDERS).stream()
        .filter(c -> "economic_buyer".equals(c.attributes().get("role"))).findFirst().orElseThrow().attributes();
    assertEquals("James Park", buyer.get("name"));
    assertEquals("CFO", buyer.get("title"));
    assertFalse(gaps(draft, SectionId.STAKEHOLDERS).contains("no_champion"));
  }

  @Test
  void missingChampionAndEconomicBuyerAreExplicitGaps() {
    var f = new CrmFixture().opportunity(Map.of(), null);
    f.contact("003000000000009AAA", "Lee Grant", "lee.grant@meridianhealth.org", "Analyst", "Business User", true);
    List<String> gaps = gaps(f.extract(), SectionId.STAKEHOLDERS);
    assertTrue(gaps.containsAll(List.of("no_champion", "no_economic_buyer")), gaps.toString());
  }

  @Test
  void theContactWhoRaisesTheSecurityReviewIsTheSecurityContact() {
    var f = new CrmFixture().opportunity(Map.of(), null);
    Person priya = f.contact("003000000000003AAA", "Priya Raman", "priya.raman@meridianhealth.org", "Director of IT",
        "Technical Buyer", false);
    f.task("2026-03-12T15:00:00Z", "IT sync", "Completed", priya, f.se,
        "Priya said their security review usually takes six weeks.");
    FinishingDraft draft = f.extract();
    Claim c = draft.claims(SectionId.STAKEHOLDERS).get(0);
    assertEquals("security_contact", c.attributes().get("role"));
    assertTrue(c.citations().stream().anyMatch(x -> x.quote().contains("security review")));
    assertTrue(texts(draft, SectionId.RISKS).stream().anyMatch(t -> t.startsWith("Security review:")));
  }

  @Test
  void stageMovesRepeatedStagesAndOpenTasksBecomeHistoryAndOpenThreads() {
    var f = new CrmFixture().opportunity(Map.of("Competitor", "Tableau"), null);
    f.stage("2026-01-12T09:00:00Z", "Prospecting", "Alex Rivera")
        .stage("2026-02-03T09:00:00Z", "Discovery", "Alex Rivera")
        .stage("2026-02-04T09:00:00Z", "Discovery", "Alex Rivera")
        .stage("2026-03-27T18:00:00Z", "Closed Won", "Alex Rivera");
    f.task("2026-03-22T15:00:00Z", "Legal redline: data residency", "Not Started", null, f.owner,
        "Legal redline on data residency still pending with their counsel.");
    FinishingDraft draft = f.extract();
    List<String> history = texts(draft, SectionId.DEAL_HISTORY);
    assertTrue(history.contains("Stages: Prospecting (2026-01-12) -> Discovery (2026-02-03) -> Closed Won (2026-03-27)"),
        history.toString());
    assertTrue(history.contains("Competitor displaced: Tableau"));
    Claim legal = draft.claims(SectionId.OPEN_THREADS).get(0);
    assertEquals("legal", legal.attributes().get("category"));
    assertEquals("Alex Rivera", legal.attributes().get("owedBy"));
  }

  @Test
  void everyClaimFromARealisticDealPassesTheCitationCheck() {
    var f = new CrmFixture().account().opportunity(Map.of("Primary pain", "Manual reporting across three departments"),
        "Meridian wants to replace manual reporting. 80% adoption by Q3 is the goal.");
    Person dana = f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo@meridianhealth.org", "VP Operations",
        "Champion", true);
    f.task("2026-03-08T16:30:00Z", "ERP review", "Completed", dana, f.se,
        "SE flagged the legacy ERP integration as a dependency. We will provide the connector by end of April.");
    FinishingDraft draft = f.extract();
    assertFalse(draft.claims(SectionId.WHY_THEY_BOUGHT).isEmpty());
    for (SectionId s : SectionId.values()) {
      draft.claims(s).forEach(c -> c.citations().forEach(x -> assertFalse(x.quote().isBlank())));
    }
  }

  @Test
  void lastTouchComesFromTheNewestSystemThatSawTheContactAndIsCited() {
    var f = new CrmFixture().opportunity(Map.of(), null);
    Person james = f.contact("003000000000002AAA", "James Park", "james.park@meridianhealth.org", "CFO",
        "Economic Buyer", false);
    f.task("2026-02-20T15:00:00Z", "Intro", "Completed", james, f.owner, null);
    f.evidence.add(org.handoffbrief.model.Evidence.builder("gmail", "message", "m-77")
        .timestamp(java.time.OffsetDateTime.parse("2026-03-24T08:15:00-04:00"))
        .author(org.handoffbrief.model.Participant.of("James Park", "James.Park@meridianhealth.org"))
        .text("From: James Park <James.Park@meridianhealth.org>\nSubject: ROI timeline\n\nThanks, looks good.").build());
    Claim buyer = f.extract().claims(SectionId.STAKEHOLDERS).get(0);
    assertEquals("2026-03-24", buyer.attributes().get("lastTouch"));
    assertEquals("gmail", buyer.attributes().get("lastTouchSystem"));
    assertTrue(buyer.citations().stream().anyMatch(c -> c.evidenceId().equals("gmail:message:m-77")
        && c.quote().equals("Thanks, looks good.")), buyer.citations().toString());
  }

  @Test
  void inTheCustomersOwnMailWeWillIsTheirPromiseButAlexPromisedIsOurs() {
    var f = new CrmFixture().opportunity(Map.of(), null);
    f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo@meridianhealth.org", "VP Operations", "Champion", true);
    f.evidence.add(org.handoffbrief.model.Evidence.builder("gmail", "message", "m-1")
        .timestamp(java.time.OffsetDateTime.parse("2026-03-22T10:00:00-05:00"))
        .author(org.handoffbrief.model.Participant.of("Dana Okonkwo", "dana.okonkwo@meridianhealth.org"))
        .text("From: Dana Okonkwo <dana.okonkwo@meridianhealth.org>\n\nWe will send the user list by Friday."
            + " Alex promised the SAML setup by end of April.").build());
    List<Claim> promises = f.extract().claims(SectionId.COMMITMENTS).stream()
        .filter(c -> c.text().startsWith("Commitment:")).toList();
    assertEquals(1, promises.size(), promises.toString());
    assertEquals("Alex Rivera", promises.get(0).attributes().get("promisedBy"));
    assertEquals("Dana Okonkwo", promises.get(0).attributes().get("reportedBy"));
    assertEquals("2026-04-30", promises.get(0).attributes().get("due"));
  }

  private static org.handoffbrief.model.Evidence mail(String id, String when, String name, String email, String thread,
      String body) {
    return org.handoffbrief.model.Evidence.builder("gmail", "message", id)
        .timestamp(java.time.OffsetDateTime.parse(when))
        .author(org.handoffbrief.model.Participant.of(name, email)).attribute("threadId", thread)
        .text("From: " + name + " <" + email + ">\n\n" + body).build();
  }

  @Test
  void aThreadWhereTheCustomerAskedLastIsAnUnansweredQuestionOwedByOurPeopleOnIt() {
    var f = new CrmFixture().opportunity(Map.of(), null);
    f.evidence.add(mail("m1", "2026-03-20T10:00:00Z", "Sam Chen", "sam.chen@northwind-analytics.com", "t-1",
        "Here is the integration plan."));
    f.evidence.add(mail("m2", "2026-03-21T10:00:00Z", "Priya Raman", "priya.raman@meridianhealth.org", "t-1",
        "Thanks. Does the connector support Lawson v9 on-premises?"));
    f.evidence.add(mail("m3", "2026-03-20T11:00:00Z", "Tom Becker", "tom.becker@meridianhealth.org", "t-2",
        "Can we export to CSV?"));
    f.evidence.add(mail("m4", "2026-03-20T12:00:00Z", "Sam Chen", "sam.chen@northwind-analytics.com", "t-2",
        "Yes, every report exports to CSV."));
    List<Claim> open = f.extract().claims(SectionId.OPEN_THREADS).stream()
        .filter(c -> "unanswered_question".equals(c.attributes().get("category"))).toList();
    assertEquals(1, open.size(), open.toString());
    assertEquals("Sam Chen", open.get(0).attributes().get("owedBy"));
    assertEquals("Does the connector support Lawson v9 on-premises?", open.get(0).citations().get(0).quote());
  }

  @Test
  void everySupportTicketSurfacesAsARiskWithItsStatus() {
    var f = new CrmFixture().opportunity(Map.of(), null);
    f.evidence.add(org.handoffbrief.model.Evidence.builder("zendesk", "ticket", "812")
        .timestamp(java.time.OffsetDateTime.parse("2026-02-11T14:00:00Z"))
        .author(org.handoffbrief.model.Participant.of("Tom Becker", "tom.becker@meridianhealth.org"))
        .text("Subject: Export to CSV drops accents\nStatus: open\nPriority: normal\n\nÉlodie shows as ?lodie.").build());
    Claim ticket = f.extract().claims(SectionId.RISKS).stream()
        .filter(c -> "support_ticket".equals(c.attributes().get("category"))).findFirst().orElseThrow();
    assertEquals("Support ticket (open) opened 2026-02-11 by Tom Becker: Export to CSV drops accents", ticket.text());
  }

  @Test
  void aRequestToCommitIsNotACommitment() {
    var f = new CrmFixture().opportunity(Map.of(), null);
    f.evidence.add(mail("m9", "2026-03-20T10:00:00Z", "Elena Ruiz", "elena.ruiz@meridianhealth.org", "t-9",
        "We need US-only hosting in the DPA. Please confirm Northwind can commit to this."));
    assertTrue(f.extract().claims(SectionId.COMMITMENTS).stream().noneMatch(c -> c.text().startsWith("Commitment:")));
  }

  @Test
  void crmRecordsNamingAContactAreNotTouches() {
    var f = new CrmFixture().opportunity(Map.of(), null);
    f.contact("003000000000005AAA", "Tom Becker", "tom.becker@meridianhealth.org", "Reporting Lead", "Evaluator", false);
    f.evidence.add(mail("m5", "2026-03-09T10:00:00Z", "Tom Becker", "tom.becker@meridianhealth.org", "t-5",
        "The quality dashboards are the board pack's backbone."));
    Claim tom = f.extract().claims(SectionId.STAKEHOLDERS).get(0);
    assertEquals("2026-03-09", tom.attributes().get("lastTouch"), "his mail, not the contact-role record, is the touch");
    assertEquals("gmail", tom.attributes().get("lastTouchSystem"));
  }

  @Test
  void whyTheyBoughtQuotesTheCustomerButNotOurOwnPeopleOrTheirQuestions() {
    var f = new CrmFixture().opportunity(Map.of(), null);
    f.evidence.add(mail("c1", "2026-01-20T10:00:00Z", "Dana Okonkwo", "dana.okonkwo@meridianhealth.org", "t-c",
        "We need to replace manual reporting across three departments. Can you automate the board pack?"));
    f.evidence.add(mail("c2", "2026-01-21T10:00:00Z", "Alex Rivera", "alex.rivera@northwind-analytics.com", "t-c",
        "We want to reduce your reporting time by half."));
    List<String> why = texts(f.extract(), SectionId.WHY_THEY_BOUGHT);
    assertEquals(List.of("In the customer's words (Dana Okonkwo, 2026-01-20): We need to replace manual reporting"
        + " across three departments."), why.stream().filter(t -> t.startsWith("In the customer's")).toList());
  }

  @Test
  void meetingsInTheLastWeeksOfTheCycleNameWhoTheCsmWillMeet() {
    var f = new CrmFixture().opportunity(Map.of(), null);
    f.evidence.add(org.handoffbrief.model.Evidence.builder("google-calendar", "event", "e1")
        .timestamp(java.time.OffsetDateTime.parse("2026-03-12T14:00:00-05:00"))
        .text("Subject: ROI review\nWhen: 2026-03-12 14:00-14:45 America/New_York\n"
            + "Attendees: James Park <james.park@meridianhealth.org> (accepted), Alex Rivera <alex.rivera@northwind-analytics.com> (accepted)")
        .build());
    f.evidence.add(org.handoffbrief.model.Evidence.builder("google-calendar", "event", "e0")
        .timestamp(java.time.OffsetDateTime.parse("2026-01-14T14:00:00-05:00"))
        .text("Subject: Discovery\nAttendees: Dana Okonkwo <dana.okonkwo@meridianhealth.org> (accepted)").build());
    List<String> meetings = texts(f.extract(), SectionId.STAKEHOLDERS).stream().filter(t -> t.startsWith("Met on")).toList();
    assertEquals(1, meetings.size(), "the January discovery call is not kickoff-relevant: " + meetings);
    assertEquals("Met on 2026-03-12: ROI review with James Park (accepted), Alex Rivera (accepted)", meetings.get(0));
  }

  @Test
  void aMailedPromiseNamesTheCustomerItWasMadeToAndTheOpenCrmTaskTrackingIt() {
    var f = new CrmFixture().opportunity(Map.of(), null);
    f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo@meridianhealth.org", "VP Operations", "Champion", true);
    f.task("2026-03-05T10:00:00Z", "Scope custom SSO configuration", "Not Started", null, f.se, null);
    f.evidence.add(org.handoffbrief.model.Evidence.builder("gmail", "message", "p1")
        .timestamp(java.time.OffsetDateTime.parse("2026-03-04T10:00:00Z"))
        .author(org.handoffbrief.model.Participant.of("Alex Rivera", "alex.rivera@northwind-analytics.com"))
        .participants(List.of(org.handoffbrief.model.Participant.of("Dana Okonkwo", "dana.okonkwo@meridianhealth.org"),
            org.handoffbrief.model.Participant.of("Sam Chen", "sam.chen@northwind-analytics.com")))
        .text("From: Alex Rivera <alex.rivera@northwind-analytics.com>\n\n"
            + "We will deliver the custom SSO configuration as part of onboarding.").build());
    Claim sso = f.extract().claims(SectionId.COMMITMENTS).stream().filter(c -> c.text().contains("custom SSO"))
        .findFirst().orElseThrow();
    assertEquals("Dana Okonkwo", sso.attributes().get("promisedTo"));
    assertEquals("Scope custom SSO configuration", sso.attributes().get("trackedBy"));
    assertEquals("tracked_in_crm", sso.attributes().get("scoped"));
  }
}
