package org.handoffbrief.extract;

import static org.handoffbrief.extract.CrmRecords.words;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

  @Override
  public void extract(ExtractionInput input, BriefDraft draft) {
    var crm = new CrmRecords(input);
    int found = 0;
    for (Evidence e : crm.conversation()) {
      boolean open = e.kind().equals(CrmEvidence.TASK) && !"true".equalsIgnoreCase(e.attribute("IsClosed"));
      List<TextSpans.Span> pending = input.sentences(e).stream().filter(s -> PENDING.matcher(s.text()).find()).toList();
      if (open) {
        TextSpans.Span subject = TextSpans.line(e, "Subject");
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
        for (TextSpans.Span s : pending) {
          boolean legal = LEGAL.matcher(s.text()).find();
          var attrs = new LinkedHashMap<String, String>();
          attrs.put("category", legal ? "legal" : "pending");
          attrs.put("owedBy", CrmRecords.speaker(e));
          attrs.put("source", e.system());
          attrs.put("date", e.timestamp().toLocalDate().toString());
          draft.claim(S, legal ? "legal" : "pending", (legal ? "Pending legal item: " : "Pending: ") + s.text(), attrs,
              List.of(s.cite()));
          found++;
        }
      }
    }
    if (found == 0) {
      draft.gap(S, "no_open_threads_found", "No open follow-ups or pending items found in the CRM.");
    }
  }
}
