package org.handoffbrief.samples;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo org's objects and fields: what its describe calls answer and what its writes check.
 * Standard objects carry the few fields the demo reads or writes; the custom objects and the
 * Task key field are this project's write-back metadata, present only when {@link Metadata} says
 * it is deployed.
 */
final class DemoOrgSchema {

  /** How much of the write-back's Salesforce metadata the demo org has. */
  enum Metadata {
    /** Everything: both custom objects and {@code Task.Handoff_Key__c}. */
    DEPLOYED,
    /** Only the Task key field: Task follow-ups can be written, briefs and plans cannot. */
    TASK_KEY_ONLY,
    /** Nothing of the project's: the org as a fresh install finds it. */
    NOT_DEPLOYED
  }

  /** The custom object that holds the full brief, versioned. */
  static final String BRIEF_OBJECT = "Handoff_Brief__c";
  /** The custom object that holds the success plan. */
  static final String PLAN_OBJECT = "Handoff_Success_Plan__c";
  /** The external id field on Task and on both custom objects. */
  static final String KEY_FIELD = "Handoff_Key__c";

  /** One field as describe reports it; {@code length} counts characters, 0 for non-text types. */
  record FieldDef(String name, String label, String type, int length, boolean externalId, boolean idLookup,
      boolean createable, boolean updateable, boolean nillable, boolean defaultedOnCreate, boolean custom,
      String referenceTo) {

    /** Required on create: Salesforce's own rule, a createable field that is neither nillable nor defaulted. */
    boolean required() {
      return createable && !nillable && !defaultedOnCreate;
    }

    boolean isText() {
      return type.equals("string") || type.equals("textarea") || type.equals("picklist") || type.equals("combobox");
    }

    /** The XML schema type the Partner API reports for this field type. */
    String soapType() {
      return switch (type) {
        case "id", "reference" -> "tns:ID";
        case "boolean" -> "xsd:boolean";
        case "date" -> "xsd:date";
        case "datetime" -> "xsd:dateTime";
        case "double", "currency", "percent" -> "xsd:double";
        default -> "xsd:string";
      };
    }
  }

  /** One sObject type as describe reports it. */
  record ObjectDef(String name, String label, String labelPlural, String keyPrefix, boolean custom,
      boolean createable, Map<String, FieldDef> fields) {}

  private DemoOrgSchema() {}

  /** The org's objects, by API name, in describeGlobal's order. */
  static Map<String, ObjectDef> objects(Metadata metadata) {
    boolean taskKey = metadata != Metadata.NOT_DEPLOYED;
    var out = new LinkedHashMap<String, ObjectDef>();
    add(out, new ObjectDef("Account", "Account", "Accounts", "001", false, true, fields(
        id(), text("Name", "Account Name", 255, false), owner(), readOnly("CreatedDate", "datetime"))));
    add(out, new ObjectDef("Contact", "Contact", "Contacts", "003", false, true, fields(
        id(), text("LastName", "Last Name", 80, false), text("Email", "Email", 80, true),
        reference("AccountId", "Account ID", "Account"), owner())));
    add(out, new ObjectDef("Opportunity", "Opportunity", "Opportunities", "006", false, true, fields(
        id(), text("Name", "Name", 120, false), reference("AccountId", "Account ID", "Account"), owner(),
        text("StageName", "Stage", 255, false), field("CloseDate", "Close Date", "date", 0, false),
        readOnly("CreatedDate", "datetime"))));
    var task = fields(id(), text("Subject", "Subject", 255, true), textarea("Description", "Description", 32000),
        defaulted("Status", "Status"), defaulted("Priority", "Priority"), field("ActivityDate", "Due Date Only", "date",
            0, true), reference("WhoId", "Name ID", "Contact"), reference("WhatId", "Related To ID", "Opportunity"),
        owner(), readOnly("IsClosed", "boolean"), readOnly("CreatedDate", "datetime"));
    if (taskKey) {
      put(task, key());
    }
    add(out, new ObjectDef("Task", "Task", "Tasks", "00T", false, true, task));
    add(out, new ObjectDef("User", "User", "Users", "005", false, false, fields(
        id(), text("Name", "Full Name", 121, false), text("Email", "Email", 128, false),
        readOnly("IsActive", "boolean"))));
    if (metadata == Metadata.DEPLOYED) {
      add(out, briefObject());
      add(out, successPlanObject());
    }
    return Collections.unmodifiableMap(out);
  }

  /** The full brief, one record per stored version: as {@code salesforce-writeback/force-app} defines it. */
  private static ObjectDef briefObject() {
    return new ObjectDef(BRIEF_OBJECT, "Handoff Brief", "Handoff Briefs", "a1B", true, true, fields(
        id(), text("Name", "Handoff Brief Name", 80, false), owner(), key(),
        customReference("Account__c", "Account", "Account"),
        customReference("Opportunity__c", "Opportunity", "Opportunity"),
        custom(text("Kind__c", "Kind", 40, true)), custom(field("Version__c", "Version", "double", 0, true)),
        custom(textarea("Brief__c", "Brief", 131072)), readOnly("CreatedDate", "datetime")));
  }

  /** The success plan, one per opportunity: as {@code salesforce-writeback/force-app} defines it. */
  private static ObjectDef successPlanObject() {
    return new ObjectDef(PLAN_OBJECT, "Handoff Success Plan", "Handoff Success Plans", "a1C", true, true, fields(
        id(), text("Name", "Handoff Success Plan Name", 80, false), owner(), key(),
        customReference("Account__c", "Account", "Account"),
        customReference("Opportunity__c", "Opportunity", "Opportunity"),
        custom(field("Go_Live_Date__c", "Go-Live Date", "date", 0, true)),
        custom(textarea("Milestones__c", "Milestones", 32768)), custom(textarea("Risks__c", "Risks", 32768)),
        custom(textarea("Stakeholder_Map__c", "Stakeholder Map", 32768)),
        custom(textarea("Commitments__c", "Commitments", 32768)),
        custom(field("Brief_Link__c", "Brief Link", "url", 255, true)), readOnly("CreatedDate", "datetime")));
  }

  private static FieldDef id() {
    return new FieldDef("Id", "Record ID", "id", 18, false, true, false, false, false, true, false, null);
  }

  private static FieldDef owner() {
    return new FieldDef("OwnerId", "Owner ID", "reference", 18, false, true, true, true, false, true, false, "User");
  }

  private static FieldDef key() {
    return new FieldDef(KEY_FIELD, "Handoff Key", "string", 255, true, true, true, true, true, false, true, null);
  }

  private static FieldDef text(String name, String label, int length, boolean nillable) {
    return new FieldDef(name, label, "string", length, false, name.equals("Name"), true, true, nillable, false, false,
        null);
  }

  private static FieldDef textarea(String name, String label, int length) {
    return new FieldDef(name, label, "textarea", length, false, false, true, true, true, false, false, null);
  }

  private static FieldDef field(String name, String label, String type, int length, boolean nillable) {
    return new FieldDef(name, label, type, length, false, false, true, true, nillable, false, false, null);
  }

  private static FieldDef defaulted(String name, String label) {
    return new FieldDef(name, label, "picklist", 40, false, false, true, true, false, true, false, null);
  }

  private static FieldDef reference(String name, String label, String to) {
    return new FieldDef(name, label, "reference", 18, false, false, true, true, true, false, false, to);
  }

  private static FieldDef customReference(String name, String label, String to) {
    return custom(reference(name, label, to));
  }

  private static FieldDef readOnly(String name, String type) {
    return new FieldDef(name, name, type, 0, false, false, false, false, true, true, false, null);
  }

  private static FieldDef custom(FieldDef f) {
    return new FieldDef(f.name(), f.label(), f.type(), f.length(), f.externalId(), f.idLookup(), f.createable(),
        f.updateable(), f.nillable(), f.defaultedOnCreate(), true, f.referenceTo());
  }

  private static Map<String, FieldDef> fields(FieldDef... defs) {
    var out = new LinkedHashMap<String, FieldDef>();
    for (FieldDef f : defs) {
      put(out, f);
    }
    return out;
  }

  private static void put(Map<String, FieldDef> fields, FieldDef f) {
    fields.put(f.name(), f);
  }

  private static void add(Map<String, ObjectDef> objects, ObjectDef o) {
    objects.put(o.name(), new ObjectDef(o.name(), o.label(), o.labelPlural(), o.keyPrefix(), o.custom(),
        o.createable(), Collections.unmodifiableMap(new LinkedHashMap<>(o.fields()))));
  }
}
