package org.handoffbrief.spi;

import java.util.List;
import java.util.Objects;
import org.handoffbrief.model.Participant;
import org.handoffbrief.model.Person;
import org.jspecify.annotations.Nullable;

/**
 * The second, smaller round of retrieval: links the first round found that are worth following.
 * A connector reads only what these name (their tickets, their calls), within its remaining budget.
 *
 * @param newPeople customer-side people the first round found who are not CRM contacts (e.g. an
 *     IT lead cc'd on a thread), with their email addresses
 * @param champion the champion as the first round identified them, or null
 */
public record FollowUp(List<Participant> newPeople, @Nullable Person champion) {
  public FollowUp {
    newPeople = List.copyOf(Objects.requireNonNull(newPeople, "newPeople == null"));
  }

  /** True when there is nothing to follow. */
  public boolean isEmpty() {
    return newPeople.isEmpty() && champion == null;
  }
}
