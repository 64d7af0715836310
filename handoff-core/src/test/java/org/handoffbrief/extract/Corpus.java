package org.handoffbrief.extract;

import static org.handoffbrief.extract.CrmFixture.who;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handoffbrief.model.Participant;
import org.handoffbrief.model.Person;
import org.handoffbrief.model.StakeholderRole;

/**
 * A labelled corpus of small deals written for scoring the extractors. Each deal carries the
 * commitments a careful reader would list (a distinctive part of the sentence, the resolved due
 * date or null, and, for quoted-reply traps, the evidence the citation must name), the role of each
 * labelled contact, the gap codes the brief must flag, and the CRM handoff fields
 * ({@code competitor}, {@code go-live}, {@code seats}) that the conversations contradict.
 */
final class Corpus {
  private Corpus() {}

  record Commitment(String words, String due, String citedEvidence) {
    static Commitment of(String words, String due) {
      return new Commitment(words, due, null);
    }
  }

  /** The CRM handoff fields the {@code crm_conversation_diff} gate compares. */
  static final Set<String> DIFF_FIELDS = Set.of("competitor", "go-live", "seats");

  record Deal(String name, CrmFixture fixture, List<Commitment> commitments, Map<String, StakeholderRole> roles,
      Set<String> gaps, Set<String> contradictions) {
    Deal {
      if (!DIFF_FIELDS.containsAll(contradictions)) {
        throw new IllegalArgumentException("unknown field in " + contradictions);
      }
    }

    /** A deal whose CRM handoff fields nothing contradicts. */
    Deal(String name, CrmFixture fixture, List<Commitment> commitments, Map<String, StakeholderRole> roles,
        Set<String> gaps) {
      this(name, fixture, commitments, roles, gaps, Set.of());
    }
  }

  private static final String CUST = "@meridianhealth.org";
  private static final Participant OTHER_DANA = Participant.of("Dana Whitfield", "dana.whitfield@lakeside-clinic.com");

  static List<Deal> deals() {
    return List.of(negationsInMail(), customerPromisesInSlack(), quotedReplySurvives(), nameAlikes(),
        htmlMailAndNonAsciiNames(), timeZoneAtClose(), callTranscriptSignsAndGuarantees(), securityQuestionsInMail(),
        objectionsMakeABlocker(), supportTicketPromise(), championFromConversations(), emptyDeal(),
        enterpriseVariant(), partnerSourcedExpansion(), objectionOvercome(), crmSaysNoCompetitor(),
        goLiveMovedInMail(), seatsMisrecordedAfterCall(), everyFieldContradicted(), crmAgreesDespiteTraps(),
        crmAgreesInOtherWords());
  }

  private static Map<String, StakeholderRole> roles(Object... pairs) {
    var m = new LinkedHashMap<String, StakeholderRole>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (StakeholderRole) pairs[i + 1]);
    }
    return m;
  }

  private static Deal negationsInMail() {
    var f = new CrmFixture().account().opportunity(Map.of(), null);
    Person dana = f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo" + CUST, "VP Operations", "Champion", true);
    Person james = f.contact("003000000000002AAA", "James Park", "james.park" + CUST, "CFO", "Economic Buyer", false);
    f.mail("gmail", "m101", "2026-02-10T09:15:00-05:00", who(f.owner), List.of(who(dana)), "Scope recap", "t101",
        "Hi Dana,\n\nThanks for the call. We can't promise SSO by Q2. We might be able to extend the pilot for another"
            + " month. We will deliver the HL7 connector by end of March.\n\nBest,\nAlex");
    f.mail("gmail", "m102", "2026-02-11T08:00:00-05:00", who(james), List.of(who(f.owner)), "Re: Scope recap", "t101",
        "Alex, we will finalise the budget next week. Can you confirm the payment terms?");
    return new Deal("negations in mail", f, List.of(Commitment.of("HL7 connector by end of March", "2026-03-31")),
        roles("Dana Okonkwo", StakeholderRole.CHAMPION, "James Park", StakeholderRole.ECONOMIC_BUYER), Set.of());
  }

  private static Deal customerPromisesInSlack() {
    var f = new CrmFixture().account().opportunity(Map.of(), null);
    Person priya = f.contact("003000000000003AAA", "Priya Raman", "priya.raman" + CUST, "Director of IT",
        "Technical Buyer", true);
    f.slack("1707900000.000100", "2026-02-14T10:00:00-08:00", who(priya), "ext-meridian", null,
        "We will send the user list by March 20. We'll also provide the ERP field mapping.");
    f.slack("1707900500.000200", "2026-02-14T10:08:20-08:00", who(f.se), "ext-meridian", "1707900000.000100",
        "Thanks Priya! We'll provide a sandbox tenant within 2 weeks so your team can test the mapping.");
    f.slack("1707901000.000300", "2026-02-14T10:16:40-08:00", who(f.se), "ext-meridian", "1707900000.000100",
        "I hope to have the API docs updated soon, but no promises.");
    return new Deal("customer promises in slack", f,
        List.of(Commitment.of("sandbox tenant within 2 weeks", "2026-02-28")),
        roles("Priya Raman", StakeholderRole.TECHNICAL_CONTACT), Set.of("no_champion", "no_economic_buyer"));
  }

  private static Deal quotedReplySurvives() {
    var f = new CrmFixture().account().opportunity(Map.of(), null);
    Person dana = f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo" + CUST, "VP Operations", "Champion", true);
    f.contact("003000000000002AAA", "James Park", "james.park" + CUST, "CFO", "Economic Buyer", false);
    f.mail("outlook", "o201", "2026-02-03T14:00:00Z", who(f.se), List.of(who(dana)), "SAML plan", "c201",
        "Dana,\n\nWe will configure SAML SSO within 6 weeks of kickoff.\n\nSam");
    // A reply whose quoted part survived the connector's quote stripping.
    f.mail("outlook", "o202", "2026-02-04T09:00:00Z", who(dana), List.of(who(f.se)), "RE: SAML plan", "c201",
        "Great, that works for us.\n\nOn Feb 3, Sam Chen wrote:\n> We will configure SAML SSO within 6 weeks of kickoff.");
    f.mail("outlook", "o203", "2026-02-05T09:00:00Z", who(f.se), List.of(who(dana)), "RE: SAML plan", "c201",
        "Confirming again for the record: We will configure SAML SSO within 6 weeks of kickoff.");
    return new Deal("quoted reply survives", f,
        List.of(new Commitment("configure SAML SSO within 6 weeks", "2026-03-17", "outlook:message:o201")),
        roles("Dana Okonkwo", StakeholderRole.CHAMPION, "James Park", StakeholderRole.ECONOMIC_BUYER), Set.of());
  }

  private static Deal nameAlikes() {
    var f = new CrmFixture().account().opportunity(Map.of(), null);
    Person dana = f.contact("003000000000001AAA", "Dana Okonkwo\u2013Smith", "dana.okonkwo-smith" + CUST,
        "Head of Clinical Ops", "Champion", true);
    f.contact("003000000000002AAA", "James Park", "james.park" + CUST, "CFO", "Economic Buyer", false);
    // Another customer's Dana writes to our AE in the same window; her words are not this deal's.
    f.mail("gmail", "m301", "2026-02-20T12:00:00Z", OTHER_DANA, List.of(who(f.owner)), "Lakeside renewal", "t301",
        "Hi Alex, Dana here from Lakeside. Our security review is complete.");
    f.mail("gmail", "m302", "2026-02-21T12:00:00Z", who(f.owner), List.of(who(dana)), "Training plan", "t302",
        "Dana, we will include three admin training sessions in the first month.");
    return new Deal("name-alikes", f, List.of(Commitment.of("three admin training sessions", null)),
        roles("Dana Okonkwo\u2013Smith", StakeholderRole.CHAMPION, "James Park", StakeholderRole.ECONOMIC_BUYER), Set.of());
  }

  private static Deal htmlMailAndNonAsciiNames() {
    var f = new CrmFixture().account().opportunity(Map.of(), null);
    Person zoe = f.contact("003000000000004AAA", "Zo\u00eb Fran\u00e7ois", "zoe.francois" + CUST, "COO",
        "Economic Buyer", true);
    Person jose = f.contact("003000000000005AAA", "Jos\u00e9 \u00c1lvarez", "jose.alvarez" + CUST, "Data Architect",
        "Technical Evaluator", false);
    // An HTML-only mail as the connector converted it: list items become lines, entities decoded.
    f.mail("gmail", "m401", "2026-03-02T16:00:00+01:00", who(f.owner), List.of(who(zoe), who(jose)), "Next steps",
        "t401", "Zo\u00eb, Jos\u00e9 \u2014 next steps:\n\n\u2022 We will provide a dedicated onboarding engineer for"
            + " 90 days.\n\u2022 Data migration & validation: we will migrate the 2019\u20132025 claims history by"
            + " April 30.\n\u2022 Pricing: see the order form.");
    return new Deal("HTML mail, non-ASCII names", f,
        List.of(Commitment.of("dedicated onboarding engineer for 90 days", null),
            Commitment.of("migrate the 2019\u20132025 claims history by April 30", "2026-04-30")),
        roles("Zo\u00eb Fran\u00e7ois", StakeholderRole.ECONOMIC_BUYER, "Jos\u00e9 \u00c1lvarez",
            StakeholderRole.TECHNICAL_CONTACT), Set.of("no_champion"));
  }

  private static Deal timeZoneAtClose() {
    var f = new CrmFixture().account().opportunity(Map.of(), null);
    Person dana = f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo" + CUST, "VP Operations", "Champion", true);
    f.contact("003000000000002AAA", "James Park", "james.park" + CUST, "CFO", "Economic Buyer", false);
    // An org in Seattle's zone; written late on close day there: already the next day in UTC.
    // "Within 2 weeks" runs from the org's day, the close day.
    f.zone = java.time.ZoneId.of("America/Los_Angeles");
    f.mail("gmail", "m501", "2026-03-27T23:30:00-07:00", who(f.owner), List.of(who(dana)), "Signed!", "t501",
        "Dana, thank you for signing today. We will extend your pilot licences within 2 weeks so nobody loses access.");
    return new Deal("time zone at close", f,
        List.of(Commitment.of("extend your pilot licences within 2 weeks", "2026-04-10")),
        roles("Dana Okonkwo", StakeholderRole.CHAMPION, "James Park", StakeholderRole.ECONOMIC_BUYER), Set.of());
  }

  private static Deal callTranscriptSignsAndGuarantees() {
    var f = new CrmFixture().account().opportunity(Map.of(), null);
    Person lee = f.contact("003000000000009AAA", "Lee Grant", "lee.grant" + CUST, "Analytics Manager", "Business User",
        true);
    Person marta = f.contact("003000000000006AAA", "Marta Okafor", "marta.okafor" + CUST, "CFO", "Business User", false);
    String call = "2026-03-05T17:00:00Z";
    f.gong("g601", call, 60, "Meridian pricing review", who(f.owner), true,
        "We guarantee 99.9% uptime in the contract, with service credits.");
    f.gong("g601", call, 180, "Meridian pricing review", who(marta), false,
        "Good. I sign off on anything over fifty thousand, so I will sign the order form once legal is done.");
    f.gong("g601", call, 300, "Meridian pricing review", who(lee), false,
        "We will have the data extracts ready by the end of Q2.");
    f.gong("g601", call, 420, "Meridian pricing review", who(f.se), true,
        "We could possibly add a second sandbox later.");
    f.task("2026-03-06T10:00:00Z", "Follow-up with Lee", "Completed", lee, f.owner, "Walked Lee through the dashboards.");
    f.task("2026-03-12T10:00:00Z", "Workshop with Lee", "Completed", lee, f.se, "Lee presented our plan to the ops team.");
    return new Deal("call transcript", f, List.of(Commitment.of("99.9% uptime", null)),
        roles("Marta Okafor", StakeholderRole.ECONOMIC_BUYER, "Lee Grant", StakeholderRole.CHAMPION), Set.of());
  }

  private static Deal securityQuestionsInMail() {
    var f = new CrmFixture().account().opportunity(Map.of(), null);
    Person dana = f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo" + CUST, "VP Operations", "Champion", true);
    f.contact("003000000000002AAA", "James Park", "james.park" + CUST, "CFO", "Economic Buyer", false);
    Person omar = f.contact("003000000000007AAA", "Omar Haddad", "omar.haddad" + CUST, "IT Manager", null, false);
    f.mail("outlook", "o701", "2026-02-25T10:00:00Z", who(omar), List.of(who(f.se)), "Security", "c701",
        "Sam, before we go further can you send your SOC 2 Type II report and fill in our security questionnaire?");
    f.mail("outlook", "o702", "2026-02-26T10:00:00Z", who(f.se), List.of(who(omar), who(dana)), "RE: Security", "c701",
        "Omar, attached. We will complete the security questionnaire by March 6.");
    return new Deal("security questions in mail", f,
        List.of(Commitment.of("complete the security questionnaire by March 6", "2026-03-06")),
        roles("Dana Okonkwo", StakeholderRole.CHAMPION, "James Park", StakeholderRole.ECONOMIC_BUYER, "Omar Haddad",
            StakeholderRole.SECURITY_CONTACT), Set.of());
  }

  private static Deal objectionsMakeABlocker() {
    var f = new CrmFixture().account().opportunity(Map.of(), null);
    f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo" + CUST, "VP Operations", "Champion", true);
    f.contact("003000000000002AAA", "James Park", "james.park" + CUST, "CFO", "Economic Buyer", false);
    Person jose = f.contact("003000000000005AAA", "Jos\u00e9 \u00c1lvarez", "jose.alvarez" + CUST, "BI Lead", null, false);
    f.slack("1708500000.000100", "2026-02-21T09:00:00-06:00", who(jose), "ext-meridian", null,
        "Honestly I'm not convinced. We already pay for Tableau and I object to adding another tool.");
    f.slack("1708500100.000200", "2026-02-21T09:01:40-06:00", who(f.owner), "ext-meridian", "1708500000.000100",
        "Fair point Jos\u00e9. We will migrate your top 20 Tableau dashboards as part of onboarding.");
    return new Deal("objections make a blocker", f, List.of(Commitment.of("top 20 Tableau dashboards", null)),
        roles("Dana Okonkwo", StakeholderRole.CHAMPION, "James Park", StakeholderRole.ECONOMIC_BUYER,
            "Jos\u00e9 \u00c1lvarez", StakeholderRole.BLOCKER), Set.of());
  }

  private static Deal supportTicketPromise() {
    var f = new CrmFixture().account().opportunity(Map.of(), null);
    Person priya = f.contact("003000000000003AAA", "Priya Raman", "priya.raman" + CUST, "Director of IT",
        "Technical Buyer", true);
    f.contact("003000000000002AAA", "James Park", "james.park" + CUST, "CFO", "Economic Buyer", false);
    Participant agent = Participant.of("Kim Support", "kim@northwind-analytics.com");
    f.zendeskComment("4411", "9001", "CSV export truncates rows", "open", "2026-03-03T11:00:00Z", who(priya),
        "The CSV export stops at 10,000 rows. We need the full export for the pilot.");
    f.zendeskComment("4411", "9002", "CSV export truncates rows", "open", "2026-03-03T15:00:00Z", agent,
        "Thanks Priya, we reproduced it. We will ship the fix for the export limit by April 15.");
    return new Deal("support ticket promise", f, List.of(Commitment.of("fix for the export limit by April 15", "2026-04-15")),
        roles("Priya Raman", StakeholderRole.TECHNICAL_CONTACT, "James Park", StakeholderRole.ECONOMIC_BUYER),
        Set.of("no_champion"));
  }

  private static Deal championFromConversations() {
    var f = new CrmFixture().account().opportunity(Map.of(), null);
    f.contact("003000000000009AAA", "Lee Grant", "lee.grant" + CUST, "Analyst", "Business User", true);
    Person nia = f.contact("003000000000008AAA", "Nia Okonkwo\u2013Smith", "nia.okonkwo-smith" + CUST,
        "Director of Analytics", "Evaluator", false);
    f.contact("003000000000002AAA", "James Park", "james.park" + CUST, "CFO", "Economic Buyer", false);
    f.task("2026-01-20T10:00:00Z", "Discovery", "Completed", null, f.owner, "Discovery notes: Lee seemed keen.");
    f.mail("gmail", "m1101", "2026-02-12T10:00:00Z", who(nia), List.of(who(f.owner)), "Internal pitch", "t1101",
        "Alex, I presented your platform to our leadership yesterday and I'm pushing internally to get this approved.");
    f.mail("gmail", "m1102", "2026-02-20T10:00:00Z", who(nia), List.of(who(f.owner)), "Re: Internal pitch", "t1101",
        "Leadership is on board. I've made the case to James as well.");
    f.slack("1709000000.000100", "2026-03-01T10:00:00-05:00", who(nia), "ext-meridian", null,
        "Team, I'll walk everyone through the rollout plan on Monday.");
    f.mail("gmail", "m1103", "2026-03-02T10:00:00Z", who(f.owner), List.of(who(nia)), "Re: Internal pitch", "t1101",
        "Nia, thank you. We will assign a named CSM before kickoff.");
    return new Deal("champion from conversations", f, List.of(Commitment.of("assign a named CSM before kickoff", null)),
        // Lee Grant, the primary contact, took no part in this cycle (a discovery note says "Lee seemed
        // keen" without naming him as regarding it): he is no stakeholder to hand over and is left out.
        roles("Nia Okonkwo\u2013Smith", StakeholderRole.CHAMPION, "James Park", StakeholderRole.ECONOMIC_BUYER),
        Set.of());
  }

  private static Deal emptyDeal() {
    var f = new CrmFixture().account().opportunity(Map.of(), null);
    return new Deal("empty deal", f, List.of(), roles(),
        Set.of("no_champion", "no_economic_buyer", "no_contacts", "no_commitments_found"));
  }

  private static Deal enterpriseVariant() {
    var f = new CrmFixture();
    f.type = "New Business";
    f.account().opportunity(Map.of("Segment", "Enterprise", "MSA status", "Signed 2026-03-20"), null);
    Person dana = f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo" + CUST, "VP Operations", "Champion", true);
    f.contact("003000000000002AAA", "James Park", "james.park" + CUST, "CFO", "Economic Buyer", false);
    f.mail("gmail", "m1301", "2026-03-18T10:00:00Z", who(dana), List.of(who(f.owner)), "Paperwork", "t1301",
        "Alex, legal is happy. Will you commit to the uptime SLA in writing?");
    f.mail("gmail", "m1302", "2026-03-18T12:00:00Z", who(f.owner), List.of(who(dana)), "Re: Paperwork", "t1301",
        "Yes. We commit to the 99.5% uptime SLA in the order form.");
    return new Deal("enterprise variant", f, List.of(Commitment.of("99.5% uptime SLA", null)),
        roles("Dana Okonkwo", StakeholderRole.CHAMPION, "James Park", StakeholderRole.ECONOMIC_BUYER),
        Set.of("no_procurement"));
  }

  private static Deal partnerSourcedExpansion() {
    var f = new CrmFixture();
    f.type = "Existing Business - Partner Sourced";
    f.account().opportunity(Map.of(), null);
    Person dana = f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo" + CUST, "VP Operations", "Champion", true);
    f.contact("003000000000002AAA", "James Park", "james.park" + CUST, "CFO", "Economic Buyer", false);
    f.mail("gmail", "m1401", "2026-03-10T10:00:00Z", who(dana), List.of(who(f.owner)), "Rollout", "t1401",
        "We currently use 200 seats of your reporting module in the billing team.");
    return new Deal("partner-sourced expansion", f, List.of(),
        roles("Dana Okonkwo", StakeholderRole.CHAMPION, "James Park", StakeholderRole.ECONOMIC_BUYER),
        Set.of("no_partner", "no_commitments_found"));
  }

  private static Deal objectionOvercome() {
    var f = new CrmFixture().account().opportunity(Map.of(), null);
    f.contact("003000000000002AAA", "James Park", "james.park" + CUST, "CFO", "Economic Buyer", false);
    Person ana = f.contact("003000000000010AAA", "Ana Luís", "ana.luis" + CUST, "Head of BI", null, true);
    // January's objection is stale: by March she is advocating for us; newer signal wins.
    f.mail("gmail", "m1501", "2026-01-15T10:00:00Z", who(ana), List.of(who(f.owner)), "Concerns", "t1501",
        "Honestly I'm not convinced this beats what we have.");
    f.mail("gmail", "m1502", "2026-03-05T10:00:00Z", who(ana), List.of(who(f.owner)), "Re: Concerns", "t1501",
        "After the pilot I've made the case to James and I'm pushing internally to close this month.");
    return new Deal("objection overcome", f, List.of(),
        roles("Ana Luís", StakeholderRole.CHAMPION, "James Park", StakeholderRole.ECONOMIC_BUYER),
        Set.of("no_commitments_found"));
  }

  /** Handoff fields on the opportunity, in the order the CRM shows them. */
  private static Map<String, String> handoff(String... pairs) {
    var m = new LinkedHashMap<String, String>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private static Deal crmSaysNoCompetitor() {
    var f = new CrmFixture().account().opportunity(handoff("Competitor", "None", "Go-live date", "2026-05-15"), null);
    Person dana = f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo" + CUST, "VP Operations", "Champion", true);
    f.contact("003000000000002AAA", "James Park", "james.park" + CUST, "CFO", "Economic Buyer", false);
    // The AE fills the field as "None" while the internal deal channel knows better.
    f.slack("1709100000.000100", "2026-03-02T09:00:00-05:00", who(f.owner), "deal-meridian", null,
        "Heads up team: we're displacing their Tableau pilot, so expect hard questions on dashboard parity.");
    f.mail("gmail", "m1601", "2026-03-04T10:00:00Z", who(dana), List.of(who(f.owner)), "Timeline", "t1601",
        "Alex, our board signed off on a go-live by May 15 for the first two clinics.");
    return new Deal("contradiction: competitor", f, List.of(),
        roles("Dana Okonkwo", StakeholderRole.CHAMPION, "James Park", StakeholderRole.ECONOMIC_BUYER),
        Set.of("no_commitments_found"), Set.of("competitor"));
  }

  private static Deal goLiveMovedInMail() {
    var f = new CrmFixture().account().opportunity(handoff("Go-live date", "2026-05-15", "Seats", "420"), null);
    Person dana = f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo" + CUST, "VP Operations", "Champion", true);
    f.contact("003000000000002AAA", "James Park", "james.park" + CUST, "CFO", "Economic Buyer", false);
    f.mail("gmail", "m1701", "2026-03-20T15:00:00Z", who(f.owner), List.of(who(dana)), "Revised plan", "t1701",
        "Dana, as agreed on the call we are promising go-live by June 30, after your EHR upgrade lands."
            + " The order stays at 420 seats.");
    // The promise in the mail is a commitment in its own right, and the one CS will be held to.
    return new Deal("contradiction: go-live", f, List.of(Commitment.of("promising go-live by June 30", "2026-06-30")),
        roles("Dana Okonkwo", StakeholderRole.CHAMPION, "James Park", StakeholderRole.ECONOMIC_BUYER), Set.of(),
        Set.of("go-live"));
  }

  private static Deal seatsMisrecordedAfterCall() {
    var f = new CrmFixture().account().opportunity(handoff("Competitor", "Looker", "Seats", "420"), null);
    Person marta = f.contact("003000000000006AAA", "Marta Okafor", "marta.okafor" + CUST, "CFO", "Economic Buyer", true);
    f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo" + CUST, "VP Operations", "Champion", false);
    String call = "2026-03-16T16:00:00Z";
    f.gong("g1801", call, 90, "Meridian order review", who(marta), false,
        "To be clear, we are buying all 500 seats on day one, not a phased rollout.");
    f.gong("g1801", call, 240, "Meridian order review", who(f.owner), true,
        "Understood. And you are moving off Looker entirely once the migration is done.");
    return new Deal("contradiction: seats", f, List.of(),
        roles("Marta Okafor", StakeholderRole.ECONOMIC_BUYER, "Dana Okonkwo", StakeholderRole.CHAMPION),
        Set.of("no_commitments_found"), Set.of("seats"));
  }

  private static Deal everyFieldContradicted() {
    var f = new CrmFixture().account().opportunity(
        handoff("Competitor", "None", "Go-live date", "2026-05-15", "Seats", "420"), null);
    Person dana = f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo" + CUST, "VP Operations", "Champion", true);
    f.contact("003000000000002AAA", "James Park", "james.park" + CUST, "CFO", "Economic Buyer", false);
    f.slack("1709200000.000100", "2026-03-09T11:00:00-05:00", who(f.se), "deal-meridian", null,
        "FYI we're ripping out Qlik Sense at all 14 clinics, not just the pilot site.");
    f.mail("outlook", "o1901", "2026-03-11T10:00:00Z", who(dana), List.of(who(f.owner)), "Launch", "c1901",
        "Alex, we need to launch by July 31 at the latest; May is off the table.");
    f.gong("g1902", "2026-03-13T15:00:00Z", 120, "Meridian close plan", who(dana), false,
        "We settled on 500 seats for the launch.");
    f.mail("outlook", "o1902", "2026-03-16T10:00:00Z", who(f.owner), List.of(who(dana)), "RE: Launch", "c1901",
        "Dana, we will provide the revised order form by March 20.");
    return new Deal("contradiction: all three", f,
        List.of(Commitment.of("provide the revised order form by March 20", "2026-03-20")),
        roles("Dana Okonkwo", StakeholderRole.CHAMPION, "James Park", StakeholderRole.ECONOMIC_BUYER), Set.of(),
        Set.of("competitor", "go-live", "seats"));
  }

  private static Deal crmAgreesDespiteTraps() {
    var f = new CrmFixture().account().opportunity(
        handoff("Competitor", "Tableau", "Go-live date", "2026-06-30", "Seats", "500"), null);
    Person dana = f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo" + CUST, "VP Operations", "Champion", true);
    Person james = f.contact("003000000000002AAA", "James Park", "james.park" + CUST, "CFO", "Economic Buyer", false);
    f.slack("1709300000.000100", "2026-03-03T09:00:00-05:00", who(f.owner), "deal-meridian", null,
        "Good news: we're displacing their Tableau pilot.");
    f.mail("gmail", "m2001", "2026-03-05T10:00:00Z", who(dana), List.of(who(f.owner)), "Plan", "t2001",
        "Alex, go-live by June 30 works for us.");
    String call = "2026-03-10T17:00:00Z";
    // A span counted from go-live is not a go-live date; an expansion is not the order's seat count.
    f.gong("g2001", call, 60, "Meridian business case", who(james), false,
        "I need to see the ROI within twelve months of go-live, not in year two.");
    f.gong("g2001", call, 180, "Meridian business case", who(james), false,
        "The order is all 500 seats for the first wave. Maybe 50 additional seats next year.");
    return new Deal("consistent: traps", f, List.of(),
        roles("Dana Okonkwo", StakeholderRole.CHAMPION, "James Park", StakeholderRole.ECONOMIC_BUYER),
        Set.of("no_commitments_found"));
  }

  private static Deal crmAgreesInOtherWords() {
    var f = new CrmFixture().account().opportunity(
        handoff("Primary competitor", "Power BI", "Target go-live", "2026-08-01", "Licensed seats", "1,200"), null);
    Person dana = f.contact("003000000000001AAA", "Dana Okonkwo", "dana.okonkwo" + CUST, "VP Operations", "Champion", true);
    f.contact("003000000000002AAA", "James Park", "james.park" + CUST, "CFO", "Economic Buyer", false);
    f.mail("outlook", "o2101", "2026-03-12T10:00:00Z", who(dana), List.of(who(f.owner)), "Rollout", "c2101",
        "Alex, we are migrating off Power BI over the summer and expect to be live by August 20."
            + " Please size it for 1,200 users.");
    f.slack("1709400000.000100", "2026-03-13T09:00:00-05:00", who(f.se), "deal-meridian", null,
        "Dana mentioned they might add another 300 licenses once the clinics see it.");
    return new Deal("consistent: other words", f, List.of(),
        roles("Dana Okonkwo", StakeholderRole.CHAMPION, "James Park", StakeholderRole.ECONOMIC_BUYER),
        Set.of("no_commitments_found"));
  }
}
