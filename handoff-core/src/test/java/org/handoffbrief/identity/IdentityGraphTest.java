package org.handoffbrief.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handoffbrief.model.Account;
import org.handoffbrief.model.DealContact;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Identity;
import org.handoffbrief.model.Opportunity;
import org.handoffbrief.model.Participant;
import org.handoffbrief.model.Person;
import org.handoffbrief.model.TimeWindow;
import org.junit.jupiter.api.Test;

class IdentityGraphTest {

  static final Person DANA = new Person("Dana Okonkwo", "Dana.Okonkwo@MeridianHealth.org", "VP Operations", false,
      Set.of(new Identity("salesforce", "003000000000001AAA")));
  static final Person ALEX = new Person("Alex Rivera", "alex.rivera@northwind-analytics.com", "AE", true, Set.of());

  static DealContext deal() {
    return new DealContext(new Account("001000000000001AAA", "Meridian Health", null, null, "https://www.meridianhealth.org/", null),
        new Opportunity("006000000000001AAA", "Meridian", "Closed Won", BigDecimal.TEN, "USD", LocalDate.parse("2026-03-27"),
            Instant.parse("2026-01-12T00:00:00Z"), null, true, true),
        ALEX, List.of(new DealContact(DANA, "Business User", true)), List.of(),
        new TimeWindow(Instant.parse("2026-01-12T00:00:00Z"), Instant.parse("2026-03-28T00:00:00Z")),
        Set.of("northwind-analytics.com"), Map.of());
  }

  static Evidence item(String system, String id, String when, Participant author, Participant... others) {
    return Evidence.builder(system, "message", id).timestamp(OffsetDateTime.parse(when)).author(author)
        .participants(List.of(others)).text("x").build();
  }

  @Test
  void theSamePersonIsJoinedByEmailAcrossSystemsWithTheirLastTouchInEach() {
    var graph = IdentityGraph.build(deal(), List.of(
        item("gmail", "m1", "2026-03-10T09:00:00-05:00", Participant.of("Dana O.", "dana.okonkwo@meridianhealth.org")),
        item("slack", "s1", "2026-03-20T12:00:00Z", new Participant("Dana", "DANA.OKONKWO@meridianhealth.org", "U0DANA")),
        item("slack", "s2", "2026-03-25T12:00:00Z", new Participant(null, null, "U0DANA")),
        item("gmail", "m0", "2026-02-01T09:00:00Z", Participant.of(null, "dana.okonkwo@meridianhealth.org"))));

    LinkedPerson dana = graph.byEmail("dana.okonkwo@meridianhealth.org").orElseThrow();
    assertEquals("Dana Okonkwo", dana.name(), "the CRM's name wins");
    assertTrue(dana.crmContact());
    assertFalse(dana.internal());
    assertEquals(OffsetDateTime.parse("2026-03-10T09:00:00-05:00"), dana.lastTouch().get("gmail").at());
    assertEquals("slack:message:s2", dana.lastTouch().get("slack").evidenceId(),
        "a Slack user id seen with her address joins her later messages");
    assertTrue(dana.identities().contains(new Identity("salesforce", "003000000000001AAA")));
    assertEquals("slack:message:s2", dana.lastTouchAnywhere().evidenceId());
  }

  @Test
  void aNameAloneNeverJoinsEvenWhenItMatchesExactly() {
    var graph = IdentityGraph.build(deal(), List.of(
        item("zendesk", "t1", "2026-03-01T09:00:00Z", Participant.of("Dana Okonkwo", "dana.okonkwo@harborview-clinic.org")),
        item("gong", "c1", "2026-03-02T09:00:00Z", Participant.of("Dana Okonkwo", null))));

    LinkedPerson ours = graph.byEmail("dana.okonkwo@meridianhealth.org").orElseThrow();
    assertTrue(ours.lastTouch().isEmpty(), "neither the other customer's Dana nor a bare name is ours");
    assertEquals(2, graph.people().stream().filter(p -> p.name().equals("Dana Okonkwo")).count());
    assertEquals(1, graph.unlinked().size());
  }

  @Test
  void newCustomerPeopleAreThoseInTheCustomersDomainsWhoAreNotContacts() {
    var graph = IdentityGraph.build(deal(), List.of(
        item("gmail", "m1", "2026-03-10T09:00:00Z", Participant.of("Priya Raman", "priya.raman@meridianhealth.org"),
            Participant.of("Marcus Hale", "marcus.hale@meridianhealth.org"),
            Participant.of("Dana Okonkwo", "dana.okonkwo@meridianhealth.org"),
            Participant.of("Alex Rivera", "alex.rivera@northwind-analytics.com"),
            Participant.of("Someone", "someone@gmail.com"),
            Participant.of("Other", "dana@harborview-clinic.org"))));

    assertEquals(List.of("priya.raman@meridianhealth.org", "marcus.hale@meridianhealth.org"),
        graph.newCustomerPeople().stream().map(LinkedPerson::email).toList());
    assertTrue(graph.byEmail("alex.rivera@northwind-analytics.com").orElseThrow().internal());
  }

  @Test
  void customerDomainsComeFromTheWebsiteAndContactsButNeverFromPublicMailOrTheVendor() {
    assertEquals(Set.of("meridianhealth.org"), deal().customerDomains());
  }
}
