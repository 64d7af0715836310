package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.UpsertResult;
import com.sforce.soap.partner.fault.InvalidFieldFault;
import com.sforce.soap.partner.fault.InvalidSObjectFault;
import com.sforce.soap.partner.fault.MalformedQueryFault;
import com.sforce.soap.partner.fault.UnexpectedErrorFault;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.handoffbrief.samples.DemoOrgSchema.Metadata;
import org.handoffbrief.testing.FakeSalesforce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo org takes a write-back's calls through the real Partner API client, as a real org would. */
class DemoOrgTest {

  private FakeSalesforce org;

  @AfterEach
  void stop() {
    if (org != null) {
      org.close();
    }
  }

  @Test
  void anUpsertOfTheSameKeyTwiceWritesOneRecordCreatedThenUpdated() throws Exception {
    PartnerConnection conn = connect(Metadata.DEPLOYED);

    UpsertResult first = conn.upsert("Handoff_Key__c", new SObject[] {task("006:handoff:summary", "Handoff brief")})[0];
    UpsertResult second = conn.upsert("Handoff_Key__c", new SObject[] {task("006:handoff:summary", "Handoff brief")})[0];

    assertTrue(first.isSuccess() && first.isCreated(), Arrays.toString(first.getErrors()));
    assertTrue(second.isSuccess());
    assertFalse(second.isCreated());
    assertEquals(first.getId(), second.getId());
    assertTrue(first.getId().startsWith("00T") && first.getId().length() == 18, first.getId());
    assertEquals(1, org.records("Task").size());
    assertEquals(2, org.calls("upsert"));
    assertEquals(0, org.calls("create"));
  }

  @Test
  void aWrittenRecordTakesTheOrgsDefaultsAndKeepsWhatWasSent() throws Exception {
    PartnerConnection conn = connect(Metadata.DEPLOYED);
    SObject plan = record(DemoOrgSchema.PLAN_OBJECT, "Name", "Success plan", "Handoff_Key__c", "006:plan",
        "Opportunity__c", DemoSalesforce.OPPORTUNITY_ID, "Account__c", DemoSalesforce.ACCOUNT_ID,
        "Go_Live_Date__c", "2026-05-15");

    SaveResult saved = conn.create(new SObject[] {plan})[0];

    assertTrue(saved.isSuccess(), Arrays.toString(saved.getErrors()));
    assertTrue(saved.getId().startsWith("a1C"), saved.getId());
    Map<String, String> written = org.records(DemoOrgSchema.PLAN_OBJECT).get(0);
    assertEquals("2026-05-15", written.get("Go_Live_Date__c"));
    assertEquals(DemoSalesforce.INTEGRATION_USER, written.get("OwnerId"));
  }

  @Test
  void anUpdateByIdChangesTheRecordAndAnUnknownIdIsThatRecordsError() throws Exception {
    PartnerConnection conn = connect(Metadata.DEPLOYED);
    String id = conn.create(new SObject[] {task("k-1", "Before")})[0].getId();
    SObject change = task("k-1", "After");
    change.setId(id);
    SObject unknown = task("k-2", "Nowhere");
    unknown.setId("00THs0000099999AAA");

    SaveResult[] results = conn.update(new SObject[] {change, unknown});

    assertTrue(results[0].isSuccess());
    assertEquals("After", org.records("Task").get(0).get("Subject"));
    assertFalse(results[1].isSuccess());
    assertEquals("INVALID_CROSS_REFERENCE_KEY", results[1].getErrors()[0].getStatusCode().toString());
  }

  @Test
  void aTasksIsClosedFollowsItsStatusAsTheOrgComputesIt() throws Exception {
    PartnerConnection conn = connect(Metadata.DEPLOYED);
    String id = conn.create(new SObject[] {task("k-1", "Done")})[0].getId();
    assertEquals("true", org.records("Task").get(0).get("IsClosed"), "a Completed Task reads closed");
    SObject reopened = record("Task", "Status", "Not Started");
    reopened.setId(id);

    assertTrue(conn.update(new SObject[] {reopened})[0].isSuccess());

    assertEquals("false", org.records("Task").get(0).get("IsClosed"), "a Not Started Task reads open");
  }

  /** Issue 9: per-record errors reported (the demo org answers them record by record). */
  @Test
  void aSubjectOverItsLimitIsThatRecordsErrorAndTheOtherRecordIsWritten() throws Exception {
    PartnerConnection conn = connect(Metadata.DEPLOYED);

    UpsertResult[] results = conn.upsert("Handoff_Key__c", new SObject[] {
        task("k-long", "x".repeat(256)), task("k-ok", "y".repeat(255))});

    assertFalse(results[0].isSuccess());
    assertEquals("STRING_TOO_LONG", results[0].getErrors()[0].getStatusCode().toString());
    assertArrayEquals(new String[] {"Subject"}, results[0].getErrors()[0].getFields());
    assertTrue(results[1].isSuccess());
    assertEquals(1, org.records("Task").size());
  }

  @Test
  void aBriefOverItsLongTextAreaAndAMissingNameAreErrorsOfTheirRecords() throws Exception {
    PartnerConnection conn = connect(Metadata.DEPLOYED);
    SObject tooLong = record(DemoOrgSchema.BRIEF_OBJECT, "Name", "Brief v1", "Handoff_Key__c", "b-1",
        "Brief__c", "z".repeat(131_073));
    SObject unnamed = record(DemoOrgSchema.BRIEF_OBJECT, "Handoff_Key__c", "b-2", "Brief__c", "short");

    UpsertResult[] results = conn.upsert("Handoff_Key__c", new SObject[] {tooLong, unnamed});

    assertEquals("STRING_TOO_LONG", results[0].getErrors()[0].getStatusCode().toString());
    assertEquals("REQUIRED_FIELD_MISSING", results[1].getErrors()[0].getStatusCode().toString());
    assertArrayEquals(new String[] {"Name"}, results[1].getErrors()[0].getFields());
    assertTrue(org.records(DemoOrgSchema.BRIEF_OBJECT).isEmpty());
  }

  @Test
  void aLookupToARecordTheOrgDoesNotHoldIsThatRecordsError() throws Exception {
    PartnerConnection conn = connect(Metadata.DEPLOYED);
    SObject t = task("k-3", "Follow up");
    t.setField("OwnerId", "005Hs0000099999AAA");

    UpsertResult result = conn.upsert("Handoff_Key__c", new SObject[] {t})[0];

    assertEquals("INVALID_CROSS_REFERENCE_KEY", result.getErrors()[0].getStatusCode().toString());
  }

  @Test
  void theOrgDescribesTheProjectsObjectsAndTheTaskKeyWhenDeployed() throws Exception {
    PartnerConnection conn = connect(Metadata.DEPLOYED);

    List<String> names = Arrays.stream(conn.describeGlobal().getSobjects()).map(o -> o.getName()).toList();
    DescribeSObjectResult[] described = conn.describeSObjects(new String[] {"Task", DemoOrgSchema.BRIEF_OBJECT});

    assertTrue(names.containsAll(List.of("Task", DemoOrgSchema.BRIEF_OBJECT, DemoOrgSchema.PLAN_OBJECT)), names.toString());
    assertTrue(field(described[0], "Handoff_Key__c").isExternalId());
    assertEquals(255, field(described[0], "Subject").getLength());
    assertEquals(131_072, field(described[1], "Brief__c").getLength());
    assertEquals("a1B", described[1].getKeyPrefix());
    assertFalse(field(described[1], "Name").isNillable());
  }

  @Test
  void withoutTheMetadataTheOrgHasNoCustomObjectsAndSaysSoOnUse() throws Exception {
    PartnerConnection conn = connect(Metadata.NOT_DEPLOYED);

    List<String> names = Arrays.stream(conn.describeGlobal().getSobjects()).map(o -> o.getName()).toList();
    DescribeSObjectResult task = conn.describeSObject("Task");

    assertFalse(names.contains(DemoOrgSchema.BRIEF_OBJECT));
    assertFalse(names.contains(DemoOrgSchema.PLAN_OBJECT));
    assertTrue(Arrays.stream(task.getFields()).noneMatch(f -> f.getName().equals("Handoff_Key__c")));
    var noObject = assertThrows(InvalidSObjectFault.class,
        () -> conn.describeSObjects(new String[] {DemoOrgSchema.BRIEF_OBJECT}));
    assertEquals("INVALID_TYPE", noObject.getExceptionCode().toString());
    var noKey = assertThrows(InvalidFieldFault.class,
        () -> conn.upsert("Handoff_Key__c", new SObject[] {record("Task", "Subject", "s")}));
    assertEquals("INVALID_FIELD", noKey.getExceptionCode().toString());
    assertTrue(org.records("Task").isEmpty());
  }

  @Test
  void withOnlyTheTaskKeyDeployedTasksAreWrittenAndTheBriefObjectIsMissing() throws Exception {
    PartnerConnection conn = connect(Metadata.TASK_KEY_ONLY);

    assertTrue(conn.upsert("Handoff_Key__c", new SObject[] {task("k-4", "Follow up")})[0].isSuccess());
    assertThrows(InvalidSObjectFault.class, () -> conn.upsert("Handoff_Key__c",
        new SObject[] {record(DemoOrgSchema.BRIEF_OBJECT, "Name", "b", "Handoff_Key__c", "b")}));
  }

  @Test
  void anUnknownFieldOrANonExternalIdKeyFailsTheWholeCall() throws Exception {
    PartnerConnection conn = connect(Metadata.DEPLOYED);

    var unknown = assertThrows(InvalidFieldFault.class, () -> conn.upsert("Handoff_Key__c",
        new SObject[] {record("Task", "Handoff_Key__c", "k", "Sbuject", "typo")}));
    var notExternal = assertThrows(InvalidFieldFault.class, () -> conn.upsert("Subject",
        new SObject[] {task("k", "s")}));

    assertTrue(unknown.getExceptionMessage().contains("Sbuject"));
    assertTrue(notExternal.getExceptionMessage().contains("not an External ID"));
    assertEquals(0, org.records("Task").size());
  }

  @Test
  void theOpportunityLookupAnswersOwnerAndAccount() throws Exception {
    PartnerConnection conn = connect(Metadata.DEPLOYED);

    QueryResult found = conn.query("SELECT Id, OwnerId, AccountId FROM Opportunity WHERE Id = '"
        + DemoSalesforce.OPPORTUNITY_ID + "'");
    QueryResult none = conn.query("SELECT Id, OwnerId, AccountId FROM Opportunity WHERE Id = '006Hs0000099999AAA'");

    assertEquals(1, found.getSize());
    assertEquals("005Hs00000AxRv1IAF", found.getRecords()[0].getField("OwnerId"));
    assertEquals(DemoSalesforce.ACCOUNT_ID, found.getRecords()[0].getField("AccountId"));
    assertEquals(0, none.getSize());
  }

  @Test
  void theUserLookupFindsTheDealTeamByNameWithSoqlEscapesUndone() throws Exception {
    PartnerConnection conn = connect(Metadata.DEPLOYED);

    QueryResult users = conn.query("SELECT Id, Name, Email FROM User WHERE IsActive = true AND Name IN"
        + " ('Sam Chen', 'Jordan Lee', 'Nobody O\\'Here', 'alex rivera')");

    List<String> emails = Arrays.stream(users.getRecords()).map(r -> (String) r.getField("Email")).toList();
    assertEquals(List.of("alex.rivera@northwind-analytics.com", "sam.chen@northwind-analytics.com",
        "jordan.lee@northwind-analytics.com"), emails);
  }

  @Test
  void anUnescapedQuoteInTheUserLookupIsAMalformedQuery() throws Exception {
    PartnerConnection conn = connect(Metadata.DEPLOYED);

    assertThrows(MalformedQueryFault.class, () -> conn.query(
        "SELECT Id, Name, Email FROM User WHERE IsActive = true AND Name IN ('Nobody O'Here')"));
  }

  @Test
  void aForgedSessionGetsInvalidSessionIdOnWritesAsOnReads() throws Exception {
    connect(Metadata.DEPLOYED);
    var config = new ConnectorConfig();
    config.setManualLogin(true);
    config.setSessionId("00DHs000004MrdQ!forged");
    config.setServiceEndpoint(org.soapEndpoint());
    config.setAuthEndpoint(org.soapEndpoint());
    PartnerConnection forged = new PartnerConnection(config);

    var fault = assertThrows(UnexpectedErrorFault.class,
        () -> forged.upsert("Handoff_Key__c", new SObject[] {task("k", "s")}));

    assertEquals("INVALID_SESSION_ID", fault.getExceptionCode().toString());
    assertFalse(fault.getMessage() != null && fault.getMessage().contains("forged"));
    assertEquals(0, org.calls("upsert"));
  }

  private PartnerConnection connect(Metadata metadata) throws ConnectionException {
    org = DemoSalesforce.start(metadata);
    var config = new ConnectorConfig();
    config.setManualLogin(true);
    config.setSessionId(org.sessionId());
    config.setServiceEndpoint(org.soapEndpoint());
    config.setAuthEndpoint(org.soapEndpoint());
    return new PartnerConnection(config);
  }

  private static SObject task(String key, String subject) {
    return record("Task", "Handoff_Key__c", key, "Subject", subject, "WhatId", DemoSalesforce.OPPORTUNITY_ID,
        "Status", "Completed");
  }

  private static SObject record(String type, String... fieldsAndValues) {
    var o = new SObject(type);
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      o.setField(fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    return o;
  }

  private static Field field(DescribeSObjectResult object, String name) {
    return Arrays.stream(object.getFields()).filter(f -> f.getName().equals(name)).findFirst().orElseThrow();
  }
}
