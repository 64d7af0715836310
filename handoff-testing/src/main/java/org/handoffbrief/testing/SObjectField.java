package org.handoffbrief.testing;

import java.util.Objects;

/**
 * One field of an sObject type in a {@link FakeSalesforce} org, as the Partner API's describe
 * reports it and as the org checks a write against it (createable, updateable, length, type,
 * lookup target, required on create).
 *
 * <pre>{@code
 * SObjectField key = SObjectField.externalId("Route_Key__c", "Route Key", 255);
 * SObjectField note = SObjectField.textarea("Note__c", "Note", 32768).asCustom();
 * }</pre>
 *
 * @param name the API name, e.g. {@code Subject} or {@code Route_Key__c}
 * @param label the label describe reports and error messages quote
 * @param type the describe type: {@code string}, {@code textarea}, {@code picklist}, {@code date},
 *     {@code datetime}, {@code double}, {@code boolean}, {@code reference}, {@code id}, {@code url}...
 * @param length characters a text field holds; 0 for types without a length
 * @param referenceTo the sObject type a {@code reference} field looks up, or null
 */
public record SObjectField(String name, String label, String type, int length, boolean externalId,
    boolean idLookup, boolean createable, boolean updateable, boolean nillable, boolean defaultedOnCreate,
    boolean custom, String referenceTo) {

  /** Checks the names; a field's API name is what the org matches writes against. */
  public SObjectField {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(label, "label == null");
    Objects.requireNonNull(type, "type == null");
    if (length < 0) {
      throw new IllegalArgumentException("length < 0: " + length);
    }
  }

  /** Required on create: Salesforce's own rule, a createable field that is neither nillable nor defaulted. */
  public boolean required() {
    return createable && !nillable && !defaultedOnCreate;
  }

  /** True for the types whose values are text checked against {@link #length}. */
  public boolean isText() {
    return type.equals("string") || type.equals("textarea") || type.equals("picklist") || type.equals("combobox");
  }

  /** The XML schema type the Partner API reports for this field's type. */
  public String soapType() {
    return switch (type) {
      case "id", "reference" -> "tns:ID";
      case "boolean" -> "xsd:boolean";
      case "date" -> "xsd:date";
      case "datetime" -> "xsd:dateTime";
      case "double", "currency", "percent" -> "xsd:double";
      default -> "xsd:string";
    };
  }

  /** This field marked custom (its name should end in {@code __c}). */
  public SObjectField asCustom() {
    return new SObjectField(name, label, type, length, externalId, idLookup, createable, updateable, nillable,
        defaultedOnCreate, true, referenceTo);
  }

  /** The record id every object has: read-only, an id lookup. */
  public static SObjectField id() {
    return new SObjectField("Id", "Record ID", "id", 18, false, true, false, false, false, true, false, null);
  }

  /** {@code OwnerId}: a lookup to User, defaulted to the integration user on create. */
  public static SObjectField owner() {
    return new SObjectField("OwnerId", "Owner ID", "reference", 18, false, true, true, true, false, true, false,
        "User");
  }

  /** A custom text field marked External ID and unique: what an upsert keys on. */
  public static SObjectField externalId(String name, String label, int length) {
    return new SObjectField(name, label, "string", length, true, true, true, true, true, false, true, null);
  }

  /** A text field of {@code length} characters; a field named {@code Name} is an id lookup. */
  public static SObjectField text(String name, String label, int length, boolean nillable) {
    return new SObjectField(name, label, "string", length, false, name.equals("Name"), true, true, nillable, false,
        false, null);
  }

  /** A long text area of {@code length} characters, nillable. */
  public static SObjectField textarea(String name, String label, int length) {
    return new SObjectField(name, label, "textarea", length, false, false, true, true, true, false, false, null);
  }

  /** A writable field of any describe {@code type} ({@code date}, {@code double}, {@code url}...). */
  public static SObjectField of(String name, String label, String type, int length, boolean nillable) {
    return new SObjectField(name, label, type, length, false, false, true, true, nillable, false, false, null);
  }

  /** A picklist the org fills on create when a write leaves it out (a Task's Status and Priority). */
  public static SObjectField defaultedPicklist(String name, String label) {
    return new SObjectField(name, label, "picklist", 40, false, false, true, true, false, true, false, null);
  }

  /** A nillable lookup to sObject type {@code to}: a write must name a record the org holds. */
  public static SObjectField reference(String name, String label, String to) {
    Objects.requireNonNull(to, "to == null");
    return new SObjectField(name, label, "reference", 18, false, false, true, true, true, false, false, to);
  }

  /** A field the org computes ({@code CreatedDate}, {@code IsClosed}): a write naming it is refused. */
  public static SObjectField readOnly(String name, String type) {
    return new SObjectField(name, name, type, 0, false, false, false, false, true, true, false, null);
  }
}
