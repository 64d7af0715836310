/**
 * What starts a brief without a person typing an id: each trigger turns an event into
 * {@link org.handoffbrief.trigger.Fired} deals, and {@link org.handoffbrief.trigger.TriggerGate}
 * lets each through once through the store's unique keys; {@link org.handoffbrief.trigger.AlreadyBriefed}
 * says whether a win already has its brief, whichever trigger made it. A person asking by account name (in
 * Slack) is resolved through a {@link org.handoffbrief.trigger.DealFinder}.
 */
@NullMarked
package org.handoffbrief.trigger;

import org.jspecify.annotations.NullMarked;
