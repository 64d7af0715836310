package org.handoffbrief.model;

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
   * field, keyed {@code handoff.<label>}; the value is the field's value and the text carries the
   * line {@code <label>: <value>}.
   */
  public static final String HANDOFF_PREFIX = "handoff.";
}
