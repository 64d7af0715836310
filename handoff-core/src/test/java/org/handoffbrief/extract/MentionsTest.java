package org.handoffbrief.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.handoffbrief.model.Evidence;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which sentences name which people, and what finding them costs. */
class MentionsTest {
  private record Who(String name, String email) {}

  private static int n;

  private static Span sentence(String text) {
    var e = Evidence.builder("slack", "message", "m" + n++).timestamp(OffsetDateTime.parse("2026-03-01T09:00:00Z"))
        .text(text).build();
    return new Span(e, 0, e.text().length());
  }

  private static Map<Who, List<Span>> index(List<Who> people, List<Span> sentences) {
    return Mentions.index(people, Who::name, Who::email, sentences);
  }

  @Test
  void aSentenceNamesAPersonByFullNameOrUniqueFirstNameInAnyCase() {
    var renee = new Who("Renée Okafor", "renee@customer.example");
    var full = sentence("We spoke to RENÉE OKAFOR about the rollout.");
    var first = sentence("renée said the budget is hers.");
    var inside = sentence("The Reneeville office is closed.");
    var nobody = sentence("Nothing about anyone here at all.");
    var found = index(List.of(renee), List.of(full, first, inside, nobody));
    assertEquals(List.of(full, first), found.get(renee));
  }

  @Test
  void aFirstNameTwoPeopleShareNamesNeitherButTheFullNameStillDoes() {
    var a = new Who("Sam Ortiz", "sam.o@customer.example");
    var b = new Who("Sam Lindqvist", "sam.l@customer.example");
    var bare = sentence("Sam will send the security questionnaire.");
    var full = sentence("Sam Lindqvist will send the questionnaire.");
    var found = index(List.of(a, b), List.of(bare, full));
    assertEquals(List.of(), found.get(a));
    assertEquals(List.of(full), found.get(b));
  }

  @Test
  void someoneWithoutANameIsFoundByTheirAddress() {
    var anon = new Who(null, "ops-team@customer.example");
    var s = sentence("Please copy ops-team@customer.example on the export.");
    assertEquals(List.of(s), index(List.of(anon), List.of(s)).get(anon));
  }

  /** A distinct run of letters for each number: names must be words. */
  private static String letters(int i) {
    var out = new StringBuilder();
    do {
      out.append((char) ('a' + i % 26));
      i /= 26;
    } while (i > 0);
    return out.toString();
  }

  private static long checks(int people) {
    var who = new ArrayList<Who>();
    var sentences = new ArrayList<Span>();
    for (int i = 0; i < people; i++) {
      String name = "Pers" + letters(i) + " Surname" + letters(i);
      who.add(new Who(name, "p" + i + "@customer.example"));
    }
    for (int i = 0; i < people * 10; i++) {
      sentences.add(sentence(i % 10 == 0 ? who.get(i / 10).name() + " owns the budget for this."
          : "A routine note about the weekly sync number " + i + "."));
    }
    return Mentions.build(who, Who::name, Who::email, sentences).patternChecks();
  }

  /**
   * Issue 8 item 1: the stakeholder rules find who a sentence names in one pass over the
   * sentences, so ten times the people and ten times the sentences cost ten times the name
   * matches, not a hundred times (every person's pattern against every sentence).
   */
  @Test
  @Tag("reliability")
  void tenTimesThePeopleAndSentencesCostTenTimesTheNameMatches() {
    long n = checks(30);
    long tenN = checks(300);
    assertTrue(n <= 30 * 2, "only sentences holding a name's first word are matched: " + n);
    assertTrue(tenN <= 11 * n, "N " + n + " -> 10N " + tenN);
  }
}
