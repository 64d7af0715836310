package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.handoffbrief.connector.salesforce.trigger.OutboundMessages;
import org.handoffbrief.connector.slack.delivery.SlackReviewPrompt;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.OutboxWrite;
import org.handoffbrief.store.StoredBrief;
import org.handoffbrief.samples.camel.HandoffRoutes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Camel sample's routes over the demo systems: an outbound message in, a brief delivered and written back. */
class CamelSampleTest extends CamelTestSupport {
  private static final String AE_DM = "D0ALEX0001";

  final int port = AvailablePortFinder.getNextAvailable();
  final HttpClient http = HttpClient.newHttpClient();
  final BriefStore store = BriefStore.inMemory();
  final ExecutorService afterAck = Executors.newSingleThreadExecutor();
  DemoSystems demo;
  DemoCamelBeans beans;

  @Override
  protected CamelContext createCamelContext() throws Exception {
    CamelContext context = super.createCamelContext();
    var server = new VertxPlatformHttpServerConfiguration();
    server.setBindPort(port);
    context.addService(new VertxPlatformHttpServer(server));
    var props = new Properties();
    props.putAll(DemoCamelBeans.properties());
    context.getPropertiesComponent().setInitialProperties(props);
    return context;
  }

  @Override
  protected void bindToRegistry(Registry registry) {
    demo = DemoSystems.start(new PrintStream(PrintStream.nullOutputStream()));
    beans = new DemoCamelBeans(demo, store, afterAck);
    beans.beans().forEach(registry::bind);
  }

  @Override
  protected RoutesBuilder createRouteBuilder() {
    return new HandoffRoutes();
  }

  @AfterEach
  void stopDemo() {
    afterAck.shutdownNow();
    beans.close();
    demo.close();
  }

  /** Issue 11: the Camel sample starts, fires on the demo data and delivers a brief. */
  @Test
  void aClosedWonOutboundMessageIsBriefedConfirmedInSlackDeliveredAndWrittenToTheDemoOrg() throws Exception {
    HttpResponse<String> ack = post(HandoffRoutes.OUTBOUND_MESSAGE_PATH, "text/xml; charset=utf-8",
        outboundMessage("04lHs00000Nt1aAAAR"));
    HttpResponse<String> retry = post(HandoffRoutes.OUTBOUND_MESSAGE_PATH, "text/xml; charset=utf-8",
        outboundMessage("04lHs00000Nt1aAAAR"));

    assertEquals(200, ack.statusCode());
    assertEquals(OutboundMessages.ACK, ack.body());
    assertEquals(OutboundMessages.ACK, retry.body());
    StoredBrief stored = store.latest(DemoSalesforce.OPPORTUNITY_ID, BriefKind.HANDOFF).orElseThrow();
    assertEquals(1, store.history(DemoSalesforce.OPPORTUNITY_ID).size(), "one brief for two deliveries");
    List<JsonNode> dms = demo.slack.messages(AE_DM);
    assertEquals(1, dms.size(), "the AE is asked once");
    assertEquals(0, posts(), "nothing reaches customer success before the AE confirms");

    DemoSlackInteraction.SignedRequest click = demo.slack.interaction().click(SlackReviewStep.AE_USER, AE_DM,
        dms.get(0).path("ts").asText(), SlackReviewPrompt.CONFIRM_ACTION);
    // Sent to the endpoint the Slack route calls, with Slack's headers and raw body: over HTTP, Vert.x
    // refuses a form field this long before Camel sees it (see HandoffRoutes).
    Exchange answered = template.send("handoff:slack-interactions", e -> {
      click.headers().forEach(e.getMessage()::setHeader);
      e.getMessage().setBody(click.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    });
    assertEquals(200, answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
    // The approval's route runs after Slack was answered: let that work finish.
    afterAck.shutdown();
    assertTrue(afterAck.awaitTermination(60, TimeUnit.SECONDS), "the approval's work did not finish");

    assertEquals(1, posts(), "one brief posted in #cs-handoffs");
    List<OutboxWrite> writes = store.writes("salesforce:" + stored.briefId());
    assertEquals(11, writes.size());
    assertTrue(writes.stream().allMatch(w -> w.status() == OutboxWrite.Status.DONE), writes::toString);
    assertTrue(demo.salesforce.calls("create") + demo.salesforce.calls("upsert") > 0, "the demo org was written to");
  }

  @Test
  void anOutboundMessageFromAnotherOrgIsAnswered400AndBriefsNothing() throws Exception {
    HttpResponse<String> refused = post(HandoffRoutes.OUTBOUND_MESSAGE_PATH, "text/xml; charset=utf-8",
        outboundMessage("04lHs00000Nt1aAAAR").replace(DemoSalesforce.ORGANIZATION_ID, "00D000000000001"));

    assertEquals(400, refused.statusCode());
    assertEquals(0, store.history(DemoSalesforce.OPPORTUNITY_ID).size());
    assertEquals(0, demo.slack.messages(AE_DM).size());
  }

  private int posts() {
    return (int) demo.slack.messages(DemoSlack.CS_CHANNEL).stream()
        .filter(m -> !m.hasNonNull("thread_ts") || m.path("thread_ts").asText().equals(m.path("ts").asText()))
        .count();
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private HttpResponse<String> post(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The demo org's outbound message for its Closed-Won deal, as Salesforce posts it. */
  private static String outboundMessage(String notificationId) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
         <soapenv:Body>
          <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
           <OrganizationId>%1$s</OrganizationId>
           <ActionId>04kHs000000Pq7XAAS</ActionId>
           <SessionId>%1$s!FAKE.outbound.session</SessionId>
           <EnterpriseUrl>https://example.my.salesforce.com/services/Soap/c/65.0/%1$s</EnterpriseUrl>
           <PartnerUrl>https://example.my.salesforce.com/services/Soap/u/65.0/%1$s</PartnerUrl>
           <Notification>
            <Id>%2$s</Id>
            <sObject xsi:type="sf:Opportunity" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
             <sf:Id>%3$s</sf:Id>
             <sf:IsWon>true</sf:IsWon>
             <sf:StageName>Closed Won</sf:StageName>
            </sObject>
           </Notification>
          </notifications>
         </soapenv:Body>
        </soapenv:Envelope>
        """.formatted(DemoSalesforce.ORGANIZATION_ID, notificationId, DemoSalesforce.OPPORTUNITY_ID);
  }
}
