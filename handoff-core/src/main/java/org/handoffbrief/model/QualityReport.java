package org.handoffbrief.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the quality gates found in a brief and where it goes for review: each check with its
 * verdict and reason, the review triggers that fired, and the route. A person must review the brief
 * ({@link #reviewRequired()}) exactly when a trigger fired; a failed check alone routes nowhere, it
 * is shown to the CSM with its reason.
 *
 * @param checks every gate that ran, in a fixed order
 * @param triggers the review triggers that fired; empty when none did
 * @param route who must look at the brief before the CSM gets it
 */
public record QualityReport(List<Check> checks, List<Trigger> triggers, Route route) {

  public QualityReport {
    checks = Checks.list(checks, "checks");
    triggers = Checks.list(triggers, "triggers");
    Objects.requireNonNull(route, "route == null");
    if (triggers.isEmpty() != (route == Route.NONE)) {
      throw new IllegalArgumentException("route " + route.wireId() + " does not fit " + triggers.size()
          + " trigger(s); a brief is routed for review exactly when a trigger fired");
    }
  }

  /** True when every check passed. */
  public boolean passed() {
    return checks.stream().allMatch(Check::passed);
  }

  /**
   * True when someone must confirm the brief before the CSM gets it: a trigger fired and the
   * route names who. Written to JSON as {@code quality.reviewRequired}.
   */
  public boolean reviewRequired() {
    return route != Route.NONE;
  }

  /** The checks that failed, in order. */
  public List<Check> failed() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /** Who reviews the brief before it reaches customer success. */
  public enum Route {
    /** Nobody: the brief goes straight to the CSM. */
    NONE,
    /** The account executive who closed the deal. */
    AE,
    /** The AE's sales manager: big, strategic or repeatedly failing accounts. */
    SALES_MANAGER;

    /** The wire form, e.g. {@code sales_manager}. */
    public String wireId() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The route with this wire form. */
    public static Route ofWireId(String wireId) {
      for (Route r : values()) {
        if (r.wireId().equals(wireId)) {
          return r;
        }
      }
      throw new IllegalArgumentException("unknown route '" + wireId + "'; known: none, ae, sales_manager");
    }
  }

  /**
   * One gate's verdict.
   *
   * @param id stable id, e.g. {@code stakeholder_coverage}
   * @param passed whether the brief meets the gate
   * @param reason one sentence a reader sees: what was found or what is missing
   * @param claimIds the claims involved (may be empty)
   * @param evidenceIds the evidence involved, e.g. a ticket no claim cites (may be empty)
   * @param citations the exact words behind a finding, e.g. both sides of a CRM-vs-conversation
   *     contradiction (may be empty)
   */
  public record Check(String id, boolean passed, String reason, List<String> claimIds, List<String> evidenceIds,
      List<Citation> citations) {
    public Check {
      id = Checks.notBlank(id, "id");
      reason = Checks.notBlank(reason, "reason");
      claimIds = Checks.list(claimIds, "claimIds");
      evidenceIds = Checks.list(evidenceIds, "evidenceIds");
      citations = Checks.list(citations, "citations");
    }
  }

  /**
   * A review trigger that fired.
   *
   * @param id stable id, e.g. {@code arr_threshold}
   * @param reason one sentence a reader sees
   * @param claimIds the claims involved (may be empty)
   * @param evidenceIds the evidence involved (may be empty)
   * @param citations the exact words that fired it, e.g. regret language (may be empty)
   */
  public record Trigger(String id, String reason, List<String> claimIds, List<String> evidenceIds,
      List<Citation> citations) {
    public Trigger {
      id = Checks.notBlank(id, "id");
      reason = Checks.notBlank(reason, "reason");
      claimIds = Checks.list(claimIds, "claimIds");
      evidenceIds = Checks.list(evidenceIds, "evidenceIds");
      citations = Checks.list(citations, "citations");
    }
  }
}
