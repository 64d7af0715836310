/**
 * The gate: quality checks and review triggers, and the policy that routes a brief.
 */
@NullMarked
package org.handoffbrief.quality;

import org.jspecify.annotations.NullMarked;
