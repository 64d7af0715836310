package org.handoffbrief.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One sObject type of a {@link FakeSalesforce} org, as {@code describeGlobal} and
 * {@code describeSObjects} report it; its fields are what the org's writes are checked against.
 *
 * <pre>{@code
 * org.metadata(SObjectType.custom("Route_Log__c", "Route Log", "a0R",
 *     SObjectField.id(), SObjectField.text("Name", "Route Log Name", 80, false), SObjectField.owner(),
 *     SObjectField.externalId("Route_Key__c", "Route Key", 255)));
 * }</pre>
 *
 * @param keyPrefix the three characters every record id of this type starts with
 * @param fields the fields by API name, in describe's order
 */
public record SObjectType(String name, String label, String labelPlural, String keyPrefix, boolean custom,
    boolean createable, Map<String, SObjectField> fields) {

  /** Keeps the fields in the order given, unmodifiable. */
  public SObjectType {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(label, "label == null");
    Objects.requireNonNull(labelPlural, "labelPlural == null");
    Objects.requireNonNull(keyPrefix, "keyPrefix == null");
    if (keyPrefix.length() != 3) {
      throw new IllegalArgumentException("a key prefix has three characters: " + keyPrefix);
    }
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** A createable type with {@code fields}, in that order. */
  public static SObjectType of(String name, String label, String labelPlural, String keyPrefix, boolean custom,
      SObjectField... fields) {
    var byName = new LinkedHashMap<String, SObjectField>();
    for (SObjectField f : fields) {
      byName.put(f.name(), f);
    }
    return new SObjectType(name, label, labelPlural, keyPrefix, custom, true, byName);
  }

  /** A createable custom object (its name ends in {@code __c}), labelled {@code label} and {@code label + "s"}. */
  public static SObjectType custom(String name, String label, String keyPrefix, SObjectField... fields) {
    return of(name, label, label + "s", keyPrefix, true, fields);
  }

  /** This type with {@code field} added at the end, or in place of the field of the same name. */
  public SObjectType with(SObjectField field) {
    var out = new LinkedHashMap<>(fields);
    out.put(field.name(), field);
    return new SObjectType(name, label, labelPlural, keyPrefix, custom, createable, out);
  }

  /** This type without the field named {@code field}: an org where it is not deployed. */
  public SObjectType without(String field) {
    var out = new LinkedHashMap<>(fields);
    out.remove(field);
    return new SObjectType(name, label, labelPlural, keyPrefix, custom, createable, out);
  }

  /** This type as an org reports one its users may read but not write (User, for one). */
  public SObjectType readOnly() {
    return new SObjectType(name, label, labelPlural, keyPrefix, custom, false, fields);
  }

  /**
   * The standard objects a fresh {@link FakeSalesforce} has, with the few fields a handoff reads or
   * writes: Account, Contact, Opportunity, Task and User.
   */
  public static List<SObjectType> standardObjects() {
    return List.of(
        of("Account", "Account", "Accounts", "001", false, SObjectField.id(),
            SObjectField.text("Name", "Account Name", 255, false), SObjectField.owner(),
            SObjectField.readOnly("CreatedDate", "datetime")),
        of("Contact", "Contact", "Contacts", "003", false, SObjectField.id(),
            SObjectField.text("LastName", "Last Name", 80, false), SObjectField.text("Email", "Email", 80, true),
            SObjectField.reference("AccountId", "Account ID", "Account"), SObjectField.owner()),
        of("Opportunity", "Opportunity", "Opportunities", "006", false, SObjectField.id(),
            SObjectField.text("Name", "Name", 120, false), SObjectField.reference("AccountId", "Account ID", "Account"),
            SObjectField.owner(), SObjectField.text("StageName", "Stage", 255, false),
            SObjectField.of("CloseDate", "Close Date", "date", 0, false),
            SObjectField.readOnly("CreatedDate", "datetime")),
        of("Task", "Task", "Tasks", "00T", false, SObjectField.id(), SObjectField.text("Subject", "Subject", 255, true),
            SObjectField.textarea("Description", "Description", 32000),
            SObjectField.defaultedPicklist("Status", "Status"), SObjectField.defaultedPicklist("Priority", "Priority"),
            SObjectField.of("ActivityDate", "Due Date Only", "date", 0, true),
            SObjectField.reference("WhoId", "Name ID", "Contact"),
            SObjectField.reference("WhatId", "Related To ID", "Opportunity"), SObjectField.owner(),
            SObjectField.readOnly("IsClosed", "boolean"), SObjectField.readOnly("CreatedDate", "datetime")),
        of("User", "User", "Users", "005", false, SObjectField.id(), SObjectField.text("Name", "Full Name", 121, false),
            SObjectField.text("Email", "Email", 128, false), SObjectField.readOnly("IsActive", "boolean")).readOnly());
  }

  /**
   * What {@code salesforce-writeback/force-app} deploys: the brief and success plan custom objects,
   * and {@code Handoff_Key__c} on Task ({@link #withWritebackKey}).
   */
  public static List<SObjectType> writebackObjects() {
    SObjectField name = SObjectField.text("Name", "Handoff Brief Name", 80, false);
    return List.of(
        custom("Handoff_Brief__c", "Handoff Brief", "a1B", SObjectField.id(), name, SObjectField.owner(),
            writebackKey(), SObjectField.reference("Account__c", "Account", "Account").asCustom(),
            SObjectField.reference("Opportunity__c", "Opportunity", "Opportunity").asCustom(),
            SObjectField.text("Kind__c", "Kind", 40, true).asCustom(),
            SObjectField.of("Version__c", "Version", "double", 0, true).asCustom(),
            SObjectField.textarea("Brief__c", "Brief", 131072).asCustom(),
            SObjectField.readOnly("CreatedDate", "datetime")),
        custom("Handoff_Success_Plan__c", "Handoff Success Plan", "a1C", SObjectField.id(),
            SObjectField.text("Name", "Handoff Success Plan Name", 80, false), SObjectField.owner(), writebackKey(),
            SObjectField.reference("Account__c", "Account", "Account").asCustom(),
            SObjectField.reference("Opportunity__c", "Opportunity", "Opportunity").asCustom(),
            SObjectField.of("Go_Live_Date__c", "Go-Live Date", "date", 0, true).asCustom(),
            SObjectField.textarea("Milestones__c", "Milestones", 32768).asCustom(),
            SObjectField.textarea("Risks__c", "Risks", 32768).asCustom(),
            SObjectField.textarea("Stakeholder_Map__c", "Stakeholder Map", 32768).asCustom(),
            SObjectField.textarea("Commitments__c", "Commitments", 32768).asCustom(),
            SObjectField.of("Brief_Link__c", "Brief Link", "url", 255, true).asCustom(),
            SObjectField.readOnly("CreatedDate", "datetime")));
  }

  /** {@code type} (Task, say) with the write-back's external id field {@code Handoff_Key__c}. */
  public static SObjectType withWritebackKey(SObjectType type) {
    return type.with(writebackKey());
  }

  private static SObjectField writebackKey() {
    return SObjectField.externalId("Handoff_Key__c", "Handoff Key", 255);
  }
}
