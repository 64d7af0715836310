package org.handoffbrief.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.DealNotFoundException;
import org.handoffbrief.InvalidRequestException;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.PermissionException;
import org.handoffbrief.SourceUnavailableException;
import org.handoffbrief.UsageLimitExceededException;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.spi.Resolution;
import org.handoffbrief.testing.RecordingSourceContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SalesforceConnectorTest {

  static final String OPP = "0068c00000MeRdHAAV";
  static final String SOAP = "/services/Soap/u/65.0";
  static final String TOKEN = "/services/oauth2/token";
  static final String FIXED_SESSION = "00D8c00000OrGid!FAKE.fixed.session";

  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static KeyPair keys;

  @BeforeAll
  static void makeKeys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    keys = g.generateKeyPair();
  }

  /** Every org answers the time zone query; a test that needs another answer stubs it again. */
  @BeforeEach
  void theOrgIsInLosAngeles() {
    wm.stubFor(orgQueryStub().willReturn(xml(fixture("query-organization.xml"))));
  }

  // --- happy path -------------------------------------------------------------------------------

  @Test
  void resolvesTheDealWithContactsTeamActivitiesAndHistoryInOneQuery() {
    stubOpportunity(fixture("query-opportunity.xml"));
    stubQueryMore(fixture("querymore-tasks.xml"));
    var ctx = new RecordingSourceContext();

    Resolution r = connector(session(), b -> b.vendorDomains(List.of("northwind.io"))
        .opportunityField("Go-live target", "Go_Live_Date__c")
        .opportunityField("Seats", "Seats__c")
        .opportunityField("Success criteria", "Success_Criteria__c")
        .accountField("Tier", "Customer_Tier__c")).resolve(DealRef.of(OPP), ctx);

    DealContext deal = r.context();
    assertEquals("Meridian Health", deal.account().name());
    assertEquals(1200L, deal.account().employees());
    assertEquals("Closed Won", deal.opportunity().stage());
    assertEquals(0, new java.math.BigDecimal("168000").compareTo(deal.opportunity().amount()));
    assertEquals("USD", deal.opportunity().currency());
    assertTrue(deal.opportunity().won());
    assertEquals("Alex Rivera", deal.owner().name());
    assertEquals("alex.rivera@northwind.io", deal.owner().email());
    assertTrue(deal.owner().internal());
    assertEquals(List.of("Dana Okonkwo", "James Park"), deal.contacts().stream().map(c -> c.person().name()).toList());
    assertEquals("dana.okonkwo@meridianhealth.org", deal.contacts().get(0).person().email());
    assertTrue(deal.contacts().get(0).primary());
    assertEquals("Economic Buyer", deal.contacts().get(1).role());
    assertFalse(deal.contacts().get(1).person().internal());
    assertEquals("Sales Engineer", deal.team().get(0).role());
    assertEquals("0038c00000DaNaOAAV", deal.contacts().get(0).person().idIn("salesforce"));
    assertEquals(Instant.parse("2025-01-06T17:12:45Z"), deal.window().start());
    assertEquals(Instant.parse("2025-03-29T07:00:00Z"), deal.window().end(), "midnight after close day, LA time");
    assertEquals(java.time.ZoneId.of("America/Los_Angeles"), deal.orgZone());
    assertEquals(java.util.Set.of("northwind.io"), deal.vendorDomains());
    assertEquals(Map.of("Go-live target", "2025-05-15", "Seats", "420", "Tier", "Mid-Market"), deal.handoffFields());
    assertEquals(List.of("Go-live target", "Seats", "Tier"), List.copyOf(deal.handoffFields().keySet()));

    Map<String, Long> kinds = r.result().evidence().stream()
        .collect(Collectors.groupingBy(Evidence::kind, java.util.LinkedHashMap::new, Collectors.counting()));
    assertEquals(Map.of(CrmEvidence.OPPORTUNITY, 1L, CrmEvidence.ACCOUNT, 1L, CrmEvidence.CONTACT_ROLE, 2L,
        CrmEvidence.TEAM_MEMBER, 1L, CrmEvidence.TASK, 3L, CrmEvidence.EVENT, 1L, CrmEvidence.STAGE_HISTORY, 2L,
        CrmEvidence.FIELD_HISTORY, 1L), kinds);

    Evidence opp = evidence(r, CrmEvidence.OPPORTUNITY, OPP);
    assertEquals("""
        Opportunity: Meridian Health - 420 seats
        Account: Meridian Health
        Stage: Closed Won
        Amount: 168,000
        Currency: USD
        Close date: 2025-03-28
        Type: New Business
        Lead source: Partner Referral
        Next step: Kickoff with customer success week of Apr 7
        Probability: 100%
        Go-live target: 2025-05-15
        Seats: 420

        Replacing spreadsheets and email approvals for 420 clinic operations staff.
        Champion wants async weekly updates; CFO wants the ROI timeline before kickoff.""", opp.text());
    assertEquals("salesforce:Opportunity:" + OPP, opp.id());
    assertEquals(URI.create(wm.baseUrl() + "/lightning/r/Opportunity/" + OPP + "/view"), opp.permalink());
    assertEquals(OffsetDateTime.parse("2025-03-28T21:04:10Z"), opp.timestamp());
    assertEquals("168000.0", opp.attribute("Amount"));
    assertEquals("USD", opp.attribute("CurrencyIsoCode"));
    assertEquals("Alex Rivera", opp.attribute("Owner.Name"));
    assertEquals("2025-05-15", opp.attribute("Go_Live_Date__c"));
    assertEquals("420", opp.attribute("handoff.Seats"));
    assertEquals("420.0", opp.attribute("Seats__c"));
    int stage = opp.text().indexOf("Closed Won");
    assertEquals("StageName", opp.sourceSpanOf(stage, stage + "Closed Won".length()).field(),
        "a field's own value is citable and named by its API name");
    int currency = opp.text().indexOf("USD");
    assertNull(opp.sourceSpanOf(currency, currency + 3), "a composed line is not citable");
    int description = opp.text().indexOf("Replacing");
    assertEquals("Description", opp.sourceSpanOf(description, description + 9).field());
    assertNull(opp.attribute("handoff.Success criteria"));
    assertEquals(List.of("Success criteria"), CrmEvidence.blankHandoffFields(opp));
    assertEquals("alex.rivera@northwind.io", opp.author().email());

    Evidence account = evidence(r, CrmEvidence.ACCOUNT, "0018c00000MeRdHAAV");
    assertEquals("""
        Account: Meridian Health
        Industry: Healthcare
        Type: Customer - Direct
        Employees: 1,200
        Website: https://www.meridianhealth.org
        Tier: Mid-Market""", account.text());
    assertEquals("Mid-Market", account.attribute("handoff.Tier"));
    assertEquals("Healthcare", account.attribute("Industry"));

    Evidence dana = evidence(r, CrmEvidence.CONTACT_ROLE, "00K8c00000OcRdAEAV");
    assertEquals("""
        Contact: Dana Okonkwo
        Title: VP Operations
        Email: dana.okonkwo@meridianhealth.org
        Role: Business User
        Primary: yes""", dana.text());
    assertEquals("Dana.Okonkwo@meridianhealth.org", dana.attribute("Contact.Email"));

    Evidence priya = evidence(r, CrmEvidence.TEAM_MEMBER, "00q8c00000TmPriAAF");
    assertEquals("Team member: Priya Shah\nTitle: Solutions Engineer\nEmail: priya.shah@northwind.io\n"
        + "Team role: Sales Engineer", priya.text());

    Evidence erp = evidence(r, CrmEvidence.TASK, "00T8c00000Task1EAB");
    assertEquals("""
        Subject: Scope legacy ERP integration
        Status: In Progress
        Due: 2025-04-15
        Assigned to: Priya Shah
        Regarding: Dana Okonkwo
        Priority: High

        Meridian runs a 2009 Lawson ERP; purchase orders must sync nightly. Flagged as an implementation risk.""",
        erp.text());
    assertEquals("Priya Shah", erp.author().name());
    assertEquals("Dana Okonkwo", erp.participants().get(0).name());
    assertEquals(OffsetDateTime.parse("2025-03-08T14:30:00Z"), erp.timestamp());
    assertEquals(URI.create(wm.baseUrl() + "/lightning/r/Task/00T8c00000Task1EAB/view"), erp.permalink());

    Evidence roi = evidence(r, CrmEvidence.EVENT, "00U8c00000Evnt1EAB");
    assertTrue(roi.text().startsWith("""
        Subject: ROI review with CFO
        Start: 2025-02-20 16:00 UTC
        End: 2025-02-20 16:45 UTC
        Location: Zoom
        Assigned to: Alex Rivera
        Regarding: James Park

        James asked"""), roi.text());
    assertEquals(OffsetDateTime.parse("2025-02-20T16:00:00Z"), roi.timestamp());

    Evidence won = evidence(r, CrmEvidence.STAGE_HISTORY, "0088c00000Hist2AAB");
    assertEquals("Stage: Closed Won\nAmount: 168,000\nCurrency: USD\nClose date: 2025-03-28\nChanged by: Alex Rivera",
        won.text());
    assertEquals(URI.create(wm.baseUrl() + "/lightning/r/Opportunity/" + OPP + "/related/OpportunityHistories/view"),
        won.permalink());

    Evidence amount = evidence(r, CrmEvidence.FIELD_HISTORY, "0178c00000Fhst1AAB");
    assertEquals("Field: Amount\nOld value: 150000\nNew value: 168000\nChanged by: Alex Rivera", amount.text());

    assertEquals(List.of("query ok", "queryMore ok", "query ok"), ctx.operations());
    assertTrue(r.result().notes().isEmpty(), r.result().notes().toString());
    wm.verify(1, soap("query"));
    wm.verify(1, soap("queryMore"));
    wm.verify(1, soap("query").withRequestBody(matchingXPath(
        "//*[local-name()='SessionHeader']/*[local-name()='sessionId'][text()='" + FIXED_SESSION + "']")));
    wm.verify(1, soap("query").withRequestBody(matchingXPath(
        "//*[local-name()='QueryOptions']/*[local-name()='batchSize'][text()='200']")));
    assertEquals("gzip", wm.findAll(soap("query")).get(0).getHeader("Content-Encoding"));
  }

  @Test
  void theQueryAsksForEverythingInOneStatementWithTheIdEscapedAsALiteral() {
    stubOpportunity(fixture("query-opportunity.xml"));
    stubQueryMore(fixture("querymore-tasks.xml"));

    connector(session(), b -> b.opportunityField("Go-live target", "Go_Live_Date__c")).resolve(DealRef.of(OPP),
        new RecordingSourceContext());

    String soql = queryString(wm.findAll(soap("query")).get(0));
    assertTrue(soql.startsWith("SELECT Id, Name, StageName, Amount, CloseDate,"), soql);
    assertTrue(soql.endsWith(" FROM Opportunity WHERE Id = '" + OPP + "'"), soql);
    for (String part : List.of("Account.Name", "Owner.Email", "CurrencyIsoCode", "Go_Live_Date__c",
        "FROM OpportunityContactRoles", "FROM OpportunityTeamMembers", "FROM Tasks", "FROM Events",
        "FROM OpportunityHistories", "FROM Histories", "Contact.Email", "User.Title", "Who.Name", "CreatedBy.Name")) {
      assertTrue(soql.contains(part), part + " missing from " + soql);
    }
  }

  @Test
  void childListsLongerThanOneBatchAreFollowedWithQueryMore() {
    stubOpportunity(fixture("query-opportunity.xml"));
    stubQueryMore(fixture("querymore-tasks.xml"));

    Resolution r = connector(session(), b -> { }).resolve(DealRef.of(OPP), new RecordingSourceContext());

    assertEquals(List.of("00T8c00000Task1EAB", "00T8c00000Task2EAB", "00T8c00000Task3EAB"), r.result().evidence()
        .stream().filter(e -> e.kind().equals(CrmEvidence.TASK)).map(Evidence::nativeId).toList());
    wm.verify(1, soap("queryMore").withRequestBody(matchingXPath(
        "//*[local-name()='queryLocator'][text()='01g8c00000TaSkLoC-200']")));
    Evidence legal = evidence(r, CrmEvidence.TASK, "00T8c00000Task3EAB");
    assertEquals("Subject: Chase legal redline on data residency\nStatus: Not Started\nDue: 2025-04-04\n"
        + "Assigned to: Alex Rivera\nPriority: High", legal.text());
    assertTrue(legal.participants().isEmpty());
  }

  @Test
  void pagingStopsWhenTheCallBudgetIsSpentAndSaysSo() {
    stubOpportunity(fixture("query-opportunity.xml"));
    stubQueryMore(fixture("querymore-tasks.xml"));

    Resolution r = connector(session(), b -> { }).resolve(DealRef.of(OPP), new RecordingSourceContext(1));

    wm.verify(0, soap("queryMore"));
    assertEquals(1, r.result().evidence().stream().filter(e -> e.kind().equals(CrmEvidence.TASK)).count());
    assertEquals(1, r.result().notes().size());
    assertTrue(r.result().notes().get(0).startsWith("Tasks: stopped after 1 records because the call budget"),
        r.result().notes().get(0));
  }

  @Test
  void limitInfoHeaderIsReportedAsUsage() {
    stubOpportunity(fixture("query-opportunity.xml"));
    stubQueryMore(fixture("querymore-tasks.xml"));

    Resolution r = connector(session(), b -> { }).resolve(DealRef.of(OPP), new RecordingSourceContext());

    assertEquals(Map.of("API REQUESTS", "1534/100000"), r.result().usage(), "as of the latest answer");
  }

  // --- the org's time zone ---------------------------------------------------------------------

  @Test
  void mailSentOnTheEveningOfCloseDayInTheOrgsZoneIsInsideTheSalesCycle() {
    wm.stubFor(orgQueryStub().willReturn(xml(fixture("query-organization.xml")
        .replace("America/Los_Angeles", "America/Chicago"))));
    stubOpportunity(fixture("query-opportunity.xml"));
    stubQueryMore(fixture("querymore-tasks.xml"));

    DealContext deal = connector(session(), b -> { }).resolve(DealRef.of(OPP), new RecordingSourceContext()).context();

    assertEquals(java.time.ZoneId.of("America/Chicago"), deal.orgZone());
    assertTrue(deal.window().contains(Instant.parse("2025-03-29T02:30:00Z")), "21:30 on close day in Chicago");
    assertEquals(Instant.parse("2025-03-29T05:00:00Z"), deal.window().end());
    wm.verify(1, orgQuery());
  }

  @Test
  void theOrgsZoneIsAskedOncePerConnector() {
    stubOpportunity(fixture("query-opportunity.xml"));
    stubQueryMore(fixture("querymore-tasks.xml"));
    SalesforceConnector sf = connector(session(), b -> { });

    sf.resolve(DealRef.of(OPP), new RecordingSourceContext());
    var second = new RecordingSourceContext();
    sf.resolve(DealRef.of(OPP), second);

    wm.verify(1, orgQuery());
    assertEquals(List.of("query ok", "queryMore ok"), second.operations());
  }

  @Test
  void aConfiguredZoneIsUsedWithoutAskingTheOrg() {
    stubOpportunity(fixture("query-opportunity.xml"));
    stubQueryMore(fixture("querymore-tasks.xml"));

    DealContext deal = connector(session(), b -> b.timeZone("Europe/Berlin")).resolve(DealRef.of(OPP),
        new RecordingSourceContext()).context();

    assertEquals(Instant.parse("2025-03-28T23:00:00Z"), deal.window().end());
    wm.verify(0, orgQuery());
  }

  @ParameterizedTest
  @ValueSource(strings = {"fault-organization-invalid-type.xml", "insufficient-access"})
  void anOrgWhoseZoneCannotBeReadFallsBackToUtcWithANoteInsteadOfFailing(String answer) {
    String fault = answer.endsWith(".xml") ? fixture(answer) : fixture("fault-request-limit.xml")
        .replace("REQUEST_LIMIT_EXCEEDED", "INSUFFICIENT_ACCESS")
        .replace("TotalRequests Limit exceeded.", "insufficient access rights on object id");
    wm.stubFor(orgQueryStub().willReturn(fault(fault)));
    stubOpportunity(fixture("query-opportunity.xml"));
    stubQueryMore(fixture("querymore-tasks.xml"));

    Resolution r = connector(session(), b -> { }).resolve(DealRef.of(OPP), new RecordingSourceContext());

    assertEquals(java.time.ZoneOffset.UTC, r.context().orgZone());
    assertEquals(Instant.parse("2025-03-29T00:00:00Z"), r.context().window().end());
    assertEquals(1, r.result().notes().size(), r.result().notes().toString());
    assertTrue(r.result().notes().get(0).contains("close dates are read as UTC days")
        && r.result().notes().get(0).contains("salesforce.timeZone"), r.result().notes().get(0));
  }

  @Test
  void anOrgZoneJavaDoesNotKnowFallsBackToUtcWithANote() {
    wm.stubFor(orgQueryStub().willReturn(xml(fixture("query-organization.xml")
        .replace("America/Los_Angeles", "Mars/Olympus_Mons"))));
    stubOpportunity(fixture("query-opportunity.xml"));
    stubQueryMore(fixture("querymore-tasks.xml"));

    Resolution r = connector(session(), b -> { }).resolve(DealRef.of(OPP), new RecordingSourceContext());

    assertEquals(java.time.ZoneOffset.UTC, r.context().orgZone());
    assertTrue(r.result().notes().get(0).startsWith("the org's time zone 'Mars/Olympus_Mons' is not a zone"),
        r.result().notes().toString());
  }

  // --- handoff fields ---------------------------------------------------------------------------

  /** The opportunity with one handoff field of every kind an admin configures, some of them blank. */
  static String everyKindOfHandoffField() {
    return fixture("query-opportunity.xml")
        .replace("<sf:Success_Criteria__c xsi:nil=\"true\"/>", """
            <sf:Sales_Engineer__r xsi:type="sf:sObject">
                  <sf:type>User</sf:type>
                  <sf:Id xsi:nil="true"/>
                  <sf:Name>Priya Shah</sf:Name>
                 </sf:Sales_Engineer__r>
                 <sf:Primary_Champion__r xsi:nil="true"/>
                 <sf:Competitor__c xsi:nil="true"/>
                 <sf:Validation_Required__c>true</sf:Validation_Required__c>
                 <sf:Contract_Value__c>250000.0</sf:Contract_Value__c>
                 <sf:Handoff_Notes__c>Kickoff 4/8 &amp; "go-live" 5/15.
            Security review still open.</sf:Handoff_Notes__c>""")
        .replace("<sf:Customer_Tier__c>Mid-Market</sf:Customer_Tier__c>", """
            <sf:Customer_Tier__c>Mid-Market</sf:Customer_Tier__c>
                  <sf:Strategic_Account__c>false</sf:Strategic_Account__c>
                  <sf:CSM__r xsi:type="sf:sObject">
                   <sf:type>User</sf:type>
                   <sf:Id xsi:nil="true"/>
                   <sf:Name>Jordan Lee</sf:Name>
                  </sf:CSM__r>
                  <sf:Health_Score__c xsi:nil="true"/>
                  <sf:Renewal_Date__c>2026-03-28</sf:Renewal_Date__c>""");
  }

  static SalesforceConfig.Builder everyKindOfHandoffField(SalesforceConfig.Builder b) {
    return b.opportunityField("Go-live target", "Go_Live_Date__c")
        .opportunityField("Sales Engineer", "Sales_Engineer__r.Name")
        .opportunityField("Champion", "Primary_Champion__r.Name")
        .opportunityField("Competitor", "Competitor__c")
        .opportunityField("Validation required", "Validation_Required__c")
        .opportunityField("Contract value", "Contract_Value__c")
        .opportunityField("Handoff notes", "Handoff_Notes__c")
        .accountField("Tier", "Customer_Tier__c")
        .accountField("Strategic", "Strategic_Account__c")
        .accountField("CSM", "CSM__r.Name")
        .accountField("Health", "Health_Score__c")
        .accountField("Renewal", "Renewal_Date__c");
  }

  @Test
  void everyConfiguredHandoffFieldIsQueriedWithItsRelationshipPath() {
    stubOpportunity(everyKindOfHandoffField());
    stubQueryMore(fixture("querymore-tasks.xml"));

    connector(session(), SalesforceConnectorTest::everyKindOfHandoffField).resolve(DealRef.of(OPP),
        new RecordingSourceContext());

    String soql = queryString(wm.findAll(soap("query")).get(0));
    for (String path : List.of(" Go_Live_Date__c,", " Sales_Engineer__r.Name,", " Primary_Champion__r.Name,",
        " Competitor__c,", " Validation_Required__c,", " Contract_Value__c,", " Handoff_Notes__c,",
        " Account.Customer_Tier__c,", " Account.Strategic_Account__c,", " Account.CSM__r.Name,",
        " Account.Health_Score__c,", " Account.Renewal_Date__c,")) {
      assertTrue(soql.contains(path), path + " missing from " + soql);
    }
  }

  @Test
  void lookupsCheckboxesDatesNumbersAndLongTextLandVerbatimInTheContextAndTheEvidence() {
    stubOpportunity(everyKindOfHandoffField());
    stubQueryMore(fixture("querymore-tasks.xml"));

    Resolution r = connector(session(), SalesforceConnectorTest::everyKindOfHandoffField).resolve(DealRef.of(OPP),
        new RecordingSourceContext());

    String notes = "Kickoff 4/8 & \"go-live\" 5/15.\nSecurity review still open.";
    var expected = new java.util.LinkedHashMap<String, String>();
    expected.put("Go-live target", "2025-05-15");
    expected.put("Sales Engineer", "Priya Shah");
    expected.put("Validation required", "true");
    expected.put("Contract value", "250000");
    expected.put("Handoff notes", notes);
    expected.put("Tier", "Mid-Market");
    expected.put("Strategic", "false");
    expected.put("CSM", "Jordan Lee");
    expected.put("Renewal", "2026-03-28");
    assertEquals(List.copyOf(expected.entrySet()), List.copyOf(r.context().handoffFields().entrySet()));

    Evidence opp = evidence(r, CrmEvidence.OPPORTUNITY, OPP);
    assertEquals("Priya Shah", opp.attribute("handoff.Sales Engineer"));
    assertEquals("true", opp.attribute("handoff.Validation required"));
    assertEquals(notes, opp.attribute("handoff.Handoff notes"));
    assertTrue(opp.text().contains("""
        Go-live target: 2025-05-15
        Sales Engineer: Priya Shah
        Validation required: true
        Contract value: 250000
        Handoff notes: Kickoff 4/8 & "go-live" 5/15. Security review still open.

        Replacing"""), opp.text());
    assertEquals(List.of("Champion", "Competitor"), CrmEvidence.blankHandoffFields(opp));
    assertNull(opp.attribute("handoff.Competitor"));

    Evidence account = evidence(r, CrmEvidence.ACCOUNT, "0018c00000MeRdHAAV");
    assertEquals("Jordan Lee", account.attribute("handoff.CSM"));
    assertEquals("false", account.attribute("handoff.Strategic"));
    assertTrue(account.text().endsWith("Tier: Mid-Market\nStrategic: false\nCSM: Jordan Lee\nRenewal: 2026-03-28"),
        account.text());
    assertEquals(List.of("Health"), CrmEvidence.blankHandoffFields(account));
  }

  @Test
  void aLookupHandoffFieldThroughARelationshipTheUserCannotSeeIsLeftOutWithANote() {
    wm.stubFor(queryStub().atPriority(1).withRequestBody(containing("Sales_Engineer__r.Name"))
        .willReturn(fault(fixture("fault-invalid-relationship.xml").replace("INVALID_TYPE", "INVALID_FIELD")
            .replace("Didn't understand relationship 'OpportunityTeamMembers' in FROM part of query call",
                "Didn't understand relationship 'Sales_Engineer__r' in field path"))));
    wm.stubFor(queryStub().atPriority(2).willReturn(xml(everyKindOfHandoffField())));
    stubQueryMore(fixture("querymore-tasks.xml"));

    Resolution r = connector(session(), SalesforceConnectorTest::everyKindOfHandoffField).resolve(DealRef.of(OPP),
        new RecordingSourceContext());

    assertEquals(List.of("relationship Sales_Engineer__r is not visible to the integration user; handoff field"
        + " \"Sales Engineer\" is left out of the brief (grant read access to include it)."), r.result().notes());
    assertFalse(r.context().handoffFields().containsKey("Sales Engineer"));
    assertEquals("Jordan Lee", r.context().handoffFields().get("CSM"));
    assertFalse(r.context().team().isEmpty(), "the team subquery is kept");
  }

  @Test
  void aFieldOnALookedUpRecordTheUserCannotSeeDropsOnlyThatHandoffField() {
    wm.stubFor(queryStub().atPriority(1).withRequestBody(containing("CSM__r.Department"))
        .willReturn(fault(fixture("fault-invalid-field.xml").replace("No such column 'Success_Criteria__c' on entity"
            + " 'Opportunity'", "No such column 'Department' on entity 'User'"))));
    wm.stubFor(queryStub().atPriority(2).willReturn(xml(fixture("query-opportunity.xml"))));
    stubQueryMore(fixture("querymore-tasks.xml"));

    Resolution r = connector(session(), b -> b.accountField("CSM team", "CSM__r.Department")
        .accountField("Tier", "Customer_Tier__c")).resolve(DealRef.of(OPP), new RecordingSourceContext());

    assertTrue(r.result().notes().get(0).startsWith("User.Department is not visible to the integration user;"
        + " handoff field \"CSM team\" is left out"), r.result().notes().toString());
    assertEquals(Map.of("Tier", "Mid-Market"), r.context().handoffFields());
  }

  // --- auth -------------------------------------------------------------------------------------

  @Test
  void jwtBearerFlowPostsASignedAssertionThatVerifiesWithThePublicKey() throws Exception {
    stubToken(json("token-ok.json"));
    stubOpportunity(fixture("query-opportunity.xml"));
    stubQueryMore(fixture("querymore-tasks.xml"));
    var ctx = new RecordingSourceContext();

    connector(SalesforceAuth.jwtBearer("3MVG9FAKEclientId", "integration@northwind.io", keys.getPrivate()), b -> { })
        .resolve(DealRef.of(OPP), ctx);

    List<LoggedRequest> tokenCalls = wm.findAll(postRequestedFor(urlEqualTo(TOKEN)));
    assertEquals(1, tokenCalls.size());
    assertTrue(tokenCalls.get(0).getHeader("Content-Type").startsWith("application/x-www-form-urlencoded"));
    Map<String, String> form = form(tokenCalls.get(0).getBodyAsString());
    assertEquals(java.util.Set.of("grant_type", "assertion"), form.keySet());
    assertEquals("urn:ietf:params:oauth:grant-type:jwt-bearer", form.get("grant_type"));
    String[] jwt = form.get("assertion").split("\\.");
    assertEquals(3, jwt.length);
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(keys.getPublic());
    rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(rs256.verify(Base64.getUrlDecoder().decode(jwt[2])), "the assertion's signature must verify");
    assertEquals("{\"alg\":\"RS256\"}", new String(Base64.getUrlDecoder().decode(jwt[0]), StandardCharsets.UTF_8));
    var claims = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt[1]));
    assertEquals("3MVG9FAKEclientId", claims.get("iss").asText());
    assertEquals("integration@northwind.io", claims.get("sub").asText());
    assertEquals(wm.baseUrl(), claims.get("aud").asText());
    long exp = claims.get("exp").asLong();
    long now = Instant.now().getEpochSecond();
    assertTrue(exp > now && exp <= now + 300, "exp within five minutes: " + exp);
    wm.verify(1, soap("query").withRequestBody(matchingXPath(
        "//*[local-name()='sessionId'][text()='00D8c00000OrGid!FAKE.access.token.one']")));
    assertEquals("POST /services/oauth2/token (jwt-bearer) ok", ctx.operations().get(0));
  }

  @Test
  void jwtKeyIsReadFromAPkcs8PemFile(@TempDir Path dir) throws Exception {
    Path pem = dir.resolve("server.key");
    Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    var auth = (SalesforceAuth.JwtBearer) SalesforceAuth.jwtBearer("cid", "u@northwind.io", pem);
    assertTrue(Arrays.equals(keys.getPrivate().getEncoded(), auth.privateKey().getEncoded()));

    Path pkcs1 = dir.resolve("old.key");
    Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
    var e = assertThrows(IllegalArgumentException.class, () -> SalesforceAuth.jwtBearer("cid", "u", pkcs1));
    assertTrue(e.getMessage().contains("openssl pkcs8 -topk8"), e.getMessage());
  }

  @Test
  void tokenEndpointErrorsBecomeAuthenticationExceptionsWithTheDescriptionButNeverTheAssertion() {
    wm.stubFor(post(urlEqualTo(TOKEN)).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json").withBody(json("token-invalid-grant.json"))));
    var ctx = new RecordingSourceContext();

    var e = assertThrows(AuthenticationException.class, () -> connector(
        SalesforceAuth.jwtBearer("3MVG9FAKEclientId", "integration@northwind.io", keys.getPrivate()), b -> { })
        .resolve(DealRef.of(OPP), ctx));

    assertTrue(e.getMessage().contains("invalid_grant (user hasn't approved this consumer)"), e.getMessage());
    String assertion = form(wm.findAll(postRequestedFor(urlEqualTo(TOKEN))).get(0).getBodyAsString()).get("assertion");
    assertNoSecret(e, assertion, assertion.split("\\.")[2]);
    wm.verify(0, soap("query"));
    assertEquals(List.of("POST /services/oauth2/token (jwt-bearer) http_400"), ctx.operations());
  }

  @Test
  void refreshTokenFlowPostsTheGrantAndUsesTheReturnedToken() {
    stubToken(json("token-ok.json"));
    stubOpportunity(fixture("query-opportunity.xml"));
    stubQueryMore(fixture("querymore-tasks.xml"));

    connector(SalesforceAuth.refreshToken("3MVG9FAKEclientId", "FAKE-client-secret", "5Aep861FAKErefresh"), b -> { })
        .resolve(DealRef.of(OPP), new RecordingSourceContext());

    Map<String, String> form = form(wm.findAll(postRequestedFor(urlEqualTo(TOKEN))).get(0).getBodyAsString());
    assertEquals(Map.of("grant_type", "refresh_token", "client_id", "3MVG9FAKEclientId",
        "client_secret", "FAKE-client-secret", "refresh_token", "5Aep861FAKErefresh"), form);
    wm.verify(1, soap("query").withRequestBody(matchingXPath(
        "//*[local-name()='sessionId'][text()='00D8c00000OrGid!FAKE.access.token.one']")));
  }

  @Test
  void passwordLoginUsesSoapLoginAndTheServerUrlItReturns() {
    wm.stubFor(post(urlEqualTo(SOAP)).withRequestBody(matchingXPath("//*[local-name()='login']"))
        .willReturn(xml(fixture("login.xml"))));
    stubOpportunity(fixture("query-opportunity.xml"));
    stubQueryMore(fixture("querymore-tasks.xml"));
    var ctx = new RecordingSourceContext();

    Resolution r = connector(SalesforceAuth.password("integration@northwind.io", "FAKE-pass", "FAKEtoken"), b -> { })
        .resolve(DealRef.of(OPP), ctx);

    wm.verify(1, soap("login").withRequestBody(matchingXPath("//*[local-name()='username'][text()='integration@northwind.io']"))
        .withRequestBody(matchingXPath("//*[local-name()='password'][text()='FAKE-passFAKEtoken']")));
    wm.verify(1, soap("query").withRequestBody(matchingXPath(
        "//*[local-name()='sessionId'][text()='00D8c00000OrGid!FAKE.session.from.login']")));
    assertEquals("login ok", ctx.operations().get(0));
    assertTrue(evidence(r, CrmEvidence.OPPORTUNITY, OPP).permalink().toString().startsWith(wm.baseUrl() + "/lightning/"));
  }

  @Test
  void aRefusedPasswordLoginIsAnAuthenticationExceptionWithoutThePassword() {
    wm.stubFor(post(urlEqualTo(SOAP)).withRequestBody(matchingXPath("//*[local-name()='login']"))
        .willReturn(fault(fixture("fault-invalid-login.xml"))));

    var e = assertThrows(AuthenticationException.class, () -> connector(
        SalesforceAuth.password("integration@northwind.io", "FAKE-pass", "FAKEtoken"), b -> { })
        .resolve(DealRef.of(OPP), new RecordingSourceContext()));

    assertTrue(e.getMessage().contains("INVALID_LOGIN"), e.getMessage());
    assertNoSecret(e, "FAKE-pass", "FAKEtoken");
  }

  // --- session expiry and limits ----------------------------------------------------------------

  @Test
  void sessionExpiryRenewsOnceAndRetries() {
    wm.stubFor(post(urlEqualTo(TOKEN)).inScenario("token").whenScenarioStateIs("Started")
        .willReturn(jsonResponse(json("token-ok.json"))).willSetStateTo("renewed"));
    wm.stubFor(post(urlEqualTo(TOKEN)).inScenario("token").whenScenarioStateIs("renewed")
        .willReturn(jsonResponse(json("token-renewed.json"))));
    wm.stubFor(queryStub().withRequestBody(containing("FAKE.access.token.one"))
        .willReturn(fault(fixture("fault-invalid-session.xml"))));
    wm.stubFor(queryStub().withRequestBody(containing("FAKE.access.token.two"))
        .willReturn(xml(fixture("query-opportunity.xml"))));
    stubQueryMore(fixture("querymore-tasks.xml"));
    var ctx = new RecordingSourceContext();

    Resolution r = connector(SalesforceAuth.jwtBearer("cid", "integration@northwind.io", keys.getPrivate()), b -> { })
        .resolve(DealRef.of(OPP), ctx);

    assertEquals(OPP, r.context().opportunity().id());
    wm.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
    wm.verify(2, soap("query"));
    assertEquals(List.of("POST /services/oauth2/token (jwt-bearer) ok", "query INVALID_SESSION_ID",
        "POST /services/oauth2/token (jwt-bearer) ok", "query ok", "queryMore ok", "query ok"), ctx.operations());
  }

  @Test
  void aSecondExpiryRightAfterRenewalFailsWithAuthenticationException() {
    stubToken(json("token-ok.json"));
    wm.stubFor(queryStub().willReturn(fault(fixture("fault-invalid-session.xml"))));

    var e = assertThrows(AuthenticationException.class, () -> connector(
        SalesforceAuth.jwtBearer("cid", "integration@northwind.io", keys.getPrivate()), b -> { })
        .resolve(DealRef.of(OPP), new RecordingSourceContext()));

    assertTrue(e.getMessage().contains("again right after"), e.getMessage());
    wm.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
    wm.verify(2, soap("query"));
    assertNoSecret(e, "FAKE.access.token.one");
  }

  @Test
  void anExpiredFixedSessionFailsAtOnceBecauseItCannotBeRenewed() {
    wm.stubFor(queryStub().willReturn(fault(fixture("fault-invalid-session.xml"))));

    var e = assertThrows(AuthenticationException.class,
        () -> connector(session(), b -> { }).resolve(DealRef.of(OPP), new RecordingSourceContext()));

    assertTrue(e.getMessage().contains("cannot be renewed"), e.getMessage());
    wm.verify(1, soap("query"));
    assertNoSecret(e, FIXED_SESSION);
  }

  @Test
  void requestLimitExceededFailsFastWithASingleQuery() {
    wm.stubFor(queryStub().willReturn(fault(fixture("fault-request-limit.xml"))));
    var ctx = new RecordingSourceContext();

    var e = assertThrows(UsageLimitExceededException.class,
        () -> connector(session(), b -> { }).resolve(DealRef.of(OPP), ctx));

    assertTrue(e.getMessage().contains("rolling 24-hour"), e.getMessage());
    assertFalse(e.isRetriable());
    wm.verify(1, soap("query"));
    assertEquals(List.of("query REQUEST_LIMIT_EXCEEDED"), ctx.operations());
  }

  // --- bad input --------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {
      "0068c00000MeRdHAAA", // checksum suffix does not match
      "0018c00000MeRdHAAV", // an Account id, not an Opportunity
      "0068c00000MeRdHAA", // 17 characters
      "0068c00000MeRd", // 14 characters
      "0068c00000MeRd' OR Id != '", // injection attempt
      "0068c00000MeRdH\\'", // escape-then-quote attempt
  })
  void invalidIdsAreRefusedBeforeAnyCall(String id) {
    var ctx = new RecordingSourceContext();

    var e = assertThrows(InvalidRequestException.class,
        () -> connector(SalesforceAuth.jwtBearer("cid", "u@northwind.io", keys.getPrivate()), b -> { })
            .resolve(DealRef.of(id), ctx));

    assertFalse(e.getMessage().isBlank());
    assertTrue(ctx.operations().isEmpty());
    assertEquals(0, wm.getAllServeEvents().size());
  }

  @Test
  void aFifteenCharacterIdIsNormalisedToEighteen() {
    stubOpportunity(fixture("query-opportunity.xml"));
    stubQueryMore(fixture("querymore-tasks.xml"));

    connector(session(), b -> { }).resolve(DealRef.of("0068c00000MeRdH"), new RecordingSourceContext());

    assertTrue(queryString(wm.findAll(soap("query")).get(0)).endsWith("WHERE Id = '" + OPP + "'"));
  }

  @Test
  void anUnknownOpportunityIsDealNotFound() {
    wm.stubFor(queryStub().willReturn(xml(fixture("query-empty.xml"))));

    var e = assertThrows(DealNotFoundException.class, () -> connector(session(), b -> { })
        .resolve(DealRef.of("0068c00000Nope1AAB"), new RecordingSourceContext()));

    assertEquals("0068c00000Nope1AAB", e.opportunityId());
  }

  @Test
  void anOpportunityNotClosedWonIsRefusedUnlessAPreCloseBriefIsAsked() {
    stubOpportunity(notWon());
    stubQueryMore(fixture("querymore-tasks.xml"));

    var e = assertThrows(InvalidRequestException.class,
        () -> connector(session(), b -> { }).resolve(DealRef.of(OPP), new RecordingSourceContext()));
    assertTrue(e.getMessage().contains("is at stage Negotiation/Review, not Closed-Won; request a pre-close brief"),
        e.getMessage());
    wm.verify(0, soap("queryMore"));

    Resolution r = connector(session(), b -> { }).resolve(DealRef.preClose(OPP), new RecordingSourceContext());
    assertEquals("Negotiation/Review", r.context().opportunity().stage());
    assertFalse(r.context().opportunity().won());
  }

  // --- degradation ------------------------------------------------------------------------------

  @Test
  void aCustomFieldTheIntegrationUserCannotSeeIsLeftOutWithANote() {
    wm.stubFor(queryStub().atPriority(1).withRequestBody(containing("Success_Criteria__c"))
        .willReturn(fault(fixture("fault-invalid-field.xml"))));
    wm.stubFor(queryStub().atPriority(2).withRequestBody(notContaining("Success_Criteria__c"))
        .willReturn(xml(fixture("query-opportunity.xml"))));
    stubQueryMore(fixture("querymore-tasks.xml"));
    var ctx = new RecordingSourceContext();

    Resolution r = connector(session(), b -> b.opportunityField("Go-live target", "Go_Live_Date__c")
        .opportunityField("Success criteria", "Success_Criteria__c")).resolve(DealRef.of(OPP), ctx);

    assertEquals(List.of("query INVALID_FIELD", "query ok", "queryMore ok", "query ok"), ctx.operations());
    assertEquals(1, r.result().notes().size());
    assertTrue(r.result().notes().get(0).startsWith("field Success_Criteria__c is not visible to the integration"
        + " user; handoff field \"Success criteria\" is left out"), r.result().notes().get(0));
    assertEquals(Map.of("Go-live target", "2025-05-15"), r.context().handoffFields());
  }

  /** Issue 9: a second run writes nothing, because the write-back's own Tasks do not come back as evidence. */
  @Test
  void tasksTheWriteBackKeyedAreLeftOutOfTheQueryWhenItsKeyFieldIsNamed() {
    stubOpportunity(fixture("query-opportunity.xml"));
    stubQueryMore(fixture("querymore-tasks.xml"));

    connector(session(), b -> b.writebackKeyField("Handoff_Key__c")).resolve(DealRef.of(OPP), new RecordingSourceContext());

    String soql = queryString(wm.findAll(soap("query")).get(0));
    assertTrue(soql.contains(" FROM Tasks WHERE Handoff_Key__c = null ORDER BY CreatedDate)"), soql);
  }

  @Test
  void withoutAWriteBackKeyFieldEveryTaskIsRead() {
    stubOpportunity(fixture("query-opportunity.xml"));
    stubQueryMore(fixture("querymore-tasks.xml"));

    connector(session(), b -> { }).resolve(DealRef.of(OPP), new RecordingSourceContext());

    String soql = queryString(wm.findAll(soap("query")).get(0));
    assertTrue(soql.contains(" FROM Tasks ORDER BY CreatedDate)"), soql);
  }

  @Test
  void anOrgWithoutTheWriteBackKeyFieldReadsEveryTaskWithANote() {
    wm.stubFor(queryStub().atPriority(1).withRequestBody(containing("Handoff_Key__c"))
        .willReturn(fault(fixture("fault-invalid-field.xml").replace("No such column 'Success_Criteria__c' on entity"
            + " 'Opportunity'", "No such column 'Handoff_Key__c' on entity 'Task'"))));
    wm.stubFor(queryStub().atPriority(2).withRequestBody(notContaining("Handoff_Key__c"))
        .willReturn(xml(fixture("query-opportunity.xml"))));
    stubQueryMore(fixture("querymore-tasks.xml"));
    var ctx = new RecordingSourceContext();

    Resolution r = connector(session(), b -> b.writebackKeyField("Handoff_Key__c")).resolve(DealRef.of(OPP), ctx);

    assertEquals(List.of("query INVALID_FIELD", "query ok", "queryMore ok", "query ok"), ctx.operations());
    assertEquals(List.of("field Task.Handoff_Key__c (the write-back's Task key) is not in this org or not visible to"
        + " the integration user; every Task is read, the write-back's own included."), r.result().notes());
    assertFalse(r.result().evidence().stream().noneMatch(e -> e.kind().equals(CrmEvidence.TASK)), "Tasks are read");
  }

  @Test
  void whatTheOrgRefusedOnceIsNotProbedAgainByTheSameConnector() {
    wm.stubFor(queryStub().atPriority(1).withRequestBody(containing("Success_Criteria__c"))
        .willReturn(fault(fixture("fault-invalid-field.xml"))));
    wm.stubFor(queryStub().atPriority(2).withRequestBody(notContaining("Success_Criteria__c"))
        .willReturn(xml(fixture("query-opportunity.xml"))));
    stubQueryMore(fixture("querymore-tasks.xml"));
    SalesforceConnector connector = connector(session(), b -> b.opportunityField("Go-live target", "Go_Live_Date__c")
        .opportunityField("Success criteria", "Success_Criteria__c"));
    connector.resolve(DealRef.of(OPP), new RecordingSourceContext());
    var second = new RecordingSourceContext();

    Resolution r = connector.resolve(DealRef.of(OPP), second);

    assertEquals(List.of("query ok", "queryMore ok"), second.operations(),
        "one query, no probe of the refused field, no second look at the org's zone");
    assertTrue(r.result().notes().get(0).startsWith("field Success_Criteria__c is not visible"),
        "the brief still says what is missing");
  }

  @Test
  void aChildRelationshipTheOrgDoesNotOfferIsLeftOutWithANote() {
    wm.stubFor(queryStub().atPriority(1).withRequestBody(containing("FROM OpportunityTeamMembers"))
        .willReturn(fault(fixture("fault-invalid-relationship.xml"))));
    wm.stubFor(queryStub().atPriority(2).willReturn(xml(fixture("query-opportunity.xml"))));
    stubQueryMore(fixture("querymore-tasks.xml"));

    Resolution r = connector(session(), b -> { }).resolve(DealRef.of(OPP), new RecordingSourceContext());

    wm.verify(2, soap("query"));
    assertTrue(r.result().notes().get(0).startsWith("relationship OpportunityTeamMembers is not available"),
        r.result().notes().toString());
    assertTrue(r.context().team().isEmpty(), "the team subquery was dropped, so its records are not read");
  }

  @Test
  void aFaultNamingAFieldTheBriefCannotDoWithoutIsAPermissionProblem() {
    wm.stubFor(queryStub().willReturn(fault(fixture("fault-invalid-field.xml")
        .replace("No such column 'Success_Criteria__c'", "No such column 'StageName'"))));

    var e = assertThrows(PermissionException.class,
        () -> connector(session(), b -> { }).resolve(DealRef.of(OPP), new RecordingSourceContext()));

    assertTrue(e.getMessage().contains("No such column 'StageName'"), e.getMessage());
    wm.verify(1, soap("query"));
  }

  // --- broken answers ---------------------------------------------------------------------------

  @Test
  void anAnswerThatIsNotXmlIsAMalformedResponse() {
    wm.stubFor(queryStub().willReturn(xml(fixture("malformed.xml"))));

    assertThrows(MalformedResponseException.class,
        () -> connector(session(), b -> { }).resolve(DealRef.of(OPP), new RecordingSourceContext()));
  }

  @Test
  void aServerErrorWithoutASoapFaultIsSourceUnavailable() {
    wm.stubFor(queryStub().willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
        .withBody("<html><body>Service Unavailable</body></html>")));

    var ctx = new RecordingSourceContext();
    var e = assertThrows(SourceUnavailableException.class,
        () -> connector(session(), b -> { }).resolve(DealRef.of(OPP), ctx));
    assertTrue(e.isRetriable());
    assertEquals(3, ctx.operations().size(), "retried on the common policy, then given up: " + ctx.operations());
  }

  @Test
  void aMaintenancePageThenAnAnswerIsRetriedAndTheDealResolves() {
    wm.stubFor(queryStub().inScenario("maintenance").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
            .withBody("<html><body>Down for maintenance</body></html>"))
        .willSetStateTo("back"));
    wm.stubFor(queryStub().inScenario("maintenance").whenScenarioStateIs("back")
        .willReturn(xml(fixture("query-opportunity.xml"))));
    stubQueryMore(fixture("querymore-tasks.xml"));
    var ctx = new RecordingSourceContext();

    Resolution r = connector(session(), b -> { }).resolve(DealRef.of(OPP), ctx);

    assertEquals(OPP, r.context().opportunity().id());
    assertEquals("query ok", ctx.operations().get(1), ctx.operations().toString());
  }

  /**
   * Issue 8 item 9: HttpURLConnection silently sends a POST again after a connection reset unless
   * it streams; every request on the wire is an attempt the context counted.
   */
  @Test
  @Tag("reliability")
  void aConnectionResetIsNeverResentSilentlyEveryRequestOnTheWireIsACountedAttempt() {
    wm.stubFor(queryStub().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    var ctx = new RecordingSourceContext();

    var e = assertThrows(SourceUnavailableException.class,
        () -> connector(session(), b -> { }).resolve(DealRef.of(OPP), ctx));

    assertTrue(e.isRetriable());
    long attempts = ctx.operations().stream().filter(o -> o.startsWith("query ")).count();
    assertEquals(3, attempts, ctx.operations().toString());
    assertEquals(attempts, wm.findAll(soap("query")).size(), "no request the context did not count");
  }

  /** Issue 8 item 9: a reset on the password login is not resent behind the retry policy's back either. */
  @Test
  @Tag("reliability")
  void aResetDuringPasswordLoginIsSentOncePerAttempt() {
    wm.stubFor(post(urlEqualTo(SOAP)).withRequestBody(matchingXPath("//*[local-name()='login']"))
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    var ctx = new RecordingSourceContext();

    assertThrows(SourceUnavailableException.class, () -> connector(
        SalesforceAuth.password("integration@northwind.example", "pw", "tok"), b -> { }).resolve(DealRef.of(OPP), ctx));

    long attempts = ctx.operations().stream().filter(o -> o.startsWith("login ")).count();
    assertEquals(attempts, wm.findAll(soap("login")).size(), ctx.operations().toString());
  }

  /** Issue 8 item 8: the sign-in is bounded as a whole: a token answer that trickles in is a timeout. */
  @Test
  @Tag("reliability")
  void aTokenAnswerThatTricklesPastTheCallTimeoutIsATimeout() {
    wm.stubFor(post(urlEqualTo(TOKEN)).willReturn(jsonResponse(json("token-ok.json")).withChunkedDribbleDelay(20, 2_000)));
    var ctx = new RecordingSourceContext();

    var e = assertThrows(org.handoffbrief.DeadlineExceededException.class, () -> connector(
        SalesforceAuth.refreshToken("3MVG9FAKEclientId", "FAKE-client-secret", "5Aep861FAKErefresh"),
        b -> b.timeout(java.time.Duration.ofMillis(300))).resolve(DealRef.of(OPP), ctx));

    assertEquals(org.handoffbrief.model.SourceFailure.Kind.TIMEOUT, e.kind());
    assertTrue(e.getMessage().contains("did not answer completely within 300 ms"), e.getMessage());
    assertTrue(ctx.operations().contains("POST /services/oauth2/token (refresh_token) timeout"), ctx.operations().toString());
    assertNoSecret(e, "FAKE-client-secret", "5Aep861FAKErefresh");
  }

  /** Issue 8 item 7: close() is idempotent and a closed connector can no longer sign in. */
  @Test
  @Tag("reliability")
  void aClosedConnectorSignsInNoMore() {
    var connector = connector(SalesforceAuth.refreshToken("3MVG9FAKEclientId", "FAKE-client-secret", "r"), b -> { });
    connector.close();
    connector.close();

    assertThrows(IllegalStateException.class, () -> connector.resolve(DealRef.of(OPP), new RecordingSourceContext()));
    assertEquals(0, wm.getAllServeEvents().size());
  }

  @Test
  void anUnreachableHostIsSourceUnavailable() throws IOException {
    int closedPort;
    try (var s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    var auth = SalesforceAuth.session(URI.create("http://127.0.0.1:" + closedPort), FIXED_SESSION);

    var e = assertThrows(SourceUnavailableException.class, () -> SalesforceConnector.create(
        SalesforceConfig.builder().auth(auth).loginUrl(URI.create("http://127.0.0.1:" + closedPort)).build())
        .resolve(DealRef.of(OPP), new RecordingSourceContext()));
    assertNoSecret(e, FIXED_SESSION);
  }

  @Test
  void anExpiredQueryLocatorIsSourceUnavailable() {
    stubOpportunity(fixture("query-opportunity.xml"));
    wm.stubFor(post(urlEqualTo(SOAP)).withRequestBody(matchingXPath("//*[local-name()='queryMore']"))
        .willReturn(fault(fixture("fault-invalid-query-locator.xml"))));

    var e = assertThrows(SourceUnavailableException.class,
        () -> connector(session(), b -> { }).resolve(DealRef.of(OPP), new RecordingSourceContext()));
    assertTrue(e.getMessage().contains("INVALID_QUERY_LOCATOR"), e.getMessage());
  }

  // --- deadlines, end to end through Handoff ---------------------------------------------------

  @Test
  void aSalesforceSlowerThanItsDeadlineFailsTheBriefTypedInsteadOfHanging() {
    // The org answers, but only after 5 s; the source deadline is 300 ms.
    wm.stubFor(queryStub().willReturn(xml(fixture("query-opportunity.xml")).withFixedDelay(5_000)));
    var listener = new java.util.concurrent.CopyOnWriteArrayList<org.handoffbrief.model.SourceReport>();
    try (var handoff = org.handoffbrief.Handoff.builder().resolver(connector(session(), b -> { }))
        .sourceDeadline(java.time.Duration.ofMillis(300)).deadline(java.time.Duration.ofSeconds(20))
        .listener(new org.handoffbrief.observe.HandoffListener() {
          @Override
          public void sourceFinished(org.handoffbrief.model.SourceReport report) {
            listener.add(report);
          }
        }).build()) {
      var e = assertThrows(org.handoffbrief.DeadlineExceededException.class, () -> handoff.brief(OPP));
      assertEquals("salesforce", e.system());
      assertTrue(e.isRetriable());
    }
    assertEquals(org.handoffbrief.model.SourceFailure.Kind.TIMEOUT, listener.get(0).failure().kind());
  }

  @Test
  void aSlowButTimelySalesforceStillMakesTheBrief() {
    wm.stubFor(queryStub().willReturn(xml(fixture("query-opportunity.xml")).withFixedDelay(200)));
    stubQueryMore(fixture("querymore-tasks.xml"));
    try (var handoff = org.handoffbrief.Handoff.builder().resolver(connector(session(), b -> { }))
        .sourceDeadline(java.time.Duration.ofSeconds(15)).deadline(java.time.Duration.ofSeconds(20)).build()) {
      var brief = handoff.brief(OPP);
      assertEquals("ok", brief.sources().get(0).status().wireId());
      assertFalse(brief.claims().isEmpty());
      assertTrue(brief.claims().stream().flatMap(c -> c.citations().stream()).allMatch(c -> c.system().equals("salesforce")));
    }
  }

  // --- helpers ----------------------------------------------------------------------------------

  static void assertNoSecret(Throwable e, String... secrets) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (String secret : secrets) {
        assertFalse(String.valueOf(t.getMessage()).contains(secret), "secret in " + t.getClass().getName());
        assertFalse(t.toString().contains(secret), "secret in toString of " + t.getClass().getName());
      }
    }
  }

  SalesforceAuth session() {
    return SalesforceAuth.session(URI.create(wm.baseUrl()), FIXED_SESSION);
  }

  SalesforceConnector connector(SalesforceAuth auth, Consumer<SalesforceConfig.Builder> more) {
    SalesforceConfig.Builder b = SalesforceConfig.builder().loginUrl(URI.create(wm.baseUrl())).auth(auth);
    more.accept(b);
    return SalesforceConnector.create(b.build());
  }

  static Evidence evidence(Resolution r, String kind, String id) {
    return r.result().evidence().stream().filter(e -> e.kind().equals(kind) && e.nativeId().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + id));
  }

  static String notWon() {
    return fixture("query-opportunity.xml")
        .replace("<sf:StageName>Closed Won</sf:StageName>\n     <sf:Amount>",
            "<sf:StageName>Negotiation/Review</sf:StageName>\n     <sf:Amount>")
        .replace("<sf:IsClosed>true</sf:IsClosed>\n     <sf:IsWon>true</sf:IsWon>",
            "<sf:IsClosed>false</sf:IsClosed>\n     <sf:IsWon>false</sf:IsWon>");
  }

  static String fixture(String name) {
    return resource(name).replace("INSTANCE_URL", wm.baseUrl());
  }

  static String json(String name) {
    return fixture(name);
  }

  static String resource(String name) {
    try (InputStream in = SalesforceConnectorTest.class.getResourceAsStream("/salesforce/" + name)) {
      if (in == null) {
        throw new AssertionError("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The opportunity query (any query but the org's time zone). */
  static MappingBuilder queryStub() {
    return post(urlEqualTo(SOAP)).withRequestBody(matchingXPath("//*[local-name()='query']"))
        .withRequestBody(notContaining("FROM Organization"));
  }

  static MappingBuilder orgQueryStub() {
    return post(urlEqualTo(SOAP)).withRequestBody(matchingXPath("//*[local-name()='query']"))
        .withRequestBody(containing("SELECT TimeZoneSidKey FROM Organization"));
  }

  static void stubOpportunity(String body) {
    wm.stubFor(queryStub().willReturn(xml(body)));
  }

  static void stubQueryMore(String body) {
    wm.stubFor(post(urlEqualTo(SOAP)).withRequestBody(matchingXPath("//*[local-name()='queryMore']"))
        .willReturn(xml(body)));
  }

  static void stubToken(String body) {
    wm.stubFor(post(urlEqualTo(TOKEN)).willReturn(jsonResponse(body)));
  }

  static ResponseDefinitionBuilder jsonResponse(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body);
  }

  static ResponseDefinitionBuilder xml(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body);
  }

  /** The Partner API sends faults as HTTP 500 with a SOAP fault body. */
  static ResponseDefinitionBuilder fault(String body) {
    return aResponse().withStatus(500).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body);
  }

  /** Requests of this operation; for {@code query}, the opportunity query only (see {@link #orgQuery()}). */
  static RequestPatternBuilder soap(String operation) {
    var p = postRequestedFor(urlEqualTo(SOAP)).withRequestBody(matchingXPath("//*[local-name()='" + operation + "']"));
    return operation.equals("query") ? p.withRequestBody(notContaining("FROM Organization")) : p;
  }

  static RequestPatternBuilder orgQuery() {
    return postRequestedFor(urlEqualTo(SOAP)).withRequestBody(matchingXPath("//*[local-name()='query']"))
        .withRequestBody(containing("SELECT TimeZoneSidKey FROM Organization"));
  }

  static String queryString(LoggedRequest request) {
    String body = request.getBodyAsString();
    int start = body.indexOf("<queryString>");
    if (start < 0) {
      // force-wsc may prefix the element; find it by local name.
      var m = java.util.regex.Pattern.compile("<(\\w+:)?queryString>(.*?)</(\\w+:)?queryString>", java.util.regex.Pattern.DOTALL)
          .matcher(body);
      if (!m.find()) {
        throw new AssertionError("no queryString in " + body);
      }
      return unescapeXml(m.group(2));
    }
    return unescapeXml(body.substring(start + 13, body.indexOf("</queryString>")));
  }

  static String unescapeXml(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
        .replace("&amp;", "&");
  }

  static Map<String, String> form(String body) {
    return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
        p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8), p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8),
        (a, b) -> a, java.util.LinkedHashMap::new));
  }
}
