package org.handoffbrief.retrieval;

import java.util.List;
import java.util.Objects;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.SourceReport;

/** What reading one source produced: its evidence (empty on failure) and its report. */
public record SourceOutcome(List<Evidence> evidence, SourceReport report) {
  public SourceOutcome {
    evidence = List.copyOf(evidence);
    Objects.requireNonNull(report, "report == null");
  }
}
