/**
 * The manager's weekly citation spot-check and the measured rollout (issue 12).
 *
 * <p>{@link org.handoffbrief.audit.SpotCheck} draws a week's sample of delivered briefs and records
 * answers; {@link org.handoffbrief.audit.AuditMetrics} computes the pass rate (with Wilson
 * intervals), review outcomes and time to kickoff into an {@link org.handoffbrief.audit.AuditReport};
 * {@link org.handoffbrief.audit.RolloutPolicy} decides the pilot, the review mode and which
 * write-back targets are on. Everything is kept in the {@link org.handoffbrief.store.BriefStore}.
 */
@NullMarked
package org.handoffbrief.audit;

import org.jspecify.annotations.NullMarked;
