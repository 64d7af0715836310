package org.handoffbrief.extract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.SectionId;

/**
 * Keeps the brief to one screen: the same risk, pending item or objection said in the CRM, in
 * mail, in Slack and on a call becomes one claim with every citation, not four claims. Two claims
 * of the same section and kind merge when their words mostly agree, or when both name the same
 * legal topic (a data-residency redline is one open item however it is phrased). The first claim,
 * the oldest evidence, keeps its text; the others add their citations. Commitments are merged by
 * their extractor, which knows promises; stakeholders never merge.
 */
public final class ClaimMerger {

  private static final Set<SectionId> SECTIONS = Set.of(SectionId.RISKS, SectionId.OPEN_THREADS, SectionId.DEAL_HISTORY);
  private static final Set<String> KINDS = Set.of("objection", "pending", "legal", "security_review",
      "technical_dependency", "change_resistance", "resource_gap", "unanswered");
  private static final double SAME_WORDS = 0.5;
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{4,}");
  private static final Set<String> STOP = Set.of("that", "this", "with", "from", "have", "will", "they", "their",
      "them", "there", "what", "when", "which", "would", "about", "still", "pending", "item", "legal", "risk",
      "security", "review", "technical", "dependency", "change", "resistance", "objection", "owed", "follow");
  /** Per kind, the topics that make two claims the same item however they are phrased. */
  private static final Map<String, List<Pattern>> TOPICS = Map.of(
      "technical_dependency", List.of(Pattern.compile("\\berp\\b|lawson|sap\\b|oracle|netsuite|workday", Pattern.CASE_INSENSITIVE)),
      "security_review", List.of(Pattern.compile("security review|questionnaire|soc ?2|pen(etration)?[- ]test|vendor risk",
          Pattern.CASE_INSENSITIVE)),
      "change_resistance", List.of(Pattern.compile("change management|skeptic|adopt", Pattern.CASE_INSENSITIVE)));

  private static final List<Pattern> LEGAL_TOPICS = List.of(
      Pattern.compile("data[- ]residency|us[- ]only hosting", Pattern.CASE_INSENSITIVE),
      Pattern.compile("\\bmsa\\b|master services agreement", Pattern.CASE_INSENSITIVE),
      Pattern.compile("\\bdpa\\b|data processing (agreement|addendum)", Pattern.CASE_INSENSITIVE),
      Pattern.compile("indemnif|liability cap|limitation of liability", Pattern.CASE_INSENSITIVE),
      Pattern.compile("\\bbaa\\b|business associate", Pattern.CASE_INSENSITIVE));

  private ClaimMerger() {}

  /** Merges near-duplicate claims in place; returns how many claims were folded into others. */
  public static int apply(BriefDraft draft) {
    int folded = 0;
    for (SectionId section : SECTIONS) {
      var groups = new ArrayList<List<Claim>>();
      for (Claim c : draft.claims(section)) {
        List<Claim> group = KINDS.contains(kind(c))
            ? groups.stream().filter(g -> same(g.get(0), c)).findFirst().orElse(null) : null;
        if (group == null) {
          groups.add(new ArrayList<>(List.of(c)));
        } else {
          group.add(c);
          folded++;
        }
      }
      var out = new ArrayList<Claim>();
      for (List<Claim> group : groups) {
        Claim first = group.get(0);
        if (group.size() == 1) {
          out.add(first);
          continue;
        }
        var cites = new ArrayList<Citation>();
        group.forEach(c -> c.citations().stream().filter(x -> !cites.contains(x)).forEach(cites::add));
        // The statement that shares the most words with the others speaks for the item (the
        // fullest description, not a passing mention); among equals the newest, since newer signal
        // outranks stale notes. Citations keep every place it was said, in the order found.
        Claim voice = group.stream().max(java.util.Comparator.comparingInt((Claim c) -> shared(c, group))
            .thenComparing(ClaimMerger::latest)).orElseThrow();
        out.add(new Claim(first.id(), first.section(), voice.text(), voice.attributes(), cites));
      }
      draft.replaceClaims(section, out);
    }
    return folded;
  }

  /** The claim's kind: the key part of its id ({@code open_threads.legal.3} -> {@code legal}). */
  private static String kind(Claim c) {
    String[] parts = c.id().split("\\.");
    return parts.length >= 3 ? parts[parts.length - 2] : "";
  }

  private static boolean same(Claim a, Claim b) {
    if (!kind(a).equals(kind(b))) {
      return false;
    }
    String ta = quoted(a);
    String tb = quoted(b);
    List<Pattern> topics = kind(a).equals("legal") || kind(a).equals("pending") ? LEGAL_TOPICS
        : TOPICS.getOrDefault(kind(a), List.of());
    {
      for (Pattern topic : topics) {
        if (topic.matcher(ta).find() && topic.matcher(tb).find()) {
          return true;
        }
      }
    }
    Set<String> wa = words(ta);
    Set<String> wb = words(tb);
    if (wa.isEmpty() || wb.isEmpty()) {
      return false;
    }
    Set<String> both = new HashSet<>(wa);
    both.retainAll(wb);
    Set<String> either = new HashSet<>(wa);
    either.addAll(wb);
    return (double) both.size() / either.size() >= SAME_WORDS;
  }

  /** How many of the claim's words also stand in at least one other claim of its group. */
  private static int shared(Claim c, List<Claim> group) {
    Set<String> mine = words(quoted(c));
    Set<String> others = new HashSet<>();
    group.stream().filter(o -> o != c).forEach(o -> others.addAll(words(quoted(o))));
    mine.retainAll(others);
    return mine.size();
  }

  private static java.time.OffsetDateTime latest(Claim c) {
    return c.citations().stream().map(Citation::timestamp).max(java.util.Comparator.naturalOrder()).orElseThrow();
  }

  private static String quoted(Claim c) {
    var sb = new StringBuilder(c.text());
    c.citations().forEach(x -> sb.append(' ').append(x.quote()));
    return sb.toString();
  }

  private static Set<String> words(String text) {
    var out = new HashSet<String>();
    var m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      if (!STOP.contains(m.group())) {
        out.add(m.group());
      }
    }
    return out;
  }
}
