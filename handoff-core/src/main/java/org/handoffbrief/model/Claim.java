package org.handoffbrief.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One statement in the brief, with the evidence that supports it. A claim without a citation
 * cannot be made.
 *
 * @param id stable within the brief (e.g. {@code stakeholders.economic_buyer.1})
 * @param section the section it belongs to
 * @param text the statement a reader sees
 * @param attributes structured facts behind the statement (stakeholder claims carry
 *     {@code role}, {@code name}, {@code email}, {@code title}, {@code lastTouch})
 * @param citations at least one
 */
public record Claim(String id, SectionId section, String text, Map<String, String> attributes,
    List<Citation> citations) {

  public Claim {
    id = Checks.notBlank(id, "id");
    Objects.requireNonNull(section, "section == null");
    text = Checks.notBlank(text, "text");
    attributes = Checks.map(attributes, "attributes");
    citations = Checks.list(citations, "citations");
    if (citations.isEmpty()) {
      throw new IllegalArgumentException("claim " + id + " has no citation; every claim cites its source");
    }
  }

  /** The same claim with other citations. */
  public Claim withCitations(List<Citation> citations) {
    return new Claim(id, section, text, attributes, citations);
  }
}
