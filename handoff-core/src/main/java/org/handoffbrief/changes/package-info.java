/**
 * Compounding briefs: what changed in an account between two of its briefs (new and resolved
 * risks, commitments delivered or overdue, threads closed, stakeholders changed), each change
 * cited. {@link org.handoffbrief.changes.BriefComparison} computes it; {@code Handoff} attaches it
 * to every brief made with a brief store.
 */
@NullMarked
package org.handoffbrief.changes;

import org.jspecify.annotations.NullMarked;
