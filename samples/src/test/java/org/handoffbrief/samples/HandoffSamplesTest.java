package org.handoffbrief.samples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.handoffbrief.Handoff;
import org.handoffbrief.spi.ConnectorSetting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: usage, exit codes, and what a failing run prints (and never prints). */
class HandoffSamplesTest {

  private static final String SESSION = "00DFAKE!fake-session-not-real-0815";
  private static final Map<String, String> ENV = Map.of("SF_SESSION_ID", SESSION);

  @TempDir
  Path dir;
  WireMockServer salesforce;

  @BeforeEach
  void startSalesforce() {
    salesforce = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new Slf4jNotifier(false)));
    salesforce.start();
  }

  @AfterEach
  void stopSalesforce() {
    salesforce.stop();
  }

  @Test
  void helpExitsZeroAndListsTheCommands() {
    Run run = Run.of("--help");

    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("demo") && run.out().contains("brief") && run.out().contains("config-reference"),
        run::toString);
    assertTrue(run.out().contains("Exit codes"), run::toString);
  }

  @Test
  void noCommandIsBadUsage() {
    Run run = Run.of();

    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("name a command"), run::toString);
  }

  @Test
  void configReferenceListsEverySalesforceAndReviewSetting() {
    Run run = Run.of("config-reference");

    assertEquals(0, run.exitCode(), run::toString);
    var provider = Handoff.providers(getClass().getClassLoader()).get("salesforce");
    assertTrue(provider != null, "the salesforce provider is not on the class path");
    for (ConnectorSetting s : provider.settings()) {
      assertTrue(run.out().contains(s.key()), () -> s.key() + " missing from\n" + run.out());
    }
    assertTrue(run.out().contains("handoff.deadline"), run::toString);
    for (ConnectorSetting s : org.handoffbrief.quality.ReviewPolicy.SETTINGS) {
      assertTrue(run.out().contains(s.key()), () -> s.key() + " missing from\n" + run.out());
    }
  }

  @Test
  void briefWithAnInvalidOpportunityIdExitsThreeWithoutAnyHttpCall() throws Exception {
    salesforce.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    Path config = sessionConfig();

    // 006Hs00000MrdWnIAJ is valid; a wrong checksum must be refused before any call.
    Run run = Run.of(ENV, "brief", "--opportunity", "006Hs00000MrdWnIAA", "--config", config.toString(),
        "--out", dir.toString());

    assertEquals(3, run.exitCode(), run::toString);
    assertTrue(run.err().contains("006Hs00000MrdWnIAA"), run::toString);
    assertNoStackTrace(run);
    assertEquals(0, salesforce.getAllServeEvents().size(), "HTTP calls were made");
    assertFalse(Files.exists(dir.resolve("brief.json")));
  }

  @Test
  void briefForAnUnknownOpportunityExitsThree() throws Exception {
    salesforce.stubFor(post(urlPathMatching("/services/Soap/u/.*"))
        .withRequestBody(matchingXPath("//*[local-name()='query']"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8")
            .withBody(resource("/salesforce/query-no-records.xml"))));

    Run run = Run.of(ENV, "brief", "--opportunity", "006Hs00000MrdWnIAJ", "--config", sessionConfig().toString(),
        "--out", dir.toString());

    assertEquals(3, run.exitCode(), run::toString);
    assertTrue(run.err().contains("006Hs00000MrdWnIAJ"), run::toString);
    assertNoStackTrace(run);
  }

  @Test
  void anOpportunityNotYetWonIsRefusedUnlessAPreCloseBriefIsAsked() throws Exception {
    String open = DemoSalesforce.fixture("query-opportunity.xml")
        .replace("<sf:StageName>Closed Won</sf:StageName>\n          <sf:IsClosed>true</sf:IsClosed>\n"
            + "          <sf:IsWon>true</sf:IsWon>", "<sf:StageName>Negotiation/Review</sf:StageName>\n"
            + "          <sf:IsClosed>false</sf:IsClosed>\n          <sf:IsWon>false</sf:IsWon>");
    assertFalse(open.equals(DemoSalesforce.fixture("query-opportunity.xml")), "the fixture's stage lines moved");
    salesforce.stubFor(post(urlPathMatching("/services/Soap/u/.*"))
        .withRequestBody(matchingXPath("//*[local-name()='SessionHeader']/*[local-name()='sessionId' and text()='"
            + SESSION + "']"))
        .withRequestBody(matchingXPath("//*[local-name()='query']"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(open)));
    salesforce.stubFor(post(urlPathMatching("/services/Soap/u/.*"))
        .withRequestBody(matchingXPath("//*[local-name()='queryMore']"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8")
            .withBody(DemoSalesforce.fixture("querymore-tasks.xml"))));
    Path config = sessionConfig();

    Run refused = Run.of(ENV, "brief", "--opportunity", "006Hs00000MrdWnIAJ", "--config", config.toString(),
        "--out", dir.resolve("refused").toString());
    Run early = Run.of(ENV, "brief", "--opportunity", "006Hs00000MrdWnIAJ", "--config", config.toString(),
        "--out", dir.resolve("early").toString(), "--pre-close");

    assertEquals(3, refused.exitCode(), refused::toString);
    assertTrue(refused.err().contains("Closed Won") || refused.err().contains("Closed-Won"), refused::toString);
    assertNoStackTrace(refused);
    assertFalse(Files.exists(dir.resolve("refused/brief.json")));
    assertEquals(0, early.exitCode(), early::toString);
    assertTrue(early.err().contains("(pre-close)"), early::toString);
    assertTrue(Files.isRegularFile(dir.resolve("early/brief.json")), early::toString);
    assertFalse(early.toString().contains(SESSION), "the session id was printed");
  }

  @Test
  void briefWhoseSessionIsRefusedExitsFourWithoutTheSession() throws Exception {
    salesforce.stubFor(post(urlPathMatching("/services/Soap/u/.*"))
        .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/xml;charset=UTF-8")
            .withBody(DemoSalesforce.fixture("fault-invalid-session.xml"))));

    Run run = Run.of(ENV, "brief", "--opportunity", "006Hs00000MrdWnIAJ", "--config", sessionConfig().toString(),
        "--out", dir.toString());

    assertEquals(4, run.exitCode(), run::toString);
    assertFalse(run.toString().contains(SESSION), "the session id was printed");
    assertNoStackTrace(run);
  }

  @Test
  void briefWithAMissingEnvironmentVariableExitsTwoNamingIt() throws Exception {
    Run run = Run.of(Map.of(), "brief", "--opportunity", "006Hs00000MrdWnIAJ", "--config", sessionConfig().toString());

    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("SF_SESSION_ID"), run::toString);
    assertEquals(0, salesforce.getAllServeEvents().size(), "HTTP calls were made");
  }

  @Test
  void aBadSettingExitsTwoNamingTheKeyAndNeverTheSecret() throws Exception {
    Path config = Files.writeString(dir.resolve("bad.properties"), Files.readString(sessionConfig())
        + "salesforce.timeout=soon\n");

    Run run = Run.of(ENV, "brief", "--opportunity", "006Hs00000MrdWnIAJ", "--config", config.toString());

    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("salesforce.timeout"), run::toString);
    assertFalse(run.toString().contains(SESSION), "the session id was printed");
    assertNoStackTrace(run);
  }

  @Test
  void aConfigWithoutAnySystemExitsTwo() throws Exception {
    Path config = Files.writeString(dir.resolve("empty.properties"), "handoff.deadline=30s\n");

    Run run = Run.of(ENV, "brief", "--opportunity", "006Hs00000MrdWnIAJ", "--config", config.toString());

    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("resolver"), run::toString);
  }

  /** Issue 8 (Low): a newline in the opportunity id is shown as {@code \x0a}, never as a second line. */
  @Test
  void aNewlineInTheOpportunityIdCannotForgeALine() throws Exception {
    Run run = Run.of(ENV, "brief", "--opportunity", "006Hs00000MrdWnIAJ\nerror: forged", "--config",
        sessionConfig().toString(), "--out", dir.toString());

    assertEquals(3, run.exitCode(), run::toString);
    assertTrue(run.err().contains("\\x0aerror: forged"), run::toString);
    assertFalse(run.err().lines().anyMatch(l -> l.startsWith("error: forged")), run::toString);
  }

  /** Issue 8 (Low): a vendor's error text with ANSI and OSC escapes reaches the terminal inert. */
  @Test
  void aVendorErrorWithTerminalEscapesIsPrintedInert() throws Exception {
    salesforce.stubFor(post(urlPathMatching("/services/Soap/u/.*"))
        .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/xml;charset=UTF-8")
            .withBody(DemoSalesforce.fixture("fault-invalid-session.xml")
                .replace("Illegal Session", "Illegal &#27;]0;owned&#7;&#27;[2J Session"))));

    Run run = Run.of(ENV, "brief", "--opportunity", "006Hs00000MrdWnIAJ", "--config", sessionConfig().toString(),
        "--out", dir.toString());

    assertEquals(4, run.exitCode(), run::toString);
    assertFalse(run.toString().contains("\u001b") || run.toString().contains("\u0007"), run::toString);
  }

  /** Issue 8 (Low): a brief made while a source failed is written, and the app exits 4 as its help says. */
  @Test
  void aBriefWithAFailedSourceIsWrittenAndExitsFour() throws Exception {
    stubClosedWonOpportunity();
    salesforce.stubFor(any(urlPathMatching("/api/v2/.*")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json").withBody("{\"error\": \"Couldn't authenticate you\"}")));
    Path config = Files.writeString(dir.resolve("zendesk.properties"), Files.readString(sessionConfig())
        + "zendesk.baseUrl=http://127.0.0.1:" + salesforce.port() + "\nzendesk.email=agent@northwind-analytics.com\n"
        + "zendesk.apiToken=${env:ZENDESK_API_TOKEN}\n");

    Run run = Run.of(Map.of("SF_SESSION_ID", SESSION, "ZENDESK_API_TOKEN", "zd-token-not-real"), "brief",
        "--opportunity", "006Hs00000MrdWnIAJ", "--config", config.toString(), "--out", dir.toString());

    assertEquals(4, run.exitCode(), run::toString);
    assertTrue(Files.isRegularFile(dir.resolve("brief.json")), run::toString);
    assertTrue(run.err().contains("missing from the brief"), run::toString);
  }

  /** Exit 1: an unexpected failure, here a brief that cannot be written where --out points. */
  @Test
  void aBriefThatCannotBeWrittenExitsOne() throws Exception {
    stubClosedWonOpportunity();
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");

    Run run = Run.of(ENV, "brief", "--opportunity", "006Hs00000MrdWnIAJ", "--config", sessionConfig().toString(),
        "--out", notADirectory.toString());

    assertEquals(1, run.exitCode(), run::toString);
  }

  private void stubClosedWonOpportunity() {
    salesforce.stubFor(post(urlPathMatching("/services/Soap/u/.*"))
        .withRequestBody(matchingXPath("//*[local-name()='query']"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8")
            .withBody(DemoSalesforce.fixture("query-opportunity.xml"))));
    salesforce.stubFor(post(urlPathMatching("/services/Soap/u/.*"))
        .withRequestBody(matchingXPath("//*[local-name()='queryMore']"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8")
            .withBody(DemoSalesforce.fixture("querymore-tasks.xml"))));
  }

  private Path sessionConfig() throws IOException {
    String base = "http://127.0.0.1:" + salesforce.port();
    return Files.writeString(dir.resolve("handoff.properties"), String.join("\n",
        "salesforce.loginUrl=" + base,
        "salesforce.auth=session",
        "salesforce.sessionId=${env:SF_SESSION_ID}",
        "salesforce.instanceUrl=" + base,
        "salesforce.vendorDomains=northwind-analytics.com",
        "salesforce.timeout=5s",
        ""));
  }

  private static void assertNoStackTrace(Run run) {
    assertFalse(run.err().contains("\tat "), () -> "stack trace without --verbose:\n" + run.err());
    assertEquals(1, run.err().lines().filter(l -> l.startsWith("error: ")).count(), run::toString);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = HandoffSamplesTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
