package org.handoffbrief.model;

import java.util.Objects;

/**
 * A region of an evidence text that holds the source's own words exactly as its user sees them in
 * that system: a CRM field's value, a message body, a meeting's title, a speaker's turn. Evidence
 * text may also carry lines a connector composed for readability ("From: ...", "Attendees: ...");
 * those lie outside every source span, so a citation can never quote them.
 *
 * @param field the source field the words come from, as the system names it (a Salesforce field
 *     API name such as {@code StageName}, or {@code subject}, {@code body}, {@code title}); null
 *     when a connector gave its text whole, without naming fields
 * @param start offset of the region's first character in the evidence text
 * @param end offset just past the region's last character
 */
public record SourceSpan(String field, int start, int end) {
  public SourceSpan {
    if (field != null && field.isBlank()) {
      throw new IllegalArgumentException("field is blank; use null when the source field is not named");
    }
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("source span [" + start + ", " + end + ") of " + field + " is empty or negative");
    }
  }

  /** True when {@code [from, to)} lies inside this region. */
  public boolean covers(int from, int to) {
    return from >= start && to <= end;
  }

  static SourceSpan requireInside(SourceSpan s, int textLength, String evidenceId) {
    Objects.requireNonNull(s, "source span == null");
    if (s.end() > textLength) {
      throw new IllegalArgumentException("source span " + s.field() + " [" + s.start() + ", " + s.end()
          + ") is outside evidence " + evidenceId + " (" + textLength + " characters)");
    }
    return s;
  }
}
