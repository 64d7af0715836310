/**
 * The machinery behind {@link org.handoffbrief.Handoff}: the pipeline, federation, citation
 * verification and the finishing steps. Not API: it may change in any release and is left out of
 * the javadoc.
 */
@NullMarked
package org.handoffbrief.internal;

import org.jspecify.annotations.NullMarked;
