package org.handoffbrief.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The spot-check's numbers for one week, made by {@link AuditMetrics#report}; {@link #toJson()}
 * for machines, {@link #toHtml()} for people (a page with an inline SVG chart of the weekly pass
 * rate and its intervals, no script).
 *
 * @param week the week reported
 * @param weekly the pass rate of each of the last weeks, oldest first
 * @param rolling the rolling 4-week pass rate
 * @param bySystem the rolling rate per cited source system: which source's citations hold up
 * @param bySection the rolling rate per section: which extractor is weakest
 * @param reviews how the AE reviews of the briefs delivered in the window came out
 * @param kickoffs time to productive kickoff of the opportunities delivered in the window
 * @param missed the CSMs' answers of the week to "what would you have missed?"
 */
public record AuditReport(String week, List<WeekRate> weekly, PassRate rolling, Map<String, PassRate> bySystem,
    Map<String, PassRate> bySection, ReviewOutcomes reviews, List<Kickoff> kickoffs, List<Missed> missed) {

  public AuditReport {
    weekly = List.copyOf(weekly);
    bySystem = Map.copyOf(bySystem);
    bySection = Map.copyOf(bySection);
    kickoffs = List.copyOf(kickoffs);
    missed = List.copyOf(missed);
  }

  /** One week's pass rate. */
  public record WeekRate(String week, PassRate rate) {}

  /** Review outcomes: counts, and each as a share of the total. */
  public record ReviewOutcomes(int confirmedUnchanged, int flagged, int timedOut) {
    /** All briefs counted. */
    public int total() {
      return confirmedUnchanged + flagged + timedOut;
    }

    /** {@code count} as a share of {@link #total()}; 0 when there is none. */
    public double share(int count) {
      return total() == 0 ? 0 : (double) count / total();
    }
  }

  /** An opportunity's time to productive kickoff; the session and days null while no signal shows one. */
  public record Kickoff(String opportunityId, LocalDate closedWon, LocalDate firstValueSession, Integer days) {}

  /** A CSM's answer to "what would you have missed without this brief?". */
  public record Missed(String questionId, String briefId, String answeredBy, String text) {}

  /** The median days to kickoff of those that have one; null when none has. */
  public Double medianDaysToKickoff() {
    List<Integer> d = kickoffs.stream().map(Kickoff::days).filter(x -> x != null).sorted().toList();
    if (d.isEmpty()) {
      return null;
    }
    int m = d.size() / 2;
    return d.size() % 2 == 1 ? d.get(m) : (d.get(m - 1) + d.get(m)) / 2.0;
  }

  /** The report as JSON; a rate with no counted answers is null, not NaN. */
  public String toJson() {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("week", week);
    var weeks = root.putArray("weekly");
    weekly.forEach(w -> rate(weeks.addObject().put("week", w.week()), w.rate()));
    rate(root.putObject("rolling4Weeks"), rolling);
    ObjectNode systems = root.putObject("bySystem");
    bySystem.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> rate(systems.putObject(e.getKey()), e.getValue()));
    ObjectNode sections = root.putObject("bySection");
    bySection.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> rate(sections.putObject(e.getKey()), e.getValue()));
    root.putObject("reviewOutcomes").put("confirmedUnchanged", reviews.confirmedUnchanged())
        .put("flagged", reviews.flagged()).put("timedOut", reviews.timedOut()).put("total", reviews.total());
    ObjectNode k = root.putObject("timeToKickoff");
    Double median = medianDaysToKickoff();
    if (median == null) {
      k.putNull("medianDays");
    } else {
      k.put("medianDays", median);
    }
    var list = k.putArray("opportunities");
    for (Kickoff x : kickoffs) {
      ObjectNode o = list.addObject().put("opportunityId", x.opportunityId());
      o.put("closedWon", x.closedWon() == null ? null : x.closedWon().toString());
      o.put("firstValueSession", x.firstValueSession() == null ? null : x.firstValueSession().toString());
      o.put("days", x.days());
    }
    var m = root.putArray("missedWithoutBrief");
    missed.forEach(x -> m.addObject().put("questionId", x.questionId()).put("briefId", x.briefId())
        .put("answeredBy", x.answeredBy()).put("text", x.text()));
    try {
      return json.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always writes", e);
    }
  }

  private static void rate(ObjectNode node, PassRate r) {
    node.put("supports", r.supports()).put("doesNotSupport", r.doesNotSupport()).put("unsure", r.unsure())
        .put("n", r.n());
    if (r.n() == 0) {
      node.putNull("rate");
    } else {
      node.put("rate", round(r.rate()));
    }
    node.put("ciLow", round(r.lower())).put("ciHigh", round(r.upper()));
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

  /** The report as one HTML page with an inline SVG chart of the weekly pass rate (no script). */
  public String toHtml() {
    var h = new StringBuilder(4096);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Citation audit ")
        .append(esc(week)).append("</title></head><body>\n<h1>Citation audit, week ").append(esc(week)).append("</h1>\n");
    h.append("<p>Rolling 4 weeks: <strong>").append(esc(rolling.toString())).append("</strong>. Unsure answers ("
        + rolling.unsure() + ") count in neither side.</p>\n");
    h.append(chart());
    table(h, "By source system", bySystem);
    table(h, "By section", bySection);
    h.append("<h2>Review outcomes</h2>\n<p>Confirmed unchanged ").append(reviews.confirmedUnchanged())
        .append(", flagged ").append(reviews.flagged()).append(", timed out ").append(reviews.timedOut())
        .append(" of ").append(reviews.total()).append(".</p>\n");
    Double median = medianDaysToKickoff();
    h.append("<h2>Time to productive kickoff</h2>\n<p>Median ").append(median == null ? "n/a" : median + " days")
        .append(" over ").append(kickoffs.stream().filter(x -> x.days() != null).count()).append(" of ")
        .append(kickoffs.size()).append(" opportunities.</p>\n");
    if (!missed.isEmpty()) {
      h.append("<h2>What would you have missed without this brief?</h2>\n<ul>\n");
      missed.forEach(x -> h.append("<li>").append(esc(x.text())).append(" <small>(").append(esc(x.answeredBy()))
          .append(")</small></li>\n"));
      h.append("</ul>\n");
    }
    return h.append("</body></html>\n").toString();
  }

  /** Bars of each week's pass rate with its 95% interval as a whisker; an empty week shows no bar. */
  String chart() {
    int w = 60;
    int height = 200;
    var s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(w * weekly.size() + 40)
        .append("\" height=\"").append(height + 40).append("\"><title>Weekly citation pass rate</title>\n");
    s.append("<line x1=\"30\" y1=\"").append(height).append("\" x2=\"").append(w * weekly.size() + 30)
        .append("\" y2=\"").append(height).append("\" stroke=\"#333\"/>\n");
    for (int i = 0; i < weekly.size(); i++) {
      WeekRate r = weekly.get(i);
      int x = 30 + i * w;
      if (r.rate().n() > 0) {
        int barTop = (int) Math.round(height * (1 - r.rate().rate()));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#4a7\">"
            + "<title>%s: %s</title></rect>\n", x + 10, barTop, w - 20, height - barTop, esc(r.week()), esc(r.rate().toString())));
        int lo = (int) Math.round(height * (1 - r.rate().lower()));
        int hi = (int) Math.round(height * (1 - r.rate().upper()));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#222\"/>\n",
            x + w / 2, hi, x + w / 2, lo));
      }
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>\n",
          x + w / 2, height + 15, esc(r.week().substring(5))));
    }
    return s.append("</svg>\n").toString();
  }

  private static void table(StringBuilder h, String title, Map<String, PassRate> rates) {
    h.append("<h2>").append(esc(title)).append("</h2>\n<table>\n<tr><th></th><th>Pass rate</th></tr>\n");
    rates.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> h.append("<tr><td>")
        .append(esc(e.getKey())).append("</td><td>").append(esc(e.getValue().toString())).append("</td></tr>\n"));
    h.append("</table>\n");
  }

  private static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
