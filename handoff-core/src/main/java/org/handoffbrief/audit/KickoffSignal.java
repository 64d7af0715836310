package org.handoffbrief.audit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.HandoffBrief;

/**
 * Where the first value session of a won deal is read from, for "time to productive kickoff".
 * Reads what the store already has: every stored brief of the opportunity, the handoff brief and
 * any later one (a kickoff or a QBR brief cites the calendar and the CRM as they are by then).
 * A success-plan milestone is not read by the library yet: a host that keeps one implements this
 * interface over it.
 */
@FunctionalInterface
public interface KickoffSignal {

  /**
   * The day of the first value session on or after {@code closedWon}, if the briefs show one.
   *
   * @param closedWon the day the deal closed
   * @param briefs every stored brief of the opportunity, oldest first
   */
  Optional<LocalDate> firstValueSession(LocalDate closedWon, List<HandoffBrief> briefs);

  /**
   * A calendar event whose cited words match {@code titlePattern} (e.g. {@code (?i)kickoff|onboarding}):
   * a citation of a record whose kind (the middle part of its evidence id, {@code system:kind:id})
   * contains "event", dated by the record's timestamp (an event's start).
   */
  static KickoffSignal calendarTitle(Pattern titlePattern) {
    Objects.requireNonNull(titlePattern, "titlePattern == null");
    return (closedWon, briefs) -> earliest(closedWon, briefs, c -> {
      String[] parts = c.evidenceId().split(":", 3);
      boolean event = parts.length == 3 && parts[1].toLowerCase(Locale.ROOT).contains("event");
      return event && titlePattern.matcher(c.quote()).find() ? c.timestamp().toLocalDate() : null;
    });
  }

  /**
   * A CRM date field, e.g. {@code Kickoff_Date__c}: a citation of that field (its {@link
   * Citation#field()}) whose quote starts with an ISO date, or a claim attribute of that name
   * holding one.
   */
  static KickoffSignal crmField(String field) {
    Objects.requireNonNull(field, "field == null");
    return (closedWon, briefs) -> {
      Optional<LocalDate> cited = earliest(closedWon, briefs,
          c -> field.equalsIgnoreCase(c.field()) ? isoDate(c.quote()) : null);
      if (cited.isPresent()) {
        return cited;
      }
      return briefs.stream().flatMap(b -> b.claims().stream()).map(cl -> isoDate(cl.attributes().get(field)))
          .filter(d -> d != null && !d.isBefore(closedWon)).min(LocalDate::compareTo);
    };
  }

  /**
   * The day the deal closed as the briefs recorded it: the {@code closeDate} attribute of the
   * account snapshot's close claim, from the oldest brief that has one.
   */
  static Optional<LocalDate> closedWon(List<HandoffBrief> briefs) {
    for (HandoffBrief b : briefs) {
      for (Claim c : b.claims()) {
        LocalDate d = isoDate(c.attributes().get("closeDate"));
        if (d != null) {
          return Optional.of(d);
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<LocalDate> earliest(LocalDate closedWon, List<HandoffBrief> briefs,
      java.util.function.Function<Citation, LocalDate> dateOf) {
    return briefs.stream().flatMap(b -> b.claims().stream()).flatMap(cl -> cl.citations().stream()).map(dateOf)
        .filter(d -> d != null && !d.isBefore(closedWon)).min(LocalDate::compareTo);
  }

  private static LocalDate isoDate(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = Pattern.compile("^\\s*(\\d{4}-\\d{2}-\\d{2})").matcher(text);
    if (!m.find()) {
      return null;
    }
    try {
      return LocalDate.parse(m.group(1));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
