package org.handoffbrief.extract;

import java.util.List;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.SectionId;

/**
 * One CRM field the conversations contradict, as {@link ExtractionInput#contradictions} finds it.
 *
 * @param field the handoff field's label as the org named it ("Seats", "Competitor")
 * @param crmValue the CRM's value, or null when the field is blank
 * @param section where the claim belongs
 * @param message a sentence a reader sees
 * @param citations the CRM field (or, for a blank field, the record's name) first, then the
 *     conversation that says otherwise
 */
public record Contradiction(String field, String crmValue, SectionId section, String message,
    List<Citation> citations) {}
