/**
 * The brief store SPI: brief versions, the outbox of planned writes, the audit trail, gate
 * failure history and trigger bookkeeping. {@link org.handoffbrief.store.BriefStore#inMemory()}
 * is the in-process implementation; {@code handoff-store-jdbc} keeps the same in H2 or PostgreSQL.
 */
@NullMarked
package org.handoffbrief.store;

import org.jspecify.annotations.NullMarked;
