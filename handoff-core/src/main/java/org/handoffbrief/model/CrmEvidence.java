package org.handoffbrief.model;

import java.util.Arrays;
import java.util.List;

/**
 * The shape of CRM evidence, shared by the CRM connector that writes it and the extractors that
 * read it. Kinds are the Salesforce object names; attributes are the Salesforce field API names
 * (relationship fields flattened with a dot, e.g. {@code Owner.Name}), so an integration engineer
 * can trace every attribute to the field it came from.
 *
 * <p>Evidence text is one {@code Label: value} line per populated field, in a fixed order, then a
 * blank line and the free text (description) when there is one. Citations quote whole lines or
 * spans of the free text, so every quote can be traced by eye.
 */
public final class CrmEvidence {
  private CrmEvidence() {}

  /** The system id of Salesforce evidence. */
  public static final String SYSTEM = "salesforce";

  public static final String OPPORTUNITY = "Opportunity";
  public static final String ACCOUNT = "Account";
  public static final String CONTACT_ROLE = "OpportunityContactRole";
  public static final String TEAM_MEMBER = "OpportunityTeamMember";
  public static final String TASK = "Task";
  public static final String EVENT = "Event";
  public static final String STAGE_HISTORY = "OpportunityHistory";
  public static final String FIELD_HISTORY = "OpportunityFieldHistory";

  /**
   * Attribute holding, on Opportunity and Account evidence, the label of a configured handoff
   * field, keyed {@code handoff.<label>}; the value is the field's value as the CRM shows it
   * (relationship lookups as the related record's name, checkboxes {@code true}/{@code false},
   * dates {@code 2025-05-30}, whole numbers without {@code .0}, long text verbatim) and the text
   * carries the line {@code <label>: <value>}. Only fields with a value have this attribute; see
   * {@link #BLANK_HANDOFF_FIELDS} for the rest.
   */
  public static final String HANDOFF_PREFIX = "handoff.";

  /**
   * Attribute, on Opportunity and Account evidence, listing the labels of configured handoff fields
   * that are blank on that record, one label a line, in configured order; absent when none is
   * blank. A blank field is a fact too: CRM saying no competitor while the calls name one is a
   * contradiction worth a claim. Blank fields have no line in the text. Read it with
   * {@link #blankHandoffFields(Evidence)}.
   */
  public static final String BLANK_HANDOFF_FIELDS = "handoffBlank";

  /** The labels of the configured handoff fields blank on this record, in configured order; empty when none. */
  public static List<String> blankHandoffFields(Evidence record) {
    String labels = record.attribute(BLANK_HANDOFF_FIELDS);
    return labels == null ? List.of() : Arrays.stream(labels.split("\n")).filter(l -> !l.isBlank()).toList();
  }
}
