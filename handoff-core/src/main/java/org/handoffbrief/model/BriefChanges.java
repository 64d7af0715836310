package org.handoffbrief.model;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What changed in an account since its previous brief: new and resolved risks, commitments
 * delivered or overdue, threads closed, stakeholders added, removed or changed. Every item cites
 * the evidence that shows the change, as a claim does. A first brief has none ({@code null} on the
 * brief); a later brief with nothing new has an empty list.
 *
 * @param since the brief this one is compared with
 * @param items what changed, by category (risks, commitments, open threads, stakeholders)
 */
public record BriefChanges(Since since, List<Item> items) {

  public BriefChanges {
    Objects.requireNonNull(since, "since == null");
    items = Checks.list(items, "items");
  }

  /** True when nothing changed since the previous brief. */
  /**
   * The heading a reader sees: "What changed since handoff v1 (2025-03-30)", or "No changes
   * since ..." when nothing did; the day in {@code zone}.
   */
  public String heading(java.time.ZoneId zone) {
    return (isEmpty() ? "No changes since " : "What changed since ") + since.kind().wireId() + " v" + since.version()
        + " (" + java.time.format.DateTimeFormatter.ISO_LOCAL_DATE.withZone(zone).format(since.generatedAt()) + ")";
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  /**
   * The previous brief, as the store knows it.
   *
   * @param briefId its id in the store, {@code <opportunityId>/<kind>/v<version>}
   * @param kind which brief of the account's life it was
   * @param version its version among the opportunity's briefs of that kind, from 1
   * @param generatedAt when it was made
   */
  public record Since(String briefId, BriefKind kind, int version, Instant generatedAt) {
    public Since {
      briefId = Checks.notBlank(briefId, "briefId");
      Objects.requireNonNull(kind, "kind == null");
      if (version < 1) {
        throw new IllegalArgumentException("version " + version + " < 1");
      }
      Objects.requireNonNull(generatedAt, "generatedAt == null");
    }
  }

  /** What a change is about; each maps to a section of the brief. */
  public enum Category {
    RISK(SectionId.RISKS), COMMITMENT(SectionId.COMMITMENTS), OPEN_THREAD(SectionId.OPEN_THREADS),
    STAKEHOLDER(SectionId.STAKEHOLDERS);

    private final SectionId section;

    Category(SectionId section) {
      this.section = section;
    }

    /** The section whose claims are compared for this category. */
    public SectionId section() {
      return section;
    }

    /** The name used in JSON, e.g. {@code open_thread}. */
    public String wireId() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How an item changed. */
  public enum Change {
    /** In this brief, not in the previous one (a risk, commitment or thread). */
    NEW,
    /** A risk the previous brief had that is gone or whose status now reads resolved. */
    RESOLVED,
    /** A commitment no longer listed as open, or marked delivered. */
    DELIVERED,
    /** A commitment whose due date passed since the previous brief, with nothing showing it delivered. */
    OVERDUE,
    /** An open thread that is no longer open. */
    CLOSED,
    /** A stakeholder the previous brief did not have. */
    ADDED,
    /** A stakeholder the previous brief had and this one, whose sources were read, does not. */
    REMOVED,
    /** The same person with another role, title or last touch. */
    CHANGED;

    /** The name used in JSON, e.g. {@code resolved}. */
    public String wireId() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One change.
   *
   * @param category what it is about
   * @param change how it changed
   * @param text the sentence a reader sees
   * @param previousClaimId the claim of the previous brief it is about, or null for a new item
   * @param currentClaimId the claim of this brief it is about, or null for an item that is gone
   * @param citations at least one: a new item's claim citations; a resolved, closed or removed
   *     item's previous citations plus, when there is any, the new evidence that shows it
   */
  public record Item(Category category, Change change, String text, @Nullable String previousClaimId, @Nullable String currentClaimId,
      List<Citation> citations) {
    public Item {
      Objects.requireNonNull(category, "category == null");
      Objects.requireNonNull(change, "change == null");
      text = Checks.notBlank(text, "text");
      previousClaimId = Checks.blankToNull(previousClaimId);
      currentClaimId = Checks.blankToNull(currentClaimId);
      if (previousClaimId == null && currentClaimId == null) {
        throw new IllegalArgumentException("change '" + text + "' names no claim, before or after");
      }
      citations = Checks.list(citations, "citations");
      if (citations.isEmpty()) {
        throw new IllegalArgumentException("change '" + text + "' has no citation; every change cites its evidence");
      }
    }
  }
}
