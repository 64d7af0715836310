package org.handoffbrief.extract;

/**
 * Turns evidence into claims and gaps for one or more sections. Extractors are deterministic
 * rules by default; a model-based summariser plugs in here too, and its claims pass the same
 * citation check as everyone else's before they reach the brief.
 */
@FunctionalInterface
public interface SectionExtractor {

  /** Adds claims and gaps to the draft. Must not throw for odd evidence: skip it instead. */
  void extract(ExtractionInput input, BriefDraft draft);
}
