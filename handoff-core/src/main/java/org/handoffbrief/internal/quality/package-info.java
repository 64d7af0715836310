/**
 * Not API: the quality checks and review triggers that gate a brief ({@link
 * org.handoffbrief.internal.quality.QualityAssessor}); a user configures them through {@link
 * org.handoffbrief.quality.ReviewPolicy}.
 */
@NullMarked
package org.handoffbrief.internal.quality;

import org.jspecify.annotations.NullMarked;
