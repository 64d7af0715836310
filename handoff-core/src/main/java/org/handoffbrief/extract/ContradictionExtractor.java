package org.handoffbrief.extract;

import java.util.LinkedHashMap;

/**
 * Each CRM field the conversations contradict becomes a claim in the section it concerns (seats
 * and dates in the snapshot, a competitor in the deal history, a status in the risks), citing the
 * CRM field and the conversation, so the CSM reads both sides before kickoff.
 */
final class ContradictionExtractor implements SectionExtractor {
  @Override
  public java.util.Set<org.handoffbrief.model.SectionId> sections() {
    return java.util.EnumSet.of(org.handoffbrief.model.SectionId.ACCOUNT_SNAPSHOT, org.handoffbrief.model.SectionId.DEAL_HISTORY, org.handoffbrief.model.SectionId.RISKS);
  }

  @Override
  public void extract(ExtractionInput input, BriefDraft draft) {
    for (Contradiction c : input.contradictions()) {
      var attrs = new LinkedHashMap<String, String>();
      attrs.put("kind", "crm_contradiction");
      attrs.put("field", c.field());
      attrs.put("crmValue", c.crmValue() == null ? "(blank)" : c.crmValue());
      draft.claim(c.section(), "contradiction", c.message(), attrs, c.citations());
    }
  }
}
