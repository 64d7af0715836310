package org.handoffbrief.render;

import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.HandoffBrief;

/**
 * The numbered citations of one brief, shared by the human-readable renderers. The same span of
 * the same evidence cited by two claims gets one number, so a reader sees each source once.
 */
final class Footnotes {
  private final Map<String, Integer> numbers = new LinkedHashMap<>();
  private final List<Citation> citations = new ArrayList<>();

  Footnotes(HandoffBrief brief) {
    for (Claim claim : brief.claims()) {
      claim.citations().forEach(this::add);
    }
    // Quality findings are numbered after the claims, so a brief's claim footnotes keep the
    // numbers they had before the gates ran.
    if (brief.quality() != null) {
      brief.quality().checks().forEach(c -> c.citations().forEach(this::add));
      brief.quality().triggers().forEach(t -> t.citations().forEach(this::add));
    }
    // Changes since the previous brief come last for the same reason: most of their citations are
    // the claims' own, and keep their numbers.
    if (brief.changes() != null) {
      brief.changes().items().forEach(i -> i.citations().forEach(this::add));
    }
  }

  private void add(Citation c) {
    numbers.computeIfAbsent(key(c), k -> {
      citations.add(c);
      return citations.size();
    });
  }

  /** The citation's number, from 1. */
  int number(Citation c) {
    return numbers.get(key(c));
  }

  /** Every citation, in number order. */
  List<Citation> all() {
    return citations;
  }

  private static String key(Citation c) {
    return c.evidenceId() + '\u0000' + c.start() + '\u0000' + c.end();
  }

  /**
   * The citation's link if it is safe to put in front of a reader, else null. Only absolute
   * http(s) links qualify: evidence comes from outside, and a {@code javascript:} or
   * {@code data:} link in a brief would run in the reader's browser.
   */
  static String safeLink(URI uri) {
    if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
      return null;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("http") || scheme.equals("https") ? uri.toASCIIString() : null;
  }

  /** Formats a moment for a reader in {@code zone}, e.g. {@code 2025-03-08 15:15 UTC}. */
  static String time(TemporalAccessor moment, ZoneId zone) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ROOT).withZone(zone).format(moment);
  }

  /** Collapses whitespace (quotes may span lines) and drops control characters. */
  static String oneLine(String text) {
    return text.replaceAll("[\\p{Cntrl}\\s\\u2028\\u2029]+", " ").strip();
  }
}
