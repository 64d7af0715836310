package org.handoffbrief.samples;

import java.util.LinkedHashMap;
import java.util.Map;
import org.handoffbrief.testing.SObjectType;

/**
 * The demo org's objects and fields: the test kit's standard objects, and as much of this
 * project's write-back metadata (the custom objects and the Task key field) as {@link Metadata} says
 * is deployed.
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

  private DemoOrgSchema() {}

  /** The org's objects, by API name, in describeGlobal's order. */
  static Map<String, SObjectType> objects(Metadata metadata) {
    var out = new LinkedHashMap<String, SObjectType>();
    for (SObjectType o : SObjectType.standardObjects()) {
      out.put(o.name(), o.name().equals("Task") && metadata != Metadata.NOT_DEPLOYED
          ? SObjectType.withWritebackKey(o) : o);
    }
    if (metadata == Metadata.DEPLOYED) {
      SObjectType.writebackObjects().forEach(o -> out.put(o.name(), o));
    }
    return out;
  }
}
