package org.handoffbrief.samples;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handoffbrief.testing.FakeSalesforce;

/**
 * The demo company's Salesforce org: the test kit's {@link FakeSalesforce} with the demo's
 * connected app, users, metadata and records, answering the resolver's query from the fixtures
 * under {@code demo/salesforce/} and the week's closes from {@link DemoWeek}.
 */
final class DemoSalesforce {

  /** The Meridian Health opportunity, Closed Won on 2026-03-27. */
  static final String OPPORTUNITY_ID = "006Hs00000MrdWnIAJ";
  /** The demo org's id: what its outbound messages carry. */
  static final String ORGANIZATION_ID = "00DHs000004MrdQMAS";
  /** The connected app's consumer key (not a secret in the JWT flow). */
  static final String CLIENT_ID = "3MVG9DemoNorthwindHandoffConnectedApp";
  /** The integration user the JWT names. */
  static final String USERNAME = "handoff-integration@northwind-analytics.com.demo";
  /** The vendor's own email domain: our company, Northwind Analytics. */
  static final Set<String> VENDOR_DOMAINS = Set.of("northwind-analytics.com");

  /** The org's handoff fields on Opportunity, label to API name, in the order the brief lists them. */
  static final Map<String, String> OPPORTUNITY_FIELDS = ordered(
      "Go-live date", "Go_Live_Date__c",
      "Seats", "Seats__c",
      "ARR", "ARR__c",
      "Contract tier", "Contract_Tier__c",
      "Primary pain", "Primary_Pain__c",
      "Success criteria", "Success_Criteria__c",
      "Business case", "Business_Case__c",
      "Competitor", "Competitor__c",
      "Handoff notes", "Handoff_Notes__c");
  /** The org's handoff fields on Account. */
  static final Map<String, String> ACCOUNT_FIELDS = ordered("Segment", "Segment__c");

  /** The Meridian Health account the opportunity belongs to. */
  static final String ACCOUNT_ID = "001Hs00000MrdHlIAJ";
  /** Its name, as a person asking for its brief in Slack types it. */
  static final String ACCOUNT_NAME = "Meridian Health";
  /** The opportunity's name. */
  static final String OPPORTUNITY_NAME = "Meridian Health - Analytics Platform (420 seats)";

  /** A user of the demo org: the deal team and the integration user the write-back signs in as. */
  record User(String id, String name, String email) {}

  /** The demo company's active users: the deal team from the fixtures, support, and the integration user. */
  static final List<User> USERS = List.of(
      new User("005Hs00000AxRv1IAF", "Alex Rivera", "alex.rivera@northwind-analytics.com"),
      new User("005Hs00000SmCh2IAF", "Sam Chen", "sam.chen@northwind-analytics.com"),
      new User("005Hs00000JdLe3IAF", "Jordan Lee", "jordan.lee@northwind-analytics.com"),
      new User("005Hs00000PtMg4IAF", "Pat Morgan", "pat.morgan@northwind-analytics.com"),
      new User("005Hs00000RyMg5IAF", "Riley Morgan", "riley.morgan@northwind-analytics.com"),
      new User("005Hs00000IntG1IAJ", "Handoff Integration", "handoff-integration@northwind-analytics.com"));
  /** Who owns what the write-back creates when it names no owner: the user the session belongs to. */
  static final String INTEGRATION_USER = "005Hs00000IntG1IAJ";

  private static final String FIXTURES = "/demo/salesforce/";
  /** The query locator of the demo deal's Tasks in {@code query-opportunity.xml}. */
  private static final String TASKS_LOCATOR = "01gHs00000MrdTsIAQ-8";

  private DemoSalesforce() {}

  /** Starts the org on 127.0.0.1 on a free port, with the write-back's metadata deployed. */
  static FakeSalesforce start() {
    return start(DemoOrgSchema.Metadata.DEPLOYED);
  }

  /**
   * Starts the org on 127.0.0.1 on a free port with as much of the write-back's metadata as
   * {@code metadata} says: how a test shows an org where an admin has not deployed it yet.
   */
  static FakeSalesforce start(DemoOrgSchema.Metadata metadata) {
    return start(metadata, null);
  }

  /**
   * Starts the org with {@code metadata} deployed, keeping what is written in {@code stateFile}
   * between runs (null: start empty).
   */
  static FakeSalesforce start(DemoOrgSchema.Metadata metadata, Path stateFile) {
    FakeSalesforce org = FakeSalesforce.start();
    try {
      org.organizationId(ORGANIZATION_ID).integrationUserId(INTEGRATION_USER).clientId(CLIENT_ID).username(USERNAME)
          .metadata(DemoOrgSchema.objects(metadata).values().stream().toList());
      for (User u : USERS) {
        org.user(u.id(), u.name(), u.email());
      }
      // What the write-back looks up before it writes: the deal's owner and account.
      org.sobject("Opportunity", Map.of("Id", OPPORTUNITY_ID, "OwnerId", USERS.get(0).id(), "AccountId", ACCOUNT_ID));
      DemoWeek.answer(org);
      org.answerQueryMore(TASKS_LOCATOR, fixture("querymore-tasks.xml"));
      // Every other query gets the demo deal: the resolver's, whatever fields it asks for.
      org.answerQuery(soql -> true, fixture("query-opportunity.xml"));
      if (stateFile != null) {
        org.keepStateIn(stateFile);
      }
      return org;
    } catch (RuntimeException e) {
      org.close();
      throw e;
    }
  }

  static String fixture(String name) {
    return DemoFixtures.read(FIXTURES + name);
  }

  private static Map<String, String> ordered(String... labelsAndFields) {
    var out = new LinkedHashMap<String, String>();
    for (int i = 0; i < labelsAndFields.length; i += 2) {
      out.put(labelsAndFields[i], labelsAndFields[i + 1]);
    }
    return Collections.unmodifiableMap(out);
  }
}
