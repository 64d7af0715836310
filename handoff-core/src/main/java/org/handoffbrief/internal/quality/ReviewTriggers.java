package org.handoffbrief.internal.quality;

import org.handoffbrief.extract.Span;
import org.handoffbrief.quality.ReviewPolicy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handoffbrief.extract.ExtractionInput;
import org.handoffbrief.internal.TextSpans;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.QualityReport.Trigger;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;

/** The review triggers other than repeated failure (which needs the history). */
final class ReviewTriggers {
  private ReviewTriggers() {}

  private static final Pattern ARR_LABEL = Pattern.compile("\\barr\\b|annual recurring|annual contract value|\\bacv\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern SECURITY_DONE = Pattern.compile("(?:security review|security questionnaire|infosec review"
      + "|pen ?test)\\s+(?:is |has been |was |now )?(?:complete|completed|done|passed|approved|signed off|closed)"
      + "|(?:passed|completed|cleared|finished|approved|signed off on) (?:the |our |your )?(?:security review|security"
      + " questionnaire|infosec review|pen ?test)|(?:infosec|security) (?:approved|signed off|sign-?off (?:received|done))",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern DONE_NEGATED = Pattern.compile("\\b(?:not|n't|yet to|never|pending)\\b[^.]{0,30}$",
      Pattern.CASE_INSENSITIVE);
  /**
   * Cancellation or regret. "cancel" counts only when it is not about a meeting ("cancel the
   * sync" is calendar noise).
   */
  private static final Pattern REGRET = Pattern.compile("not sure (?:we|i) (?:really )?need(?:ed)?"
      + "|\\bcancel(?:l?ed|l?ing|lation|s)?\\b(?!\\s+(?:the |our |this |that |my |today's |tomorrow's )?"
      + "(?:meeting|call|sync|invite|session|demo|standup|stand-up|catch-?up|1:1))"
      + "|\\bregret(?:s|ted|ting)?\\b|second thoughts|walk(?:ing)? away|buyer'?s remorse|back(?:ing)? out"
      + "|pull(?:ing)? out of the (?:deal|contract)|reconsider(?:ing)? (?:the |our |this )?(?:deal|purchase|contract)",
      Pattern.CASE_INSENSITIVE);
  /** A negation just before the phrase: "no second thoughts", "we won't cancel", "never regret". */
  private static final Pattern NEGATED_BEFORE = Pattern.compile(
      "\\b(?:no|not|never|don't|do not|didn't|did not|won't|will not|wouldn't|without|zero|nothing to)\\s+"
      + "(?:\\w+\\s+){0,2}$", Pattern.CASE_INSENSITIVE);
  /**
   * What follows "regret" when the regret is for not acting sooner ("my one regret is that we
   * didn't switch years ago", "we regret not starting sooner"): praise of the purchase, not doubt.
   */
  private static final Pattern NOT_SOONER = Pattern.compile("^[^.;]{0,25}?(?:\\b(?:we|i)\\s+(?:didn't|did not|hadn't"
      + "|had not|never)|\\bnot\\s+\\w+ing)\\b[^.;]{0,60}?\\b(?:sooner|earlier|ago|last year|before now)\\b",
      Pattern.CASE_INSENSITIVE);

  static List<Trigger> fire(ExtractionInput input, Map<SectionId, Section> sections, ReviewPolicy policy) {
    var out = new ArrayList<Trigger>();
    arr(input, policy).ifPresent(out::add);
    strategic(input, policy).ifPresent(out::add);
    bounded("open_security_or_legal", () -> openSecurityOrLegal(input, sections)).ifPresent(out::add);
    bounded("regret_language", () -> regret(input, policy)).ifPresent(out::add);
    return out;
  }

  /**
   * Runs a trigger that reads the evidence. Past the input's deadline it stops and fires, saying
   * it could not finish: a trigger that cannot rule its case out sends the brief to a person.
   */
  static java.util.Optional<Trigger> bounded(String id,
      java.util.function.Supplier<java.util.Optional<Trigger>> trigger) {
    try {
      return trigger.get();
    } catch (org.handoffbrief.extract.ExtractionDeadline.Passed e) {
      return java.util.Optional.of(new Trigger(id, "Not finished: the brief's deadline passed before this check had"
          + " read all the evidence, so a person should look for it.", List.of(), List.of(), List.of()));
    }
  }

  /** The account is on the strategic-logo list, or the CRM's strategic flag field is set. */
  static java.util.Optional<Trigger> strategic(ExtractionInput input, ReviewPolicy policy) {
    var account = input.deal().account();
    if (policy.isStrategic(account.id(), account.name())) {
      return java.util.Optional.of(new Trigger("strategic_logo", account.name() + " is on the strategic-logo list.",
          List.of(), List.of(), List.of()));
    }
    String label = policy.strategicFlagField();
    if (label == null) {
      return java.util.Optional.empty();
    }
    // The field's line on the CRM record is cited when there is one; the resolved value alone still counts.
    Span line = QualityGates.handoffField(input,
        Pattern.compile("^" + Pattern.quote(label) + "$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    String value = line != null ? QualityGates.value(line) : input.deal().handoffFields().entrySet().stream()
        .filter(f -> f.getKey().equalsIgnoreCase(label)).map(Map.Entry::getValue).findFirst().orElse(null);
    if (!ReviewPolicy.isFlagSet(value)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Trigger("strategic_logo", account.name() + " is marked strategic in the CRM ("
        + (line != null ? line.label() + ": " + line.text() : label + ": " + value.strip()) + ").", List.of(), line == null ? List.of() : List.of(line.evidence().id()),
        line == null ? List.of() : List.of(line.cite())));
  }

  static java.util.Optional<Trigger> arr(ExtractionInput input, ReviewPolicy policy) {
    BigDecimal amount = input.deal().opportunity().amount();
    String what = "amount";
    Span arrField = QualityGates.handoffField(input, ARR_LABEL);
    if (arrField != null) {
      BigDecimal arr = number(QualityGates.value(arrField));
      if (arr != null && (amount == null || arr.compareTo(amount) > 0)) {
        amount = arr;
        what = "ARR";
      }
    }
    if (amount == null || amount.compareTo(policy.arrThreshold()) <= 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Trigger("arr_threshold", "The " + what + " " + amount.stripTrailingZeros()
        .toPlainString() + " is over the review threshold " + policy.arrThreshold().toPlainString() + ".", List.of(),
        arrField == null ? List.of() : List.of(arrField.evidence().id()),
        arrField == null ? List.of() : List.of(arrField.cite())));
  }

  private static BigDecimal number(String s) {
    Matcher m = Pattern.compile("(\\d[\\d,]*(?:\\.\\d+)?)\\s*([kKmM])?").matcher(s);
    if (!m.find()) {
      return null;
    }
    BigDecimal n = new BigDecimal(m.group(1).replace(",", ""));
    if (m.group(2) != null) {
      n = n.multiply(BigDecimal.valueOf(m.group(2).equalsIgnoreCase("k") ? 1_000 : 1_000_000));
    }
    return n;
  }

  /**
   * Legal items and security-review risks still open at close. An item settled before close (see
   * {@link Resolutions}) does not count; a security review also counts as settled when any later
   * evidence before close says the review completed.
   */
  static java.util.Optional<Trigger> openSecurityOrLegal(ExtractionInput input, Map<SectionId, Section> sections) {
    var ids = new ArrayList<String>();
    var what = new ArrayList<String>();
    int settled = 0;
    List<Claim> legal = new ArrayList<>();
    for (Claim c : sections.get(SectionId.OPEN_THREADS).claims()) {
      if ("legal".equals(c.attributes().get("category"))) {
        if (Resolutions.settledBeforeClose(input, c)) {
          settled++;
        } else {
          legal.add(c);
        }
      }
    }
    legal.forEach(c -> ids.add(c.id()));
    if (!legal.isEmpty()) {
      // Several claims often tell of one redline from several sources, so the first one is quoted
      // rather than the claims counted as separate items.
      what.add("pending legal items (" + legal.size() + " claim" + (legal.size() == 1 ? "" : "s") + ", first: \""
          + QualityGates.abbreviate(legal.get(0).text()) + "\")");
    }
    int security = 0;
    Instant close = input.deal().window().end();
    for (Claim c : sections.get(SectionId.RISKS).claims()) {
      if (!"security_review".equals(c.attributes().get("category"))) {
        continue;
      }
      Instant raised = c.citations().stream().map(x -> x.timestamp().toInstant()).max(Instant::compareTo).orElseThrow();
      boolean completed = Resolutions.settledBeforeClose(input, c) || input.evidence().stream()
          .filter(e -> !e.timestamp().toInstant().isBefore(raised) && !e.timestamp().toInstant().isAfter(close))
          .anyMatch(e -> {
            input.checkDeadline();
            return saysSecurityDone(e);
          });
      if (completed) {
        settled++;
      } else {
        ids.add(c.id());
        security++;
      }
    }
    if (security > 0) {
      what.add("security review with no word that it completed (" + security + " claim" + (security == 1 ? "" : "s")
          + ")");
    }
    if (ids.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Trigger("open_security_or_legal", "Open at close: " + String.join("; ", what)
        + (settled > 0 ? "; " + settled + " more settled before close" : "") + ".", ids, List.of(), List.of()));
  }

  private static boolean saysSecurityDone(Evidence e) {
    Matcher m = SECURITY_DONE.matcher(e.text());
    while (m.find()) {
      if (!DONE_NEGATED.matcher(e.text().substring(Math.max(0, m.start() - 40), m.start())).find()
          && !e.text().substring(m.start(), m.end()).toLowerCase(Locale.ROOT).contains("not")) {
        return true;
      }
    }
    return false;
  }

  /** Cancellation or regret language in the conversations of the closing window, or after close. */
  static java.util.Optional<Trigger> regret(ExtractionInput input, ReviewPolicy policy) {
    Instant from = input.deal().window().end().minus(policy.closingWindow());
    var cites = new ArrayList<Citation>();
    for (Evidence e : input.evidence()) {
      boolean conversation = !e.system().equals(CrmEvidence.SYSTEM) || e.kind().equals(CrmEvidence.TASK)
          || e.kind().equals(CrmEvidence.EVENT);
      if (!conversation || e.timestamp().toInstant().isBefore(from)) {
        continue;
      }
      for (Span s : input.sentences(e)) {
        Matcher m = REGRET.matcher(s.text());
        while (m.find()) {
          boolean notSure = m.group().toLowerCase(Locale.ROOT).startsWith("not sure");
          boolean wishedSooner = m.group().toLowerCase(Locale.ROOT).startsWith("regret")
              && NOT_SOONER.matcher(s.text().substring(m.end())).find();
          if (notSure || !wishedSooner && !NEGATED_BEFORE.matcher(s.text().substring(0, m.start())).find()) {
            cites.add(s.cite());
            break;
          }
        }
      }
    }
    if (cites.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Trigger("regret_language", "Cancellation or regret language near close: \""
        + QualityGates.abbreviate(cites.get(cites.size() - 1).quote()) + "\""
        + (cites.size() > 1 ? " and " + (cites.size() - 1) + " more" : "") + ".", List.of(),
        cites.stream().map(Citation::evidenceId).distinct().toList(), cites));
  }
}
