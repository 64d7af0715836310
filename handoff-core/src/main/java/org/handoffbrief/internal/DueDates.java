package org.handoffbrief.internal;

import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the due date in a promise ("by Q2", "end of March", "within 6 weeks", "by May 15")
 * against the date the words were written. A date with no year that would fall well before the
 * message is read as next year's.
 */
public final class DueDates {
  private DueDates() {}

  /** A resolved due date and the words it came from. */
  public record Due(LocalDate date, String phrase) {}

  private static final String MONTHS = "(january|february|march|april|may|june|july|august|september|october"
      + "|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)";
  private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
  private static final Pattern END_OF_MONTH = Pattern.compile("\\bend of " + MONTHS + "\\b(?:,? (\\d{4}))?");
  private static final Pattern MONTH_DAY = Pattern.compile(
      "\\b(?:by|before|on|until|no later than|due)\\s+(?:" + MONTHS + "\\.? (\\d{1,2})(?:st|nd|rd|th)?|(\\d{1,2})(?:st|nd|rd|th)? "
          + MONTHS + ")\\b(?:,? (\\d{4}))?");
  private static final Pattern QUARTER = Pattern.compile("\\b(?:by|in|before|end of|for)\\s+(?:the end of\\s+|end of\\s+)?q([1-4])\\b(?:\\s*'?(\\d{2,4}))?");
  private static final Pattern WITHIN = Pattern.compile(
      "\\b(?:within|in)\\s+(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\\s+(business days|days|weeks|months)\\b");
  private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("one", 1), Map.entry("two", 2),
      Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
      Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("twelve", 12));

  /** The first due date stated in {@code sentence}, resolved against {@code written}. */
  public static Optional<Due> find(String sentence, LocalDate written) {
    String s = sentence.toLowerCase(Locale.ROOT);
    Matcher m = ISO.matcher(s);
    if (m.find()) {
      try {
        return Optional.of(new Due(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3))), sentence.substring(m.start(), m.end())));
      } catch (java.time.DateTimeException ignored) {
        // not a real date: keep looking for another form
      }
    }
    m = END_OF_MONTH.matcher(s);
    if (m.find()) {
      Month month = month(m.group(1));
      int year = m.group(2) != null ? Integer.parseInt(m.group(2)) : yearFor(month, 31, written);
      return Optional.of(new Due(LocalDate.of(year, month, 1).with(TemporalAdjusters.lastDayOfMonth()),
          sentence.substring(m.start(), m.end())));
    }
    m = MONTH_DAY.matcher(s);
    if (m.find()) {
      Month month = month(m.group(1) != null ? m.group(1) : m.group(4));
      int day = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(3));
      if (day >= 1 && day <= month.maxLength()) {
        int year = m.group(5) != null ? Integer.parseInt(m.group(5)) : yearFor(month, day, written);
        if (day <= LocalDate.of(year, month, 1).lengthOfMonth()) {
          return Optional.of(new Due(LocalDate.of(year, month, day), sentence.substring(m.start(), m.end())));
        }
      }
    }
    m = QUARTER.matcher(s);
    if (m.find()) {
      int q = Integer.parseInt(m.group(1));
      int year;
      if (m.group(2) != null) {
        year = Integer.parseInt(m.group(2));
        year = year < 100 ? 2000 + year : year;
      } else {
        year = written.getYear();
        if (q * 3 < written.getMonthValue()) {
          year++;
        }
      }
      LocalDate end = LocalDate.of(year, q * 3, 1).with(TemporalAdjusters.lastDayOfMonth());
      return Optional.of(new Due(end, sentence.substring(m.start(), m.end())));
    }
    m = WITHIN.matcher(s);
    if (m.find()) {
      String n = m.group(1);
      int count = Character.isDigit(n.charAt(0)) ? Integer.parseInt(n) : NUMBERS.get(n);
      LocalDate due = switch (m.group(2)) {
        case "days" -> written.plusDays(count);
        case "business days" -> plusBusinessDays(written, count);
        case "weeks" -> written.plusWeeks(count);
        default -> written.plusMonths(count);
      };
      return Optional.of(new Due(due, sentence.substring(m.start(), m.end())));
    }
    return Optional.empty();
  }

  private static int yearFor(Month month, int day, LocalDate written) {
    LocalDate candidate = LocalDate.of(written.getYear(), month, Math.min(day, month.length(written.isLeapYear())));
    // "by March 31" written in November means next March; a few weeks back is a slip, not next year.
    return candidate.isBefore(written.minusMonths(2)) ? written.getYear() + 1 : written.getYear();
  }

  private static Month month(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (Month m : Month.values()) {
      if (m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT).startsWith(n.substring(0, 3))) {
        return m;
      }
    }
    throw new IllegalArgumentException("not a month: " + name);
  }

  private static LocalDate plusBusinessDays(LocalDate from, int days) {
    LocalDate d = from;
    int added = 0;
    while (added < days) {
      d = d.plusDays(1);
      if (d.getDayOfWeek().getValue() < 6) {
        added++;
      }
    }
    return d;
  }
}
