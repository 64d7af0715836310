/**
 * Salesforce write-back: {@link org.handoffbrief.writeback.salesforce.SalesforceWriteback} turns a
 * stored brief into an explicit {@link org.handoffbrief.writeback.salesforce.WritebackPlan} (the full
 * brief, a success plan, a completed Task, a follow-up Task per open thread), stores it in the
 * brief store's outbox and upserts each record on a stable external id, once, audited. Configured by
 * {@link org.handoffbrief.writeback.salesforce.WritebackConfig}; the Salesforce metadata it needs is in
 * {@code salesforce-writeback/force-app} (see {@code DEPLOY.md}).
 */
package org.handoffbrief.writeback.salesforce;
