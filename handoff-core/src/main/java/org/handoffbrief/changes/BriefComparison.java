package org.handoffbrief.changes;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.handoffbrief.model.BriefChanges;
import org.handoffbrief.model.BriefChanges.Category;
import org.handoffbrief.model.BriefChanges.Change;
import org.handoffbrief.model.BriefChanges.Item;
import org.handoffbrief.model.BriefChanges.Since;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.SourceReport;
import org.handoffbrief.store.StoredBrief;

/**
 * What changed between two briefs of the same opportunity: the compounding step that lets a
 * kickoff, 30-day or QBR brief say what happened since the one before.
 *
 * <p>Claims are matched across the two briefs by what identifies them, never by their wording:
 * a stakeholder by email (else by the first evidence cited), a ticket by its id, anything else by
 * the evidence spans it cites (evidence id and quote). Claim ids are not used to match: they are
 * numbered in extraction order, so one new claim renumbers the ones after it.
 *
 * <p>The rules, each simple on purpose:
 * <ul>
 *   <li>risks, commitments and open threads only in the later brief are {@link Change#NEW};
 *   <li>a risk gone from the later brief, or whose {@code status} now reads settled (solved,
 *       closed, resolved, completed, done, delivered), is {@link Change#RESOLVED}; an open thread
 *       likewise {@link Change#CLOSED}; a commitment likewise {@link Change#DELIVERED};
 *   <li>a commitment still listed whose {@code due} date fell between the two briefs is
 *       {@link Change#OVERDUE} (a new one already past due is too);
 *   <li>stakeholders are {@link Change#ADDED}, {@link Change#REMOVED}, or {@link Change#CHANGED}
 *       when the same person has another role, title or last touch.
 * </ul>
 * A claim is only called gone when every system it cited was read in full ({@code ok}) for the
 * later brief: a source that failed this time says nothing about whether a risk was resolved.
 */
public final class BriefComparison {

  /** Status words that mean an item is settled: a ticket solved, a task completed. */
  private static final Pattern SETTLED =
      Pattern.compile("\\b(?:solved|closed|resolved|completed?|done|delivered|cancell?ed)\\b");
  /** At most this many new citations are added to show how a gone item was settled. */
  static final int MAX_RESOLUTION_CITATIONS = 3;

  private BriefComparison() {}

  /** What changed in {@code current} since the stored {@code previous} brief. */
  public static BriefChanges compare(StoredBrief previous, HandoffBrief current) {
    Objects.requireNonNull(previous, "previous == null");
    HandoffBrief before = previous.brief();
    return compare(new Since(previous.briefId(), previous.kind(), previous.version(), before.generatedAt()), before,
        current);
  }

  /**
   * What changed in {@code current} since {@code previous}, which {@code since} names.
   *
   * @throws IllegalArgumentException when the two briefs are of different opportunities
   */
  public static BriefChanges compare(Since since, HandoffBrief previous, HandoffBrief current) {
    Objects.requireNonNull(since, "since == null");
    Objects.requireNonNull(previous, "previous == null");
    Objects.requireNonNull(current, "current == null");
    if (!previous.opportunityId().equals(current.opportunityId())) {
      throw new IllegalArgumentException("cannot compare briefs of two opportunities: " + previous.opportunityId()
          + " and " + current.opportunityId());
    }
    var comparison = new Comparison(previous, current);
    var items = new ArrayList<Item>();
    comparison.items(Category.RISK, Change.RESOLVED, "Resolved: ", "Resolved (no longer found in the sources): ",
        items);
    comparison.items(Category.COMMITMENT, Change.DELIVERED, "Delivered: ",
        "Delivered or no longer open (no longer found in the sources): ", items);
    comparison.items(Category.OPEN_THREAD, Change.CLOSED, "Closed: ", "Closed (no longer found in the sources): ",
        items);
    comparison.stakeholders(items);
    return new BriefChanges(since, items);
  }

  private static final class Comparison {
    private final HandoffBrief previous;
    private final HandoffBrief current;
    private final LocalDate previousDay;
    private final LocalDate currentDay;

    Comparison(HandoffBrief previous, HandoffBrief current) {
      this.previous = previous;
      this.current = current;
      // Due dates are calendar days; briefs carry no org zone, so both ends are read in UTC.
      this.previousDay = LocalDate.ofInstant(previous.generatedAt(), ZoneOffset.UTC);
      this.currentDay = LocalDate.ofInstant(current.generatedAt(), ZoneOffset.UTC);
    }

    /** Risks, commitments and open threads: new, settled (by status or gone) and overdue. */
    void items(Category category, Change settled, String settledPrefix, String gonePrefix, List<Item> out) {
      List<Claim> before = previous.section(category.section()).claims();
      List<Claim> after = current.section(category.section()).claims();
      Map<Claim, Claim> matched = match(before, after);
      for (Claim now : after) {
        Claim then = matched.get(now);
        if (then != null && isSettled(now) && !isSettled(then)) {
          out.add(new Item(category, settled, settledPrefix + now.text(), then.id(), now.id(),
              union(then.citations(), now.citations())));
        } else if (category == Category.COMMITMENT && !isSettled(now) && becameOverdue(now, then == null)) {
          out.add(new Item(category, Change.OVERDUE, "Overdue (due " + now.attributes().get("due") + "): "
              + now.text(), then == null ? null : then.id(), now.id(), now.citations()));
        } else if (then == null) {
          out.add(new Item(category, Change.NEW, "New: " + now.text(), null, now.id(), now.citations()));
        }
      }
      var stillThere = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<Claim, Boolean>());
      stillThere.addAll(matched.values());
      for (Claim then : before) {
        if (!stillThere.contains(then) && !isSettled(then) && sourcesRead(then)) {
          out.add(new Item(category, settled, gonePrefix + then.text(), then.id(), null,
              union(then.citations(), resolutionEvidence(then))));
        }
      }
    }

    /** Stakeholders: the same person in the same role, then in another role, then added or removed. */
    void stakeholders(List<Item> out) {
      List<Claim> before = people(previous);
      List<Claim> after = people(current);
      var pairs = new java.util.IdentityHashMap<Claim, Claim>();
      var taken = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<Claim, Boolean>());
      for (boolean sameRole : new boolean[] {true, false}) {
        for (Claim now : after) {
          if (pairs.containsKey(now)) {
            continue;
          }
          before.stream().filter(then -> !taken.contains(then) && person(then).equals(person(now))
              && (!sameRole || Objects.equals(attr(then, "role"), attr(now, "role")))).findFirst().ifPresent(then -> {
                pairs.put(now, then);
                taken.add(then);
              });
        }
      }
      for (Claim now : after) {
        Claim then = pairs.get(now);
        if (then == null) {
          out.add(new Item(Category.STAKEHOLDER, Change.ADDED, "New stakeholder (" + role(now) + "): " + now.text(),
              null, now.id(), now.citations()));
          continue;
        }
        var diffs = new ArrayList<String>();
        difference(diffs, "role", role(then), role(now));
        difference(diffs, "title", attr(then, "title"), attr(now, "title"));
        difference(diffs, "last touch", attr(then, "lastTouch"), attr(now, "lastTouch"));
        if (!diffs.isEmpty()) {
          out.add(new Item(Category.STAKEHOLDER, Change.CHANGED, who(now) + ": " + String.join("; ", diffs),
              then.id(), now.id(), now.citations()));
        }
      }
      for (Claim then : before) {
        if (!taken.contains(then) && sourcesRead(then)) {
          out.add(new Item(Category.STAKEHOLDER, Change.REMOVED, "No longer in the stakeholder map (was "
              + role(then) + "): " + then.text(), then.id(), null, then.citations()));
        }
      }
    }

    private static void difference(List<String> diffs, String what, String before, String after) {
      // A value the later brief lacks is a source that said less this time, not a change.
      if (after != null && !after.equals(before)) {
        diffs.add(before == null ? what + " now " + after : what + " " + before + " \u2192 " + after);
      }
    }

    /**
     * A commitment whose due date passed between the two briefs; a new one counts when it is
     * already past due, since the previous brief did not show it at all.
     */
    private boolean becameOverdue(Claim commitment, boolean isNew) {
      LocalDate due = date(commitment.attributes().get("due"));
      return due != null && due.isBefore(currentDay) && (isNew || !due.isBefore(previousDay));
    }

    /** Whether every system the claim cites was read in full for the later brief. */
    private boolean sourcesRead(Claim claim) {
      for (Citation c : claim.citations()) {
        boolean ok = current.sources().stream()
            .anyMatch(r -> r.system().equals(c.system()) && r.status() == SourceReport.Status.OK);
        if (!ok) {
          return false;
        }
      }
      return true;
    }

    /**
     * Citations of the later brief on the same evidence as the gone claim, but a span it did not
     * cite: the same ticket with a new status, the same task now completed.
     */
    private List<Citation> resolutionEvidence(Claim gone) {
      Set<String> evidence = new LinkedHashSet<>();
      Set<String> spans = new LinkedHashSet<>();
      gone.citations().forEach(c -> {
        evidence.add(c.evidenceId());
        spans.add(span(c));
      });
      var out = new LinkedHashMap<String, Citation>();
      for (Claim c : current.claims()) {
        for (Citation cite : c.citations()) {
          if (evidence.contains(cite.evidenceId()) && !spans.contains(span(cite)) && out.size() < MAX_RESOLUTION_CITATIONS) {
            out.putIfAbsent(span(cite), cite);
          }
        }
      }
      return List.copyOf(out.values());
    }
  }

  /**
   * Pairs each claim of {@code after} with the claim of {@code before} it continues: the first
   * not yet paired that shares an identity key with it.
   */
  static Map<Claim, Claim> match(List<Claim> before, List<Claim> after) {
    var pairs = new java.util.IdentityHashMap<Claim, Claim>();
    var taken = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<Claim, Boolean>());
    for (Claim now : after) {
      Set<String> keys = keys(now);
      for (Claim then : before) {
        if (!taken.contains(then) && !java.util.Collections.disjoint(keys, keys(then))) {
          pairs.put(now, then);
          taken.add(then);
          break;
        }
      }
    }
    return pairs;
  }

  /** What identifies a claim across briefs: its ticket, and every evidence span it cites. */
  static Set<String> keys(Claim claim) {
    var keys = new LinkedHashSet<String>();
    String ticket = claim.attributes().get("ticket");
    if (ticket != null) {
      keys.add("ticket:" + ticket);
    }
    claim.citations().forEach(c -> keys.add(span(c)));
    return keys;
  }

  private static String span(Citation c) {
    return "cite:" + c.evidenceId() + '\u0000' + c.quote();
  }

  /** The stakeholder claims: those that name a role. */
  private static List<Claim> people(HandoffBrief brief) {
    return brief.section(Category.STAKEHOLDER.section()).claims().stream()
        .filter(c -> c.attributes().containsKey("role")).toList();
  }

  /** Who a stakeholder claim is about: the email, else the first evidence span it cites. */
  private static String person(Claim claim) {
    String email = claim.attributes().get("email");
    return email != null ? "email:" + email.strip().toLowerCase(Locale.ROOT) : span(claim.citations().get(0));
  }

  private static String who(Claim claim) {
    String name = claim.attributes().get("name");
    return name != null ? name : claim.attributes().getOrDefault("email", claim.text());
  }

  private static String role(Claim claim) {
    String role = claim.attributes().get("role");
    return role == null ? null : role.replace('_', ' ');
  }

  private static String attr(Claim claim, String name) {
    return claim.attributes().get(name);
  }

  private static boolean isSettled(Claim claim) {
    String status = claim.attributes().get("status");
    return status != null && SETTLED.matcher(status.toLowerCase(Locale.ROOT)).find();
  }

  private static LocalDate date(String text) {
    if (text == null || text.length() < 10) {
      return null;
    }
    try {
      return LocalDate.parse(text.substring(0, 10));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Both lists, each span once, {@code first}'s first. */
  private static List<Citation> union(List<Citation> first, List<Citation> second) {
    var out = new LinkedHashMap<String, Citation>();
    first.forEach(c -> out.putIfAbsent(span(c), c));
    second.forEach(c -> out.putIfAbsent(span(c), c));
    return List.copyOf(out.values());
  }
}
