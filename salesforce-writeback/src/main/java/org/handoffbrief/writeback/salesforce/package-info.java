/**
 * Salesforce write-back: turns a confirmed brief into an explicit plan of writes (a Task on the
 * opportunity, a success plan record, follow-up tasks for open threads), each idempotent and
 * audited. The module exists so hosts can depend on its coordinates now; its behaviour arrives
 * with the write-back issue.
 */
package org.handoffbrief.writeback.salesforce;
