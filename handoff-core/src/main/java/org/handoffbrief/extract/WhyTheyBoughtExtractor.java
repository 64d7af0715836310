package org.handoffbrief.extract;

import static org.handoffbrief.extract.CrmRecords.words;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.SectionId;

/**
 * The primary pain, success criteria and promised outcome: from qualification fields (MEDDPICC
 * "Identify Pain", "Metrics", or custom) and the opportunity description.
 */
final class WhyTheyBoughtExtractor implements SectionExtractor {
  private static final SectionId S = SectionId.WHY_THEY_BOUGHT;

  private record Fact(String key, Pattern label, String claimPrefix, String gapCode, String gap) {}

  private static final List<Fact> FACTS = List.of(
      new Fact("pain", words("pain|problem|why (they )?buy|need"), "Primary pain", "no_primary_pain",
          "No primary pain recorded; ask the AE why they bought."),
      new Fact("success_criteria", words("success|criteria|metric|kpi"), "Success criteria", "no_success_criteria",
          "No success criteria recorded."),
      new Fact("outcome", words("outcome|business case|roi|expected value"), "Promised outcome", null, null));

  private static final int MAX_CUSTOMER_QUOTES = 3;

  private static final Pattern WHY = words("\\b(replace|reduce|eliminate|automate|consolidate|manual|struggl|pain|"
      + "goal|objective|so that|in order to|need to|wants? to|looking to)\\b");

  @Override
  public void extract(ExtractionInput input, BriefDraft draft) {
    var crm = new CrmRecords(input);
    boolean described = false;
    Evidence opportunity = crm.opportunity();
    if (opportunity != null) {
      for (TextSpans.Span sentence : input.sentences(opportunity)) {
        if (WHY.matcher(sentence.text()).find()) {
          draft.claim(S, "context", "In the seller's words: " + sentence.text(), sentence.cite());
          described = true;
        }
      }
    }
    // The customer's own words, earliest first: discovery is where they say why they are buying.
    int customerWords = 0;
    for (Evidence e : crm.conversation()) {
      if (customerWords >= MAX_CUSTOMER_QUOTES || crm.writtenByVendor(e) || e.author() == null
          || e.author().email() == null || input.deal().isInternal(e.author().email())) {
        continue;
      }
      for (TextSpans.Span sentence : input.sentences(e)) {
        if (customerWords < MAX_CUSTOMER_QUOTES && !sentence.text().endsWith("?") && !sentence.text().endsWith(":")
            && !TextSpans.quoted(sentence)
            && WHY.matcher(sentence.text()).find()) {
          draft.claim(S, "customer_words", "In the customer's words (" + e.author().label() + ", "
              + e.timestamp().toLocalDate() + "): " + sentence.text(),
              java.util.Map.of("speaker", e.author().label(), "source", e.system()), List.of(sentence.cite()));
          customerWords++;
          described = true;
        }
      }
    }
    for (Fact f : FACTS) {
      TextSpans.Span line = crm.handoffField(f.label());
      if (line != null) {
        draft.claim(S, f.key(), f.claimPrefix() + ": " + CrmRecords.valueOf(line),
            Map.of(f.key(), CrmRecords.valueOf(line)), List.of(line.cite()));
      } else if (f.gapCode() != null && !(described && f.key().equals("pain"))) {
        // The description may carry the pain in prose; only a silent record is a gap.
        draft.gap(S, f.gapCode(), f.gap());
      }
    }
  }
}
