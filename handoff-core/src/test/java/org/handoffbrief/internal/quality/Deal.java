package org.handoffbrief.internal.quality;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handoffbrief.extract.ExtractionInput;
import org.handoffbrief.model.Channel;
import org.handoffbrief.model.Account;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.DealContact;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Gap;
import org.handoffbrief.model.Identity;
import org.handoffbrief.model.Opportunity;
import org.handoffbrief.model.Participant;
import org.handoffbrief.model.Person;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.model.TimeWindow;

/**
 * A small deal built per test: evidence, and the brief's sections written by hand (the gates judge
 * a brief against its evidence, so the tests choose both). The cycle runs 2026-01-02 to close on
 * 2026-06-30; the vendor is northwind-analytics.com, the customer meridianhealth.example.
 */
final class Deal {
  static final String VENDOR = "northwind-analytics.com";
  static final Participant ALEX = Participant.of("Alex Rivera", "alex.rivera@" + VENDOR);
  static final Participant DANA = Participant.of("Dana Okonkwo", "dana.okonkwo@meridianhealth.example");

  final List<Evidence> evidence = new ArrayList<>();
  final Map<SectionId, List<Claim>> claims = new EnumMap<>(SectionId.class);
  final Map<SectionId, List<Gap>> gaps = new EnumMap<>(SectionId.class);
  String accountId = "001000000000001AAA";
  String opportunityId = "006000000000001AAA";
  BigDecimal amount = new BigDecimal("168000");
  private int seq;

  /** The opportunity record with these handoff fields, label to value. */
  Evidence opportunity(String... labelsAndValues) {
    var b = Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.OPPORTUNITY, opportunityId)
        .timestamp(OffsetDateTime.parse("2026-06-30T18:00:00Z"));
    var text = new StringBuilder("Opportunity: Meridian Health - Platform\nStage: Closed Won");
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      text.append('\n').append(labelsAndValues[i]).append(": ").append(labelsAndValues[i + 1]);
      b.attribute(CrmEvidence.HANDOFF_PREFIX + labelsAndValues[i], labelsAndValues[i + 1]);
    }
    return add(b.text(text.toString()).build());
  }

  /** A mail message; the body follows a Subject header line. */
  Evidence mail(String when, Participant from, String body) {
    return add(Evidence.builder("gmail", "message", "m" + (++seq)).channel(Channel.EMAIL).timestamp(OffsetDateTime.parse(when))
        .author(from).participants(List.of(from == ALEX ? DANA : ALEX))
        .text("Subject: Meridian rollout\n\n" + body).build());
  }

  /** A mail message in a named thread, as the mail connectors mark it ({@code threadId}). */
  Evidence mailInThread(String thread, String when, Participant from, String body) {
    return add(Evidence.builder("gmail", "message", "m" + (++seq)).channel(Channel.EMAIL).timestamp(OffsetDateTime.parse(when))
        .author(from).participants(List.of(from == ALEX ? DANA : ALEX)).attribute("threadId", thread)
        .text("Subject: Meridian paperwork\n\n" + body).build());
  }

  /** A CRM task, open or completed, in the Salesforce connector's shape. */
  Evidence task(String when, String subject, boolean completed) {
    return add(Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.TASK, "00T" + (++seq))
        .timestamp(OffsetDateTime.parse(when)).author(ALEX).attribute("Subject", subject)
        .attribute("Status", completed ? "Completed" : "Not Started").attribute("IsClosed", String.valueOf(completed))
        .text("Subject: " + subject + "\nStatus: " + (completed ? "Completed" : "Not Started")).build());
  }

  Evidence call(String when, String transcript) {
    return add(Evidence.builder("gong", "call", "c" + (++seq)).channel(Channel.CALLS).timestamp(OffsetDateTime.parse(when))
        .participants(List.of(ALEX, DANA)).text("Title: Weekly sync\n\n" + transcript).build());
  }

  Evidence slack(String when, Participant from, String text) {
    return add(Evidence.builder("slack", "message", "C1:" + (++seq)).channel(Channel.CHAT).timestamp(OffsetDateTime.parse(when))
        .author(from).text("Channel: #deal-meridian\nFrom: " + from.name() + "\n\n" + text).build());
  }

  Evidence ticket(String when, String subject) {
    return add(Evidence.builder("zendesk", "ticket", String.valueOf(1000 + (++seq))).channel(Channel.SUPPORT)
        .timestamp(OffsetDateTime.parse(when)).author(DANA).text("Subject: " + subject + "\n\nPlease help.").build());
  }

  /** A ticket with its status, as the Zendesk connector marks it ({@code status}). */
  Evidence ticket(String when, String subject, String status, String body) {
    String id = String.valueOf(1000 + (++seq));
    return add(Evidence.builder("zendesk", "ticket", id).channel(Channel.SUPPORT).timestamp(OffsetDateTime.parse(when)).author(DANA)
        .attribute("ticketId", id).attribute("status", status)
        .text("Subject: " + subject + "\nStatus: " + status + "\n\n" + body).build());
  }

  Evidence contactRole(String when, Participant who, String role) {
    return add(Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.CONTACT_ROLE, "00K" + (++seq))
        .timestamp(OffsetDateTime.parse(when)).participants(List.of(who))
        .text("Contact: " + who.name() + "\nRole: " + role).build());
  }

  Evidence add(Evidence e) {
    evidence.add(e);
    return e;
  }

  /** Adds a claim citing {@code quote} in {@code e}. */
  Claim claim(SectionId section, String id, Map<String, String> attributes, Evidence e, String quote) {
    Claim c = new Claim(id, section, "Claim " + id, attributes, List.of(Citation.of(e, quote)));
    claims.computeIfAbsent(section, k -> new ArrayList<>()).add(c);
    return c;
  }

  void gap(SectionId section, String code) {
    gaps.computeIfAbsent(section, k -> new ArrayList<>()).add(new Gap(code, "Gap " + code + "."));
  }

  /** A stakeholder claim for this person with a last-touch date, citing their contact role. */
  Claim stakeholder(String role, Participant who, String lastTouch, Evidence cited, String quote) {
    var attrs = new LinkedHashMap<String, String>();
    attrs.put("role", role);
    attrs.put("name", who.name());
    attrs.put("email", who.email());
    if (lastTouch != null) {
      attrs.put("lastTouch", lastTouch);
    }
    return claim(SectionId.STAKEHOLDERS, "stakeholders." + role + "." + (++seq), attrs, cited, quote);
  }

  Map<SectionId, Section> sections() {
    var out = new EnumMap<SectionId, Section>(SectionId.class);
    for (SectionId id : SectionId.values()) {
      out.put(id, new Section(id, claims.getOrDefault(id, List.of()), gaps.getOrDefault(id, List.of())));
    }
    return out;
  }

  DealContext context() {
    var opp = new Opportunity(opportunityId, "Meridian Health - Platform", "Closed Won", amount, "USD",
        LocalDate.parse("2026-06-30"), Instant.parse("2026-01-02T09:00:00Z"), null, true, true);
    var dana = new Person(DANA.name(), DANA.email(), "VP Operations", false, Set.of(new Identity("salesforce", "003A")));
    var alex = new Person(ALEX.name(), ALEX.email(), "Account Executive", true, Set.of(new Identity("salesforce", "005A")));
    return new DealContext(new Account(accountId, "Meridian Health", "Healthcare", null, null, null), opp, alex,
        List.of(new DealContact(dana, "Champion", true)), List.of(),
        new TimeWindow(Instant.parse("2026-01-02T09:00:00Z"), Instant.parse("2026-07-01T00:00:00Z")), Set.of(VENDOR),
        Map.of());
  }

  ExtractionInput input() {
    var sorted = new ArrayList<>(evidence);
    sorted.sort(Comparator.comparing(Evidence::timestamp));
    return new ExtractionInput(context(), sorted, Instant.parse("2026-07-01T12:00:00Z"), List.of());
  }
}
