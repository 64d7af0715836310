/**
 * The door: {@link org.handoffbrief.Handoff} and its builder, and the library's exceptions.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package org.handoffbrief;

import org.jspecify.annotations.NullMarked;
