package org.handoffbrief.extract;

import org.handoffbrief.internal.TextSpans;
import org.handoffbrief.internal.DueDates;
import static org.handoffbrief.extract.CrmRecords.words;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.SectionId;

/**
 * CRM fields that the conversations contradict, in both directions: a competitor, go-live date,
 * seat count, amount or status on the record that mail, chat, calls or tickets say otherwise, and
 * a blank competitor while the conversations name the rival being replaced. One rule set, used by
 * the extractors (each contradiction is a claim in the section it concerns, citing the CRM field
 * and the conversation) and by the quality gate.
 */
final class Contradictions {
  private Contradictions() {}

  private static final Pattern COMPETITOR_LABEL = Pattern.compile("competit", Pattern.CASE_INSENSITIVE);
  private static final Pattern GO_LIVE_LABEL = Pattern.compile("go[- ]?live|launch date|target date",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern SEATS_LABEL = Pattern.compile("seat|licen[cs]e|user count", Pattern.CASE_INSENSITIVE);
  private static final Pattern STATUS_LABEL = Pattern.compile("status|review|approv", Pattern.CASE_INSENSITIVE);
  /** "displacing Looker", "replace Tableau", "moving off Qlik Sense"; the name keeps its capitals. */
  private static final Pattern DISPLACING = Pattern.compile("(?i:\\b(?:displac\\w*|replac\\w*|rip(?:ping)? out|"
      + "switch\\w* (?:away )?from|mov\\w* (?:away )?(?:from|off)|migrat\\w* (?:away )?(?:from|off)|sunset\\w*|"
      + "leav\\w*|get(?:ting)? rid of))\\s+(?:(?i:the|their|our|your|all of)\\s+)?([A-Z][\\w&.+-]*(?:\\s+[A-Z][\\w&+-]*)?)");
  private static final Set<String> NOT_A_NAME = Set.of("the", "our", "their", "it", "this", "that", "we", "i",
      "them", "everything", "spreadsheets", "excel", "monday", "tuesday", "wednesday", "thursday", "friday",
      "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september",
      "october", "november", "december", "today", "tomorrow", "next", "early", "soon");
  private static final Pattern GO_LIVE = Pattern.compile("go[- ]?live|going live|be live|launch", Pattern.CASE_INSENSITIVE);
  /** "420 seats", "48 planner seats", "300 licences"; not "12 users affected" (an incident's reach). */
  private static final Pattern SEATS = Pattern.compile(
      "\\b(\\d[\\d,]*)\\s+(?:[\\p{L}-]+\\s+)?(?:seats|licen[cs]es|users|user licen[cs]es)\\b(?!\\s+(?:affected|impacted))",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern RELATIVE = Pattern.compile("(?:within|in)\\s", Pattern.CASE_INSENSITIVE);
  private static final Pattern MORE_SEATS = Pattern.compile("additional|extra|another|more|expan|add-on|next year|"
      + "up to|can be added|may be added|option", Pattern.CASE_INSENSITIVE);
  /** An amount with its currency: "EUR 91,800", "$59,400", "91.800 €". */
  private static final Pattern MONEY = Pattern.compile("(?:(?:[$€£]|\\b(?:USD|EUR|GBP|CHF|CAD|AUD)\\s?)(\\d[\\d,.]*\\d)"
      + "(?:\\s?([kKmM])\\b)?)|(?:\\b(\\d[\\d,.]*\\d)\\s?(?:€|EUR\\b|USD\\b|GBP\\b))");
  /** What says an amount is the contract's yearly value, not a line item or a discount. */
  private static final Pattern ANNUAL = Pattern.compile("per year|a year|annual(?:ly)?|/year|/yr|total|order form|"
      + "contract value|\\bacv\\b|\\barr\\b|subscription", Pattern.CASE_INSENSITIVE);
  private static final Pattern PER_UNIT = Pattern.compile("per (?:seat|user|office|licen[cs]e|site|month|location)",
      Pattern.CASE_INSENSITIVE);
  /** A positive state a status field can claim. */
  private static final Pattern DONE = Pattern.compile("approved|complete|completed|signed|closed|done|passed|cleared|"
      + "no open items|yes", Pattern.CASE_INSENSITIVE);
  /** The conversations saying that state does not hold. */
  private static final Pattern NOT_DONE = Pattern.compile("\\b(?:not (?:yet )?(?:approved|signed|complete\\w*|closed|"
      + "cleared|passed)|non-?concur\\w*|conditional\\w*|on condition|still open|remain\\w* open|open (?:findings?|items?)|"
      + "outstanding|pending|risk acceptance|unresolved|being fixed|not (?:yet )?fixed|\\d+ (?:\\w+ )?open|"
      + "findings? (?:are |is )?(?:still )?open|provided (?:that )?the|(?:can't|cannot) (?:close|sign off|approve))\\b",
      Pattern.CASE_INSENSITIVE);
  /** What a status field's topic is called in conversation: a security review is its pen test and findings. */
  private static final Map<String, String> TOPIC_WORDS = Map.of("security",
      "security|pen ?-?test|pentest|retest|findings?|vulnerab|soc ?2|infosec|vendor record", "legal", "legal|contract|redline|msa|dpa|baa",
      "procurement", "procurement|purchase order|vendor (?:record|onboarding)");
  private static final Pattern NONE = Pattern.compile("(?i)none|n/?a|-|no competitor|no|null");
  /** Statements in the last part of the cycle are what the paper and the people finally said. */
  private static final double LATE_SHARE = 0.5;

  /** Every contradiction the evidence shows, one per CRM field. */
  public static List<Contradiction> find(ExtractionInput input) {
    var out = new ArrayList<Contradiction>();
    var conversation = input.evidence().stream().filter(e -> !e.system().equals(CrmEvidence.SYSTEM)
        || e.kind().equals(CrmEvidence.TASK) || e.kind().equals(CrmEvidence.EVENT))
        .filter(e -> !e.internalOnly()).toList();
    var crm = new CrmRecords(input);
    competitor(input, crm).ifPresent(out::add);
    goLive(input, crm, conversation).ifPresent(out::add);
    // What the second half of the cycle says is what the paper and the people finally said.
    List<Evidence> late = late(conversation, input);
    seats(input, crm, late).ifPresent(out::add);
    amount(input, crm, late).ifPresent(out::add);
    out.addAll(statuses(input, crm, late));
    out.addAll(notes(input, crm, late));
    return out;
  }

  /** A rival the conversations say is being replaced, with where they say it. */
  record Displaced(String name, Span where) {}

  /**
   * The rivals the conversations of this cycle say the customer is replacing, in the order first
   * said: "Replacing Scriptorium before it goes end-of-support" in a subject counts as much as
   * "we're displacing Looker" in a channel. Our own names and pronouns are not rivals.
   */
  static List<Displaced> displaced(ExtractionInput input) {
    var out = new ArrayList<Displaced>();
    var seen = new LinkedHashSet<String>();
    Instant from = input.deal().window().start().minus(Duration.ofDays(45));
    for (Evidence e : input.evidence()) {
      if (e.internalOnly() || e.timestamp().toInstant().isBefore(from) || e.timestamp().toInstant().isAfter(input.now())
          || (e.system().equals(CrmEvidence.SYSTEM) && !e.kind().equals(CrmEvidence.TASK)
              && !e.kind().equals(CrmEvidence.EVENT))) {
        continue;
      }
      var spans = new ArrayList<Span>();
      Span subject = TextSpans.line(e, "Subject");
      if (subject != null && e.sourceSpanOf(subject.start(), subject.end()) != null) {
        spans.add(subject);
      }
      spans.addAll(input.sentences(e));
      for (Span s : spans) {
        if (TextSpans.quoted(s)) {
          continue;
        }
        Matcher m = DISPLACING.matcher(s.text());
        while (m.find()) {
          String name = m.group(1).strip();
          String lower = name.toLowerCase(Locale.ROOT);
          if (!NOT_A_NAME.contains(lower) && !isOurs(lower, input) && seen.add(lower)) {
            out.add(new Displaced(name, s));
          }
        }
      }
    }
    return out;
  }

  private static Optional<Contradiction> competitor(ExtractionInput input, CrmRecords crm) {
    Span field = crm.handoffField(COMPETITOR_LABEL);
    String blankLabel = blankLabel(crm, COMPETITOR_LABEL);
    if (field == null && blankLabel == null) {
      return Optional.empty();
    }
    String value = field == null ? null : CrmRecords.valueOf(field);
    boolean none = value == null || NONE.matcher(value).matches();
    String crmLower = value == null ? "" : value.toLowerCase(Locale.ROOT);
    for (Displaced d : displaced(input)) {
      String lower = d.name().toLowerCase(Locale.ROOT);
      if (none || !(lower.contains(crmLower) || crmLower.contains(lower))) {
        Citation record = field != null ? field.cite() : recordName(crm);
        if (record == null) {
          return Optional.empty();
        }
        Evidence e = d.where().evidence();
        String label = field != null ? field.label() : blankLabel;
        return Optional.of(new Contradiction(label, value, SectionId.DEAL_HISTORY,
            "Contradiction: the CRM's " + label + " is " + (value == null ? "blank" : "\"" + value + "\"")
                + ", but the " + channel(e) + " (" + input.day(e.timestamp()) + ") talks of replacing " + d.name()
                + ".", List.of(record, d.where().cite())));
      }
    }
    return Optional.empty();
  }

  private static Optional<Contradiction> goLive(ExtractionInput input, CrmRecords crm, List<Evidence> conversation) {
    Span field = crm.handoffField(GO_LIVE_LABEL);
    LocalDate closeDate = input.deal().opportunity().closeDate();
    Optional<DueDates.Due> crmGoLive = field == null ? Optional.empty()
        : DueDates.find("by " + CrmRecords.valueOf(field), closeDate);
    if (crmGoLive.isEmpty()) {
      return Optional.empty();
    }
    YearMonth crmMonth = YearMonth.from(crmGoLive.get().date());
    var cites = new ArrayList<Citation>();
    String said = null;
    for (Evidence e : conversation) {
      for (Span s : input.sentences(e)) {
        if (TextSpans.quoted(s) || !GO_LIVE.matcher(s.text()).find()) {
          continue;
        }
        var d = DueDates.find(s.text(), input.day(e.timestamp()));
        // "ROI within twelve months of go-live" is a span after go-live, not a go-live date.
        if (d.isPresent() && !RELATIVE.matcher(d.get().phrase()).lookingAt()
            && !YearMonth.from(d.get().date()).equals(crmMonth)) {
          cites.add(s.cite());
          said = d.get().date() + " (\"" + d.get().phrase() + "\", " + channel(e) + ")";
        }
      }
    }
    if (cites.isEmpty()) {
      return Optional.empty();
    }
    cites.add(0, field.cite());
    return Optional.of(new Contradiction(field.label(), CrmRecords.valueOf(field), SectionId.ACCOUNT_SNAPSHOT,
        "Contradiction: the CRM's " + field.label() + " is " + crmGoLive.get().date() + ", but the conversations say "
            + said + ".", limit(cites)));
  }

  private static Optional<Contradiction> seats(ExtractionInput input, CrmRecords crm, List<Evidence> late) {
    Span field = crm.handoffField(SEATS_LABEL);
    Long crmSeats = field == null ? null : firstNumber(CrmRecords.valueOf(field));
    if (crmSeats == null) {
      return Optional.empty();
    }
    var cites = new ArrayList<Citation>();
    long said = -1;
    for (Evidence e : late) {
      for (Span s : input.sentences(e)) {
        Matcher m = SEATS.matcher(s.text());
        if (!TextSpans.quoted(s) && m.find() && !MORE_SEATS.matcher(s.text()).find()) {
          long n = Long.parseLong(m.group(1).replace(",", ""));
          if (n != crmSeats && n > 0) {
            cites.add(s.cite());
            said = n;
          }
        }
      }
    }
    if (cites.isEmpty()) {
      return Optional.empty();
    }
    cites.add(0, field.cite());
    return Optional.of(new Contradiction(field.label(), String.valueOf(crmSeats), SectionId.ACCOUNT_SNAPSHOT,
        "Contradiction: the CRM's " + field.label() + " is " + crmSeats + ", but the latest conversations say " + said
            + ".", limit(cites)));
  }

  /**
   * The opportunity's amount against the yearly value the late conversations state ("EUR 91,800
   * per year in the signed order form"); a per-seat price or a difference under 1% is no
   * contradiction.
   */
  private static Optional<Contradiction> amount(ExtractionInput input, CrmRecords crm, List<Evidence> late) {
    Evidence opp = crm.opportunity();
    Span field = opp == null ? null : TextSpans.line(opp, "Amount");
    BigDecimal crmAmount = field == null ? null : number(CrmRecords.valueOf(field), null);
    if (crmAmount == null || crmAmount.signum() <= 0) {
      return Optional.empty();
    }
    var cites = new ArrayList<Citation>();
    BigDecimal said = null;
    for (Evidence e : late) {
      for (Span s : input.sentences(e)) {
        String t = s.text();
        if (TextSpans.quoted(s) || !ANNUAL.matcher(t).find() || PER_UNIT.matcher(t).find()) {
          continue;
        }
        Matcher m = MONEY.matcher(t);
        while (m.find()) {
          BigDecimal n = m.group(1) != null ? number(m.group(1), m.group(2)) : number(m.group(3), null);
          if (n == null || n.compareTo(BigDecimal.valueOf(1000)) < 0) {
            continue;
          }
          BigDecimal diff = n.subtract(crmAmount).abs();
          if (diff.compareTo(crmAmount.movePointLeft(2)) > 0 && n.compareTo(crmAmount.multiply(BigDecimal.valueOf(2))) < 0
              && n.multiply(BigDecimal.valueOf(2)).compareTo(crmAmount) > 0) {
            cites.add(s.cite());
            said = n;
            break;
          }
        }
      }
    }
    if (cites.isEmpty()) {
      return Optional.empty();
    }
    cites.add(0, field.cite());
    return Optional.of(new Contradiction("Amount", crmAmount.toPlainString(), SectionId.ACCOUNT_SNAPSHOT,
        "Contradiction: the CRM's Amount is " + CrmRecords.valueOf(field) + ", but the latest conversations state "
            + said.toPlainString() + " a year.", limit(cites)));
  }

  /**
   * A status field that claims a done state ("Approved", "Signed", "Complete") while the late
   * conversations about the same thing say it is not: conditional, pending, still open.
   */
  private static List<Contradiction> statuses(ExtractionInput input, CrmRecords crm, List<Evidence> late) {
    var out = new ArrayList<Contradiction>();
    for (Map.Entry<String, Span> f : crm.handoffFields().entrySet()) {
      String label = f.getKey();
      Span field = f.getValue();
      String value = CrmRecords.valueOf(field);
      String claimed = value.replaceAll("(?i)no open items?", "");
      if (!STATUS_LABEL.matcher(label).find() || !DONE.matcher(value).find() || NOT_DONE.matcher(claimed).find()) {
        continue;
      }
      List<String> topic = topicWords(label);
      if (topic.isEmpty()) {
        continue;
      }
      var cites = new ArrayList<Citation>();
      for (Evidence e : late) {
        for (Span s : input.sentences(e)) {
          String t = s.text().toLowerCase(Locale.ROOT);
          if (!TextSpans.quoted(s) && mentionsTopic(t, topic) && NOT_DONE.matcher(t).find()) {
            cites.add(s.cite());
          }
        }
      }
      if (!cites.isEmpty()) {
        cites.add(0, field.cite());
        out.add(new Contradiction(label, value, SectionId.RISKS, "Contradiction: the CRM's " + label + " is \"" + value
            + "\", but the latest conversations say it is not settled.", limit(cites)));
      }
    }
    return out;
  }

  /** The late conversations saying a thing will not be there when the notes say it will. */
  private static final Pattern LATER = Pattern.compile("\\b(?:not (?:be )?ready|won't be (?:ready|live)|will not be "
      + "(?:ready|live)|not (?:be )?live|slip\\w*|delay\\w*|pushed (?:out|back)|moved to|not before|after (?:the )?go-?live|"
      + "target (?:of )?end of|end of q[1-4])\\b", Pattern.CASE_INSENSITIVE);
  private static final int NOTE_MIN = 20;
  private static final Pattern NOTES_LABEL = words("\\bnotes?\\b|summary|description|comments?");
  /** What a note says will be there: live, included, ready, done. */
  private static final Pattern IN_PLACE = words("\\blive\\b|go-?live|included|ready|done");

  /**
   * Handoff notes (a long-text handoff field) that the late conversations overtake: a note that
   * something is live or included at go-live, while a later message about the same thing (two
   * shared names) says it will not be ready or has moved.
   */
  private static List<Contradiction> notes(ExtractionInput input, CrmRecords crm, List<Evidence> late) {
    var out = new ArrayList<Contradiction>();
    for (Map.Entry<String, Span> f : crm.handoffFields().entrySet()) {
      Span field = f.getValue();
      String value = CrmRecords.valueOf(field);
      if (value.length() < 40 || !NOTES_LABEL.matcher(f.getKey()).find()) {
        continue;
      }
      for (String clause : value.split("(?<=[.;])\\s+|\\s+-\\s+|\\n")) {
        Set<String> said = names(clause);
        if (clause.length() < NOTE_MIN || said.size() < 2 || !IN_PLACE.matcher(clause).find()) {
          continue;
        }
        for (Evidence e : late) {
          for (Span s : input.sentences(e)) {
            Set<String> shared = names(s.text());
            shared.retainAll(said);
            if (!TextSpans.quoted(s) && shared.size() >= 2 && LATER.matcher(s.text()).find()) {
              int at = field.evidence().text().indexOf(clause.strip(), field.start());
              Citation crmSide = at < 0 ? field.cite()
                  : Citation.span(field.evidence(), at, at + clause.strip().length());
              out.add(new Contradiction(f.getKey(), clause.strip(), SectionId.RISKS, "Contradiction: the CRM's "
                  + f.getKey() + " say \"" + clause.strip() + "\", but the latest conversations say otherwise.",
                  List.of(crmSide, s.cite())));
              return out;
            }
          }
        }
      }
    }
    return out;
  }

  /** Capitalised names and long words: what two sentences about the same thing share. */
  private static Set<String> names(String text) {
    var out = new java.util.HashSet<String>();
    Matcher m = Pattern.compile("\\b(?:\\p{Lu}[\\p{L}\\d-]{2,}|[\\p{Ll}]{7,})\\b").matcher(text);
    while (m.find()) {
      String w = m.group().toLowerCase(Locale.ROOT);
      if (!Set.of("because", "between", "through", "without", "already", "customer", "including").contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  /** The label's subject words ("Security Review Status" -> "security"), what the conversations name. */
  private static List<String> topicWords(String label) {
    var out = new ArrayList<String>();
    for (String w : label.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
      if (w.length() > 3 && !Set.of("status", "review", "state", "approval", "approved", "field").contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  private static boolean mentionsTopic(String lowerSentence, List<String> topic) {
    for (String w : topic) {
      String synonyms = TOPIC_WORDS.get(w);
      if (synonyms != null ? Pattern.compile("\\b(?:" + synonyms + ")").matcher(lowerSentence).find()
          : lowerSentence.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** The conversation of the second half of the cycle and after it. */
  private static List<Evidence> late(List<Evidence> conversation, ExtractionInput input) {
    var w = input.deal().window();
    Instant from = w.start().plus(Duration.ofMillis((long) (Duration.between(w.start(), w.end()).toMillis() * LATE_SHARE)));
    return conversation.stream().filter(e -> !e.timestamp().toInstant().isBefore(from)).toList();
  }

  private static String blankLabel(CrmRecords crm, Pattern label) {
    for (Evidence e : new Evidence[] {crm.opportunity(), crm.account()}) {
      if (e != null) {
        for (String l : CrmEvidence.blankHandoffFields(e)) {
          if (label.matcher(l).find()) {
            return l;
          }
        }
      }
    }
    return null;
  }

  /** A blank field has no words to quote: the record is cited by its name. */
  private static Citation recordName(CrmRecords crm) {
    Evidence opp = crm.opportunity();
    Span name = opp == null ? null : TextSpans.line(opp, "Opportunity");
    return name == null ? null : name.cite();
  }

  /** The CRM side and at most three conversations: the first said, and the two latest. */
  private static List<Citation> limit(List<Citation> cites) {
    if (cites.size() <= 4) {
      return cites;
    }
    return List.of(cites.get(0), cites.get(1), cites.get(cites.size() - 2), cites.get(cites.size() - 1));
  }

  /** What a sentence calls the item's source: "the mail (...)", "the call (...)". */
  private static String channel(Evidence e) {
    if (e.system().equals(CrmEvidence.SYSTEM)) {
      return "CRM activity";
    }
    if (e.channel() == null) {
      return e.system();
    }
    return switch (e.channel()) {
      case EMAIL -> "mail";
      case CALENDAR -> "calendar";
      case CALLS -> "call";
      case SUPPORT -> "ticket";
      // A chat message is named by its system ("the slack"), as a reader knows the tool.
      case CHAT -> e.system();
    };
  }

  private static boolean isOurs(String lowerName, ExtractionInput input) {
    String account = input.deal().account().name().toLowerCase(Locale.ROOT);
    return account.contains(lowerName) || input.deal().vendorDomains().stream()
        .anyMatch(d -> d.startsWith(lowerName.replace(' ', '-')) || d.startsWith(lowerName.replace(" ", "")));
  }

  static Long firstNumber(String s) {
    Matcher m = Pattern.compile("\\d[\\d,]*").matcher(s);
    return m.find() ? Long.parseLong(m.group().replace(",", "")) : null;
  }

  /** "91,800" / "91.800" / "1,485.00" / "95,400" with an optional k or m. */
  private static BigDecimal number(String raw, String scale) {
    if (raw == null) {
      return null;
    }
    String s = raw;
    // A separator followed by exactly three digits at the end groups thousands; otherwise decimals.
    if (s.matches(".*[.,]\\d{3}$") && !s.matches(".*[.,]\\d{1,2}$")) {
      s = s.replaceAll("[.,](?=\\d{3}(?:[.,]|$))", "");
    }
    s = s.replace(",", "");
    try {
      BigDecimal n = new BigDecimal(s);
      if (scale != null) {
        n = n.multiply(BigDecimal.valueOf(scale.equalsIgnoreCase("k") ? 1_000 : 1_000_000));
      }
      return n;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
