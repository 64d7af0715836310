package org.handoffbrief.render;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handoffbrief.model.BriefChanges;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Gap;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.QualityReport;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.model.SourceFailure;
import org.handoffbrief.model.SourceReport;

/** Briefs built in code for the renderer tests: the demo deal, and one with hostile evidence. */
final class Briefs {
  private Briefs() {}

  static final String ORG = "https://meridian-demo.my.salesforce.com/";

  /** The Meridian Health demo deal: Salesforce read, Gmail timed out, Slack not configured; gates run. */
  static HandoffBrief meridian() {
    return meridian(HandoffBrief.SCHEMA_VERSION, true);
  }

  /** The same deal as a schema 1.0 brief stored it: no quality report. */
  static HandoffBrief meridianVersion10() {
    return meridian("1.0", false);
  }

  private static HandoffBrief meridian(String version, boolean withQuality) {
    Evidence opp = Evidence.builder("salesforce", "Opportunity", "006000000000001AAA")
        .permalink(URI.create(ORG + "006000000000001AAA"))
        .timestamp(OffsetDateTime.parse("2025-03-28T16:42:00Z"))
        .text("Name: Meridian Health - Platform 420 seats\nStage: Closed Won\nAmount: 252000\n"
            + "Close Date: 2025-03-28\nGo-Live Target: 2025-05-15\n\n"
            + "Primary pain: onboarding takes 9 weeks across 14 clinics; success = under 3 weeks.")
        .build();
    Evidence dana = Evidence.builder("salesforce", "OpportunityContactRole", "00K000000000001AAA")
        .permalink(URI.create(ORG + "003000000000001AAA"))
        .timestamp(OffsetDateTime.parse("2025-02-03T09:10:00-05:00"))
        .text("Contact: Dana Okonkwo\nTitle: VP Operations\nEmail: dana.okonkwo@meridianhealth.example\n"
            + "Role: Champion\n\nPrefers async updates over meetings.")
        .build();
    Evidence james = Evidence.builder("salesforce", "OpportunityContactRole", "00K000000000002AAA")
        .permalink(URI.create(ORG + "003000000000002AAA"))
        .timestamp(OffsetDateTime.parse("2025-02-03T09:12:00-05:00"))
        .text("Contact: James Park\nTitle: CFO\nEmail: james.park@meridianhealth.example\n"
            + "Role: Economic Buyer")
        .build();
    Evidence erpTask = Evidence.builder("salesforce", "Task", "00T000000000001AAA")
        .permalink(URI.create(ORG + "00T000000000001AAA"))
        .timestamp(OffsetDateTime.parse("2025-03-08T14:30:00-05:00"))
        .text("Subject: SE call notes\n\nLegacy ERP (Meditech 6.1) has no REST API; "
            + "integration needs their flat-file export & a nightly job.")
        .build();
    Evidence legalTask = Evidence.builder("salesforce", "Task", "00T000000000002AAA")
        .timestamp(OffsetDateTime.parse("2025-03-22T11:05:00-04:00"))
        .text("Subject: Legal redline\n\nData residency redline (EU patients) still pending with their counsel.")
        .build();
    Evidence stage = Evidence.builder("salesforce", "OpportunityHistory", "008000000000001AAA")
        .permalink(URI.create(ORG + "006000000000001AAA"))
        .timestamp(OffsetDateTime.parse("2025-03-28T16:42:00Z"))
        .text("Stage: Negotiation -> Closed Won")
        .build();

    var sections = new EnumMap<SectionId, Section>(SectionId.class);
    sections.put(SectionId.ACCOUNT_SNAPSHOT, new Section(SectionId.ACCOUNT_SNAPSHOT, List.of(
        claim("account_snapshot.amount.1", SectionId.ACCOUNT_SNAPSHOT, "Closed at $252,000 for 420 seats.",
            Map.of(), Citation.of(opp, "Amount: 252000"), Citation.of(opp, "Platform 420 seats")),
        claim("account_snapshot.go_live.1", SectionId.ACCOUNT_SNAPSHOT, "Go-live target is May 15, 2025.",
            Map.of("goLive", "2025-05-15"), Citation.of(opp, "Go-Live Target: 2025-05-15"))),
        List.of(new Gap("no_segment", "No segment or tier recorded on the account."))));
    sections.put(SectionId.WHY_THEY_BOUGHT, new Section(SectionId.WHY_THEY_BOUGHT, List.of(
        claim("why_they_bought.pain.1", SectionId.WHY_THEY_BOUGHT,
            "Onboarding takes 9 weeks across 14 clinics; success means under 3 weeks.", Map.of(),
            Citation.of(opp, "onboarding takes 9 weeks across 14 clinics; success = under 3 weeks"))),
        List.of()));
    sections.put(SectionId.STAKEHOLDERS, new Section(SectionId.STAKEHOLDERS, List.of(
        claim("stakeholders.champion.1", SectionId.STAKEHOLDERS,
            "Dana Okonkwo (VP Operations) is the champion; prefers async updates.",
            ordered("role", "champion", "name", "Dana Okonkwo", "email", "dana.okonkwo@meridianhealth.example",
                "title", "VP Operations", "lastTouch", "2025-03-27", "contactId", "003000000000001AAA"),
            Citation.of(dana, "Role: Champion"), Citation.of(dana, "Prefers async updates over meetings.")),
        claim("stakeholders.economic_buyer.1", SectionId.STAKEHOLDERS, "James Park (CFO) is the economic buyer.",
            ordered("role", "economic_buyer", "name", "James Park", "email", "james.park@meridianhealth.example",
                "title", "CFO"),
            Citation.of(james, "Role: Economic Buyer"))),
        List.of(new Gap("no_security_contact", "No IT or security contact identified."))));
    sections.put(SectionId.DEAL_HISTORY, new Section(SectionId.DEAL_HISTORY, List.of(
        claim("deal_history.closed.1", SectionId.DEAL_HISTORY, "Moved from Negotiation to Closed Won on Mar 28.",
            Map.of(), Citation.of(stage, "Negotiation -> Closed Won"))),
        List.of()));
    sections.put(SectionId.COMMITMENTS, new Section(SectionId.COMMITMENTS, List.of(),
        List.of(new Gap("no_commitments", "No commitments found in the sources read (email was not read)."))));
    sections.put(SectionId.RISKS, new Section(SectionId.RISKS, List.of(
        claim("risks.integration.1", SectionId.RISKS,
            "Legacy ERP has no REST API; integration needs a flat-file export & nightly job.", Map.of(),
            Citation.of(erpTask, "Legacy ERP (Meditech 6.1) has no REST API"),
            Citation.of(erpTask, "integration needs their flat-file export & a nightly job."))),
        List.of()));
    sections.put(SectionId.OPEN_THREADS, new Section(SectionId.OPEN_THREADS, List.of(
        claim("open_threads.legal.1", SectionId.OPEN_THREADS, "Data residency redline still pending.", Map.of(),
            Citation.of(legalTask, "Data residency redline (EU patients) still pending with their counsel."))),
        List.of()));

    List<SourceReport> sources = List.of(
        new SourceReport("salesforce", SourceReport.Status.OK, null, 23, 3, Duration.ofMillis(1184),
            ordered("API REQUESTS", "1207/15000"),
            List.of("Field Opportunity.Segment__c is not visible to the integration user.")),
        new SourceReport("gmail", SourceReport.Status.FAILED,
            new SourceFailure("gmail", SourceFailure.Kind.TIMEOUT,
                "Gmail did not answer within 20s; run the brief again or raise gmail.deadline.", true),
            0, 1, Duration.ofMillis(20003), Map.of(), List.of()),
        new SourceReport("slack", SourceReport.Status.SKIPPED, null, 0, 0, Duration.ZERO, Map.of(),
            List.of("Not configured.")));

    var quality = new QualityReport(List.of(
        new QualityReport.Check("stakeholder_coverage", false, "Economic buyer James Park has no last-touch date.",
            List.of("stakeholders.champion.1", "stakeholders.economic_buyer.1"), List.of(), List.of()),
        new QualityReport.Check("crm_conversation_diff", false,
            "CRM go-live is 2025-05-15 but salesforce says 2025-06-30.", List.of(),
            List.of(opp.id(), erpTask.id()), List.of(Citation.of(opp, "Go-Live Target: 2025-05-15"),
                Citation.of(erpTask, "Legacy ERP (Meditech 6.1) has no REST API"))),
        new QualityReport.Check("support_during_cycle", true, "No support tickets during the cycle.", List.of(),
            List.of(), List.of())),
        List.of(new QualityReport.Trigger("open_security_or_legal", "Open at close: 1 legal item(s) pending.",
            List.of("open_threads.legal.1"), List.of(), List.of())),
        QualityReport.Route.AE);
    return new HandoffBrief(version, "006000000000001AAA", "Meridian Health - Platform 420 seats",
        "001000000000001AAA", "Meridian Health", Instant.parse("2025-03-30T14:05:09Z"), sections, sources,
        withQuality ? quality : null);
  }

  /**
   * The same deal a month on, as a 30-day brief with what changed since the handoff brief: a new
   * risk (the ERP claim's own citations) and a closed thread (the legal task's citation plus a new
   * one, the ticket now solved). With {@code nothingChanged}, the same brief with no changes.
   */
  static HandoffBrief meridianThirtyDay(boolean nothingChanged) {
    HandoffBrief brief = meridian();
    var since = new BriefChanges.Since("006000000000001AAA/handoff/v1", BriefKind.HANDOFF, 1,
        Instant.parse("2025-03-30T14:05:09Z"));
    if (nothingChanged) {
      return brief.withHistory(BriefKind.THIRTY_DAY, new BriefChanges(since, List.of()));
    }
    Evidence solved = Evidence.builder("zendesk", "ticket", "812")
        .permalink(URI.create("https://meridian.zendesk.example/agent/tickets/812"))
        .timestamp(OffsetDateTime.parse("2025-04-20T08:00:00Z"))
        .text("Subject: Redline tracking\nStatus: solved")
        .build();
    Claim erp = brief.section(SectionId.RISKS).claims().get(0);
    Claim legal = brief.section(SectionId.OPEN_THREADS).claims().get(0);
    var items = List.of(
        new BriefChanges.Item(BriefChanges.Category.RISK, BriefChanges.Change.NEW, "New: " + erp.text(), null,
            erp.id(), erp.citations()),
        new BriefChanges.Item(BriefChanges.Category.OPEN_THREAD, BriefChanges.Change.CLOSED,
            "Closed (no longer found in the sources): " + legal.text(), legal.id(), null,
            List.of(legal.citations().get(0), Citation.of(solved, "solved"))));
    return brief.withHistory(BriefKind.THIRTY_DAY, new BriefChanges(since, items));
  }

  /** A brief whose evidence tries to inject markup and script through every text it reaches. */
  static HandoffBrief hostile() {
    String text = "Note: <script>alert('x')</script> \"onmouseover=alert(1) [click](javascript:alert(2)) "
        + "# not a heading | cell *bold* _em_ `code` &amp; ~~strike~~";
    Evidence evil = Evidence.builder("salesforce", "Task", "00T000000000009AAA")
        .permalink(URI.create("javascript:alert(document.cookie)"))
        .timestamp(OffsetDateTime.parse("2025-03-01T10:00:00Z"))
        .text(text)
        .build();
    Evidence dataUrl = Evidence.builder("salesforce", "Task", "00T000000000008AAA")
        .permalink(URI.create("data:text/html,%3Cscript%3Ealert(3)%3C/script%3E"))
        .timestamp(OffsetDateTime.parse("2025-03-01T10:00:00Z"))
        .text("- 1. <img src=x onerror=alert(4)>")
        .build();
    Citation quote = Citation.of(evil, text.substring("Note: ".length()));
    Citation list = Citation.of(dataUrl, "- 1. <img src=x onerror=alert(4)>");
    var sections = new EnumMap<SectionId, Section>(SectionId.class);
    sections.put(SectionId.RISKS, new Section(SectionId.RISKS, List.of(
        claim("risks.evil.1", SectionId.RISKS, "<b>Risk</b> & \"quotes\" [x](javascript:alert(5))", Map.of(), quote),
        claim("risks.evil.2", SectionId.RISKS, "# Heading? 1. list? | pipe", Map.of(), list)),
        List.of(new Gap("evil_gap", "<i>gap</i> with *stars*"))));
    return new HandoffBrief(HandoffBrief.SCHEMA_VERSION, "006000000000009AAA", "<Deal> & \"Co\"",
        "001000000000009AAA", "Evil <Corp>", Instant.parse("2025-03-30T14:05:09Z"), sections,
        List.of(new SourceReport("zendesk", SourceReport.Status.FAILED,
            new SourceFailure("zendesk", SourceFailure.Kind.MALFORMED_RESPONSE, "Bad body: <html>oops</html>", false),
            0, 2, Duration.ofMillis(340), Map.of(), List.of())));
  }

  private static Claim claim(String id, SectionId section, String text, Map<String, String> attributes,
      Citation... citations) {
    return new Claim(id, section, text, attributes, List.of(citations));
  }

  /** A map in the order given, as a claim or a source report keeps it. */
  static Map<String, String> ordered(String... keysAndValues) {
    var map = new LinkedHashMap<String, String>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
