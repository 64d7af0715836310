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

  /**
   * The sections this extractor adds claims or gaps to. When the brief's deadline stops or skips
   * the extractor, these sections get a {@code deadline_passed} gap: they may lack what it would
   * have found. By default every section, which is always safe.
   */
  default java.util.Set<org.handoffbrief.model.SectionId> sections() {
    return java.util.EnumSet.allOf(org.handoffbrief.model.SectionId.class);
  }
}
