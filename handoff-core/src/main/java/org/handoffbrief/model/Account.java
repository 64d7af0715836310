package org.handoffbrief.model;

import org.jspecify.annotations.Nullable;

/**
 * The customer account as the CRM holds it.
 *
 * @param id CRM id
 * @param name company name
 * @param industry industry, or null
 * @param type account type (customer, prospect, ...), or null
 * @param website website, or null; its domain counts as one of the customer's email domains
 * @param employees employee count, or null
 */
public record Account(String id, String name, @Nullable String industry, @Nullable String type, @Nullable String website, @Nullable Long employees) {
  public Account {
    id = Checks.notBlank(id, "id");
    name = Checks.notBlank(name, "name");
    industry = Checks.blankToNull(industry);
    type = Checks.blankToNull(type);
    website = Checks.blankToNull(website);
  }
}
