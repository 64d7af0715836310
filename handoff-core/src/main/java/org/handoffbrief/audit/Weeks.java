package org.handoffbrief.audit;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ISO weeks in UTC, named {@code 2026-W14}: Monday 00:00 UTC to the next Monday. */
public final class Weeks {
  private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

  private Weeks() {}

  /** The week {@code day} is in. */
  public static String of(LocalDate day) {
    return String.format(Locale.ROOT, "%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
        day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /** The week {@code at} is in, in UTC. */
  public static String of(Instant at) {
    return of(at.atOffset(ZoneOffset.UTC).toLocalDate());
  }

  /** The Monday the week starts on. */
  public static LocalDate monday(String week) {
    Matcher m = WEEK.matcher(week == null ? "" : week);
    if (!m.matches()) {
      throw new IllegalArgumentException("a week is written like 2026-W14, not '" + week + "'");
    }
    LocalDate jan4 = LocalDate.of(Integer.parseInt(m.group(1)), 1, 4);
    return jan4.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(Integer.parseInt(m.group(2)) - 1L);
  }

  /** When the week starts (inclusive). */
  public static Instant start(String week) {
    return monday(week).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /** When the week ends (exclusive): the next week's start. */
  public static Instant end(String week) {
    return monday(week).plusWeeks(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /** The week {@code n} weeks before this one. */
  public static String minus(String week, int n) {
    return of(monday(week).minusWeeks(n));
  }
}
