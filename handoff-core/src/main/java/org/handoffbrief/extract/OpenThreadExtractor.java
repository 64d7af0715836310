package org.handoffbrief.extract;

import org.handoffbrief.internal.TextSpans;
import org.handoffbrief.internal.DueDates;
import static org.handoffbrief.extract.CrmRecords.words;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.SectionId;

/** Unanswered questions, pending legal items and follow-ups owed, each with who owes it. */
final class OpenThreadExtractor implements SectionExtractor {
  private static final SectionId S = SectionId.OPEN_THREADS;

  private static final Pattern PENDING = words("\\b(pending|awaiting|waiting (?:on|for)|still open|outstanding|"
      + "unresolved|open question|not yet (?:signed|agreed|resolved|answered|returned)|redline)");
  private static final Pattern LEGAL = words("legal|redline|\\bmsa\\b|\\bdpa\\b|contract|data residency|clause|terms");

  /** An ask that needs our answer as much as a question does: "Please send the current list." */
  private static final Pattern REQUEST = words("^(?:please|kindly)\\b|\\bplease (?:send|confirm|let (?:me|us) know|advise|"
      + "share|tell)|\\b(?:can|could|would) you\\b|\\bi need to know\\b|\\blet (?:me|us) know\\b");
  /** Ticket statuses that leave the ticket with the CSM (Zendesk: new, open, pending, hold). */
  private static final Pattern OPEN_TICKET = words("^(?:new|open|pending|hold|on-hold)$");

  /** Attributes under which connectors name the thread an item belongs to. */
  static final List<String> THREAD_KEYS = List.of("threadId", "conversationId", "threadTs");

  /**
   * Threads where the customer spoke last and asked something: the question is open, and the
   * vendor people on the thread owe the answer (the deal owner when none of them is known).
   */
  private static int unansweredQuestions(ExtractionInput input, CrmRecords crm, BriefDraft draft) {
    var threads = new java.util.LinkedHashMap<String, List<Evidence>>();
    for (Evidence e : crm.conversation()) {
      String key = THREAD_KEYS.stream().map(e::attribute).filter(java.util.Objects::nonNull).findFirst().orElse(null);
      if (key != null) {
        threads.computeIfAbsent(e.system() + "/" + key, k -> new ArrayList<>()).add(e);
      }
    }
    int found = 0;
    for (List<Evidence> thread : threads.values()) {
      Evidence last = thread.stream().max(java.util.Comparator.comparing(Evidence::timestamp)).orElseThrow();
      if (crm.writtenByVendor(last) || last.author() == null) {
        continue;
      }
      Span question = input.sentences(last).stream()
          .filter(x -> !TextSpans.quoted(x) && (x.text().endsWith("?") || REQUEST.matcher(x.text()).find()))
          .findFirst().orElse(null);
      if (question == null) {
        continue;
      }
      var owers = new java.util.LinkedHashSet<String>();
      for (Evidence e : thread) {
        if (crm.writtenByVendor(e) && CrmRecords.speaker(e) != null) {
          owers.add(CrmRecords.speaker(e));
        }
      }
      if (owers.isEmpty()) {
        owers.add(input.deal().owner().name());
      }
      var attrs = new LinkedHashMap<String, String>();
      attrs.put("category", "unanswered_question");
      attrs.put("askedBy", CrmRecords.speaker(last));
      attrs.put("owedBy", String.join(", ", owers));
      attrs.put("date", input.day(last.timestamp()).toString());
      attrs.put("source", last.system());
      // "Please send the current list." reads with what it asks about, said just before on the line.
      List<Span> context = TextSpans.beforeOnLine(question, input.sentences(last), 2);
      var cites = new ArrayList<Citation>();
      var words = new StringBuilder();
      for (Span c : context) {
        cites.add(c.cite());
        words.append(c.text()).append(' ');
      }
      cites.add(question.cite());
      draft.claim(S, "unanswered", "Unanswered question from " + CrmRecords.speaker(last) + " ("
          + input.day(last.timestamp()) + "), owed by " + String.join(", ", owers) + ": " + words + question.text(), attrs,
          cites);
      found++;
    }
    return found;
  }

  /** The customer's own promise to hand us something: "we'll send you our URS by June 2". */
  private static final Pattern CUSTOMER_OWES = words("\\b(?:we|i)(?:'ll| will| are going to| am going to)\\s+"
      + "(?:send|share|provide|get you|deliver|give|export|issue|sign|return|have (?:it|them|the \\w+) (?:ready|over))\\b");
  private static final Pattern OWES_HEDGED = words("\\b(?:if|once|might|may|maybe|not|won't|can't)\\b");
  /** A message handing something over. */
  private static final Pattern HANDED_OVER = words("\\b(?:attached|here is|here are|here's|please find)\\b");
  private static final int MAX_OWED = 3;

  /**
   * What the customer said they would hand over during the second half of the cycle and no later
   * message of theirs delivers ("attached", "here is"): the CSM should know it is still owed.
   */
  private static int owedByTheCustomer(ExtractionInput input, CrmRecords crm, BriefDraft draft) {
    var w = input.deal().window();
    java.time.Instant from = w.start().plus(java.time.Duration.between(w.start(), w.end()).dividedBy(2));
    var owed = new ArrayList<Span>();
    Map<String, java.time.OffsetDateTime> lastHandover = null;
    for (Evidence e : crm.conversation()) {
      if (crm.writtenByVendor(e) || e.author() == null || e.author().email() == null
          || e.timestamp().toInstant().isBefore(from) || e.timestamp().toInstant().isAfter(input.now())) {
        continue;
      }
      for (Span s : input.sentences(e)) {
        String t = s.text();
        if (!TextSpans.quoted(s) && !t.endsWith("?") && CUSTOMER_OWES.matcher(t).find() && !OWES_HEDGED.matcher(t).find()) {
          // The first plain promise of the item speaks for it; a later handover keeps it off the list.
          if (lastHandover == null) {
            lastHandover = lastHandovers(input, crm);
          }
          if (!deliveredLater(e, lastHandover)) {
            owed.add(s);
          }
          break;
        }
      }
    }
    var newest = owed.subList(Math.max(0, owed.size() - MAX_OWED), owed.size());
    for (Span s : newest) {
      Evidence e = s.evidence();
      var attrs = new LinkedHashMap<String, String>();
      attrs.put("category", "customer_owes");
      attrs.put("owedBy", CrmRecords.speaker(e));
      attrs.put("date", input.day(e.timestamp()).toString());
      attrs.put("source", e.system());
      DueDates.find(s.text(), input.day(e.timestamp())).ifPresent(d -> attrs.put("due", d.date().toString()));
      draft.claim(S, "customer_owes", "Owed by the customer (" + CrmRecords.speaker(e) + ", "
          + input.day(e.timestamp()) + "): " + s.text(), attrs, List.of(s.cite()));
    }
    return newest.size();
  }

  /** A later message from the same person handing something over. */
  private static boolean deliveredLater(Evidence promise, Map<String, java.time.OffsetDateTime> lastHandover) {
    var handedOver = lastHandover.get(promise.author().email());
    return handedOver != null && handedOver.isAfter(promise.timestamp());
  }

  /**
   * When each author last handed something over: one pass, so checking every promise against
   * every later message (quadratic on a large deal) becomes a look-up.
   */
  private static Map<String, java.time.OffsetDateTime> lastHandovers(ExtractionInput input, CrmRecords crm) {
    var last = new java.util.HashMap<String, java.time.OffsetDateTime>();
    for (Evidence e : crm.conversation()) {
      if (e.author() == null || e.author().email() == null) {
        continue;
      }
      var known = last.get(e.author().email());
      if ((known == null || e.timestamp().isAfter(known))
          && input.sentences(e).stream().anyMatch(s -> HANDED_OVER.matcher(s.text()).find())) {
        last.put(e.author().email(), e.timestamp());
      }
    }
    return last;
  }

  /**
   * Support tickets still open when the brief is made (at close for a handoff brief, later for a
   * 30-day one: the status is read then): the CSM inherits them, and the customer is waiting.
   */
  private static int openTickets(ExtractionInput input, BriefDraft draft) {
    int found = 0;
    for (Evidence t : input.evidence()) {
      String status = t.attribute("status");
      Span subject = TextSpans.line(t, "Subject");
      if (!t.kind().equals("ticket") || status == null || subject == null || !OPEN_TICKET.matcher(status).find()) {
        continue;
      }
      var attrs = new LinkedHashMap<String, String>();
      attrs.put("category", "open_ticket");
      attrs.put("status", status);
      attrs.put("ticket", t.nativeId());
      attrs.put("priority", t.attribute("priority"));
      draft.claim(S, "open_ticket", "Support ticket #" + t.nativeId() + " still " + status
          + (t.attribute("priority") != null ? " (" + t.attribute("priority") + " priority)" : "") + ": "
          + CrmRecords.valueOf(subject), attrs, List.of(subject.cite()));
      found++;
    }
    return found;
  }

  @Override
  public java.util.Set<org.handoffbrief.model.SectionId> sections() {
    return java.util.EnumSet.of(org.handoffbrief.model.SectionId.OPEN_THREADS);
  }

  @Override
  public void extract(ExtractionInput input, BriefDraft draft) {
    var crm = new CrmRecords(input);
    int found = 0;
    for (Evidence e : crm.conversation()) {
      boolean open = e.kind().equals(CrmEvidence.TASK) && !"true".equalsIgnoreCase(e.attribute("IsClosed"));
      List<Span> pending = input.sentences(e).stream().filter(s -> PENDING.matcher(s.text()).find()).toList();
      if (open) {
        Span subject = TextSpans.line(e, "Subject");
        if (subject == null) {
          continue;
        }
        var cites = new ArrayList<Citation>(List.of(subject.cite()));
        pending.stream().limit(1).forEach(s -> cites.add(s.cite()));
        String owner = e.attribute("Owner.Name");
        String due = e.attribute("ActivityDate");
        boolean legal = LEGAL.matcher(subject.text()).find() || pending.stream().anyMatch(s -> LEGAL.matcher(s.text()).find());
        var attrs = new LinkedHashMap<String, String>();
        attrs.put("category", legal ? "legal" : "follow_up");
        attrs.put("owedBy", owner);
        attrs.put("due", due);
        attrs.put("status", e.attribute("Status"));
        draft.claim(S, legal ? "legal" : "follow_up", (legal ? "Pending legal item" : "Follow-up") + " owed by "
            + (owner != null ? owner : "an unassigned owner") + ": " + CrmRecords.valueOf(subject)
            + (due != null ? " (due " + due + ")" : ""), attrs, cites);
        found++;
      } else {
        for (Span s : pending) {
          if (Vocabulary.settled(s.text())) {
            continue;
          }
          boolean legal = LEGAL.matcher(s.text()).find();
          var attrs = new LinkedHashMap<String, String>();
          attrs.put("category", legal ? "legal" : "pending");
          attrs.put("owedBy", CrmRecords.speaker(e));
          attrs.put("source", e.system());
          attrs.put("date", input.day(e.timestamp()).toString());
          draft.claim(S, legal ? "legal" : "pending", (legal ? "Pending legal item: " : "Pending: ") + s.text(), attrs,
              List.of(s.cite()));
          found++;
        }
      }
    }
    found += unansweredQuestions(input, crm, draft);
    found += openTickets(input, draft);
    found += owedByTheCustomer(input, crm, draft);
    if (found == 0) {
      draft.gap(S, "no_open_threads_found", "No open follow-ups or pending items found in the CRM.");
    }
  }
}
