/**
 * The reviewer's confirmation before a brief reaches customer success: the states a stored brief
 * moves through ({@link org.handoffbrief.review.ReviewState}) and the reviewer's answers
 * ({@link org.handoffbrief.review.ReviewFeedback}), both kept in the
 * {@link org.handoffbrief.store.BriefStore}.
 */
@NullMarked
package org.handoffbrief.review;

import org.jspecify.annotations.NullMarked;
