package org.handoffbrief.model;

/** The seven sections of the base template, in reading order, with their wire ids. */
public enum SectionId {
  ACCOUNT_SNAPSHOT("account_snapshot", "Account snapshot"),
  WHY_THEY_BOUGHT("why_they_bought", "Why they bought"),
  STAKEHOLDERS("stakeholders", "Stakeholder map"),
  DEAL_HISTORY("deal_history", "Deal history"),
  COMMITMENTS("commitments", "Commitments and scope"),
  RISKS("risks", "Implementation risks"),
  OPEN_THREADS("open_threads", "Open threads");

  private final String wireId;
  private final String title;

  SectionId(String wireId, String title) {
    this.wireId = wireId;
    this.title = title;
  }

  /** The id used in JSON and in DESIGN.md, e.g. {@code account_snapshot}. */
  public String wireId() {
    return wireId;
  }

  /** The heading a reader sees. */
  public String title() {
    return title;
  }
}
