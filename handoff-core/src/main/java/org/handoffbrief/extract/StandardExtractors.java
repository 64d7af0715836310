package org.handoffbrief.extract;

import java.util.List;

/**
 * The built-in, deterministic extractors, one per section, in template order. Each is a set of
 * small rules over the evidence, explainable and free of network calls.
 */
public final class StandardExtractors {
  private StandardExtractors() {}

  /**
   * A new instance of each built-in extractor, in template order. {@code Handoff} always runs
   * these first; an extractor a user adds ({@code Handoff.Builder.extractor}) runs after them.
   */
  public static List<SectionExtractor> all() {
    return List.of(new AccountSnapshotExtractor(), new TemplateVariantExtractor(), new WhyTheyBoughtExtractor(),
        new StakeholderExtractor(), new DealHistoryExtractor(), new CommitmentExtractor(), new RiskExtractor(), new OpenThreadExtractor(),
        new ContradictionExtractor(), new SourceCoverageExtractor());
  }
}
