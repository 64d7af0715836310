package org.handoffbrief.connector.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handoffbrief.connector.salesforce.internal.Soql;

/**
 * The one SOQL statement that resolves a deal: the opportunity with its account, owner, handoff
 * fields and six child subqueries. Mutable on purpose: when the integration user cannot see a
 * field or a relationship, {@link #degrade} drops it so the query can be run again without it.
 * One instance serves one resolution.
 */
final class DealQuery {

  /** A selected field: its path, the object it lives on, and whether its subquery is useless without it. */
  record Field(String path, String entity, boolean essential) {
    String column() {
      int dot = path.lastIndexOf('.');
      return dot < 0 ? path : path.substring(dot + 1);
    }
  }

  /** A child subquery ({@code (SELECT ... FROM Relationship ORDER BY ...)}). */
  static final class Child {
    final String relationship;
    final String sobject;
    final List<Field> fields;
    final String orderBy;
    final String purpose;
    /** A field whose records are left out ({@code WHERE field = null}); null for none. */
    String withoutField;

    Child(String relationship, String sobject, String orderBy, String purpose, List<Field> fields) {
      this.relationship = relationship;
      this.sobject = sobject;
      this.orderBy = orderBy;
      this.purpose = purpose;
      this.fields = new ArrayList<>(fields);
    }

    String soql() {
      var select = new LinkedHashSet<String>();
      fields.forEach(f -> select.add(f.path()));
      return "(SELECT " + String.join(", ", select) + " FROM " + relationship
          + (withoutField == null ? "" : " WHERE " + withoutField + " = null")
          + (orderBy == null ? "" : " ORDER BY " + orderBy) + ")";
    }
  }

  /** Fields the brief cannot do without; a fault naming one of these is a permission problem, not a gap. */
  private static final List<String> OPPORTUNITY_FIELDS = List.of("Id", "Name", "StageName", "Amount", "CloseDate",
      "CreatedDate", "LastModifiedDate", "Type", "LeadSource", "NextStep", "Probability", "IsClosed", "IsWon",
      "Description", "Account.Id", "Account.Name", "Account.Industry", "Account.Type", "Account.Website",
      "Account.NumberOfEmployees", "Account.LastModifiedDate", "Owner.Id", "Owner.Name", "Owner.Email", "Owner.Title");

  /** Present only in multi-currency orgs. */
  static final String CURRENCY = "CurrencyIsoCode";

  private static final Pattern NO_SUCH_COLUMN = Pattern.compile("No such column '([^']+)' on entity '([^']+)'");
  private static final Pattern RELATIONSHIP = Pattern.compile("Didn't understand relationship '([^']+)'");
  private static final Pattern UNSUPPORTED_TYPE = Pattern.compile("sObject type '([^']+)' is not supported");

  private final Map<String, String> opportunityFields;
  private final Map<String, String> accountFields;
  private final List<Child> children = new ArrayList<>();
  private boolean currency = true;

  DealQuery(SalesforceConfig config) {
    this.opportunityFields = new LinkedHashMap<>(config.opportunityFields());
    this.accountFields = new LinkedHashMap<>(config.accountFields());
    children.add(new Child("OpportunityContactRoles", "OpportunityContactRole", "CreatedDate", "contact roles",
        List.of(id("OpportunityContactRole"), f("Role", "OpportunityContactRole"),
            f("IsPrimary", "OpportunityContactRole"), f("CreatedDate", "OpportunityContactRole"),
            new Field("Contact.Id", "Contact", true), f("Contact.Name", "Contact"), f("Contact.Email", "Contact"),
            f("Contact.Title", "Contact"))));
    children.add(new Child("OpportunityTeamMembers", "OpportunityTeamMember", "CreatedDate", "the deal team",
        List.of(id("OpportunityTeamMember"), f("TeamMemberRole", "OpportunityTeamMember"),
            f("CreatedDate", "OpportunityTeamMember"), new Field("User.Id", "User", true), f("User.Name", "User"),
            f("User.Email", "User"), f("User.Title", "User"))));
    children.add(new Child("Tasks", "Task", "CreatedDate", "tasks",
        List.of(id("Task"), f("Subject", "Task"), f("Description", "Task"), f("Status", "Task"),
            f("IsClosed", "Task"), f("ActivityDate", "Task"), f("CreatedDate", "Task"), f("Priority", "Task"),
            f("WhoId", "Task"), f("Who.Name", "Name"), f("OwnerId", "Task"), f("Owner.Name", "Name"),
            f("Owner.Email", "Name"))));
    // The write-back's own Tasks (summary, follow-ups) are not evidence: read back, they would change the next brief.
    children.get(children.size() - 1).withoutField = config.writebackKeyField();
    children.add(new Child("Events", "Event", "StartDateTime", "events",
        List.of(id("Event"), f("Subject", "Event"), f("Description", "Event"), f("StartDateTime", "Event"),
            f("EndDateTime", "Event"), f("Location", "Event"), f("WhoId", "Event"), f("Who.Name", "Name"),
            f("OwnerId", "Event"), f("Owner.Name", "Name"), f("Owner.Email", "Name"), f("CreatedDate", "Event"))));
    children.add(new Child("OpportunityHistories", "OpportunityHistory", "CreatedDate", "stage history",
        List.of(id("OpportunityHistory"), f("StageName", "OpportunityHistory"), f("Amount", "OpportunityHistory"),
            f("CloseDate", "OpportunityHistory"), f("CreatedDate", "OpportunityHistory"),
            f("CreatedById", "OpportunityHistory"), f("CreatedBy.Name", "User"))));
    children.add(new Child("Histories", "OpportunityFieldHistory", "CreatedDate", "field history",
        List.of(id("OpportunityFieldHistory"), f("Field", "OpportunityFieldHistory"),
            f("OldValue", "OpportunityFieldHistory"), f("NewValue", "OpportunityFieldHistory"),
            f("CreatedDate", "OpportunityFieldHistory"), f("CreatedById", "OpportunityFieldHistory"),
            f("CreatedBy.Name", "User"))));
  }

  private static Field id(String entity) {
    return new Field("Id", entity, true);
  }

  private static Field f(String path, String entity) {
    return new Field(path, entity, false);
  }

  /** The statement for an already validated 18-character id. */
  String soql(String opportunityId18) {
    // A set: a configured field may repeat a standard one, and SOQL refuses duplicate fields.
    var select = new LinkedHashSet<String>();
    var seen = new java.util.HashSet<String>();
    List<String> all = new ArrayList<>(OPPORTUNITY_FIELDS);
    if (currency) {
      all.add(CURRENCY);
    }
    accountFields.values().forEach(f -> all.add("Account." + f));
    all.addAll(opportunityFields.values());
    for (String f : all) {
      if (seen.add(f.toLowerCase(Locale.ROOT))) {
        select.add(Soql.requireFieldName(f));
      }
    }
    children.forEach(c -> select.add(c.soql()));
    return "SELECT " + String.join(", ", select) + " FROM Opportunity WHERE Id = " + Soql.quote(opportunityId18);
  }

  /** Handoff fields still selected, label to field. */
  Map<String, String> opportunityFields() {
    return opportunityFields;
  }

  Map<String, String> accountFields() {
    return accountFields;
  }

  boolean selectsCurrency() {
    return currency;
  }

  List<Child> children() {
    return children;
  }

  boolean selects(String relationship) {
    return children.stream().anyMatch(c -> c.relationship.equals(relationship));
  }

  /**
   * Drops what an INVALID_FIELD or INVALID_TYPE fault names, when it is something the brief can do
   * without, and returns the note that says so. Empty when the fault names nothing droppable.
   */
  Optional<String> degrade(String faultMessage) {
    if (faultMessage == null) {
      return Optional.empty();
    }
    Matcher m = NO_SUCH_COLUMN.matcher(faultMessage);
    if (m.find()) {
      return dropColumn(m.group(1), m.group(2));
    }
    m = RELATIONSHIP.matcher(faultMessage);
    if (m.find()) {
      String rel = m.group(1);
      Optional<String> child = dropChild(c -> c.relationship.equalsIgnoreCase(rel));
      // A lookup handoff field (Sales_Engineer__r.Name) through a relationship the user cannot see.
      return child.isPresent() ? child : dropHandoffThrough(rel);
    }
    m = UNSUPPORTED_TYPE.matcher(faultMessage);
    if (m.find()) {
      String type = m.group(1);
      return dropChild(c -> c.sobject.equalsIgnoreCase(type));
    }
    return Optional.empty();
  }

  private Optional<String> dropColumn(String column, String entity) {
    if (entity.equalsIgnoreCase("Opportunity")) {
      if (currency && column.equalsIgnoreCase(CURRENCY)) {
        currency = false;
        return Optional.of("field CurrencyIsoCode is not visible to the integration user (a single-currency org has"
            + " none); amounts are shown without a currency.");
      }
      return dropHandoff(opportunityFields, column, "Opportunity");
    }
    if (entity.equalsIgnoreCase("Account")) {
      return dropHandoff(accountFields, column, "Account");
    }
    for (Child c : children) {
      if (c.withoutField != null && c.sobject.equalsIgnoreCase(entity) && c.withoutField.equalsIgnoreCase(column)) {
        c.withoutField = null;
        return Optional.of("field " + entity + "." + column + " (the write-back's Task key) is not in this org or"
            + " not visible to the integration user; every Task is read, the write-back's own included.");
      }
      for (Field f : List.copyOf(c.fields)) {
        if (f.entity().equalsIgnoreCase(entity) && f.column().equalsIgnoreCase(column)) {
          if (f.essential()) {
            children.remove(c);
            return Optional.of("field " + entity + "." + column + " is not visible to the integration user; "
                + c.purpose + " (" + c.relationship + ") are left out of the brief.");
          }
          c.fields.remove(f);
          return Optional.of("field " + entity + "." + column + " is not visible to the integration user; "
              + c.purpose + " are read without it.");
        }
      }
    }
    // A field on a record a handoff lookup points at (CSM__r.Title on User).
    for (var fields : List.of(opportunityFields, accountFields)) {
      List<String> labels = fields.entrySet().stream().filter(e -> lastSegment(e.getValue()).equalsIgnoreCase(column)
          && e.getValue().contains(".")).map(Map.Entry::getKey).toList();
      if (!labels.isEmpty()) {
        labels.forEach(fields::remove);
        return Optional.of(leftOut(entity + "." + column, labels));
      }
    }
    return Optional.empty();
  }

  private Optional<String> dropHandoffThrough(String relationship) {
    var labels = new ArrayList<String>();
    for (var fields : List.of(opportunityFields, accountFields)) {
      List<String> through = fields.entrySet().stream().filter(e -> List.of(e.getValue().split("\\."))
          .stream().anyMatch(part -> part.equalsIgnoreCase(relationship))).map(Map.Entry::getKey).toList();
      through.forEach(fields::remove);
      labels.addAll(through);
    }
    return labels.isEmpty() ? Optional.empty() : Optional.of(leftOut("relationship " + relationship, labels));
  }

  private static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  private static String leftOut(String what, List<String> labels) {
    return what + " is not visible to the integration user; handoff field \"" + String.join("\", \"", labels)
        + "\" is left out of the brief (grant read access to include it).";
  }

  private static Optional<String> dropHandoff(Map<String, String> fields, String column, String object) {
    List<String> labels = fields.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(column))
        .map(Map.Entry::getKey).toList();
    if (labels.isEmpty()) {
      return Optional.empty();
    }
    labels.forEach(fields::remove);
    return Optional.of("field " + column + " is not visible to the integration user; handoff field \""
        + String.join("\", \"", labels) + "\" is left out of the brief (grant read access to " + object + "."
        + column + " to include it).");
  }

  private Optional<String> dropChild(java.util.function.Predicate<Child> which) {
    for (Child c : children) {
      if (which.test(c)) {
        children.remove(c);
        return Optional.of("relationship " + c.relationship + " is not available to the integration user"
            + (c.sobject.equals("OpportunityTeamMember") ? " (team selling may be off)" : "") + "; " + c.purpose
            + " are left out of the brief.");
      }
    }
    return Optional.empty();
  }

  /** Every name degrade may drop, for bounding retries. */
  int droppable() {
    return opportunityFields.size() + accountFields.size() + (currency ? 1 : 0)
        + children.stream().mapToInt(c -> c.fields.size()).sum();
  }
}
