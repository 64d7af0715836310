package org.handoffbrief.connector.slack;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names an org writes an account under in Slack: channel names and messages rarely carry the
 * legal name ({@code Acme Corporation, Inc.}) but a short one ({@code deal-acme}, "Acme is
 * signed"). Every name is a slug: lower case, accents dropped, words joined by {@code -}.
 */
final class AccountNames {

  /** Legal-form words dropped from the end of a name; compared with dots removed ({@code S.A.} is {@code sa}). */
  private static final Set<String> LEGAL_SUFFIXES = Set.of("inc", "incorporated", "corp", "corporation", "co",
      "company", "llc", "llp", "lp", "ltd", "limited", "gmbh", "mbh", "kg", "ag", "sa", "sas", "sarl", "spa", "srl",
      "bv", "nv", "plc", "pty", "pte", "ab", "as", "asa", "oy", "oyj", "kk", "se");

  /**
   * Words too common to stand for an account on their own ({@code first-}, {@code deal-general}):
   * a first word among these is never tried alone.
   */
  private static final Set<String> TOO_COMMON_ALONE = Set.of("the", "a", "an", "first", "new", "general", "united",
      "national", "international", "global", "american", "north", "south", "east", "west", "central", "city",
      "state", "university", "college", "bank", "group", "saint", "st", "san", "los", "las", "de", "la", "le",
      "royal", "great", "big", "blue", "red", "green", "us", "uk", "eu", "one", "all", "my", "our", "open", "smart",
      "health", "care", "medical", "data", "tech", "digital", "capital", "pacific", "atlantic", "mid");

  /** Words that cannot end a short name: {@code university-of} names nothing. */
  private static final Set<String> JOINERS = Set.of("of", "and", "for", "the", "de", "du", "der", "von", "y", "et");

  private AccountNames() {}

  /**
   * The account's names to try, most specific first, without repeats. For {@code Acme Widgets
   * Holding, Inc.}: the whole name ({@code acme-widgets-holding-inc}), the name without its legal
   * form ({@code acme-widgets-holding}), its first two words ({@code acme-widgets}) and its first
   * word ({@code acme}). The first word alone is left out when it is shorter than three letters or
   * too common to name a company by itself ({@code first}, {@code university}); two words ending in
   * a joiner ({@code university-of}) are left out. Empty when the name has no letters or digits.
   */
  static List<String> of(String accountName) {
    List<String> core = new ArrayList<>(words(accountName));
    if (core.isEmpty()) {
      return List.of();
    }
    var out = new LinkedHashSet<String>();
    out.add(SlackText.slug(accountName));
    out.add(String.join("-", core));
    while (core.size() > 1 && LEGAL_SUFFIXES.contains(core.get(core.size() - 1))) {
      core.remove(core.size() - 1);
    }
    if (core.size() > 1 && core.get(0).equals("the")) {
      core.remove(0);
    }
    out.add(String.join("-", core));
    if (core.size() > 2 && !JOINERS.contains(core.get(1))) {
      out.add(core.get(0) + "-" + core.get(1));
    }
    String first = core.get(0);
    if (core.size() > 1 && first.length() >= 3 && !TOO_COMMON_ALONE.contains(first)) {
      out.add(first);
    }
    return List.copyOf(out);
  }

  /**
   * Whether {@code text} names one of {@code names} as whole words, in any case, with any
   * punctuation or spacing between the words ({@code Acme's}, {@code ACME}, {@code acme-corp}).
   */
  static boolean named(String text, List<String> names) {
    String haystack = "-" + SlackText.slug(text) + "-";
    return names.stream().anyMatch(n -> !n.isEmpty() && haystack.contains("-" + n + "-"));
  }

  /** The words of a name: dotted abbreviations ({@code S.A.}) kept as one word, everything else split at non-letters. */
  private static List<String> words(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    return Arrays.stream(ascii.split("\\s+"))
        .map(w -> w.replace(".", "").replace("'", ""))
        .flatMap(w -> Arrays.stream(w.split("[^a-z0-9]+")))
        .filter(w -> !w.isEmpty())
        .toList();
  }
}
