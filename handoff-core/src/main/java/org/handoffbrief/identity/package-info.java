/**
 * Linking people: one person across CRM, email, Slack, tickets and calls.
 */
@NullMarked
package org.handoffbrief.identity;

import org.jspecify.annotations.NullMarked;
