package org.handoffbrief.internal.quality;

import org.handoffbrief.quality.ReviewPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.handoffbrief.extract.ExtractionInput;
import org.handoffbrief.model.QualityReport;
import org.handoffbrief.model.QualityReport.Check;
import org.handoffbrief.model.QualityReport.Route;
import org.handoffbrief.model.QualityReport.Trigger;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;

/**
 * Runs the quality gates over a finished brief and decides its review route. Deterministic: the
 * same sections, evidence and history give the same report.
 *
 * <p>Gates: {@code stakeholder_coverage}, {@code commitment_extraction}, {@code support_during_cycle},
 * {@code recency}, {@code crm_conversation_diff}. Triggers: {@code arr_threshold},
 * {@code strategic_logo}, {@code open_security_or_legal}, {@code regret_language},
 * {@code repeated_gate_failure}. Route: {@code sales_manager} for ARR, strategic logos and
 * repeated failure; {@code ae} for any other trigger; {@code none} otherwise.
 */
public final class QualityAssessor {
  private QualityAssessor() {}

  /** Triggers that go past the AE to the sales manager. */
  static final Set<String> MANAGER_TRIGGERS = Set.of("arr_threshold", "strategic_logo", "repeated_gate_failure");

  /**
   * Assesses a brief and records its gate outcome in the policy's history (which is how a second
   * failing brief for the same account is recognised).
   *
   * @param input what the brief was extracted from
   * @param sections the brief's sections after citation verification
   * @param policy thresholds, logos and the history
   */
  public static QualityReport assess(ExtractionInput input, Map<SectionId, Section> sections, ReviewPolicy policy) {
    Objects.requireNonNull(input, "input == null");
    Objects.requireNonNull(sections, "sections == null");
    Objects.requireNonNull(policy, "policy == null");
    List<Check> checks = QualityGates.run(input, sections);
    var triggers = new ArrayList<>(ReviewTriggers.fire(input, sections, policy));
    List<Check> failed = checks.stream().filter(c -> !c.passed()).toList();
    int failures = policy.history().record(input.deal().account().id(), input.deal().opportunity().id(),
        !failed.isEmpty());
    if (!failed.isEmpty() && failures >= 2) {
      triggers.add(new Trigger("repeated_gate_failure", "The gates failed for " + failures + " briefs of "
          + input.deal().account().name() + " (this one: " + String.join(", ", failed.stream().map(Check::id).toList())
          + ").", List.of(), List.of(), List.of()));
    }
    return new QualityReport(checks, triggers, route(triggers));
  }

  static Route route(List<Trigger> triggers) {
    if (triggers.isEmpty()) {
      return Route.NONE;
    }
    return triggers.stream().anyMatch(t -> MANAGER_TRIGGERS.contains(t.id())) ? Route.SALES_MANAGER : Route.AE;
  }
}
