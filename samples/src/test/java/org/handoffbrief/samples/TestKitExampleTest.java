package org.handoffbrief.samples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handoffbrief.AuthenticationException;
import org.handoffbrief.connector.zendesk.ZendeskAuth;
import org.handoffbrief.connector.zendesk.ZendeskConfig;
import org.handoffbrief.connector.zendesk.ZendeskConnector;
import org.handoffbrief.model.Account;
import org.handoffbrief.model.DealContact;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Opportunity;
import org.handoffbrief.model.Person;
import org.handoffbrief.model.TimeWindow;
import org.handoffbrief.spi.SourceResult;
import org.handoffbrief.testing.FakeZendesk;
import org.handoffbrief.testing.RecordingSourceContext;
import org.handoffbrief.testing.WireFixtures;
import org.junit.jupiter.api.Test;

/** The README's "Testing your routes" example, run as written there. */
class TestKitExampleTest {

  @Test
  void theReadmesTestKitExampleReadsTheSeededTicketThenMeetsTheInjectedRevokedToken() {
    try (var zendesk = FakeZendesk.start()) {
      zendesk.load("""
          {"organizations": [{"id": 7, "name": "Example Clinic", "domain_names": ["clinic.example"]}],
           "users": [{"id": 11, "name": "Ana Ruiz", "email": "ana@clinic.example", "role": "end-user"}],
           "tickets": [{"id": 501, "subject": "Export to CSV", "description": "How do we export reports to CSV?",
                        "status": "open", "priority": "normal", "requester_id": 11, "organization_id": 7,
                        "created_at": "2026-02-10T09:00:00Z", "updated_at": "2026-02-10T09:00:00Z"}]}""");
      var connector = ZendeskConnector.create(ZendeskConfig.builder().subdomain("example")
          .baseUrl(zendesk.baseUrl()).auth(ZendeskAuth.apiToken(zendesk.agentEmail(), zendesk.apiToken())).build());

      var context = new RecordingSourceContext();
      SourceResult result = connector.fetch(deal(), context);

      Evidence ticket = result.evidence().stream().filter(e -> e.id().equals("zendesk:ticket:501")).findFirst()
          .orElseThrow(() -> new AssertionError("ticket 501 not read: " + result.evidence()));
      assertTrue(ticket.text().contains("How do we export reports to CSV?"), ticket.text());
      assertTrue(context.operations().stream().allMatch(op -> op.endsWith(" ok")), context.operations().toString());

      zendesk.inject(get(urlPathEqualTo("/api/v2/search.json")).willReturn(aResponse().withStatus(401)
          .withBody(WireFixtures.read("zendesk/error-401.json"))));
      assertThrows(AuthenticationException.class, () -> connector.fetch(deal(), new RecordingSourceContext()));
    }
  }

  private static DealContext deal() {
    var ana = new Person("Ana Ruiz", "ana@clinic.example", null, false, Set.of());
    var owner = new Person("Rep Example", "rep@vendor.example", null, true, Set.of());
    var account = new Account("001000000000007AAA", "Example Clinic", "Healthcare", "Customer",
        "https://clinic.example", 120L);
    var opp = new Opportunity("006000000000007AAA", "Example Clinic - Platform", "Closed Won",
        new BigDecimal("24000"), null, LocalDate.parse("2026-03-20"), Instant.parse("2026-01-15T10:00:00Z"),
        "New Business", true, true);
    return new DealContext(account, opp, owner, List.of(new DealContact(ana, "Evaluator", true)), List.of(),
        new TimeWindow(Instant.parse("2026-01-15T00:00:00Z"), Instant.parse("2026-03-21T00:00:00Z")),
        Set.of("vendor.example"), Map.of());
  }
}
