/**
 * Watching briefs being made: {@link org.handoffbrief.observe.HandoffListener}.
 */
@NullMarked
package org.handoffbrief.observe;

import org.jspecify.annotations.NullMarked;
