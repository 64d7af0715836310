package org.handoffbrief.extract;

import org.handoffbrief.internal.TextSpans;
import org.handoffbrief.internal.DueDates;
import static org.handoffbrief.extract.CrmRecords.words;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.DealContact;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.SectionId;

/**
 * What the vendor promised: what was sold, custom work, timeline promises, open SE items. Only
 * the vendor's own promises count; a negated or hedged one ("we can't promise SSO by Q2") is not a
 * commitment, and neither is the customer's promise ("Dana will send the specs").
 */
final class CommitmentExtractor implements SectionExtractor {
  private static final SectionId S = SectionId.COMMITMENTS;

  /*
   * The ways a seller binds itself, in any channel: the explicit words (promise, commit,
   * guarantee, "you have my word", "consider it done", "it's on us"), future agency of our side
   * ("we'll migrate", "our services team will move", "I'll be on site"), an outcome the seller
   * vouches for ("X will be live / delivered / remediated by ..."), and contract terms written to
   * the customer ("capped at 3%", "included at no additional charge", "at the same price").
   */
  static final Pattern PROMISE = words("\\b(?:promis(?:e|ed|es|ing)|commit(?:s|ted)?\\s+to|committed|our commitment|"
      + "guarantee(?:d|s)?|you have my word|my word on|consider (?:it|that|this|the [\\w\\s-]{1,40}?) "
      + "(?:done|handled|covered|sorted|taken care of)|(?:is|are|it's|that's) on us|take (?:it|that) as a given|"
      + "count on (?:us|me|it)|rest assured|take care of|we(?:'ll| will) own|owns? the [\\w\\s-]{1,40}?(?:connector|"
      + "integration|mapping|migration|work|piece)|"
      + "(?:we|i|our(?: [\\w-]+){1,4})(?:'ll|'re going to| will| shall| are going to| am going to)\\s+(?!not\\b)\\w+|"
      + "you(?:'ll| will) (?:have|get|see|receive)\\b|"
      + "will be (?:live|ready|available|done|in place|on site|onsite|on video|\\w+ed)\\b|"
      + "(?:is|are) (?:included|capped|guaranteed|stored and processed)|capped at|price hold|at the same (?:per-\\w+ )?price|"
      + "at no (?:extra|additional) (?:cost|charge)|\\blive by\\b)");
  /** Promise words a customer can use to report ours: "your SE promised", "Alex committed to". */
  private static final Pattern REPORTED = words("promis|commit|guarantee|our commitment|you have my word");
  private static final Pattern WEAK = words("^[\\w' ]{0,40}?(?:'ll|will|going to)\\s+(?:keep|need|want|see|talk|discuss|check|look|"
      + "think|try|route|ask|chat|catch up|touch base|be in touch|circle back|come back|get back|loop|let you know|"
      + "find out|confirm|review|consider|follow up|take a look|dig|know|chase|set expectations|start with|start by|"
      + "mention|flag|remind|nudge|ping|join|attend|be there)\\b");
  /** A condition the closed deal has met: "if you move forward", "once you sign", "if Acme goes ahead". */
  private static final Pattern DEAL_CONDITION = words("\\b(?:if|once|when)\\s+(?:you|they|[\\p{Lu}][\\p{L}&.-]*(?: [\\p{Lu}][\\p{L}&.-]*)?)"
      + "\\s+(?:move|moves|decide|decides|go|goes|sign|signs|proceed|proceeds|buy|buys|choose|chooses|select|selects)"
      + "(?:\\s+(?:forward|ahead|with us|the (?:order form|contract)))?\\b");
  /** A condition the promise waits on: "once your counsel agrees", "when we have it", "as soon as it is scheduled". */
  private static final Pattern CONDITIONAL = words("\\b(?:once|when we have|as soon as|if and when|subject to|"
      + "provided (?:that )?|depending on|assuming)\\b");
  /** "We will not", "can't commit": a refusal, not a promise. */
  private static final Pattern NEGATED = words("\\b(?:can't|cannot|can not|won't|will not|not able|unable|"
      + "no (?:commitment|promise|guarantee)s?|not (?:yet )?(?:commit\\w*|promis\\w*|guarantee\\w*|part of)|"
      + "didn't|did not|never|declined|don't have (?:a|any) (?:date|timeline|eta)|no (?:date|timeline|eta) yet|"
      + "(?:'ll|will) not|refuse)\\b");
  private static final Pattern HEDGED = words("\\b(?:might|may|maybe|possibly|hope to|hoping to|try to|could|"
      + "please|confirm (?:whether|if)|can you|whether|if|unless|would|we'd|i'd|aim|aiming|"
      + "tentative(?:ly)?|if possible|explore|exploring|considering|would like to|want to see)\\b");
  /** A report of a promise already kept: "As promised, attached are ...". */
  private static final Pattern KEPT = words("\\b(?:as promised|as committed|attached (?:is|are)|"
      + "here (?:is|are)|here's|please find|i've (?:sent|attached)|we've (?:sent|delivered|attached))\\b");
  private static final Pattern VENDOR_VOICE = words("\\b(we|we'll|we've|our|us|i|i'll)\\b");
  private static final Pattern CUSTOMER_VOICE = words("\\b(they|they'll|customer|client|their)\\b");
  private static final Pattern YOU = words("\\b(you|your [\\w-]+|you guys)\\b");
  private static final Pattern CUSTOM = words("custom|sso|saml|integration|configur|bespoke|connector|api");
  private static final Pattern UNSCOPED = words("not (?:yet )?scoped|unscoped|tbd|to be scoped");

  @Override
  public java.util.Set<org.handoffbrief.model.SectionId> sections() {
    return java.util.EnumSet.of(org.handoffbrief.model.SectionId.COMMITMENTS);
  }

  @Override
  public void extract(ExtractionInput input, BriefDraft draft) {
    var crm = new CrmRecords(input);
    Evidence opportunity = crm.opportunity();
    if (opportunity != null) {
      Span sold = TextSpans.line(opportunity, "Opportunity");
      if (sold != null) {
        draft.claim(S, "sold", "Sold: " + CrmRecords.valueOf(sold), sold.cite());
      }
    }
    var sources = new java.util.ArrayList<Evidence>(crm.conversation());
    if (opportunity != null) {
      sources.add(0, opportunity);
    }
    // Oldest first, so the first sentence kept for a promise is the original; the same words later
    // (a follow-up restating it, a reply whose quote survived) add a citation, not a claim.
    var found = new java.util.ArrayList<Found>();
    for (Evidence e : sources) {
      for (Span s : input.sentences(e)) {
        if (TextSpans.quoted(s)) {
          continue;
        }
        boolean ours = crm.writtenByVendor(e);
        if (isVendorPromise(s.text(), input, ours) || (ours && listedUnderCommitment(s))) {
          Found same = found.stream().filter(f -> f.sameWords(s.text())).findFirst().orElse(null);
          if (same != null) {
            same.restated.add(s);
          } else {
            found.add(new Found(e, s, crm.writtenByVendor(e) ? CrmRecords.speaker(e) : internalNamed(s.text(), input)));
          }
        }
      }
    }
    found.removeIf(f -> keptBeforeClose(f, sources, crm, input));
    int promises = found.size();
    List<Evidence> crmTasks = crm.of(CrmEvidence.TASK);
    // "Yes, we'll take care of it." reads with the sentence after it, which is then no claim of its own.
    var context = new java.util.HashMap<Found, Span>();
    for (Found f : found) {
      if (f.span.text().length() < 60 && ANAPHOR.matcher(f.span.text()).find()) {
        Span next = TextSpans.nextOnLine(f.span, input.sentences(f.evidence));
        if (next != null) {
          context.put(f, next);
        }
      }
    }
    var absorbed = new java.util.HashSet<Span>(context.values());
    found.stream().filter(f -> !absorbed.contains(f.span))
        .forEach(f -> promise(f, context.get(f), draft, input, crmTasks));
    var seIds = input.deal().team().stream().filter(t -> t.role().toLowerCase(Locale.ROOT).contains("engineer"))
        .map(t -> t.person().idIn(CrmEvidence.SYSTEM)).filter(java.util.Objects::nonNull).toList();
    for (Evidence t : crm.of(CrmEvidence.TASK)) {
      if (!"true".equalsIgnoreCase(t.attribute("IsClosed")) && seIds.contains(t.attribute("OwnerId"))) {
        Span subject = TextSpans.line(t, "Subject");
        if (subject != null) {
          var attrs = new LinkedHashMap<String, String>();
          attrs.put("owner", t.attribute("Owner.Name"));
          attrs.put("due", t.attribute("ActivityDate"));
          draft.claim(S, "open_se_item", "Open SE item: " + CrmRecords.valueOf(subject), attrs, List.of(subject.cite()));
        }
      }
    }
    if (promises == 0) {
      draft.gap(S, "no_commitments_found", "No vendor commitments found in the CRM notes; confirm scope with the AE.");
    }
  }

  /** Per set of vendor domains: the pattern is asked for on every sentence of ours, built once. */
  private static final Map<java.util.Set<String>, Pattern> OUR_COMPANY_WILL = new java.util.concurrent.ConcurrentHashMap<>();

  /** "<our company> will|'ll <verb>", our company named by the first label of our email domains. */
  private static Pattern ourCompanyWill(ExtractionInput input) {
    return OUR_COMPANY_WILL.computeIfAbsent(input.deal().vendorDomains(), CommitmentExtractor::ourCompanyWill);
  }

  private static Pattern ourCompanyWill(java.util.Set<String> vendorDomains) {
    // "northwind-analytics.com" is Northwind Analytics, and "Northwind" alone in speech.
    var names = vendorDomains.stream().map(d -> d.substring(0, d.indexOf('.') < 0 ? d.length()
        : d.indexOf('.'))).flatMap(n -> java.util.stream.Stream.of(n.replace('-', ' '), n.split("-")[0]))
        .filter(n -> n.length() >= 3).distinct().map(Pattern::quote).toList();
    if (names.isEmpty()) {
      return Pattern.compile("(?!)");
    }
    return Pattern.compile("\\b(?:" + String.join("|", names) + ")\\w*(?:'s)?(?: [\\w-]+){0,2}(?:'ll| will| shall)\\s+"
        + "(?!not\\b)\\w+", Pattern.CASE_INSENSITIVE);
  }

  /** True when the sentence is the vendor promising something, plainly. */
  static boolean isVendorPromise(String sentence, ExtractionInput input, boolean vendorWrote) {
    sentence = sentence.replace('\u2019', '\'');
    Matcher m = PROMISE.matcher(sentence);
    if (vendorWrote && !m.find()) {
      // "Orbilis will import the history": our own company as the subject, named as our domains are.
      m = ourCompanyWill(input).matcher(sentence);
    }
    m.reset();
    // "Will you commit to the SLA?" asks for a promise; it does not make one.
    if (sentence.strip().endsWith("?") || !m.find()) {
      return false;
    }
    String before = sentence.substring(0, m.start());
    // Future agency with a verb that delivers nothing ("we'll keep the asks small", "I'll route
    // them to legal", "I'll circle back") is conversation, not a commitment to hand over.
    if (WEAK.matcher(sentence.substring(m.start())).lookingAt()) {
      return false;
    }
    // A refusal near the promise ("we'll look at it, but I can't commit to a date") wins.
    String around = sentence.substring(0, Math.min(sentence.length(), m.end() + 60));
    String after = sentence.substring(m.end(), Math.min(sentence.length(), m.end() + 80));
    if (CONDITIONAL.matcher(after).find()) {
      return false; // "we'll share it when we have it": a promise waiting on something not in our hands
    }
    // "If you move forward, we will ..." was conditional on the deal, and the deal is won.
    String hedgeable = DEAL_CONDITION.matcher(before).replaceAll(" ");
    if (NEGATED.matcher(around).find() || HEDGED.matcher(hedgeable).find() || KEPT.matcher(sentence).find()) {
      return false;
    }
    if (!vendorWrote) {
      // In the customer's own words "we will" is their promise; theirs count only when they report
      // a promise in so many words and name us as the one who made it ("Alex promised...", "your
      // team committed to..."). A name opening the sentence is whom they address, not who promised.
      String subject = before.replaceFirst("^\\s*[\\p{L}.'-]+(?: [\\p{L}.'-]+)?,\\s+", "");
      return REPORTED.matcher(m.group()).lookingAt()
          && (internalNamed(subject, input) != null || YOU.matcher(subject).find());
    }
    String voiced = sentence.substring(0, m.end());
    boolean vendor = VENDOR_VOICE.matcher(voiced).find() || internalNamed(before, input) != null;
    boolean customer = CUSTOMER_VOICE.matcher(before).find() || namesCustomer(before, input);
    if (customer && !vendor) {
      return false;
    }
    // Passive or subject-less ("Custom SSO configuration promised in the proposal appendix") counts
    // as the seller's: these are the seller's own notes.
    return true;
  }

  private static boolean namesCustomer(String text, ExtractionInput input) {
    String t = text.toLowerCase(Locale.ROOT);
    if (t.contains(input.deal().account().name().toLowerCase(Locale.ROOT))) {
      return true;
    }
    for (DealContact c : input.deal().contacts()) {
      String first = c.person().name().split("\\s+")[0].toLowerCase(Locale.ROOT);
      if (first.length() > 2 && Pattern.compile("\\b" + Pattern.quote(first) + "\\b").matcher(t).find()) {
        return true;
      }
    }
    return false;
  }

  /** The internal person the text names by first name, or null. */
  private static String internalNamed(String text, ExtractionInput input) {
    String t = text.toLowerCase(Locale.ROOT);
    var internal = new java.util.ArrayList<String>();
    internal.add(input.deal().owner().name());
    input.deal().team().forEach(m -> internal.add(m.person().name()));
    for (String name : internal) {
      String first = name.split("\\s+")[0].toLowerCase(Locale.ROOT);
      if (first.length() > 2 && Pattern.compile("\\b" + Pattern.quote(first) + "\\b").matcher(t).find()) {
        return name;
      }
    }
    return null;
  }

  /** A promise as first written, and the later places that say the same. */
  private static final class Found {
    final Evidence evidence;
    final Span span;
    final String promisedBy;
    final String words;
    final List<Span> restated = new java.util.ArrayList<>();

    Found(Evidence evidence, Span span, String promisedBy) {
      this.evidence = evidence;
      this.span = span;
      this.promisedBy = promisedBy;
      this.words = normal(span.text());
    }

    /** One sentence holds the other's words: "Confirming: we will X." restates "We will X." */
    boolean sameWords(String other) {
      String o = normal(other);
      return o.length() >= 20 && words.length() >= 20 && (o.contains(words) || words.contains(o));
    }

    private static String normal(String s) {
      return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}%]+", " ").strip();
    }
  }

  private static void promise(Found f, Span next, BriefDraft draft, ExtractionInput input,
      List<Evidence> crmTasks) {
    Evidence e = f.evidence;
    Span s = f.span;
    String promisedBy = f.promisedBy;
    LocalDate written = input.day(e.timestamp());
    var attrs = new LinkedHashMap<String, String>();
    attrs.put("kind", CUSTOM.matcher(s.text()).find() ? "custom_work" : "scope");
    attrs.put("promisedBy", promisedBy);
    attrs.put("reportedBy", CrmRecords.speaker(e));
    attrs.put("source", e.system());
    attrs.put("promisedTo", e.attribute("Who.Name") != null ? e.attribute("Who.Name") : customerSide(e, input));
    attrs.put("date", written.toString());
    DueDates.find(s.text(), written).ifPresent(d -> {
      attrs.put("due", d.date().toString());
      attrs.put("dueText", d.phrase());
      attrs.put("kind", "timeline");
    });
    String task = trackingTask(s.text(), crmTasks);
    attrs.put("trackedBy", task);
    attrs.put("scoped", UNSCOPED.matcher(s.text()).find() ? "no" : task != null ? "tracked_in_crm" : "unknown");
    var cites = new java.util.ArrayList<org.handoffbrief.model.Citation>();
    cites.add(s.cite());
    String words = s.text();
    if (next != null) {
      cites.add(next.cite());
      words = words + " " + next.text();
    }
    f.restated.forEach(r -> cites.add(r.cite()));
    draft.claim(S, "promise", "Commitment: " + words, attrs, cites);
  }

  /**
   * What introduces a list of what the customer gets: "Here is what you're getting and what we're
   * signing up for:", "Our commitments:", "The order form now says:".
   */
  private static final Pattern LEAD_IN = words("signing up for|what you(?:'re| are) getting|what you get|"
      + "we(?:'re| are) (?:committing|signing up) to|our commitments?|we commit|committed to|deliverables|"
      + "(?:paper|contract|order form|agreement|proposal|sow|statement of work) (?:now )?(?:says|covers|includes)|"
      + "included|includes");
  /**
   * A sentence on a list item under a lead-in that says the list is what we commit to: each item
   * of an order summary or a statement of terms is a commitment, unless it refuses or hedges.
   */
  private static boolean listedUnderCommitment(Span s) {
    Span leadIn = Vocabulary.listLeadIn(s);
    if (leadIn == null) {
      return false;
    }
    String text = s.evidence().text();
    int lineStart = TextSpans.lineStart(text, s.start());
    int lineEnd = text.indexOf('\n', s.start());
    String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
    if (NEGATED.matcher(line).find() || HEDGED.matcher(s.text()).find() || s.text().strip().endsWith("?")) {
      return false;
    }
    return leadIn.text().endsWith(":") && LEAD_IN.matcher(leadIn.text()).find();
  }

  /** A promise to hand over a document or an answer: what a later "as promised, attached" keeps. */
  private static final Pattern SEND = words("(?:'ll|will|going to|to)\\s+(?:\\w+\\s+)?(?:send|share|forward|email|e-mail|"
      + "get you|pass (?:it |them )?along|circulate)\\b");
  private static final java.time.Duration KEPT_WITHIN = java.time.Duration.ofDays(21);
  private static final Pattern AS_PROMISED = words("as promised");

  /**
   * A promise to send something that the seller kept before the deal closed ("I'll send both by
   * Monday", then "As promised, attached are ...") is history, not a commitment to hand over: a
   * later item of ours to the same customer people, within three weeks and the cycle, that
   * reports the delivery and either says "as promised" or names what the promise named.
   */
  private static boolean keptBeforeClose(Found f, List<Evidence> sources, CrmRecords crm, ExtractionInput input) {
    if (!SEND.matcher(f.span.text()).find()) {
      return false;
    }
    java.util.Set<String> promised = significant(f.span.text());
    java.util.Set<String> audience = customerAddresses(f.evidence, input);
    java.time.OffsetDateTime by = f.evidence.timestamp().plus(KEPT_WITHIN);
    for (Evidence e : sources) {
      if (!e.timestamp().isAfter(f.evidence.timestamp()) || e.timestamp().isAfter(by) || !crm.writtenByVendor(e)
          || !input.deal().window().contains(e.timestamp().toInstant())
          || java.util.Collections.disjoint(audience, customerAddresses(e, input))) {
        continue;
      }
      for (Span s : input.sentences(e)) {
        if (!TextSpans.quoted(s) && KEPT.matcher(s.text()).find()) {
          java.util.Set<String> shared = significant(s.text() + " " + followingLines(s));
          shared.retainAll(promised);
          if (!shared.isEmpty() || AS_PROMISED.matcher(s.text()).find()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static java.util.Set<String> customerAddresses(Evidence e, ExtractionInput input) {
    var out = new java.util.HashSet<String>();
    var people = new java.util.ArrayList<org.handoffbrief.model.Participant>(e.participants());
    if (e.author() != null) {
      people.add(e.author());
    }
    for (var p : people) {
      if (p.email() != null && !input.deal().isInternal(p.email())) {
        out.add(p.email());
      }
    }
    return out;
  }

  /** The few lines after a lead-in ("attached are:"), where the delivered items are listed. */
  private static String followingLines(Span s) {
    String text = s.evidence().text();
    int end = s.end();
    for (int i = 0; i < 4 && end < text.length(); i++) {
      int nl = text.indexOf('\n', end + 1);
      end = nl < 0 ? text.length() : nl;
    }
    return text.substring(s.end(), end);
  }

  private static final Pattern ANAPHOR = words("\\b(?:it|this|that|these|those)\\b");

  /** Outside the CRM, a promise is made to the customer's people on the exchange. */
  private static String customerSide(Evidence e, ExtractionInput input) {
    var names = new java.util.LinkedHashSet<String>();
    var people = new java.util.ArrayList<org.handoffbrief.model.Participant>(e.participants());
    if (e.author() != null) {
      people.add(0, e.author());
    }
    for (var p : people) {
      if (p.email() != null && !input.deal().isInternal(p.email())
          && input.deal().customerDomains().contains(p.emailDomain())) {
        names.add(p.label());
      }
    }
    return names.isEmpty() ? null : String.join(", ", names);
  }

  private static final Pattern CONTENT_WORD = Pattern.compile("[\\p{L}\\p{N}]{4,}");
  private static final java.util.Set<String> COMMON = java.util.Set.of("will", "with", "that", "this", "from", "have",
      "follow", "send", "promised", "committed", "deliver", "provide", "before", "after", "their", "your");

  /**
   * The open CRM task that already tracks the promise (sharing two significant words with it), so
   * the CSM sees whether anyone has picked it up; null when none does.
   */
  private static String trackingTask(String sentence, List<Evidence> crmTasks) {
    java.util.Set<String> words = significant(sentence);
    for (Evidence t : crmTasks) {
      String subject = t.attribute("Subject");
      if (subject == null || "true".equalsIgnoreCase(t.attribute("IsClosed"))) {
        continue;
      }
      java.util.Set<String> inSubject = significant(subject);
      java.util.Set<String> shared = new java.util.HashSet<>(inSubject);
      shared.retainAll(words);
      // Three shared words: two ("region", "offices") are chance in a deal that talks of little else.
      if (shared.size() >= 3 || (shared.size() == 2 && shared.size() * 2 >= inSubject.size())) {
        return subject;
      }
    }
    return null;
  }

  private static java.util.Set<String> significant(String text) {
    var out = new java.util.HashSet<String>();
    var m = CONTENT_WORD.matcher(text.toLowerCase(java.util.Locale.ROOT));
    while (m.find()) {
      if (!COMMON.contains(m.group())) {
        out.add(m.group());
      }
    }
    return out;
  }
}
