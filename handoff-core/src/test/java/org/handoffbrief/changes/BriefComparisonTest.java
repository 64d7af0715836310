package org.handoffbrief.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handoffbrief.model.BriefChanges;
import org.handoffbrief.model.BriefChanges.Category;
import org.handoffbrief.model.BriefChanges.Change;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.model.SourceReport;
import org.junit.jupiter.api.Test;

/** Each rule of the comparison: a case where it fires and one where it must not. */
class BriefComparisonTest {

  static final Instant HANDOFF_AT = Instant.parse("2025-04-01T10:00:00Z");
  static final Instant LATER_AT = Instant.parse("2025-05-01T10:00:00Z");
  static final BriefChanges.Since SINCE = new BriefChanges.Since("006A/handoff/v1", BriefKind.HANDOFF, 1, HANDOFF_AT);
  static final List<String> SYSTEMS = List.of("crm", "mail", "tickets");

  // ---- risks

  @Test
  void aRiskOnlyInTheLaterBriefIsNewAndCitesItsOwnEvidence() {
    Claim risk = risk("risks.security_review.1", mail("m1", "The security review is not booked yet."),
        "The security review is not booked yet.");
    BriefChanges changes = compare(brief(HANDOFF_AT), brief(LATER_AT, risk));
    assertEquals(1, changes.items().size());
    var item = changes.items().get(0);
    assertEquals(Category.RISK, item.category());
    assertEquals(Change.NEW, item.change());
    assertEquals(risk.citations(), item.citations());
    assertEquals("risks.security_review.1", item.currentClaimId());
  }

  @Test
  void aRiskCitingTheSameSpanIsTheSameRiskEvenWhenItsClaimIdIsRenumbered() {
    Evidence m = mail("m1", "The security review is not booked yet.");
    Claim before = risk("risks.security_review.1", m, "The security review is not booked yet.");
    Claim after = risk("risks.security_review.2", m, "The security review is not booked yet.");
    Claim other = risk("risks.security_review.1", mail("m2", "Their pen test is still open."),
        "Their pen test is still open.");
    BriefChanges changes = compare(brief(HANDOFF_AT, before), brief(LATER_AT, other, after));
    assertEquals(List.of(Change.NEW), changes(changes));
    assertEquals("risks.security_review.1", changes.items().get(0).currentClaimId());
  }

  @Test
  void aTicketNowSolvedIsAResolvedRiskCitingTheOldStatusAndTheNewOne() {
    Evidence open = ticket("812", "Export fails nightly", "open");
    Evidence solved = ticket("812", "Export fails nightly", "solved");
    BriefChanges changes = compare(brief(HANDOFF_AT, ticketRisk("risks.support_ticket.1", open)),
        brief(LATER_AT, ticketRisk("risks.support_ticket.1", solved)));
    assertEquals(1, changes.items().size());
    var item = changes.items().get(0);
    assertEquals(Change.RESOLVED, item.change());
    assertEquals(List.of("Export fails nightly", "open", "solved"), quotes(item));
    assertTrue(item.citations().stream().allMatch(c -> c.evidenceId().equals(open.id())), item.toString());
  }

  @Test
  void aTicketStillOpenIsNeitherNewNorResolved() {
    Evidence open = ticket("812", "Export fails nightly", "open");
    BriefChanges changes = compare(brief(HANDOFF_AT, ticketRisk("risks.support_ticket.1", open)),
        brief(LATER_AT, ticketRisk("risks.support_ticket.1", open)));
    assertTrue(changes.isEmpty(), changes.toString());
  }

  @Test
  void aRiskGoneFromTheLaterBriefIsResolvedCitingWhereItWasRaised() {
    Claim risk = risk("risks.resource_gap.1", mail("m1", "Their admin is on leave until June."),
        "Their admin is on leave until June.");
    BriefChanges changes = compare(brief(HANDOFF_AT, risk), brief(LATER_AT));
    assertEquals(List.of(Change.RESOLVED), changes(changes));
    assertEquals(risk.citations(), changes.items().get(0).citations());
    assertEquals(null, changes.items().get(0).currentClaimId());
  }

  @Test
  void aRiskWhoseSourceWasNotReadThisTimeIsNotCalledResolved() {
    Claim risk = risk("risks.resource_gap.1", mail("m1", "Their admin is on leave until June."),
        "Their admin is on leave until June.");
    HandoffBrief later = brief(LATER_AT, List.of(), List.of(ok("crm"), failed("mail"), ok("tickets")));
    assertTrue(compare(brief(HANDOFF_AT, risk), later).isEmpty());
  }

  // ---- commitments

  @Test
  void aCommitmentDueBetweenTheTwoBriefsIsOverdue() {
    Claim promise = commitment("commitments.promise.1", "2025-04-15");
    BriefChanges changes = compare(brief(HANDOFF_AT, promise), brief(LATER_AT, promise));
    assertEquals(List.of(Change.OVERDUE), changes(changes));
    assertTrue(changes.items().get(0).text().startsWith("Overdue (due 2025-04-15): "), changes.toString());
    assertEquals(promise.citations(), changes.items().get(0).citations());
  }

  @Test
  void aCommitmentDueAfterTheLaterBriefOrAlreadyOverdueBeforeIsNotReportedAgain() {
    Claim notYet = commitment("commitments.promise.1", "2025-05-20");
    Claim alreadyLate = commitment("commitments.promise.2", "2025-03-01");
    assertTrue(compare(brief(HANDOFF_AT, notYet, alreadyLate), brief(LATER_AT, notYet, alreadyLate)).isEmpty());
  }

  @Test
  void aCommitmentNoLongerListedIsDelivered() {
    Claim promise = commitment("commitments.promise.1", "2025-04-15");
    BriefChanges changes = compare(brief(HANDOFF_AT, promise), brief(LATER_AT));
    assertEquals(List.of(Change.DELIVERED), changes(changes));
    assertEquals(Category.COMMITMENT, changes.items().get(0).category());
  }

  @Test
  void aCommitmentMarkedCompletedIsDeliveredNotOverdue() {
    Evidence task = crmTask("00T1", "Send the SSO runbook", "Not Started");
    Evidence done = crmTask("00T1", "Send the SSO runbook", "Completed");
    BriefChanges changes = compare(brief(HANDOFF_AT, seItem(task, "Not Started")),
        brief(LATER_AT, seItem(done, "Completed")));
    assertEquals(List.of(Change.DELIVERED), changes(changes));
    assertTrue(quotes(changes.items().get(0)).contains("Completed"), changes.toString());
  }

  // ---- open threads

  @Test
  void anOpenTicketThreadGoneIsClosedCitingTheTicketsNewStatus() {
    Evidence open = ticket("812", "Export fails nightly", "open");
    Evidence solved = ticket("812", "Export fails nightly", "solved");
    Claim thread = claim("open_threads.open_ticket.1", SectionId.OPEN_THREADS,
        "Support ticket #812 still open at close: Export fails nightly", attrs("category", "open_ticket",
            "status", "open", "ticket", "812"), Citation.of(open, "Export fails nightly"));
    BriefChanges changes = compare(brief(HANDOFF_AT, thread, ticketRisk("risks.support_ticket.1", open)),
        brief(LATER_AT, ticketRisk("risks.support_ticket.1", solved)));
    var closed = changes.items().stream().filter(i -> i.category() == Category.OPEN_THREAD).toList();
    assertEquals(1, closed.size(), changes.toString());
    assertEquals(Change.CLOSED, closed.get(0).change());
    assertEquals(List.of("Export fails nightly", "solved"), quotes(closed.get(0)));
  }

  @Test
  void anOpenThreadStillThereIsNotClosed() {
    Claim thread = claim("open_threads.pending.1", SectionId.OPEN_THREADS, "Pending: the DPA is with their counsel.",
        attrs("category", "legal"), Citation.of(mail("m3", "The DPA is with their counsel."),
            "The DPA is with their counsel."));
    assertTrue(compare(brief(HANDOFF_AT, thread), brief(LATER_AT, thread)).isEmpty());
  }

  // ---- stakeholders

  @Test
  void aNewPersonIsAddedAndAPersonGoneIsRemoved() {
    Claim ana = person("stakeholders.champion.1", "champion", "Ana Reyes", "ana@customer.example", "COO",
        "2025-03-20");
    Claim ben = person("stakeholders.champion.1", "champion", "Ben Ito", "ben@customer.example", "CIO",
        "2025-04-28");
    BriefChanges changes = compare(brief(HANDOFF_AT, ana), brief(LATER_AT, ben));
    assertEquals(List.of(Change.ADDED, Change.REMOVED), changes(changes));
    assertEquals(ben.citations(), changes.items().get(0).citations());
    assertEquals(ana.citations(), changes.items().get(1).citations());
  }

  @Test
  void theSamePersonWithAnotherRoleTitleAndLastTouchIsChanged() {
    Claim before = person("stakeholders.champion.1", "champion", "Ana Reyes", "ana@customer.example", "COO",
        "2025-03-20");
    Claim after = person("stakeholders.economic_buyer.1", "economic_buyer", "Ana Reyes", "Ana@Customer.example",
        "CEO", "2025-04-28");
    BriefChanges changes = compare(brief(HANDOFF_AT, before), brief(LATER_AT, after));
    assertEquals(List.of(Change.CHANGED), changes(changes));
    assertEquals("Ana Reyes: role champion \u2192 economic buyer; title COO \u2192 CEO; last touch 2025-03-20"
        + " \u2192 2025-04-28", changes.items().get(0).text());
  }

  @Test
  void theSamePersonUnchangedIsNoChangeAndTheSameNameWithAnotherEmailIsAnotherPerson() {
    Claim ana = person("stakeholders.champion.1", "champion", "Ana Reyes", "ana@customer.example", "COO",
        "2025-03-20");
    assertTrue(compare(brief(HANDOFF_AT, ana), brief(LATER_AT, ana)).isEmpty());
    Claim namesake = person("stakeholders.champion.1", "champion", "Ana Reyes", "ana.reyes@other.example", "COO",
        "2025-03-20");
    assertEquals(List.of(Change.ADDED, Change.REMOVED), changes(compare(brief(HANDOFF_AT, ana),
        brief(LATER_AT, namesake))));
  }

  // ---- the whole

  @Test
  void theSameBriefAgainHasNoChangesAndNamesTheBriefItWasComparedWith() {
    Claim risk = risk("risks.security_review.1", mail("m1", "The security review is not booked yet."),
        "The security review is not booked yet.");
    BriefChanges changes = compare(brief(HANDOFF_AT, risk), brief(HANDOFF_AT, risk));
    assertTrue(changes.isEmpty());
    assertEquals(SINCE, changes.since());
  }

  @Test
  void briefsOfTwoOpportunitiesAreRefused() {
    HandoffBrief other = new HandoffBrief(HandoffBrief.SCHEMA_VERSION, "006B", "Other", "001B", "Other",
        LATER_AT, Map.of(), List.of());
    var e = assertThrows(IllegalArgumentException.class, () -> compare(brief(HANDOFF_AT), other));
    assertTrue(e.getMessage().contains("006A and 006B"), e.getMessage());
  }

  // ---- small briefs

  static BriefChanges compare(HandoffBrief before, HandoffBrief after) {
    return BriefComparison.compare(SINCE, before, after);
  }

  static List<Change> changes(BriefChanges changes) {
    return changes.items().stream().map(BriefChanges.Item::change).toList();
  }

  static List<String> quotes(BriefChanges.Item item) {
    return item.citations().stream().map(Citation::quote).toList();
  }

  static HandoffBrief brief(Instant at, Claim... claims) {
    return brief(at, List.of(claims), SYSTEMS.stream().map(BriefComparisonTest::ok).toList());
  }

  static HandoffBrief brief(Instant at, List<Claim> claims, List<SourceReport> sources) {
    var bySection = new EnumMap<SectionId, List<Claim>>(SectionId.class);
    claims.forEach(c -> bySection.computeIfAbsent(c.section(), s -> new ArrayList<>()).add(c));
    var sections = new EnumMap<SectionId, Section>(SectionId.class);
    bySection.forEach((id, list) -> sections.put(id, new Section(id, list, List.of())));
    return new HandoffBrief(HandoffBrief.SCHEMA_VERSION, "006A", "A deal", "001A", "A customer", at, sections,
        sources);
  }

  static SourceReport ok(String system) {
    return new SourceReport(system, SourceReport.Status.OK, null, 1, 1, Duration.ZERO, Map.of(), List.of());
  }

  static SourceReport failed(String system) {
    return new SourceReport(system, SourceReport.Status.FAILED, new org.handoffbrief.model.SourceFailure(system,
        org.handoffbrief.model.SourceFailure.Kind.TIMEOUT, "did not answer", true), 0, 1, Duration.ZERO, Map.of(),
        List.of());
  }

  static Evidence mail(String id, String body) {
    return Evidence.builder("mail", "message", id).timestamp(OffsetDateTime.parse("2025-03-20T09:00:00Z"))
        .text(body).build();
  }

  static Evidence ticket(String id, String subject, String status) {
    return Evidence.builder("tickets", "ticket", id).timestamp(OffsetDateTime.parse("2025-03-25T09:00:00Z"))
        .attribute("status", status).text("Subject: " + subject + "\nStatus: " + status + "\n\nPlease help.").build();
  }

  static Evidence crmTask(String id, String subject, String status) {
    return Evidence.builder("crm", "Task", id).timestamp(OffsetDateTime.parse("2025-03-25T09:00:00Z"))
        .text("Subject: " + subject + "\nStatus: " + status).build();
  }

  static Claim risk(String id, Evidence e, String quote) {
    return claim(id, SectionId.RISKS, "Risk: " + quote, attrs("category", id.split("\\.")[1]), Citation.of(e, quote));
  }

  static Claim ticketRisk(String id, Evidence t) {
    String status = t.attribute("status");
    return claim(id, SectionId.RISKS, "Support ticket (" + status + "): Export fails nightly",
        attrs("category", "support_ticket", "status", status), Citation.of(t, "Export fails nightly"),
        Citation.of(t, status));
  }

  static Claim commitment(String id, String due) {
    String words = "We will deliver the data export by " + due + ".";
    return claim(id, SectionId.COMMITMENTS, "Commitment: " + words, attrs("kind", "timeline", "due", due),
        Citation.of(mail("m-" + id, words), words));
  }

  static Claim seItem(Evidence task, String status) {
    return claim("commitments.open_se_item.1", SectionId.COMMITMENTS, "Open SE item: Send the SSO runbook",
        attrs("due", "2025-04-20", "status", status), Citation.of(task, "Send the SSO runbook"),
        Citation.of(task, status));
  }

  static Claim person(String id, String role, String name, String email, String title, String lastTouch) {
    Evidence role0 = Evidence.builder("crm", "OpportunityContactRole", "00K-" + email)
        .timestamp(OffsetDateTime.parse("2025-03-01T09:00:00Z")).text("Contact: " + name + "\nTitle: " + title).build();
    return claim(id, SectionId.STAKEHOLDERS, name + " (" + title + ") is the " + role.replace('_', ' ') + ".",
        attrs("role", role, "name", name, "email", email, "title", title, "lastTouch", lastTouch),
        Citation.of(role0, title));
  }

  static Claim claim(String id, SectionId section, String text, Map<String, String> attributes,
      Citation... citations) {
    return new Claim(id, section, text, attributes, List.of(citations));
  }

  static Map<String, String> attrs(String... kv) {
    var m = new LinkedHashMap<String, String>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
