package org.handoffbrief.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The opportunity being handed off.
 *
 * @param id CRM id (18 characters)
 * @param name opportunity name
 * @param stage stage name as the org spells it
 * @param amount amount in the opportunity currency, or null
 * @param currency ISO currency code, or null when the org is single-currency and did not say
 * @param closeDate close date
 * @param createdAt when the opportunity was created: the start of the sales cycle
 * @param type opportunity type (new business, expansion, ...), or null
 * @param closed whether the stage is a closed one
 * @param won whether the stage is a won one
 */
public record Opportunity(String id, String name, String stage, @Nullable BigDecimal amount, @Nullable String currency,
    LocalDate closeDate, Instant createdAt, @Nullable String type, boolean closed, boolean won) {
  public Opportunity {
    id = Checks.notBlank(id, "id");
    name = Checks.notBlank(name, "name");
    stage = Checks.notBlank(stage, "stage");
    Objects.requireNonNull(closeDate, "closeDate == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    currency = Checks.blankToNull(currency);
    type = Checks.blankToNull(type);
    if (won && !closed) {
      throw new IllegalArgumentException("opportunity " + id + " is won but not closed");
    }
  }
}
