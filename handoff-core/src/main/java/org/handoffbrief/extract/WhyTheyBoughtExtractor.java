package org.handoffbrief.extract;

import org.handoffbrief.internal.TextSpans;
import static org.handoffbrief.extract.CrmRecords.words;

import java.util.Comparator;
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

  /** How many of the customer's own statements the section shows, strongest first. */
  private static final int MAX_CUSTOMER_QUOTES = 6;
  /** How many of one item's sentences may be shown: a discovery email often lists three pains. */
  private static final int MAX_PER_ITEM = 3;

  private static final Pattern WHY = words("\\b(replace|reduce|eliminate|automate|consolidate|manual|struggl|pain|"
      + "goal|objective|so that|in order to|need to|wants? to|looking to)\\b");

  /*
   * What a customer says when they explain why they are buying: a problem (something fails, is
   * missing, manual, slow, scattered, ending), a consequence or pressure (an audit, a regulator, a
   * board, a deadline, a contract ending) or a goal (one place, a single view, must, have to).
   * Each family counts once; numbers (79%, 41 changes, 300 scientists) make a statement concrete.
   */
  private static final List<Pattern> PAIN_SIGNALS = List.of(
      words("\\b(?:can't|cannot|can not|couldn't|never|nobody|no one|nothing|not (?:able|possible|traceable|usable)|"
          + "doesn't|don't|won't|will not|isn't|aren't|no way|no longer|there is no|there's no|ha(?:s|ve) no|without|lack|missing|blind|broken|fails?|failing|"
          + "too (?:late|slow|long)|fell|dropped|declin\\w*|lost|losing|lose|harder|worse|worsen\\w*|black hole|"
          + "struggl\\w*|frustrat\\w*|painful|mess|chaos|and that's it|that's all|(?:went|grew|fell|rose|dropped) from)\\b"),
      words("\\b(?:manual(?:ly)?|spreadsheets?|excel|re-?key\\w*|double-key\\w*|stitch\\w*|reconcil\\w*|tie out|"
          + "scattered|silos?|by hand|copy and paste|workarounds?|hours|days|weeks)\\b"),
      words("\\b(?:audit\\w*|finding|regulat\\w*|inspect\\w*|complian\\w*|board|deadline|end[- ]of[- ](?:support|life)|"
          + "contract ends|expires?|funded|budget|risk|unplanned|outage|downtime|incident|penalt\\w*|fines?)\\b"),
      words("\\b(?:need(?:s|ed)? (?:to|a|one|an)|have to|has to|must|goal|objective|so that|in order to|want(?:s|ed)? to|"
          + "looking (?:to|for)|one (?:[\\w-]+ )?(?:place|view|system)|single (?:view|source|place)|same place|replace\\w*|"
          + "consolidat\\w*|"
          + "automat\\w*|before)\\b"),
      // A number makes a statement concrete, spelled out as people say it on calls too.
      words("\\d|\\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|"
          + "seventy|eighty|ninety|hundred|thousand|half|double|twice)\\b"));
  /** Pleasantries and logistics: no reason to buy in them. */
  private static final Pattern SMALL_TALK = words("^(?:hi|hello|dear|thanks|thank you|great|sure|ok|okay|sounds good)\\b|"
      + "\\b(?:set up a (?:call|meeting)|schedule|calendar invite|dial-in|zoom link|talk soon|let me know|"
      + "could we|can we|shall we|nice to meet|good to meet|met briefly)\\b");

  /**
   * What a statement needs beside it to be read alone: the needs lead-in above a list item, or the
   * sentence before it on the same line when that one states a fact of its own.
   */
  private static Span contextOf(Span s, ExtractionInput input) {
    Span leadIn = needsLeadIn(s);
    if (leadIn != null) {
      return leadIn;
    }
    List<Span> before = TextSpans.beforeOnLine(s, input.sentences(s.evidence()), 1);
    Span previous = before.isEmpty() ? null : before.get(0);
    if (previous == null || previous.text().endsWith("?") || previous.text().endsWith(":")) {
      return null;
    }
    int signals = 0;
    for (Pattern p : PAIN_SIGNALS) {
      signals += p.matcher(previous.text()).find() ? 1 : 0;
    }
    return signals >= 1 && !SMALL_TALK.matcher(previous.text()).find() ? previous : null;
  }

  /** A list item under the customer's "What I need in place for ...:" lead-in. */
  private static boolean underNeedsLeadIn(Span s) {
    return needsLeadIn(s) != null;
  }

  /** The customer's "What I need in place for ...:" line above a list item, or null. */
  private static Span needsLeadIn(Span s) {
    Span leadIn = Vocabulary.listLeadIn(s);
    return leadIn != null && leadIn.text().endsWith(":") && NEEDS_LEAD_IN.matcher(leadIn.text()).find() ? leadIn : null;
  }

  /** Two statements share most of their content words: the same reason, said twice. */
  private static boolean similar(String a, String b) {
    java.util.Set<String> x = contentWords(a);
    java.util.Set<String> y = contentWords(b);
    if (x.isEmpty() || y.isEmpty()) {
      return false;
    }
    long shared = x.stream().filter(y::contains).count();
    return shared >= 3 && shared * 2 >= Math.min(x.size(), y.size());
  }

  private static java.util.Set<String> contentWords(String s) {
    var out = new java.util.HashSet<String>();
    for (String w : s.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.length() > 3) {
        out.add(w.length() > 6 ? w.substring(0, 6) : w);
      }
    }
    return out;
  }

  /** Asking for our paperwork (a SOC 2 report, a BAA) is the evaluation, not the reason to buy. */
  private static final Pattern PAPERWORK = words("\\b(?:soc ?2|baa|nda|questionnaire|pen ?-?test|proposal|pricing|quote|"
      + "order form|contract|redline)\\b");
  /** A customer's own list of what they need: every item under it is a goal. */
  private static final Pattern NEEDS_LEAD_IN = words("what (?:i|we) need|we need|i need|requirements|must[- ]haves?|"
      + "success (?:looks like|criteria|means)|our goals?|what good looks like");

  private record Statement(Evidence evidence, Span sentence, int score) {}

  /**
   * The customer's own statements of pain, goals and success criteria, from discovery: what the
   * customer wrote or said in the first half of the cycle (the look-back before the opportunity
   * included), ranked by how many kinds of reason a sentence gives; questions, pleasantries and
   * logistics never count. Returns whether any was found.
   */
  private static boolean customerStatements(ExtractionInput input, CrmRecords crm, BriefDraft draft) {
    var window = input.deal().window();
    java.time.Instant discoveryEnd = window.start().plus(java.time.Duration.between(window.start(), window.end())
        .dividedBy(2));
    java.time.Instant lastQuarter = window.end().minus(java.time.Duration.between(window.start(), window.end())
        .dividedBy(4));
    var ranked = new java.util.ArrayList<Statement>();
    for (Evidence e : crm.conversation()) {
      // Discovery happens in mail, chat, meetings and calls; a support ticket is a problem with us.
      if (crm.writtenByVendor(e) || e.author() == null || e.author().email() == null || e.kind().equals("ticket")
          || e.kind().equals("comment")
          || input.deal().isInternal(e.author().email()) || e.timestamp().toInstant().isAfter(window.end())) {
        continue;
      }
      for (Span sentence : input.sentences(e)) {
        String t = sentence.text();
        if (t.endsWith("?") || t.endsWith(":") || TextSpans.quoted(sentence) || SMALL_TALK.matcher(t).find()
            || PAPERWORK.matcher(t).find() || t.length() < 30) {
          continue;
        }
        int score = 0;
        for (Pattern p : PAIN_SIGNALS) {
          score += p.matcher(t).find() ? 1 : 0;
        }
        if (score < 2) {
          continue;
        }
        score += underNeedsLeadIn(sentence) ? 2 : 0;
        // Discovery, the first half of the cycle, is where the reasons are said first; the last
        // quarter is paperwork and planning.
        java.time.Instant at = e.timestamp().toInstant();
        score += at.isAfter(discoveryEnd) ? 0 : 1;
        score -= at.isAfter(lastQuarter) ? 2 : 0;
        {
          ranked.add(new Statement(e, sentence, score));
        }
      }
    }
    // Strongest first; among equals, earliest first, since discovery is where the reasons are said.
    ranked.sort(Comparator.comparingInt(Statement::score).reversed()
        .thenComparing(st -> st.evidence().timestamp()));
    var perItem = new java.util.HashMap<String, Integer>();
    var shown = new java.util.ArrayList<Statement>();
    var restated = new java.util.HashMap<Statement, List<Span>>();
    for (Statement st : ranked) {
      if (shown.size() >= MAX_CUSTOMER_QUOTES) {
        break;
      }
      // The same reason said again (in the call after the email) is one reason with two citations.
      Statement same = shown.stream().filter(x -> similar(x.sentence().text(), st.sentence().text())).findFirst()
          .orElse(null);
      if (same != null) {
        restated.computeIfAbsent(same, k -> new java.util.ArrayList<>()).add(st.sentence());
      } else if (perItem.merge(st.evidence().id(), 1, Integer::sum) <= MAX_PER_ITEM) {
        shown.add(st);
      }
    }
    shown.sort(Comparator.comparing(st -> st.evidence().timestamp()));
    for (Statement st : shown) {
      Evidence e = st.evidence();
      // A conclusion ("We have to close that finding properly") reads with the fact before it on
      // the same line ("Our audit found entries with no witness signature."), and a list item with
      // the customer's lead-in ("What I need in place for fall orientation:").
      Span context = contextOf(st.sentence(), input);
      var cites = new java.util.ArrayList<org.handoffbrief.model.Citation>();
      String words = st.sentence().text();
      if (context != null) {
        cites.add(context.cite());
        words = context.text() + " " + words;
      }
      cites.add(st.sentence().cite());
      restated.getOrDefault(st, List.of()).forEach(r -> cites.add(r.cite()));
      draft.claim(S, "customer_words", "In the customer's words (" + e.author().label() + ", "
          + input.day(e.timestamp()) + "): " + words,
          Map.of("speaker", e.author().label(), "source", e.system()), cites);
    }
    return !shown.isEmpty();
  }


  @Override
  public java.util.Set<org.handoffbrief.model.SectionId> sections() {
    return java.util.EnumSet.of(org.handoffbrief.model.SectionId.WHY_THEY_BOUGHT);
  }

  @Override
  public void extract(ExtractionInput input, BriefDraft draft) {
    var crm = new CrmRecords(input);
    boolean described = false;
    Evidence opportunity = crm.opportunity();
    if (opportunity != null) {
      for (Span sentence : input.sentences(opportunity)) {
        if (WHY.matcher(sentence.text()).find()) {
          draft.claim(S, "context", "In the seller's words: " + sentence.text(), sentence.cite());
          described = true;
        }
      }
    }
    described |= customerStatements(input, crm, draft);
    for (Fact f : FACTS) {
      Span line = crm.handoffField(f.label());
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
