package org.handoffbrief.extract;

import org.handoffbrief.internal.CitationVerifier;
import org.handoffbrief.internal.FinishingDraft;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handoffbrief.model.Channel;
import org.handoffbrief.model.Account;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.DealContact;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Identity;
import org.handoffbrief.model.Opportunity;
import org.handoffbrief.model.Participant;
import org.handoffbrief.model.Person;
import org.handoffbrief.model.TeamMember;
import org.handoffbrief.model.TimeWindow;

/** A small CRM deal in the evidence shape {@link CrmEvidence} defines, built up per test. */
final class CrmFixture {
  final List<Evidence> evidence = new ArrayList<>();
  final List<DealContact> contacts = new ArrayList<>();
  final Person owner = person("Alex Rivera", "alex.rivera@northwind-analytics.com", "Account Executive", "005000000000001AAA", true);
  final Person se = person("Sam Chen", "sam.chen@northwind-analytics.com", "Sales Engineer", "005000000000002AAA", true);
  private int seq;
  String type;
  /** The CRM org's time zone. */
  java.time.ZoneId zone = java.time.ZoneOffset.UTC;

  static Person person(String name, String email, String title, String sfId, boolean internal) {
    return new Person(name, email, title, internal, Set.of(new Identity(CrmEvidence.SYSTEM, sfId)));
  }

  CrmFixture opportunity(Map<String, String> handoff, String description) {
    var b = Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.OPPORTUNITY, "006000000000001AAA")
        .timestamp(OffsetDateTime.parse("2026-03-27T18:00:00Z"))
        .permalink(URI.create("https://example.my.salesforce.com/lightning/r/Opportunity/006000000000001AAA/view"));
    var text = new StringBuilder("Opportunity: Meridian Health - Analytics Platform\nAccount: Meridian Health\n"
        + "Stage: Closed Won\nAmount: USD 168,000.00\nClose date: 2026-03-27" + (type != null ? "\nType: " + type : ""));
    b.attribute("Type", type);
    handoff.forEach((label, value) -> {
      text.append('\n').append(label).append(": ").append(value);
      b.attribute(CrmEvidence.HANDOFF_PREFIX + label, value);
    });
    if (description != null) {
      text.append("\n\n").append(description);
    }
    evidence.add(b.attribute("StageName", "Closed Won").text(text.toString()).build());
    return this;
  }

  CrmFixture account() {
    evidence.add(Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.ACCOUNT, "001000000000001AAA")
        .timestamp(OffsetDateTime.parse("2026-01-12T10:00:00Z"))
        .text("Account: Meridian Health\nIndustry: Healthcare\nEmployees: 2400").build());
    return this;
  }

  Person contact(String id, String name, String email, String title, String role, boolean primary) {
    Person p = person(name, email, title, id, false);
    contacts.add(new DealContact(p, role, primary));
    var text = "Contact: " + name + "\nTitle: " + title + "\nEmail: " + email + (role != null ? "\nRole: " + role : "")
        + "\nPrimary: " + (primary ? "yes" : "no");
    evidence.add(Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.CONTACT_ROLE, "00K00000000000" + (++seq) + "AAA")
        .timestamp(OffsetDateTime.parse("2026-01-15T10:00:00Z")).text(text)
        .attribute("Contact.Id", id).attribute("Contact.Name", name).attribute("Contact.Email", email)
        .attribute("Contact.Title", title).attribute("Role", role).attribute("IsPrimary", String.valueOf(primary))
        .participants(List.of(Participant.of(name, email))).build());
    return p;
  }

  /** A task; {@code regarding} may be null. */
  CrmFixture task(String when, String subject, String status, Person regarding, Person owner, String description) {
    return activity(CrmEvidence.TASK, when, subject, status, regarding, owner, description);
  }

  CrmFixture event(String when, String subject, Person regarding, Person owner, String description) {
    return activity(CrmEvidence.EVENT, when, subject, null, regarding, owner, description);
  }

  private CrmFixture activity(String kind, String when, String subject, String status, Person regarding, Person owner,
      String description) {
    String id = (kind.equals(CrmEvidence.TASK) ? "00T" : "00U") + String.format("%012d", ++seq) + "AAA";
    var text = new StringBuilder("Subject: " + subject);
    if (status != null) {
      text.append("\nStatus: ").append(status);
    }
    text.append("\nAssigned to: ").append(owner.name());
    if (regarding != null) {
      text.append("\nRegarding: ").append(regarding.name());
    }
    if (description != null) {
      text.append("\n\n").append(description);
    }
    var b = Evidence.builder(CrmEvidence.SYSTEM, kind, id).timestamp(OffsetDateTime.parse(when)).text(text.toString())
        .author(Participant.of(owner.name(), owner.email()))
        .attribute("Subject", subject).attribute("Status", status)
        .attribute("IsClosed", status == null ? null : String.valueOf(status.equals("Completed")))
        .attribute("Owner.Name", owner.name()).attribute("OwnerId", owner.idIn(CrmEvidence.SYSTEM));
    if (regarding != null) {
      b.attribute("WhoId", regarding.idIn(CrmEvidence.SYSTEM)).attribute("Who.Name", regarding.name());
    }
    evidence.add(b.build());
    return this;
  }

  CrmFixture stage(String when, String stage, String by) {
    evidence.add(Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.STAGE_HISTORY, "008" + String.format("%012d", ++seq) + "AAA")
        .timestamp(OffsetDateTime.parse(when)).text("Stage: " + stage + "\nChanged by: " + by)
        .attribute("StageName", stage).attribute("CreatedBy.Name", by).build());
    return this;
  }

  /**
   * A mail in the Gmail/Outlook connectors' layout: From, To, Date (the writer's offset), Subject,
   * a blank line, then the body (quotes already stripped unless the body keeps them).
   */
  CrmFixture mail(String system, String id, String when, Participant from, List<Participant> to, String subject,
      String thread, String body) {
    OffsetDateTime at = OffsetDateTime.parse(when);
    String text = "From: " + show(from) + "\nTo: " + to.stream().map(CrmFixture::show)
        .collect(java.util.stream.Collectors.joining(", ")) + "\nDate: "
        + at.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx")) + "\nSubject: " + subject
        + "\n\n" + body;
    evidence.add(Evidence.builder(system, "message", id).channel(Channel.EMAIL).timestamp(at).author(from).participants(to)
        .text(text.strip()).attribute("threadId", thread).attribute("subject", subject).build());
    return this;
  }

  /** A Slack message in the connector's layout: Channel, From, Date, optional Thread. */
  CrmFixture slack(String ts, String when, Participant from, String channel, String threadTs, String body) {
    OffsetDateTime at = OffsetDateTime.parse(when);
    String text = "Channel: #" + channel + "\nFrom: " + show(from) + "\nDate: " + at + "\n"
        + (threadTs != null ? "Thread: " + threadTs + "\n" : "") + "\n" + body;
    evidence.add(Evidence.builder("slack", "message", "C0DEAL:" + ts).channel(Channel.CHAT).timestamp(at).author(from).text(text)
        .attribute("channel", channel).attribute("ts", ts).attribute("threadTs", threadTs).build());
    return this;
  }

  /** One speaker turn of a Gong call in the connector's layout: Call, Speaker, At. */
  CrmFixture gong(String callId, String callStart, int offsetSeconds, String title, Participant speaker,
      boolean internal, String body) {
    OffsetDateTime at = OffsetDateTime.parse(callStart).plusSeconds(offsetSeconds);
    String mmss = String.format("%02d:%02d", offsetSeconds / 60, offsetSeconds % 60);
    String text = "Call: " + title + "\nSpeaker: " + speaker.label() + "\nAt: " + mmss + "\n\n" + body;
    evidence.add(Evidence.builder("gong", "transcript", callId + "-" + offsetSeconds * 1000L).channel(Channel.CALLS).timestamp(at)
        .author(speaker).text(text).attribute("callId", callId).attribute("callTitle", title)
        .attribute("speakerEmail", speaker.email()).attribute("affiliation", internal ? "Internal" : "External")
        .build());
    return this;
  }

  /** A Zendesk comment in the connector's layout: Ticket, From, Date. */
  CrmFixture zendeskComment(String ticketId, String commentId, String subject, String status, String when,
      Participant from, String body) {
    OffsetDateTime at = OffsetDateTime.parse(when);
    String text = "Ticket: #" + ticketId + " " + subject + "\nFrom: " + from.label() + "\nDate: " + at + "\n\n" + body;
    evidence.add(Evidence.builder("zendesk", "comment", commentId).channel(Channel.SUPPORT).timestamp(at).author(from).text(text)
        .attribute("ticketId", ticketId).attribute("ticketSubject", subject).attribute("ticketStatus", status)
        .attribute("public", "true").attribute("visibility", "public").attribute("authorEmail", from.email()).build());
    return this;
  }

  private static String show(Participant p) {
    return p.name() != null && p.email() != null ? p.name() + " <" + p.email() + ">" : p.label();
  }

  static Participant who(Person p) {
    return Participant.of(p.name(), p.email());
  }

  DealContext deal() {
    var opp = new Opportunity("006000000000001AAA", "Meridian Health - Analytics Platform", "Closed Won",
        new BigDecimal("168000"), "USD", LocalDate.parse("2026-03-27"), Instant.parse("2026-01-12T09:00:00Z"), type,
        true, true);
    return new DealContext(new Account("001000000000001AAA", "Meridian Health", "Healthcare", null, null, 2400L), opp,
        owner, contacts, List.of(new TeamMember(se, "Sales Engineer")),
        new TimeWindow(Instant.parse("2026-01-12T09:00:00Z"), Instant.parse("2026-03-28T00:00:00Z")),
        Set.of("northwind-analytics.com"), new LinkedHashMap<>(), zone);
  }

  ExtractionInput input() {
    var sorted = new ArrayList<>(evidence);
    sorted.sort(java.util.Comparator.comparing(Evidence::timestamp));
    return new ExtractionInput(deal(), sorted, Instant.parse("2026-03-28T12:00:00Z"), List.of());
  }

  /** Runs every standard extractor and the verifier, as {@code Handoff} does. */
  FinishingDraft extract() {
    var input = input();
    var extracted = new BriefDraft();
    StandardExtractors.all().forEach(x -> x.extract(input, extracted));
    var draft = FinishingDraft.of(extracted);
    var byId = new LinkedHashMap<String, Evidence>();
    input.evidence().forEach(e -> byId.put(e.id(), e));
    int dropped = CitationVerifier.verify(draft, byId);
    if (dropped != 0) {
      throw new AssertionError(dropped + " claims failed citation verification");
    }
    return draft;
  }
}
