package org.handoffbrief.samples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handoffbrief.testing.FakeVendor;

/**
 * The demo company's Salesforce org, served on loopback in the Partner API's own wire format from
 * the fixtures under {@code demo/salesforce/}: the OAuth token endpoint of the JWT bearer flow and
 * the SOAP endpoint's {@code query} and {@code queryMore}; and, through {@link DemoOrg}, the calls
 * a write-back makes: describes, {@code upsert}, {@code create}, {@code update} and its two lookups,
 * kept in memory so a test can read what was written ({@link #records}, {@link #calls}).
 *
 * <p>The server checks what a real org checks: the JWT is signed with the key pair made here at
 * start (so no key is ever committed) and names the demo's connected app and user, and every SOAP
 * call carries the session the token endpoint issued. Anything else gets the fault Salesforce
 * would send, so the demo exercises the connector as a real org would.
 */
final class DemoSalesforce extends FakeVendor {

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

  private static final String FIXTURES = "/demo/salesforce/";
  private static final String TASKS_LOCATOR = "01gHs00000MrdTsIAQ-8";
  private static final String SOAP_PATH = "/services/Soap/u/65\\.0(/.*)?";
  private static final String TEXT_XML = "text/xml;charset=UTF-8";

  /** The Meridian Health account the opportunity belongs to. */
  static final String ACCOUNT_ID = "001Hs00000MrdHlIAJ";
  /** Its name, as a person asking for its brief in Slack types it. */
  static final String ACCOUNT_NAME = "Meridian Health";
  /** The opportunity's name. */
  static final String OPPORTUNITY_NAME = "Meridian Health - Analytics Platform (420 seats)";

  private final KeyPair keys;
  private final DemoOrg org;
  private final ObjectMapper json = new ObjectMapper();

  private DemoSalesforce(WireMockServer server, KeyPair keys, DemoOrg org) {
    super(server);
    this.keys = keys;
    this.org = org;
  }

  /** Starts the org on 127.0.0.1 on a free port, with the write-back's metadata deployed. */
  static DemoSalesforce start() {
    return start(DemoOrgSchema.Metadata.DEPLOYED);
  }

  /**
   * Starts the org on 127.0.0.1 on a free port with as much of the write-back's metadata as
   * {@code metadata} says: how a test shows an org where an admin has not deployed it yet.
   */
  static DemoSalesforce start(DemoOrgSchema.Metadata metadata) {
    return start(metadata, null);
  }

  /**
   * Starts the org with the project's metadata deployed, keeping what is written in
   * {@code stateFile} between runs (null: start empty).
   */
  static DemoSalesforce start(DemoOrgSchema.Metadata metadata, java.nio.file.Path stateFile) {
    KeyPair keys = DemoFixtures.rsaKeyPair("the demo's JWT flow");
    var state = new DemoOrg(metadata, stateFile, OPPORTUNITY_ID, ACCOUNT_ID, fixture("query-opportunity.xml"),
        fixture("querymore-tasks.xml"));
    var server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
        .notifier(new Slf4jNotifier(false)).extensions(state));
    server.start();
    var org = new DemoSalesforce(server, keys, state);
    try {
      org.stub();
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
    return org;
  }

  /** Where the connector logs in: stands in for {@code https://login.salesforce.com}. */
  URI loginUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The records written to sObject {@code type} so far (e.g. {@code Task}), fields by API name, in write order. */
  List<Map<String, String>> records(String type) {
    return org.records(type);
  }

  /** How many times a SOAP operation reached the org, e.g. {@code upsert} or {@code create}. */
  int calls(String operation) {
    return org.calls(operation);
  }

  /** The SOAP endpoint of the Partner API, v65.0, as a login answers it. */
  String soapEndpoint() {
    return loginUrl() + "/services/Soap/u/65.0/" + ORGANIZATION_ID;
  }

  /** The session the token endpoint issues: what a Partner API client puts in its SessionHeader. */
  String sessionId() {
    String base = loginUrl().toString();
    return accessToken(fixture("oauth-token.json").replace("${instanceUrl}", base).replace("${loginUrl}", base));
  }

  /** The private key of the JWT bearer flow, made at start and never written anywhere. */
  PrivateKey privateKey() {
    return keys.getPrivate();
  }

  private void stub() {
    String base = loginUrl().toString();
    String token = fixture("oauth-token.json").replace("${instanceUrl}", base).replace("${loginUrl}", base);
    String session = accessToken(token);

    server.stubFor(post(urlPathEqualTo("/services/oauth2/token")).atPriority(1)
        .andMatching(request -> MatchResult.of(isValidJwtGrant(request)))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json;charset=UTF-8")
            .withBody(token)));
    server.stubFor(post(urlPathEqualTo("/services/oauth2/token")).atPriority(9)
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json;charset=UTF-8")
            .withBody(fixture("oauth-invalid-grant.json"))));

    // Requests are namespace-prefixed and gzip-compressed: match on local names, never literal tags.
    String sessionHeader = "//*[local-name()='SessionHeader']/*[local-name()='sessionId' and text()='" + session + "']";
    // Every other query gets the demo deal (priority 2): the week's closes and their deals come first.
    server.stubFor(post(urlPathMatching(SOAP_PATH)).atPriority(2)
        .withRequestBody(matchingXPath(sessionHeader))
        .withRequestBody(matchingXPath("//*[local-name()='Body']/*[local-name()='query']"))
        .willReturn(soap(200, "query-opportunity.xml")));
    DemoWeek.stub(server, SOAP_PATH, sessionHeader);
    // Writes, describes and the write-back's two lookups: answered from the org's state.
    server.stubFor(post(urlPathMatching(SOAP_PATH)).atPriority(1)
        .withRequestBody(matchingXPath(sessionHeader))
        .andMatching(request -> MatchResult.of(org.answers(request)))
        .willReturn(aResponse().withTransformers(DemoOrg.NAME)));
    server.stubFor(post(urlPathMatching(SOAP_PATH)).atPriority(1)
        .withRequestBody(matchingXPath(sessionHeader))
        .withRequestBody(matchingXPath("//*[local-name()='queryMore']/*[local-name()='queryLocator' and text()='"
            + TASKS_LOCATOR + "']"))
        .willReturn(soap(200, "querymore-tasks.xml")));
    server.stubFor(post(urlPathMatching(SOAP_PATH)).atPriority(5)
        .withRequestBody(matchingXPath(sessionHeader))
        .willReturn(soap(500, "fault-unsupported-call.xml")));
    server.stubFor(any(urlPathMatching(SOAP_PATH)).atPriority(9)
        .willReturn(soap(500, "fault-invalid-session.xml")));
  }

  private com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder soap(int status, String file) {
    return aResponse().withStatus(status).withHeader("Content-Type", TEXT_XML).withBody(fixture(file));
  }

  /** What Salesforce checks of a JWT bearer grant: the signature, the issuer, the subject, the expiry. */
  private boolean isValidJwtGrant(Request request) {
    Map<String, String> form = form(request.getBodyAsString());
    String assertion = form.get("assertion");
    if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type")) || assertion == null) {
      return false;
    }
    String[] parts = assertion.split("\\.");
    if (parts.length != 3) {
      return false;
    }
    try {
      var verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(keys.getPublic());
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return false;
      }
      JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
      return CLIENT_ID.equals(claims.path("iss").asText()) && USERNAME.equals(claims.path("sub").asText())
          && claims.path("exp").asLong() > Instant.now().getEpochSecond();
    } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
      return false;
    }
  }

  private static Map<String, String> form(String body) {
    var out = new HashMap<String, String>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private String accessToken(String tokenJson) {
    try {
      return json.readTree(tokenJson).path("access_token").asText();
    } catch (IOException e) {
      throw new UncheckedIOException("the demo's token fixture is not JSON", e);
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
    return java.util.Collections.unmodifiableMap(out);
  }
}
