package org.handoffbrief.audit;

import java.time.Instant;

/**
 * A claim of a stored brief that a spot-check found unsupported. The stored brief's JSON never
 * changes; readers ask {@link org.handoffbrief.store.BriefStore#claimMarks} and show the mark next
 * to the claim.
 *
 * @param briefId the stored brief version
 * @param claimId the claim
 * @param questionId the spot-check question whose answer made the mark
 * @param markedBy who answered "does not support"
 * @param markedAt when
 * @param note their note, or null
 */
public record ClaimMark(String briefId, String claimId, String questionId, String markedBy, Instant markedAt,
    String note) {}
