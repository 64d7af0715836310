/**
 * The model: immutable records for deals, evidence, claims, citations and briefs.
 */
@NullMarked
package org.handoffbrief.model;

import org.jspecify.annotations.NullMarked;
