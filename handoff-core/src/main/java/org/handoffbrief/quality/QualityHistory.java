package org.handoffbrief.quality;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Memory of gate outcomes across briefs, keyed by account, so "the gate failed twice for the same
 * account" can be told. The default lives in memory and is lost on restart; a host that makes
 * briefs from several processes or over days plugs in its own store (a table keyed by account id).
 * Implementations must be safe for concurrent use: briefs for one account may run in parallel.
 */
public interface QualityHistory {

  /**
   * Records one brief's gate outcome and returns how many distinct opportunities of the account
   * have failed the gates so far, this one included. A brief made again for the same opportunity
   * does not count twice, so a re-run after a fix is not a "repeated failure"; a re-run that now
   * passes clears that opportunity's failure.
   *
   * @param accountId the CRM account id
   * @param opportunityId the CRM opportunity id
   * @param failed whether at least one gate failed
   */
  int record(String accountId, String opportunityId, boolean failed);

  /** A history kept in this process's memory. */
  static QualityHistory inMemory() {
    return new QualityHistory() {
      private final Map<String, Set<String>> failures = new ConcurrentHashMap<>();

      @Override
      public int record(String accountId, String opportunityId, boolean failed) {
        Objects.requireNonNull(accountId, "accountId == null");
        Objects.requireNonNull(opportunityId, "opportunityId == null");
        Set<String> set = failures.computeIfAbsent(accountId, k -> ConcurrentHashMap.newKeySet());
        if (failed) {
          set.add(opportunityId);
        } else {
          set.remove(opportunityId);
        }
        return set.size();
      }

      @Override
      public String toString() {
        return "QualityHistory.inMemory(" + failures.size() + " accounts)";
      }
    };
  }
}
