package org.handoffbrief.benchmarks;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.handoffbrief.Handoff;
import org.handoffbrief.model.Account;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.DealContact;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Identity;
import org.handoffbrief.model.Opportunity;
import org.handoffbrief.model.Participant;
import org.handoffbrief.model.Person;
import org.handoffbrief.model.TeamMember;
import org.handoffbrief.model.TimeWindow;
import org.handoffbrief.spi.DealResolver;
import org.handoffbrief.spi.Resolution;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.spi.SourceContext;
import org.handoffbrief.spi.SourceResult;

/**
 * A Closed-Won deal of any size, made up but shaped like a real Salesforce one: the opportunity
 * with its handoff fields, the account, eight contact roles, stage and field history, and as many
 * Tasks and Events as asked, in the evidence format {@link CrmEvidence} defines. Descriptions are
 * several sentences each, most of them routine notes, some with vendor promises (plain, hedged,
 * negated), risks, pending items and objections, in roughly the mix an AE's and SE's notes have.
 *
 * <p>The same size and seed always give the same deal, so numbers from two runs compare.
 */
public final class SyntheticDeal {

  /** The seed the benchmarks use. */
  public static final long SEED = 20260327L;
  /** The opportunity id the resolver answers for. */
  public static final String OPPORTUNITY_ID = "006000000000001AAA";
  /** The six systems stood in for by connectors that find nothing. */
  public static final List<String> EMPTY_SOURCES = List.of("gmail", "outlook", "slack", "calendar", "zendesk", "gong");

  private static final ZoneOffset EASTERN = ZoneOffset.ofHours(-5);
  private static final Instant CREATED = Instant.parse("2026-01-12T14:00:00Z");
  private static final Instant CLOSED = Instant.parse("2026-03-27T21:00:00Z");
  /** "Now" for every brief: the morning after the close. */
  public static final Instant NOW = Instant.parse("2026-03-28T13:00:00Z");

  private static final String[] ROUTINE = {
    "Walked through the scheduling module with {c} and two charge nurses.",
    "{c} asked for a one-page summary of the rollout plan for the board.",
    "Reviewed the current shift-swap workflow across the three hospitals.",
    "Discussed licensing for 420 seats across clinical and admin staff.",
    "Shared the customer reference deck after the call.",
    "Next step is a session with the wider operations team.",
    "Notes and the recording are in the shared deal folder.",
    "{c} confirmed attendance for the next session.",
    "Covered reporting, e.g. overtime by unit and open shifts by week.",
    "The team liked the mobile app and the v2.1 notification settings.",
    "Agenda sent ahead of time; all invitees joined.",
    "{c} will loop in the nurse managers from the east campus.",
    "Good energy on the call and clear interest in the analytics dashboards.",
    "Answered questions on role-based access and audit logs.",
  };
  private static final String[] PROMISE = {
    "We will deliver the custom SSO configuration before go-live.",
    "{o} committed to a dedicated onboarding manager for the first 90 days.",
    "We'll provide weekly status reports during the implementation.",
    "We will have the HL7 scheduling feed configured by May 1.",
    "Custom SSO configuration promised in the proposal appendix, not yet scoped.",
    "We will train the 12 super-users on site in the week of April 20.",
    "Premium support for the first year is included in the order form.",
  };
  private static final String[] NOT_A_PROMISE = {
    "We might be able to extend the pilot if procurement slips.",
    "We can't promise the Epic connector by Q2.",
    "{c} will send the current workflow specs next week.",
  };
  private static final String[] RISK = {
    "SE flagged a dependency on the legacy ERP integration for payroll data.",
    "IT lead mentioned a 6-week security review before any PHI can flow.",
    "James is skeptical about change management on the nursing floors.",
    "The ops team is understaffed until the new hires start in April.",
    "The HIPAA questionnaire has 140 questions and is owned by Marcus.",
    "Data migration from the old scheduling tool depends on an export nobody has tested.",
  };
  private static final String[] PENDING = {
    "Legal redline on data residency is still pending per the AE.",
    "Awaiting the signed BAA from their legal team.",
    "Open question on whether the night-shift float pool is in scope.",
    "Still waiting on the SSO metadata from IT.",
    "The DPA is not yet signed.",
  };
  private static final String[] OBJECTION = {
    "James pushed back on the implementation fee.",
    "{c} was worried about training time for 420 users.",
    "Helen was hesitant about moving off the paging workflow.",
  };
  static final String[] TASK_SUBJECTS = {
    "Call with {c}", "Email: follow-up on rollout plan", "Send security documentation", "Prepare ROI summary",
    "Follow up on SSO requirements", "Email: pricing questions", "Send reference contacts", "Check in with {c}",
  };
  static final String[] EVENT_SUBJECTS = {
    "Discovery call", "Product demo", "Technical deep dive", "Security review call", "Pricing review",
    "Executive sync", "Proposal walkthrough", "Weekly check-in", "Pilot kickoff", "Workflow workshop",
  };

  /** The sentence pool a roll of 0 to 99 falls in: about one sentence in four is more than a routine note. */
  static String[] pool(int roll) {
    return roll < 74 ? ROUTINE : roll < 82 ? PROMISE : roll < 85 ? NOT_A_PROMISE : roll < 92 ? RISK
        : roll < 97 ? PENDING : OBJECTION;
  }

  private final DealContext context;
  private final List<Evidence> evidence;

  private SyntheticDeal(DealContext context, List<Evidence> evidence) {
    this.context = context;
    this.evidence = List.copyOf(evidence);
  }

  /** A deal with {@code activities} Tasks and Events, made from {@link #SEED}. */
  public static SyntheticDeal generate(int activities) {
    return generate(activities, SEED);
  }

  /** A deal with {@code activities} Tasks and Events; the same arguments give the same deal. */
  public static SyntheticDeal generate(int activities, long seed) {
    if (activities < 1) {
      throw new IllegalArgumentException("activities must be at least 1, not " + activities);
    }
    return new Generator(new Random(seed)).deal(activities);
  }

  /** The resolved deal's context. */
  public DealContext context() {
    return context;
  }

  /** Every CRM record of the deal: opportunity, account, contact roles, history, activities. */
  public List<Evidence> evidence() {
    return evidence;
  }

  /** How many Tasks and Events the deal has. */
  public long activityCount() {
    return evidence.stream().filter(e -> e.kind().equals(CrmEvidence.TASK) || e.kind().equals(CrmEvidence.EVENT)).count();
  }

  /** A CRM resolver that answers {@link #OPPORTUNITY_ID} from memory, with one recorded call. */
  public DealResolver resolver() {
    var resolution = new Resolution(context, SourceResult.of(evidence));
    return new DealResolver() {
      @Override
      public String system() {
        return CrmEvidence.SYSTEM;
      }

      @Override
      public Resolution resolve(DealRef ref, SourceContext ctx) {
        if (!ref.opportunityId().equals(OPPORTUNITY_ID)) {
          throw new org.handoffbrief.DealNotFoundException(CrmEvidence.SYSTEM, ref.opportunityId());
        }
        ctx.recordCall("query", java.time.Duration.ZERO, "ok");
        return resolution;
      }
    };
  }

  /**
   * A {@link Handoff} that resolves this deal from memory and reads the {@link #EMPTY_SOURCES},
   * each of which finds nothing, on the library's own executor. Close it after use.
   */
  public Handoff handoff() {
    var builder = Handoff.builder().resolver(resolver()).clock(Clock.fixed(NOW, ZoneOffset.UTC));
    for (String system : EMPTY_SOURCES) {
      builder.connector(empty(system));
    }
    return builder.build();
  }

  private static SourceConnector empty(String system) {
    return new SourceConnector() {
      @Override
      public String system() {
        return system;
      }

      @Override
      public SourceResult fetch(DealContext deal, SourceContext context) {
        return SourceResult.of(List.of());
      }
    };
  }

  /** One use: holds the random stream and the running record number. */
  private static final class Generator {
    private final Random random;
    private final Person owner = person("Alex Rivera", "alex.rivera@northwind-analytics.com", "Account Executive",
        "005000000000001AAA", true);
    private final Person se = person("Sam Chen", "sam.chen@northwind-analytics.com", "Sales Engineer",
        "005000000000002AAA", true);
    private final Person csm = person("Jordan Blake", "jordan.blake@northwind-analytics.com", "Customer Success Manager",
        "005000000000003AAA", true);
    private final List<DealContact> contacts = new ArrayList<>();
    private final List<Evidence> evidence = new ArrayList<>();
    private int seq;

    Generator(Random random) {
      this.random = random;
    }

    SyntheticDeal deal(int activities) {
      var handoff = new LinkedHashMap<String, String>();
      handoff.put("Segment", "Mid-Market");
      handoff.put("ARR", "USD 168,000");
      handoff.put("Edition", "Enterprise");
      handoff.put("Seats", "420");
      handoff.put("Go-live target", "2026-05-15");
      handoff.put("Identify Pain", "Manual shift scheduling across three hospitals costs 30 hours a week");
      handoff.put("Metrics", "Cut scheduling time by half within two quarters");
      handoff.put("Champion", "Dana Okonkwo");
      handoff.put("Economic Buyer", "James Park");
      handoff.put("Competitor", "Qventus");
      opportunity(handoff);
      account();
      contact("Dana Okonkwo", "VP Operations", "Business User", true);
      contact("James Park", "Chief Financial Officer", "Economic Buyer", false);
      contact("Priya Natarajan", "Director of IT", "Technical Evaluator", false);
      contact("Marcus Webb", "Information Security Manager", "Influencer", false);
      contact("Helen Brandt", "Director of Nursing Informatics", "Influencer", false);
      contact("Tom Alvarez", "Procurement Manager", "Other", false);
      contact("Linda Cho", "Associate General Counsel", "Other", false);
      contact("Greg Foster", "Clinical Systems Manager", "Evaluator", false);
      history();
      long span = CLOSED.getEpochSecond() - CREATED.getEpochSecond();
      for (int i = 0; i < activities; i++) {
        // Spread over the sales cycle, jittered by up to an hour as real logging is.
        long at = CREATED.getEpochSecond() + span * i / activities + random.nextInt(3600);
        activity(OffsetDateTime.ofInstant(Instant.ofEpochSecond(at), EASTERN), (double) i / activities);
      }
      var opp = new Opportunity(OPPORTUNITY_ID, "Meridian Health - Workforce Platform", "Closed Won",
          new BigDecimal("168000"), "USD", LocalDate.parse("2026-03-27"), CREATED, "New Business", true, true);
      var context = new DealContext(new Account("001000000000001AAA", "Meridian Health", "Healthcare", "Customer",
          "https://meridianhealth.example", 4200L), opp, owner, contacts,
          List.of(new TeamMember(se, "Sales Engineer"), new TeamMember(csm, "Customer Success Manager")),
          new TimeWindow(CREATED, CLOSED), Set.of("northwind-analytics.com"), handoff);
      return new SyntheticDeal(context, evidence);
    }

    private void opportunity(Map<String, String> handoff) {
      var b = Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.OPPORTUNITY, OPPORTUNITY_ID)
          .timestamp(OffsetDateTime.ofInstant(CLOSED, EASTERN)).permalink(permalink("Opportunity", OPPORTUNITY_ID));
      var text = new StringBuilder("Opportunity: Meridian Health - Workforce Platform\nAccount: Meridian Health\n"
          + "Stage: Closed Won\nAmount: USD 168,000.00\nClose date: 2026-03-27\nOwner: Alex Rivera");
      handoff.forEach((label, value) -> {
        text.append('\n').append(label).append(": ").append(value);
        b.attribute(CrmEvidence.HANDOFF_PREFIX + label, value);
      });
      text.append("\n\nMeridian Health needs to replace manual scheduling across three hospitals before the summer"
          + " staffing peak. Custom SSO configuration promised in the proposal appendix, not yet scoped."
          + " Legal redline on data residency still pending per Alex's email of Mar 22.");
      evidence.add(b.attribute("StageName", "Closed Won").attribute("Amount", "168000").text(text.toString()).build());
    }

    private void account() {
      evidence.add(Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.ACCOUNT, "001000000000001AAA")
          .timestamp(OffsetDateTime.ofInstant(CREATED, EASTERN)).permalink(permalink("Account", "001000000000001AAA"))
          .text("Account: Meridian Health\nIndustry: Healthcare\nType: Customer\nEmployees: 4200\n"
              + "Website: https://meridianhealth.example").build());
    }

    private void contact(String name, String title, String role, boolean primary) {
      String id = "003" + String.format("%012d", contacts.size() + 1) + "AAA";
      String email = name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@meridianhealth.example";
      Person p = person(name, email, title, id, false);
      contacts.add(new DealContact(p, role, primary));
      evidence.add(Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.CONTACT_ROLE, nextId("00K"))
          .timestamp(OffsetDateTime.ofInstant(CREATED.plusSeconds(86_400L * contacts.size()), EASTERN))
          .text("Contact: " + name + "\nTitle: " + title + "\nEmail: " + email + "\nRole: " + role + "\nPrimary: "
              + (primary ? "yes" : "no"))
          .attribute("Contact.Id", id).attribute("Contact.Name", name).attribute("Contact.Email", email)
          .attribute("Contact.Title", title).attribute("Role", role).attribute("IsPrimary", String.valueOf(primary))
          .participants(List.of(Participant.of(name, email))).build());
    }

    private void history() {
      String[] stages = {"Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review",
          "Closed Won"};
      long step = (CLOSED.getEpochSecond() - CREATED.getEpochSecond()) / (stages.length - 1);
      for (int i = 0; i < stages.length; i++) {
        Instant at = i == stages.length - 1 ? CLOSED : CREATED.plusSeconds(step * i);
        evidence.add(Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.STAGE_HISTORY, nextId("008"))
            .timestamp(OffsetDateTime.ofInstant(at, EASTERN)).text("Stage: " + stages[i] + "\nChanged by: Alex Rivera")
            .attribute("StageName", stages[i]).attribute("CreatedBy.Name", "Alex Rivera").build());
      }
      evidence.add(Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.FIELD_HISTORY, nextId("017"))
          .timestamp(OffsetDateTime.ofInstant(CREATED.plusSeconds(step * 3), EASTERN))
          .text("Field: Amount\nOld value: 150000\nNew value: 168000\nChanged by: Alex Rivera")
          .attribute("Field", "Amount").attribute("OldValue", "150000").attribute("NewValue", "168000").build());
    }

    /** One Task or Event; {@code progress} (0 to 1) is how far into the cycle it falls. */
    private void activity(OffsetDateTime when, double progress) {
      boolean task = random.nextInt(10) < 6;
      int who = random.nextInt(10);
      Person by = who < 5 ? owner : who < 9 ? se : csm;
      DealContact regarding = random.nextInt(10) == 0 ? null : pickContact();
      String first = regarding == null ? "the team" : regarding.person().name().split(" ")[0];
      String subject = fill(pick(task ? TASK_SUBJECTS : EVENT_SUBJECTS), first, by);
      // Late in the cycle some tasks are still open: the open SE items and follow-ups of the brief.
      String status = !task ? null : progress > 0.85 && random.nextInt(10) < 3
          ? (random.nextBoolean() ? "Not Started" : "In Progress") : "Completed";

      var text = new StringBuilder("Subject: ").append(subject);
      if (status != null) {
        text.append("\nStatus: ").append(status);
      }
      text.append("\nAssigned to: ").append(by.name());
      if (regarding != null) {
        text.append("\nRegarding: ").append(regarding.person().name());
      }
      text.append("\n\n").append(description(first, by));

      String id = nextId(task ? "00T" : "00U");
      String kind = task ? CrmEvidence.TASK : CrmEvidence.EVENT;
      var b = Evidence.builder(CrmEvidence.SYSTEM, kind, id).timestamp(when).permalink(permalink(kind, id))
          .text(text.toString()).author(Participant.of(by.name(), by.email()))
          .attribute("Subject", subject).attribute("Status", status)
          .attribute("IsClosed", status == null ? null : String.valueOf(status.equals("Completed")))
          .attribute("ActivityDate", task ? when.toLocalDate().plusDays(random.nextInt(7)).toString() : null)
          .attribute("Owner.Name", by.name()).attribute("OwnerId", by.idIn(CrmEvidence.SYSTEM));
      if (regarding != null) {
        b.attribute("WhoId", regarding.person().idIn(CrmEvidence.SYSTEM)).attribute("Who.Name", regarding.person().name())
            .participants(List.of(Participant.of(regarding.person().name(), regarding.person().email())));
      }
      evidence.add(b.build());
    }

    /** Two to six sentences; about one in four is more than a routine note. */
    private String description(String first, Person by) {
      int n = 2 + random.nextInt(5);
      var out = new StringBuilder();
      boolean list = random.nextInt(8) == 0;
      for (int i = 0; i < n; i++) {
        int roll = random.nextInt(100);
        String[] pool = pool(roll);
        String sentence = fill(pick(pool), first, by);
        if (list && i > 0) {
          out.append(i == 1 ? "\nAction items:\n- " : "\n- ").append(sentence);
        } else {
          out.append(i == 0 ? "" : " ").append(sentence);
        }
      }
      return out.toString();
    }

    private DealContact pickContact() {
      // The champion is in about a third of the activity, as a real champion would be.
      return random.nextInt(3) == 0 ? contacts.get(0) : contacts.get(1 + random.nextInt(contacts.size() - 1));
    }

    private String pick(String[] pool) {
      return pool[random.nextInt(pool.length)];
    }

    private static String fill(String template, String contactFirstName, Person by) {
      return template.replace("{c}", contactFirstName).replace("{o}", by.name().split(" ")[0]);
    }

    private String nextId(String prefix) {
      return prefix + String.format("%012d", ++seq) + "AAA";
    }

    private static URI permalink(String kind, String id) {
      return URI.create("https://northwind.my.salesforce.com/lightning/r/" + kind + "/" + id + "/view");
    }

    private static Person person(String name, String email, String title, String sfId, boolean internal) {
      return new Person(name, email, title, internal, Set.of(new Identity(CrmEvidence.SYSTEM, sfId)));
    }
  }
}
