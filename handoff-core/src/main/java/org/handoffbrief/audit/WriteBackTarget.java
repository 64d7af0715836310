package org.handoffbrief.audit;

import java.util.Locale;

/** What write-back may write, as the rollout policy switches it. */
public enum WriteBackTarget {
  /** The CRM Task with the brief: always on. */
  CRM_TASK(false),
  /** The brief posted to Slack: always on. */
  SLACK_POST(false),
  /** The success plan record: on once the briefs have earned it. */
  SUCCESS_PLAN(true),
  /** Insights stored on the account: on once the briefs have earned it. */
  STORED_INSIGHT(true),
  /** Follow-up tasks for commitments: on once the briefs have earned it. */
  FOLLOW_UP_TASKS(true);

  private final boolean earned;

  WriteBackTarget(boolean earned) {
    this.earned = earned;
  }

  /** Whether the pass rate switches this target (false: always on). */
  public boolean earned() {
    return earned;
  }

  /** The wire form, e.g. {@code success_plan}. */
  public String wireId() {
    return name().toLowerCase(Locale.ROOT);
  }
}
