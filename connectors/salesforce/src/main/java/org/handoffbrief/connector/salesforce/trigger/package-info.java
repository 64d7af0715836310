/**
 * Salesforce's triggers for a brief: the Closed-Won poller (a checkpoint in the store and an
 * overlap window), outbound messages (the SOAP {@code notifications} envelope, acknowledged once
 * stored) and change events (CDC and platform events). Each yields
 * {@link org.handoffbrief.trigger.Fired} deals, let through once by the store's unique keys.
 */
package org.handoffbrief.connector.salesforce.trigger;
