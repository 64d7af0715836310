package org.handoffbrief.extract;

import org.handoffbrief.internal.TextSpans;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.SectionId;

/** Implementation risks: technical dependencies, security review, change resistance, resource gaps. */
final class RiskExtractor implements SectionExtractor {
  private static final SectionId S = SectionId.RISKS;

  /**
   * Matched against {@link #asciiLower} of the sentence, case-sensitively: the same matches as
   * {@code words()}'s ASCII case-insensitive patterns on the sentence (every literal here is lower
   * case), at a fraction of the cost; these run on every sentence of every conversation.
   */
  private static final Map<String, Pattern> CATEGORIES = new LinkedHashMap<>();

  static {
    CATEGORIES.put("renewal_risk", lowerCase("\\bregret\\b|\\bcancel\\w*|\\bchurn|walk away|(?:not|won't) renew|"
        + "at (?:the )?renewal"));
    CATEGORIES.put("resource_gap", lowerCase("(?:paternity|parental|maternity|medical|sick) leave|\\bon leave\\b|"
        + "on (?:my|his|her|their) own|\\balone\\b|basically me|(?:team|it) is (?:me|just)|only \\w+ (?:really )?knows|"
        + "(?:two|three|four) people|one contractor|engagement ends|capacity|bandwidth|understaffed|short-staffed|"
        + "headcount|no dedicated|part-time admin|resource constraint|resourcing|single point of failure"));
    CATEGORIES.put("legal_open", lowerCase("\\bbaa\\b|\\bdpa\\b|\\bmsa\\b|countersign\\w*|risk acceptance|\\bconcur\\w*|"
        + "non-?concur\\w*|exhibit [a-z]\\b|records retention|certificate of destruction"));
    CATEGORIES.put("security_review", lowerCase("security review|security questionnaire|infosec|pen ?-?tests?|soc ?2|hipaa|"
        + "vendor risk|security assessment|sub-?processor|retest"));
    CATEGORIES.put("timeline_pressure", lowerCase("\\baudit\\b|hard stop|deadline|backstop|end[- ]of[- ]support|"
        + "auto-?renew\\w*|has to be (?:validated|live|ready)|the week of|board meeting"));
    CATEGORIES.put("technical_dependency", lowerCase("legacy|\\berp\\b|integration|dependenc|depends on|migrat|"
        + "data quality|api limit|double-key\\w*|re-?key\\w*|manual workaround|connector"));
    CATEGORIES.put("change_resistance", lowerCase("skeptic|resistan|reluctan|adoption risk|pushback|"
        + "revolt|won't roll|not asking my"));
  }

  /** Categories whose words alone are risky; the others need a word of trouble beside them. */
  private static final java.util.Set<String> RISKY_ALONE = java.util.Set.of("renewal_risk", "resource_gap",
      "change_resistance");
  /** Trouble: a blocker, a delay, a worry, something not done, a condition. */
  private static final Pattern TROUBLE = lowerCase("\\b(?:risk|concern\\w*|worr\\w*|issue|problem|block\\w*|delay\\w*|slip\\w*|"
      + "late|not (?:yet|ready|able|agreed|countersigned|signed|approved|closed)|can't|cannot|won't|until|unless|"
      + "no (?:date|release)|open|outstanding|pending|unresolved|conditional|hard stop|revolt|constraint|tight|squeez\\w*|"
      + "or the|before|still|only|truncat\\w*|fails?|broken)\\b|\\btak(?:es|e|ing) (?:\\w+ ){0,2}(?:weeks|months)\\b");
  /** At most this many risk sentences from one item: the rest of a long note repeats itself. */
  private static final int PER_ITEM = 2;

  private static final Map<String, String> TITLES = Map.of("security_review", "Security review",
      "technical_dependency", "Technical dependency", "change_resistance", "Change resistance",
      "resource_gap", "Resource gap", "renewal_risk", "Renewal risk", "legal_open", "Legal item open",
      "timeline_pressure", "Timeline pressure");

  private static Pattern lowerCase(String regex) {
    return Pattern.compile(regex);
  }

  /** A copy with A-Z lowered and every other character kept, so offsets and non-ASCII text stay as they are. */
  static String asciiLower(String s) {
    char[] c = s.toCharArray();
    for (int i = 0; i < c.length; i++) {
      if (c[i] >= 'A' && c[i] <= 'Z') {
        c[i] += 'a' - 'A';
      }
    }
    return new String(c);
  }

  /** The category of a risk sentence, or null when the sentence is not one. */
  static String category(String sentence) {
    String lower = asciiLower(sentence);
    for (var c : CATEGORIES.entrySet()) {
      if (!c.getValue().matcher(lower).find()) {
        continue;
      }
      if (c.getKey().equals("renewal_risk") && Vocabulary.SOONER.matcher(sentence).find()) {
        return null;
      }
      if (Vocabulary.settled(sentence)) {
        return null;
      }
      if (RISKY_ALONE.contains(c.getKey()) || TROUBLE.matcher(lower).find()) {
        return c.getKey();
      }
    }
    return null;
  }

  @Override
  public java.util.Set<org.handoffbrief.model.SectionId> sections() {
    return java.util.EnumSet.of(org.handoffbrief.model.SectionId.RISKS);
  }

  @Override
  public void extract(ExtractionInput input, BriefDraft draft) {
    var crm = new CrmRecords(input);
    int found = 0;
    for (Evidence e : crm.conversation()) {
      int fromItem = 0;
      for (Span s : input.sentences(e)) {
        String category = TextSpans.quoted(s) || s.text().strip().endsWith("?") ? null : category(s.text());
        if (category == null || fromItem >= PER_ITEM) {
          continue;
        }
        var attrs = new LinkedHashMap<String, String>();
        attrs.put("category", category);
        attrs.put("raisedBy", CrmRecords.speaker(e));
        attrs.put("source", e.system());
        attrs.put("date", input.day(e.timestamp()).toString());
        draft.claim(S, category, TITLES.get(category) + ": " + s.text(), attrs, List.of(s.cite()));
        found++;
        fromItem++;
      }
    }
    // Every support ticket opened during the cycle surfaces, whatever its words: the CSM inherits it.
    for (Evidence t : input.evidence()) {
      if (!t.kind().equals("ticket")) {
        continue;
      }
      Span subject = TextSpans.line(t, "Subject");
      if (subject == null) {
        continue;
      }
      String status = TextSpans.value(t, "Status");
      var attrs = new LinkedHashMap<String, String>();
      attrs.put("category", "support_ticket");
      attrs.put("status", status);
      attrs.put("raisedBy", CrmRecords.speaker(t));
      attrs.put("date", input.day(t.timestamp()).toString());
      attrs.put("source", t.system());
      var cites = new java.util.ArrayList<>(List.of(subject.cite()));
      Span statusLine = TextSpans.line(t, "Status");
      if (statusLine != null) {
        cites.add(statusLine.cite());
      }
      draft.claim(S, "support_ticket", "Support ticket" + (status != null ? " (" + status + ")" : "") + " opened "
          + input.day(t.timestamp()) + (CrmRecords.speaker(t) != null ? " by " + CrmRecords.speaker(t) : "") + ": "
          + CrmRecords.valueOf(subject), attrs, cites);
      found++;
    }
    if (found == 0) {
      draft.gap(S, "no_risks_found", "No implementation risks found in the CRM notes; ask the SE.");
    }
  }
}
