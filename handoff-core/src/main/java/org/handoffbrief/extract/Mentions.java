package org.handoffbrief.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which sentences name which people, found in one pass over the sentences: each word of a sentence
 * is looked up among the words a name starts with, and only a sentence holding such a word is
 * matched against that person's name pattern. Asking every person's pattern of every sentence
 * cost people x sentences, and a large deal has both in thousands.
 */
final class Mentions<P> {
  private final Map<P, List<Span>> byPerson = new LinkedHashMap<>();
  /** How many times a name pattern was matched against a sentence: what the index saves. */
  private long patternChecks;

  private Mentions() {}

  /** The people's mentions; each list holds the sentences in the order given. */
  static <P> Map<P, List<Span>> index(List<P> people, Function<P, String> name, Function<P, String> email,
      List<Span> sentences) {
    return build(people, name, email, sentences).byPerson;
  }

  static <P> Mentions<P> build(List<P> people, Function<P, String> name, Function<P, String> email,
      List<Span> sentences) {
    var m = new Mentions<P>();
    // Name patterns keyed by the first word of each way of writing the name; a name that does not
    // start with a letter cannot be keyed that way and is matched against every sentence.
    var byFirstWord = new HashMap<String, List<Map.Entry<P, Pattern>>>();
    var always = new ArrayList<Map.Entry<P, Pattern>>();
    for (P p : people) {
      m.byPerson.put(p, new ArrayList<>());
      List<String> alternatives = alternatives(p, people, name, email);
      var entry = Map.entry(p, pattern(alternatives));
      for (String a : alternatives) {
        String word = firstWord(a, 0);
        if (word == null || word.length() != word.codePointCount(0, word.length())) {
          always.add(entry);
        } else {
          byFirstWord.computeIfAbsent(word, k -> new ArrayList<>()).add(entry);
        }
      }
    }
    for (Span s : sentences) {
      String text = s.text();
      var candidates = new LinkedHashSet<Map.Entry<P, Pattern>>(always);
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        if (!Character.isLetter(cp)) {
          i += Character.charCount(cp);
          continue;
        }
        String word = firstWord(text, i);
        candidates.addAll(byFirstWord.getOrDefault(word, List.of()));
        i += word.length();
      }
      for (var c : candidates) {
        m.patternChecks++;
        if (c.getValue().matcher(text).find()) {
          m.byPerson.get(c.getKey()).add(s);
        }
      }
    }
    return m;
  }

  Map<P, List<Span>> byPerson() {
    return byPerson;
  }

  long patternChecks() {
    return patternChecks;
  }

  /**
   * Their full name, or their first name when no other candidate shares it, as a whole word; case
   * and accents as written.
   */
  private static <P> List<String> alternatives(P p, List<P> all, Function<P, String> name, Function<P, String> email) {
    String full = name.apply(p) == null ? email.apply(p) : name.apply(p);
    String first = full.split("[\\s@.]+")[0];
    boolean unique = first.length() > 2 && all.stream().filter(o -> o != p && name.apply(o) != null)
        .noneMatch(o -> name.apply(o).split("\\s+")[0].equalsIgnoreCase(first));
    return unique ? List.of(full, first) : List.of(full);
  }

  private static Pattern pattern(List<String> alternatives) {
    String regex = String.join("|", alternatives.stream().map(Pattern::quote).toList());
    return Pattern.compile("(?<![\\p{L}])(?:" + regex + ")(?![\\p{L}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /**
   * The run of letters starting at {@code from}, case-folded the way the name patterns compare
   * letters (upper then lower case, letter by letter), or null when none starts there. Folding
   * keeps the length, so the caller can step over the run.
   */
  private static String firstWord(String text, int from) {
    var out = new StringBuilder();
    int i = from;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (!Character.isLetter(cp)) {
        break;
      }
      int folded = Character.toLowerCase(Character.toUpperCase(cp));
      if (Character.charCount(folded) != Character.charCount(cp)) {
        folded = cp; // keeps the length; names with letters beyond the BMP are not keyed (see build)
      }
      out.appendCodePoint(folded);
      i += Character.charCount(cp);
    }
    return i == from ? null : out.toString();
  }
}
