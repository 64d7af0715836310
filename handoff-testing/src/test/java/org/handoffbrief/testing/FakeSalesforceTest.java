package org.handoffbrief.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeSalesforceTest {
  private final FakeSalesforce org = FakeSalesforce.start();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    org.close();
  }

  @Test
  void aCallWithoutTheSessionItIssuedIsInvalidSessionId() throws Exception {
    HttpResponse<String> r = soap("<query><queryString>SELECT Id FROM Task</queryString></query>", "not-the-session");

    assertEquals(500, r.statusCode());
    assertTrue(r.body().contains("<faultcode>sf:INVALID_SESSION_ID</faultcode>"), r.body());
    assertEquals(0, org.calls("query"));
  }

  @Test
  void aJwtSignedWithTheFakesKeyGetsTheSessionAndAnUnsignedOneIsInvalidGrant() throws Exception {
    String claims = b64("{\"iss\":\"" + org.clientId() + "\",\"sub\":\"" + org.username() + "\",\"exp\":"
        + (Instant.now().getEpochSecond() + 300) + "}");
    String signing = b64("{\"alg\":\"RS256\"}") + "." + claims;
    var signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(org.privateKey());
    signer.update(signing.getBytes(StandardCharsets.US_ASCII));
    String jwt = signing + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());

    HttpResponse<String> good = token(jwt);
    HttpResponse<String> forged = token(signing + ".bm90LWEtc2lnbmF0dXJl");

    assertEquals(200, good.statusCode());
    assertTrue(good.body().contains("\"access_token\":\"" + org.sessionId() + "\""), good.body());
    assertTrue(good.body().contains("\"instance_url\":\"" + org.loginUrl() + "\""), good.body());
    assertEquals(400, forged.statusCode());
    assertEquals("{\"error\":\"invalid_grant\",\"error_description\":\"invalid assertion\"}", forged.body());
  }

  @Test
  void aSoapLoginWithThePasswordAndTokenGetsTheSessionAndAWrongPasswordIsInvalidLogin() throws Exception {
    HttpResponse<String> good = soap("<login><username>" + org.username() + "</username><password>" + org.password()
        + org.securityToken() + "</password></login>", null);
    HttpResponse<String> wrong = soap("<login><username>" + org.username() + "</username><password>"
        + org.password() + "</password></login>", null);

    assertEquals(200, good.statusCode());
    assertTrue(good.body().contains("<sessionId>" + org.sessionId() + "</sessionId>"), good.body());
    assertTrue(good.body().contains("<serverUrl>" + org.loginUrl() + "/services/Soap/u/"), good.body());
    assertEquals(500, wrong.statusCode());
    assertTrue(wrong.body().contains("sf:INVALID_LOGIN"), wrong.body());
  }

  @Test
  void aSimpleQueryIsAnsweredFromTheOrgsRecordsByItsWhereClause() throws Exception {
    org.user("005000000000001AAA", "Ada Example", "ada@example.com")
        .user("005000000000002AAA", "Bo O'Example", "bo@example.com")
        .user("005000000000003AAA", "Cy Example", "cy@example.com");

    String body = query("SELECT Id, Name, Email FROM User WHERE IsActive = true AND Name IN ('ada example',"
        + " 'Bo O\\'Example')").body();

    assertTrue(body.contains("<size>2</size>"), body);
    assertTrue(body.contains("<sf:Email>ada@example.com</sf:Email>"), body);
    assertTrue(body.contains("<sf:Name>Bo O'Example</sf:Name>"), body);
    assertFalse(body.contains("Cy Example"), body);
  }

  @Test
  void anAnswerLongerThanABatchIsPagedWithQueryMore() throws Exception {
    var rows = new ArrayList<String>();
    for (int i = 0; i < 5; i++) {
      rows.add("<records xsi:type=\"sf:sObject\"><sf:type>Opportunity</sf:type><sf:Name>Deal " + i
          + "</sf:Name></records>");
    }
    org.answerQuery(soql -> soql.contains("IsWon = true"), soql -> rows, 2);

    var pages = new ArrayList<String>();
    String page = query("SELECT Id FROM Opportunity WHERE IsWon = true AND CloseDate >= 2026-03-01").body();
    pages.add(page);
    while (page.contains("<done>false</done>")) {
      String locator = page.replaceAll("(?s).*<queryLocator>([^<]+)</queryLocator>.*", "$1");
      page = soap("<queryMore><queryLocator>" + locator + "</queryLocator></queryMore>", org.sessionId()).body();
      pages.add(page);
    }

    assertEquals(3, pages.size());
    assertTrue(pages.get(2).contains("<queryMoreResponse>") && pages.get(2).contains("Deal 4"), pages.get(2));
    assertEquals(1, org.calls("query"));
    assertEquals(2, org.calls("queryMore"));
  }

  @Test
  void anUpsertOfTheSameKeyTwiceWritesOneRecordAndARefusedRecordIsThatRecordsError() throws Exception {
    org.deployWriteback();
    String opportunity = org.sobject("Opportunity", Map.of("Name", "Renewal"));
    String task = "<sObjects><type>Task</type><Subject>Kickoff</Subject><WhatId>" + opportunity
        + "</WhatId><Handoff_Key__c>k-1</Handoff_Key__c></sObjects>";

    String first = soap("<upsert><externalIDFieldName>Handoff_Key__c</externalIDFieldName>" + task + "</upsert>",
        org.sessionId()).body();
    String second = soap("<upsert><externalIDFieldName>Handoff_Key__c</externalIDFieldName>" + task + "</upsert>",
        org.sessionId()).body();
    org.refuse(r -> "k-2".equals(r.get("Handoff_Key__c")), "FIELD_CUSTOM_VALIDATION_EXCEPTION", "not today",
        "Subject");
    String refused = soap("<create>" + task.replace("k-1", "k-2") + "</create>", org.sessionId()).body();

    assertTrue(first.contains("<created>true</created>"), first);
    assertTrue(second.contains("<created>false</created>"), second);
    assertTrue(refused.contains("<statusCode>FIELD_CUSTOM_VALIDATION_EXCEPTION</statusCode>"), refused);
    List<Map<String, String>> tasks = org.records("Task");
    assertEquals(1, tasks.size());
    assertEquals("Not Started", tasks.get(0).get("Status"), "the org's default");
    assertEquals(org.integrationUserId(), tasks.get(0).get("OwnerId"));
    assertEquals(3, org.sent("Task").size());
  }

  @Test
  void anUnknownFieldIsAFaultAndTheNthCallCanBeMadeToFail() throws Exception {
    org.faultOn("describeGlobal", 2, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");

    String unknown = soap("<create><sObjects><type>Task</type><No_Such__c>x</No_Such__c></sObjects></create>",
        org.sessionId()).body();
    HttpResponse<String> once = soap("<describeGlobal/>", org.sessionId());
    HttpResponse<String> twice = soap("<describeGlobal/>", org.sessionId());

    assertTrue(unknown.contains("<faultcode>sf:INVALID_FIELD</faultcode>"), unknown);
    assertEquals(200, once.statusCode());
    assertTrue(once.body().contains("<name>Task</name>"), once.body());
    assertEquals(500, twice.statusCode());
    assertTrue(twice.body().contains("REQUEST_LIMIT_EXCEEDED"), twice.body());
  }

  private HttpResponse<String> query(String soql) throws Exception {
    return soap("<query><queryString>" + soql.replace("&", "&amp;").replace("<", "&lt;") + "</queryString></query>",
        org.sessionId());
  }

  private HttpResponse<String> soap(String call, String session) throws Exception {
    String header = session == null ? "" : "<soapenv:Header><SessionHeader><sessionId>" + session
        + "</sessionId></SessionHeader></soapenv:Header>";
    String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " xmlns=\"urn:partner.soap.sforce.com\">" + header + "<soapenv:Body>"
        + call.replace("<sObjects>", "<sObjects xmlns=\"urn:sobject.partner.soap.sforce.com\">")
        + "</soapenv:Body></soapenv:Envelope>";
    return http.send(HttpRequest.newBuilder(URI.create(org.soapEndpoint())).header("Content-Type", "text/xml")
        .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> token(String assertion) throws Exception {
    String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer",
        StandardCharsets.UTF_8) + "&assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8);
    return http.send(HttpRequest.newBuilder(URI.create(org.loginUrl() + "/services/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
