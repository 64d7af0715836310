package org.handoffbrief.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
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

  /**
   * How many claims one claim is compared with at most while looking for its group. Prefix
   * filtering (below) already leaves only plausible partners; this bounds the rest, so merging
   * stays linear in the number of claims even when thousands of them share their rarest words
   * (a pasted log, a 25 MB body). A real brief's claims have a handful of partners, not hundreds.
   */
  static final int MAX_COMPARISONS_PER_CLAIM = 200;

  /** Word-set comparisons made so far; a test reads it to prove the work grows linearly. */
  static final java.util.concurrent.atomic.LongAdder COMPARISONS = new java.util.concurrent.atomic.LongAdder();

  /** Merges near-duplicate claims in place; returns how many claims were folded into others. */
  public static int apply(FinishingDraft draft) {
    int folded = 0;
    for (SectionId section : SECTIONS) {
      List<Said> said = draft.claims(section).stream().map(Said::new).toList();
      // Rarest words first: two claims whose words mostly agree share one of their rarest words,
      // so a claim is only indexed under (and looked up by) the prefix of its words in this order.
      var frequency = new HashMap<String, Integer>();
      said.forEach(c -> c.words.forEach(w -> frequency.merge(w, 1, Integer::sum)));
      Comparator<String> rarestFirst = Comparator.comparingInt((String w) -> frequency.get(w))
          .thenComparing(Comparator.naturalOrder());
      var groups = new ArrayList<Group>();
      var indexes = new HashMap<String, KindIndex>();
      for (Said c : said) {
        c.prefix(rarestFirst);
        KindIndex index = KINDS.contains(c.kind) ? indexes.computeIfAbsent(c.kind, k -> new KindIndex()) : null;
        int found = index == null ? -1 : index.firstGroupFor(c, groups);
        if (found < 0) {
          groups.add(new Group(c));
          if (index != null) {
            index.add(c, groups.size() - 1);
          }
        } else {
          groups.get(found).members.add(c);
          folded++;
        }
      }
      var out = new ArrayList<Claim>(groups.size());
      for (Group group : groups) {
        out.add(group.merged());
      }
      draft.replaceClaims(section, out);
    }
    return folded;
  }

  /** A claim with what merging asks of it, worked out once. */
  private static final class Said {
    final Claim claim;
    final String kind;
    final Set<String> words;
    final List<Pattern> topics;
    final boolean[] onTopic;
    final java.time.OffsetDateTime latest;
    List<String> prefix = List.of();

    Said(Claim claim) {
      this.claim = claim;
      this.kind = kind(claim);
      String text = quoted(claim);
      this.words = words(text);
      this.topics = kind.equals("legal") || kind.equals("pending") ? LEGAL_TOPICS : TOPICS.getOrDefault(kind, List.of());
      this.onTopic = new boolean[topics.size()];
      if (KINDS.contains(kind)) {
        for (int t = 0; t < topics.size(); t++) {
          onTopic[t] = topics.get(t).matcher(text).find();
        }
      }
      this.latest = claim.citations().stream().map(Citation::timestamp).max(Comparator.naturalOrder()).orElseThrow();
    }

    /**
     * The words two claims must share one of to be half the same: with {@code n} words, a claim
     * sharing at least half of the union shares one of its {@code n - ceil(n/2) + 1} rarest.
     */
    void prefix(Comparator<String> rarestFirst) {
      int n = words.size();
      prefix = words.stream().sorted(rarestFirst).limit(n - (n + 1) / 2 + 1L).toList();
    }
  }

  /** Where the groups of one kind can be found: by the topic and by the rare words of their first claim. */
  private static final class KindIndex {
    final Map<Integer, Integer> firstOnTopic = new HashMap<>();
    final Map<String, List<Integer>> byWord = new HashMap<>();

    void add(Said head, int group) {
      for (int t = 0; t < head.onTopic.length; t++) {
        if (head.onTopic[t]) {
          firstOnTopic.putIfAbsent(t, group);
        }
      }
      head.prefix.forEach(w -> byWord.computeIfAbsent(w, k -> new ArrayList<>()).add(group));
    }

    /**
     * The first group whose first claim is the same item as {@code c} (same topic, or half their
     * words shared), or -1. Groups are visited in the order made, so the result is what comparing
     * with every group in order would give, within {@link ClaimMerger#MAX_COMPARISONS_PER_CLAIM}.
     */
    int firstGroupFor(Said c, List<Group> groups) {
      int best = Integer.MAX_VALUE;
      for (int t = 0; t < c.onTopic.length; t++) {
        if (c.onTopic[t]) {
          best = Math.min(best, firstOnTopic.getOrDefault(t, Integer.MAX_VALUE));
        }
      }
      // Walk the groups listed under c's rare words in ascending order (each list is ascending).
      var lists = new ArrayList<List<Integer>>();
      c.prefix.forEach(w -> {
        List<Integer> l = byWord.get(w);
        if (l != null) {
          lists.add(l);
        }
      });
      int[] at = new int[lists.size()];
      int last = -1;
      for (int compared = 0; compared < MAX_COMPARISONS_PER_CLAIM; ) {
        int next = Integer.MAX_VALUE;
        for (int i = 0; i < lists.size(); i++) {
          while (at[i] < lists.get(i).size() && lists.get(i).get(at[i]) <= last) {
            at[i]++;
          }
          if (at[i] < lists.get(i).size()) {
            next = Math.min(next, lists.get(i).get(at[i]));
          }
        }
        if (next >= best) {
          break;
        }
        compared++;
        COMPARISONS.increment();
        if (halfTheSameWords(groups.get(next).members.get(0).words, c.words)) {
          return next;
        }
        last = next;
      }
      return best == Integer.MAX_VALUE ? -1 : best;
    }
  }

  /** Claims said to be the same item; the first, the oldest evidence, keeps the group's place. */
  private static final class Group {
    final List<Said> members = new ArrayList<>();

    Group(Said first) {
      members.add(first);
    }

    Claim merged() {
      Claim first = members.get(0).claim;
      if (members.size() == 1) {
        return first;
      }
      var cites = new LinkedHashSet<Citation>();
      members.forEach(c -> cites.addAll(c.claim.citations()));
      // The statement that shares the most words with the others speaks for the item (the
      // fullest description, not a passing mention); among equals the newest, since newer signal
      // outranks stale notes. Citations keep every place it was said, in the order found.
      var inClaims = new HashMap<String, Integer>();
      members.forEach(c -> c.words.forEach(w -> inClaims.merge(w, 1, Integer::sum)));
      Said voice = null;
      int voiceShared = -1;
      for (Said c : members) {
        int shared = (int) c.words.stream().filter(w -> inClaims.get(w) > 1).count();
        if (voice == null || shared > voiceShared || shared == voiceShared && c.latest.isAfter(voice.latest)) {
          voice = c;
          voiceShared = shared;
        }
      }
      return new Claim(first.id(), first.section(), voice.claim.text(), voice.claim.attributes(),
          new ArrayList<>(cites));
    }
  }

  /** The claim's kind: the key part of its id ({@code open_threads.legal.3} -> {@code legal}). */
  private static String kind(Claim c) {
    String[] parts = c.id().split("\\.");
    return parts.length >= 3 ? parts[parts.length - 2] : "";
  }

  private static boolean halfTheSameWords(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return false;
    }
    Set<String> small = a.size() <= b.size() ? a : b;
    Set<String> large = small == a ? b : a;
    int both = 0;
    for (String w : small) {
      if (large.contains(w)) {
        both++;
      }
    }
    return (double) both / (a.size() + b.size() - both) >= SAME_WORDS;
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
