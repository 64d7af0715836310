package org.handoffbrief.trigger;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.handoffbrief.model.DealRef;

/**
 * Finds won deals by the account name a person typed, for a manual request ("brief Example Co" in
 * Slack): the CRM connector implements it, a chat handler asks back when several match.
 */
@FunctionalInterface
public interface DealFinder {

  /**
   * One won deal a name matched.
   *
   * @param ref the deal, as a manual request
   * @param accountName the account's name in the CRM
   * @param opportunityName the opportunity's name
   * @param closeDate when it closed; null when the CRM has none
   */
  record Match(DealRef ref, String accountName, String opportunityName, LocalDate closeDate) {
    public Match {
      Objects.requireNonNull(ref, "ref == null");
      if (accountName == null || accountName.isBlank()) {
        throw new IllegalArgumentException("accountName is blank");
      }
      opportunityName = opportunityName == null || opportunityName.isBlank() ? ref.opportunityId() : opportunityName;
    }
  }

  /**
   * The won deals of accounts named like {@code accountName}, most recent close first: when an
   * account's name equals it (ignoring case) only that account's deals, otherwise those whose
   * account name contains it; at most a handful, and none is not an error.
   *
   * @throws IllegalArgumentException when {@code accountName} is blank
   * @throws org.handoffbrief.HandoffException typed, when the CRM cannot be read
   */
  List<Match> findWon(String accountName);
}
