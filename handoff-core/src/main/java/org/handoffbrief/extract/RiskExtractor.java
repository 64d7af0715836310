package org.handoffbrief.extract;

import static org.handoffbrief.extract.CrmRecords.words;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.SectionId;

/** Implementation risks: technical dependencies, security review, change resistance, resource gaps. */
final class RiskExtractor implements SectionExtractor {
  private static final SectionId S = SectionId.RISKS;

  private static final Map<String, Pattern> CATEGORIES = new LinkedHashMap<>();

  static {
    CATEGORIES.put("security_review", words("security review|security questionnaire|infosec|pen ?test|soc ?2|hipaa|"
        + "vendor risk|security assessment"));
    CATEGORIES.put("technical_dependency", words("legacy|\\berp\\b|integration|dependenc|depends on|migrat|"
        + "data quality|api limit"));
    CATEGORIES.put("change_resistance", words("skeptic|resistan|change management|reluctan|adoption risk|pushback"));
    CATEGORIES.put("resource_gap", words("bandwidth|understaffed|short-staffed|no dedicated|headcount|part-time admin|"
        + "resource constraint|resourcing"));
  }

  private static final Map<String, String> TITLES = Map.of("security_review", "Security review",
      "technical_dependency", "Technical dependency", "change_resistance", "Change resistance",
      "resource_gap", "Resource gap");

  @Override
  public void extract(ExtractionInput input, BriefDraft draft) {
    var crm = new CrmRecords(input);
    int found = 0;
    for (Evidence e : crm.conversation()) {
      for (TextSpans.Span s : input.sentences(e)) {
        for (var c : CATEGORIES.entrySet()) {
          if (c.getValue().matcher(s.text()).find()) {
            var attrs = new LinkedHashMap<String, String>();
            attrs.put("category", c.getKey());
            attrs.put("raisedBy", CrmRecords.speaker(e));
            attrs.put("source", e.system());
            attrs.put("date", e.timestamp().toLocalDate().toString());
            draft.claim(S, c.getKey(), TITLES.get(c.getKey()) + ": " + s.text(), attrs, List.of(s.cite()));
            found++;
            break;
          }
        }
      }
    }
    // Every support ticket opened during the cycle surfaces, whatever its words: the CSM inherits it.
    for (Evidence t : input.evidence()) {
      if (!t.kind().equals("ticket")) {
        continue;
      }
      TextSpans.Span subject = TextSpans.line(t, "Subject");
      if (subject == null) {
        continue;
      }
      String status = TextSpans.value(t, "Status");
      var attrs = new LinkedHashMap<String, String>();
      attrs.put("category", "support_ticket");
      attrs.put("status", status);
      attrs.put("raisedBy", CrmRecords.speaker(t));
      attrs.put("date", t.timestamp().toLocalDate().toString());
      attrs.put("source", t.system());
      var cites = new java.util.ArrayList<>(List.of(subject.cite()));
      TextSpans.Span statusLine = TextSpans.line(t, "Status");
      if (statusLine != null) {
        cites.add(statusLine.cite());
      }
      draft.claim(S, "support_ticket", "Support ticket" + (status != null ? " (" + status + ")" : "") + " opened "
          + t.timestamp().toLocalDate() + (CrmRecords.speaker(t) != null ? " by " + CrmRecords.speaker(t) : "") + ": "
          + CrmRecords.valueOf(subject), attrs, cites);
      found++;
    }
    if (found == 0) {
      draft.gap(S, "no_risks_found", "No implementation risks found in the CRM notes; ask the SE.");
    }
  }
}
