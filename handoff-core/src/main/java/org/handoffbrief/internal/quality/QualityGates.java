package org.handoffbrief.internal.quality;

import org.handoffbrief.extract.Span;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handoffbrief.extract.CommitmentRule;
import org.handoffbrief.internal.DueDates;
import org.handoffbrief.extract.ExtractionInput;
import org.handoffbrief.extract.Contradiction;
import org.handoffbrief.internal.TextSpans;
import org.handoffbrief.model.Channel;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.QualityReport.Check;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;

/** The five gates. Each is a pure function of the brief's sections and the evidence it was made from. */
final class QualityGates {
  private QualityGates() {}

  /** Where a vendor promise is made to the customer: said in mail or on a call. */
  static final Set<Channel> PROMISE_CHANNELS = java.util.EnumSet.of(Channel.EMAIL, Channel.CALLS);
  static final Duration RECENCY = Duration.ofDays(90);

  private static final Pattern NEGATION = Pattern.compile(
      "\\b(?:not|no|never|can't|cannot|won't|don't|didn't|unable)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern DATED_PROMISE = Pattern.compile(
      "\\b(?:we(?:'ll| will)|i(?:'ll| will)|our team will)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern CONTENT_WORD = Pattern.compile("[\\p{L}][\\p{L}-]{4,}");
  private static final Set<String> COMMON = Set.of("january", "february", "march", "april", "june", "july", "august",
      "september", "october", "november", "december", "promise", "promised", "about", "their", "there", "which",
      "would", "could", "should", "after", "before", "thanks", "please", "deliver", "provide");

  static List<Check> run(ExtractionInput input, Map<SectionId, Section> sections) {
    List<Claim> claims = sections.values().stream().flatMap(s -> s.claims().stream()).toList();
    return List.of(stakeholderCoverage(sections.get(SectionId.STAKEHOLDERS)),
        bounded("commitment_extraction", () -> commitmentExtraction(input, sections.get(SectionId.COMMITMENTS))),
        bounded("support_during_cycle", () -> supportDuringCycle(input, claims)),
        bounded("recency", () -> recency(input, sections.get(SectionId.STAKEHOLDERS))),
        bounded("crm_conversation_diff", () -> crmConversationDiff(input)));
  }

  /** Why a check that ran out of time failed: it could not say the brief is sound, so it does not. */
  static final String UNFINISHED = "Not finished: the brief's deadline passed before this check had read all the"
      + " evidence, so it cannot vouch for the brief; review it by hand or run the brief with a longer deadline.";

  /**
   * Runs a check that reads the evidence (the checks read every item again, so on a very large
   * deal they can take as long as extraction). Past the input's deadline it stops at its next
   * evidence item and fails with {@link #UNFINISHED} instead of holding the brief.
   */
  static Check bounded(String id, java.util.function.Supplier<Check> check) {
    try {
      return check.get();
    } catch (org.handoffbrief.extract.ExtractionDeadline.Passed e) {
      return new Check(id, false, UNFINISHED, List.of(), List.of(), List.of());
    }
  }

  /** A champion and an economic buyer, each with a last-touch date, or each an explicit gap. */
  static Check stakeholderCoverage(Section stakeholders) {
    var problems = new ArrayList<String>();
    var found = new ArrayList<String>();
    var ids = new ArrayList<String>();
    for (String role : List.of("champion", "economic_buyer")) {
      String label = role.replace('_', ' ');
      List<Claim> withRole = stakeholders.claims().stream()
          .filter(c -> role.equals(c.attributes().get("role"))).toList();
      boolean gap = stakeholders.gaps().stream().anyMatch(g -> g.code().equals("no_" + role));
      withRole.forEach(c -> ids.add(c.id()));
      if (withRole.stream().anyMatch(c -> c.attributes().get("lastTouch") != null)) {
        found.add(label + " " + withRole.get(0).attributes().getOrDefault("name", "?"));
      } else if (!withRole.isEmpty()) {
        problems.add(label + " " + withRole.get(0).attributes().getOrDefault("name", "?") + " has no last-touch date");
      } else if (gap) {
        found.add("no " + label + " (stated as a gap)");
      } else {
        problems.add("no " + label + " and no gap saying so");
      }
    }
    return problems.isEmpty()
        ? new Check("stakeholder_coverage", true, "Covered: " + String.join("; ", found) + ".", ids, List.of(), List.of())
        : new Check("stakeholder_coverage", false, capitalise(String.join("; ", problems)) + ".", ids, List.of(),
            List.of());
  }

  /**
   * Every vendor promise, guarantee or dated "we'll ... by <date>" in mail and calls is a
   * commitment claim citing it (or the same words elsewhere, as when a reply quotes the original).
   */
  static Check commitmentExtraction(ExtractionInput input, Section commitments) {
    var cited = new Cited(commitments);
    var missed = new ArrayList<Citation>();
    int promises = 0;
    for (Evidence e : input.evidence()) {
      if (e.channel() == null || !PROMISE_CHANNELS.contains(e.channel())) {
        continue;
      }
      boolean vendorWrote = CommitmentRule.writtenByVendor(e, input);
      for (Span s : input.sentences(e)) {
        if (!isPromise(s, input, vendorWrote)) {
          continue;
        }
        promises++;
        if (!cited.covers(s) && !cited.recordedElsewhere(s, input)) {
          missed.add(s.cite());
        }
      }
    }
    if (missed.isEmpty()) {
      return new Check("commitment_extraction", true, promises == 0 ? "No vendor promises in mail or calls."
          : "All " + promises + " vendor promises in mail and calls are commitments.", List.of(), List.of(), List.of());
    }
    return new Check("commitment_extraction", false, missed.size() + " of " + promises
        + " vendor promises in mail and calls are not in the commitments: \"" + abbreviate(missed.get(0).quote()) + "\""
        + (missed.size() > 1 ? " and " + (missed.size() - 1) + " more" : "") + ".", List.of(),
        missed.stream().map(Citation::evidenceId).distinct().toList(), missed);
  }

  private static boolean isPromise(Span s, ExtractionInput input, boolean vendorWrote) {
    String t = s.text();
    if (CommitmentRule.isVendorPromise(t, input, vendorWrote)) {
      return true;
    }
    // A second, independent reading: the vendor saying it will do something by a date, in words
    // the extractor's verb list may not know ("we'll get you the sandbox by March 3").
    if (!vendorWrote || t.endsWith("?")) {
      return false;
    }
    Matcher m = DATED_PROMISE.matcher(t);
    return m.find() && !NEGATION.matcher(t.substring(0, Math.min(t.length(), m.end() + 12))).find()
        && DueDates.find(t, input.day(s.evidence().timestamp())).isPresent();
  }

  /**
   * What the commitments section cites, read once: each promise sentence is then checked against
   * it without re-normalising every quote for every sentence (that was promises x citations
   * regex passes on a large deal). Same answers as comparing each pair.
   */
  static final class Cited {
    private final Map<String, List<Citation>> byEvidence = new java.util.HashMap<>();
    private final List<String> squashedQuotes = new ArrayList<>();
    private final Set<String> exactQuotes = new java.util.HashSet<>();
    /** Content words of the quotes of each commitment due on a day, by that day. */
    private final Map<String, Set<String>> wordsByDue = new java.util.HashMap<>();
    /** Squashed quotes compared so far: what a test counts to prove the check is linear. */
    long comparisons;

    Cited(Section commitments) {
      for (Claim c : commitments.claims()) {
        String due = c.attributes().get("due");
        for (Citation x : c.citations()) {
          byEvidence.computeIfAbsent(x.evidenceId(), k -> new ArrayList<>()).add(x);
          String q = squash(x.quote());
          if (exactQuotes.add(q)) {
            squashedQuotes.add(q);
          }
          if (due != null) {
            wordsByDue.computeIfAbsent(due, k -> new java.util.HashSet<>()).addAll(contentWords(x.quote()));
          }
        }
      }
    }

    /** A citation overlaps the sentence, or one's words contain the other's (a reply quoting it). */
    boolean covers(Span s) {
      for (Citation c : byEvidence.getOrDefault(s.evidence().id(), List.of())) {
        if (c.start() < s.end() && s.start() < c.end()) {
          return true;
        }
      }
      String t = squash(s.text());
      if (exactQuotes.contains(t)) {
        return true;
      }
      for (String q : squashedQuotes) {
        comparisons++;
        if (q.contains(t) || t.contains(q)) {
          return true;
        }
      }
      return false;
    }

    /**
     * The same promise recorded from other evidence, as when the AE logs in the CRM what they
     * promised by mail: a commitment due the same day whose quote shares a content word with the
     * sentence ("US-only" in both).
     */
    boolean recordedElsewhere(Span s, ExtractionInput input) {
      var due = DueDates.find(s.text(), input.day(s.evidence().timestamp()));
      if (due.isEmpty()) {
        return false;
      }
      Set<String> words = wordsByDue.get(due.get().date().toString());
      return words != null && contentWords(s.text()).stream().anyMatch(words::contains);
    }
  }

  private static Set<String> contentWords(String text) {
    var out = new LinkedHashSet<String>();
    Matcher m = CONTENT_WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      if (!COMMON.contains(m.group())) {
        out.add(m.group());
      }
    }
    return out;
  }

  /** Every ticket opened during the sales cycle is cited by some claim. */
  static Check supportDuringCycle(ExtractionInput input, List<Claim> claims) {
    Set<String> cited = new LinkedHashSet<>();
    claims.forEach(c -> c.citations().forEach(x -> cited.add(x.evidenceId())));
    var tickets = input.evidence().stream()
        .filter(e -> e.kind().equals("ticket") && input.deal().window().contains(e.timestamp().toInstant())).toList();
    List<String> silent = tickets.stream().map(Evidence::id).filter(id -> !cited.contains(id)).toList();
    if (silent.isEmpty()) {
      return new Check("support_during_cycle", true, tickets.isEmpty() ? "No support tickets during the cycle."
          : "All " + tickets.size() + " tickets opened during the cycle appear in the brief.", List.of(),
          tickets.stream().map(Evidence::id).toList(), List.of());
    }
    return new Check("support_during_cycle", false, silent.size() + " of " + tickets.size()
        + " tickets opened during the cycle appear nowhere in the brief: " + String.join(", ", silent) + ".",
        List.of(), silent, List.of());
  }

  /**
   * Stakeholder claims cite evidence from the last 90 days of the cycle, unless nothing newer
   * about that person exists.
   */
  static Check recency(ExtractionInput input, Section stakeholders) {
    Instant cutoff = input.deal().window().end().minus(RECENCY);
    var stale = new ArrayList<String>();
    var newer = new ArrayList<String>();
    for (Claim c : stakeholders.claims()) {
      Instant newest = c.citations().stream().map(x -> x.timestamp().toInstant()).max(Instant::compareTo).orElseThrow();
      if (!newest.isBefore(cutoff)) {
        continue;
      }
      String email = c.attributes().get("email");
      String name = c.attributes().get("name");
      input.checkDeadline();
      Optional<Evidence> fresh = input.evidence().stream()
          .filter(e -> !e.timestamp().toInstant().isBefore(cutoff))
          .filter(e -> involves(e, email, name)).reduce((a, b) -> b);
      if (fresh.isPresent()) {
        stale.add(c.id());
        newer.add(fresh.get().id());
      }
    }
    if (stale.isEmpty()) {
      return new Check("recency", true, "Stakeholder claims cite the newest evidence about each person"
          + " (last 90 days of the cycle from " + LocalDate.ofInstant(cutoff, java.time.ZoneOffset.UTC) + ").",
          List.of(), List.of(), List.of());
    }
    return new Check("recency", false, stale.size() + " stakeholder claim(s) cite only evidence older than the last"
        + " 90 days of the cycle though newer evidence about the person exists: " + String.join(", ", stale) + ".",
        stale, newer.stream().distinct().toList(), List.of());
  }

  private static boolean involves(Evidence e, String email, String name) {
    if (email != null) {
      String lower = email.toLowerCase(Locale.ROOT);
      if (e.author() != null && lower.equalsIgnoreCase(e.author().email())) {
        return true;
      }
      if (e.participants().stream().anyMatch(p -> lower.equalsIgnoreCase(p.email()))) {
        return true;
      }
    }
    return name != null && e.author() != null && name.equalsIgnoreCase(e.author().name());
  }

  /**
   * CRM fields that the conversations contradict (competitor, go-live, seats, amount, a status),
   * found by the same rules that put each contradiction in the brief as a claim.
   */
  static Check crmConversationDiff(ExtractionInput input) {
    List<Contradiction> found = input.contradictions();
    if (found.isEmpty()) {
      return new Check("crm_conversation_diff", true, "The conversations agree with the CRM fields compared.",
          List.of(), List.of(), List.of());
    }
    var cites = new ArrayList<Citation>();
    found.forEach(c -> cites.addAll(c.citations()));
    List<String> evidenceIds = cites.stream().map(Citation::evidenceId).distinct().toList();
    return new Check("crm_conversation_diff", false, found.stream()
        .map(c -> c.message().replaceFirst("^Contradiction: ", "")).reduce((x, y) -> x + " " + y).orElse(""),
        List.of(), evidenceIds, cites);
  }

  /** The header line of the first handoff field on the opportunity, then the account, whose label matches. */
  static Span handoffField(ExtractionInput input, Pattern label) {
    for (String kind : List.of(CrmEvidence.OPPORTUNITY, CrmEvidence.ACCOUNT)) {
      Evidence e = input.first(CrmEvidence.SYSTEM, kind);
      if (e == null) {
        continue;
      }
      for (String key : e.attributes().keySet()) {
        if (key.startsWith(CrmEvidence.HANDOFF_PREFIX)) {
          String name = key.substring(CrmEvidence.HANDOFF_PREFIX.length());
          if (label.matcher(name).find()) {
            Span line = TextSpans.line(e, name);
            if (line != null) {
              return line;
            }
          }
        }
      }
    }
    return null;
  }

  static String value(Span line) {
    return line.text().strip();
  }

  private static final Pattern SPACES = Pattern.compile("\\s+");

  private static String squash(String s) {
    return SPACES.matcher(s).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
  }

  static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }

  static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
