package org.handoffbrief.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.handoffbrief.Fakes;
import org.handoffbrief.Handoff;
import org.handoffbrief.SourceUnavailableException;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.Participant;
import org.handoffbrief.model.SourceReport;
import org.handoffbrief.spi.FollowUp;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.SourceContext;
import org.handoffbrief.spi.SourceResult;
import org.junit.jupiter.api.Test;

class FollowUpRoundTest {

  static Evidence mail(String id, Participant... people) {
    return Evidence.builder("gmail", "message", id).timestamp(Fakes.WRITTEN).participants(List.of(people))
        .text("Subject: security review\n\nLooping in Marcus from our security team.").build();
  }

  /** Email finds a new customer-side person; the ticket system follows them in the second round. */
  static class Tickets implements SourceConnector {
    final List<FollowUp> asked = new CopyOnWriteArrayList<>();
    final boolean failFollowUp;

    Tickets(boolean failFollowUp) {
      this.failFollowUp = failFollowUp;
    }

    @Override public String system() {
      return "zendesk";
    }

    @Override public SourceResult fetch(DealContext deal, SourceContext context) {
      context.recordCall("GET /search", Duration.ofMillis(1), "ok");
      return SourceResult.of(List.of());
    }

    @Override public SourceResult followUp(DealContext deal, FollowUp followUp, SourceContext context) {
      asked.add(followUp);
      context.recordCall("GET /users/tickets", Duration.ofMillis(1), "ok");
      if (failFollowUp) {
        throw new SourceUnavailableException("zendesk", "Zendesk answered 503 three times.", null);
      }
      return SourceResult.of(List.of(Evidence.builder("zendesk", "ticket", "4711").timestamp(Fakes.WRITTEN)
          .author(Participant.of("Marcus Hale", "marcus.hale@meridianhealth.example"))
          .text("Subject: SSO test tenant").build()));
    }
  }

  static HandoffBrief brief(Tickets tickets, int budget) {
    try (Handoff h = Handoff.builder().resolver(Fakes.resolver())
        .connector(Fakes.connector("gmail", (deal, ctx) -> SourceResult.of(List.of(mail("m1",
            Participant.of("Marcus Hale", "marcus.hale@meridianhealth.example"),
            Participant.of("Dana Okonkwo", "dana.okonkwo@meridianhealth.example"),
            Participant.of("Pat Other", "pat@othercustomer.example"))))))
        .connector(tickets).callBudget(budget).build()) {
      return h.brief(Fakes.OPPORTUNITY_ID);
    }
  }

  @Test
  void aNewCustomerParticipantFoundInEmailHasTheirTicketsReadInTheSecondRound() {
    var tickets = new Tickets(false);
    HandoffBrief brief = brief(tickets, 40);

    FollowUp asked = tickets.asked.get(0);
    assertEquals(List.of("marcus.hale@meridianhealth.example"), asked.newPeople().stream().map(Participant::email).toList(),
        "only the customer's own domain is followed, never another customer's address or a known contact");
    assertEquals("Dana Okonkwo", asked.champion().name());
    SourceReport zendesk = Fakes.report(brief, "zendesk");
    assertEquals(SourceReport.Status.OK, zendesk.status());
    assertEquals(1, zendesk.items());
    assertEquals(2, zendesk.calls());
    assertTrue(zendesk.notes().get(0).startsWith("follow-up round added 1 items"), zendesk.notes().toString());
  }

  @Test
  void aFailedFollowUpKeepsTheFirstRoundAndMarksTheSourcePartial() {
    SourceReport zendesk = Fakes.report(brief(new Tickets(true), 40), "zendesk");
    assertEquals(SourceReport.Status.PARTIAL, zendesk.status());
    assertEquals("follow-up round failed: Zendesk answered 503 three times.", zendesk.notes().get(0));
  }

  @Test
  void theSecondRoundGetsAQuarterOfTheCallBudget() {
    var budgets = new CopyOnWriteArrayList<Integer>();
    var probe = new Tickets(false) {
      @Override public SourceResult followUp(DealContext deal, FollowUp followUp, SourceContext context) {
        budgets.add(context.callBudget());
        return SourceResult.of(List.of());
      }
    };
    brief(probe, 40);
    assertEquals(List.of(10), budgets);
  }
}
