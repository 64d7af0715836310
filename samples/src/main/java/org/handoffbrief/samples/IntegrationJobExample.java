package org.handoffbrief.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.handoffbrief.Handoff;
import org.handoffbrief.HandoffException;
import org.handoffbrief.connector.salesforce.SalesforceAuth;
import org.handoffbrief.connector.salesforce.SalesforceConfig;
import org.handoffbrief.connector.salesforce.SalesforceConnector;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.observe.ApiCall;
import org.handoffbrief.observe.HandoffListener;
import org.handoffbrief.render.BriefRenderer;

/**
 * How an integration job (a Spring Batch step, a Camel processor, a scheduled JVM) embeds the
 * library: make one {@link Handoff} at start-up, call it per Closed-Won event, close it at
 * shut-down. The README's Java example is this code; it compiles with the build, so it stays true.
 */
public final class IntegrationJobExample implements AutoCloseable {

  private final Handoff handoff;

  /**
   * @param clientId the connected app's consumer key
   * @param privateKeyPem PKCS#8 PEM file of the key the connected app trusts
   */
  public IntegrationJobExample(String clientId, Path privateKeyPem) {
    SalesforceConfig salesforce = SalesforceConfig.builder()
        .auth(SalesforceAuth.jwtBearer(clientId, "integration@northwind-analytics.com", privateKeyPem))
        .vendorDomains(List.of("northwind-analytics.com"))
        .opportunityField("Go-live target", "Go_Live_Date__c")
        .opportunityField("Seats", "Seats__c")
        .build();
    this.handoff = Handoff.builder()
        .resolver(SalesforceConnector.create(salesforce))
        .deadline(Duration.ofSeconds(60))
        .listener(new HandoffListener() {
          @Override
          public void apiCall(ApiCall call) {
            // Bridge to the host's metrics here (Micrometer, OpenTelemetry, a Camel exchange).
          }
        })
        .build();
  }

  /**
   * Handles one trigger: the opportunity id from a Salesforce outbound message or change event.
   * Typed failures tell the job what to do: {@link HandoffException#isRetriable()} says whether to
   * retry later.
   */
  public Path onClosedWon(String opportunityId, Path outputDir) throws IOException {
    HandoffBrief brief = handoff.brief(new DealRef(opportunityId, DealRef.Trigger.CHANGE_EVENT,
        java.time.Instant.now(), false));
    Path json = outputDir.resolve(brief.opportunityId() + ".json");
    BriefRenderer.json().write(brief, json);
    return json;
  }

  @Override
  public void close() {
    handoff.close();
  }
}
