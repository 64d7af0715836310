/**
 * What starts a brief without a person typing an id: each trigger turns an event into
 * {@link org.handoffbrief.trigger.Fired} deals, and {@link org.handoffbrief.trigger.TriggerGate}
 * lets each through once through the store's unique keys.
 */
package org.handoffbrief.trigger;
