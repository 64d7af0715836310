package org.handoffbrief.store.jdbc;

import java.time.Clock;
import org.handoffbrief.store.BriefStore;

/** The contract on {@link BriefStore#inMemory(Clock)}: the semantics the JDBC store must match. */
class InMemoryBriefStoreTest extends BriefStoreContract {
  @Override
  BriefStore newStore(Clock clock) {
    return BriefStore.inMemory(clock);
  }
}
