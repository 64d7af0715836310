package org.handoffbrief.writeback.salesforce;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the read-only calls before a plan learned about the org: which objects exist, the fields
 * of those the plan writes, the opportunity's owner and account, and the active users named as
 * owners of open threads.
 *
 * @param instanceUrl the org's instance URL, without a trailing slash
 * @param objects every object name the org has ({@code describeGlobal})
 * @param fields per described object, its fields by API name
 * @param opportunityOwnerId the opportunity's OwnerId
 * @param accountId the opportunity's AccountId
 * @param usersByName active users by lower-cased name: one id, or several when the name is ambiguous
 */
record OrgFacts(String instanceUrl, Set<String> objects, Map<String, Map<String, Field>> fields,
    String opportunityOwnerId, String accountId, Map<String, List<String>> usersByName) {

  /** One field as {@code describeSObjects} tells it: its length (0 for non-text) and whether it is an external id. */
  record Field(String name, String type, int length, boolean externalId) {}

  /** Whether the org has {@code object}. */
  boolean has(String object) {
    return objects.stream().anyMatch(o -> o.equalsIgnoreCase(object));
  }

  /** The field of a described object, or null when the object or field is not there. */
  Field field(String object, String field) {
    for (var e : fields.entrySet()) {
      if (e.getKey().equalsIgnoreCase(object)) {
        for (var f : e.getValue().entrySet()) {
          if (f.getKey().equalsIgnoreCase(field)) {
            return f.getValue();
          }
        }
      }
    }
    return null;
  }
}
