package org.handoffbrief.extract;

import org.handoffbrief.internal.TextSpans;
import static org.handoffbrief.extract.CrmRecords.words;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.handoffbrief.identity.LinkedPerson;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.model.StakeholderRole;

/**
 * The stakeholder map: champion, economic buyer, blockers, technical and security contacts, each
 * with title, last touch and the evidence for the role.
 *
 * <p>Candidates come from every system: the CRM's contact roles and every customer-side person
 * who wrote or spoke during the cycle (mail, chat, calls, tickets). A role is decided by what the
 * conversations show, and a CRM contact role is one piece of evidence, not the truth: whoever says
 * "the budget is mine, I sign" is the economic buyer even when the CRM marks someone else
 * "Decision Maker". A contact who said nothing during this cycle (a stale note's champion, someone
 * who left) gets no role.
 */
final class StakeholderExtractor implements SectionExtractor {
  private static final SectionId S = SectionId.STAKEHOLDERS;

  private static final Pattern TECHNICAL = words("technical|evaluator|\\bit\\b|architect");
  private static final Pattern CRM_CHAMPION = words("champion");
  private static final Pattern CRM_ECONOMIC = words("economic buyer");
  private static final Pattern SECURITY_TITLE = words("security|ciso|infosec|privacy");
  private static final Pattern SECURITY_TALK = words("\\b(?:security|infosec|pen ?-?tests?|penetration|soc ?2|"
      + "iso ?27001|hipaa|baa|questionnaire|sub-?processors?|encryption|vulnerabilit\\w*|risk assessment|dpa)\\b");
  /** The speaker signs or holds the budget, in their own words. */
  private static final Pattern SIGNS = words("\\bi(?:'ll| will| am the one who|'m the one who)? sign(?:s|ed)?\\b|"
      + "\\bi sign off\\b|signing authority|\\bmy signature\\b|\\bmy budget\\b|budget,? (?:which )?is mine|"
      + "\\bi (?:own|hold|control) the (?:budget|spend)\\b|\\bi(?:'ll| will)? approve the (?:budget|spend|purchase)\\b");
  /** Others say the person signs: "Marta will sign", "Marta owns the budget". */
  private static final Pattern SIGNS_NAMED = words("\\b(?:will sign|signs|signed|is signing|owns the (?:budget|spend)|"
      + "holds the budget|budget holder|budget owner|approves the (?:budget|spend)|final sign-?off|the eb|"
      + "economic buyer|(?:her|his) (?:[\\w-]+ ){0,3}budget)\\b");
  private static final Pattern BUDGET_NAMED = words("owns the (?:budget|spend)|holds the budget|budget (?:holder|owner)|"
      + "the eb\\b|economic buyer|(?:her|his) (?:[\\w-]+ ){0,3}budget");
  private static final Pattern OBJECTS = words("not convinced|\\bi object\\b|\\bobject to\\b|against (?:this|buying|adding)|"
      + "don't see the value|do not see the value|not on board|pushing back|push back on|too expensive|"
      + "\\bregret\\b|push to cancel|\\bcancel\\b|\\bskeptic|won't roll (?:it |this )?out|not (?:able|going) to "
      + "(?:concur|sign|approve|roll)|(?:will not|won't|cannot|can't|do not|don't) (?:concur|approve|support|sign off)|"
      + "non-?concur");
  /** Others saying the person stands in the way: "Nadia is the holdout". */
  private static final Pattern OBJECTS_NAMED = words("\\b(?:holdout|hold-out|blocker|skeptic|detractor|not on board|"
      + "pushing back|won't (?:concur|sign off|roll))\\b");
  private static final Pattern CRM_BLOCKER = words("blocker|detractor");
  /** An objection to someone else ("not convinced by their story") is not one to us. */
  private static final Pattern THEY = words("\\b(?:their|they)\\b");
  private static final Pattern YOU = words("\\b(?:you|your)\\b");
  private static final Pattern REGRET = words("regret|cancel");
  private static final Pattern CAME_AROUND = words("c[oa]me around|\\bi(?:'m| am) (?:now )?comfortable|"
      + "no longer (?:object|concerned|opposed)|happy to (?:proceed|move forward|sign)|(?:is|are) (?:now )?on board");
  /** Leaving the company or the deal: "my last day is Friday", "I've accepted a role outside". */
  private static final Pattern LEAVING = words("my last day|i(?:'m| am) leaving|i(?:'ve| have) accepted a (?:role|position|job)|"
      + "leaving the company|moving on from|handing (?:this |it )?over to");
  /** Someone taking over the deal: "Zoë is stepping in", "from here on she owns the decision". */
  private static final Pattern TAKES_OVER = words("stepping in|steps in|taking over|takes over|will take over|"
      + "owns the (?:\\w+ )?decision|(?:is|becomes) (?:the )?(?:project lead|our champion|your champion)");
  /** Buying the paper is not holding the budget: procurement signs, the budget owner decides. */
  private static final Pattern PROCUREMENT = words("procurement|purchasing|sourcing|contracts? (?:manager|officer)");
  /** The speaker owns the money, in their own words. */
  private static final Pattern OWNS_BUDGET = words("\\bmy budget\\b|budget,? (?:which )?is mine|(?:that|the) budget is mine|"
      + "\\bi (?:own|hold|control) the (?:budget|spend)\\b|comes out of my|my (?:budget|cost center|cost centre) line");
  private static final Pattern ADVOCATES = words("pushing (?:this )?internally|push(?:ing)? for (?:this|it) internally|"
      + "made the case|make the case|presented (?:your|the|this) (?:platform|proposal|solution|product)|championing|"
      + "advocat|sold (?:it|this) internally|get this approved|i'll (?:take|bring) (?:it|this) to|my recommendation|"
      + "i recommend|we recommend");
  private static final Pattern DESIGNATED = words("\\b(?:contact|point of contact|point person|runs|owns|"
      + "in charge of|responsible for|will send)\\b");
  private static final Pattern NOT_SECURITY_TITLE = words("counsel|legal|attorney|lawyer|procurement|purchasing|"
      + "sourcing|contracts?\\b");
  /** A request or question, so that "our security review is complete" counts less than asking for one. */
  private static final Pattern ASKS = words("\\?|\\b(send|share|provide|need|fill in|complete|can you|could you|please)\\b");
  /** Enough conversation behind a role that the CRM alone cannot outvote it. */
  private static final int MIN_SCORE = 2;
  private static final int MAX_SECURITY = 2;

  /** One customer-side person as the CRM and the conversations show them. */
  private static final class Person {
    final String email;
    String name;
    String title;
    Evidence roleRecord;
    String crmRole;
    /** Conversation items they wrote or said, oldest first. */
    final List<Evidence> authored = new ArrayList<>();
    /** CRM tasks and events of the cycle regarding them. */
    final List<Evidence> activities = new ArrayList<>();
    final Map<StakeholderRole, List<Span>> why = new EnumMap<>(StakeholderRole.class);
    /** Their own sentences, quoted history left out; filled once, on first use. */
    List<Span> own;
    /** Said they are leaving: listed, never given a role. */
    boolean leaving;
    /** Named as the one taking over the deal. */
    boolean successor;

    Person(String email, String name) {
      this.email = email;
      this.name = name;
    }

    /** Took part in this cycle: wrote or said something, or the seller logged work with them. */
    boolean active() {
      return !authored.isEmpty() || !activities.isEmpty();
    }

    /** Exchanges they took part in; a call's sentences count once per speaker turn. */
    int engagement() {
      long turns = authored.stream().map(e -> e.attribute("turnStartMs") != null
          ? e.attribute("callId") + "@" + e.attribute("turnStartMs") : e.id()).distinct().count();
      return (int) turns + activities.size();
    }

    /** Everything of the cycle that involves them, oldest first. */
    List<Evidence> involved() {
      var all = new ArrayList<Evidence>(authored);
      all.addAll(activities);
      all.sort(Comparator.comparing(Evidence::timestamp));
      return all;
    }

    boolean has(StakeholderRole role) {
      return why.containsKey(role);
    }
  }

  @Override
  public java.util.Set<org.handoffbrief.model.SectionId> sections() {
    return java.util.EnumSet.of(org.handoffbrief.model.SectionId.STAKEHOLDERS);
  }

  @Override
  public void extract(ExtractionInput input, BriefDraft draft) {
    var crm = new CrmRecords(input);
    Map<String, Person> people = candidates(input, crm);
    List<Person> active = people.values().stream().filter(Person::active).toList();
    var others = new ArrayList<Span>();
    for (Evidence e : crm.conversation()) {
      if (!e.system().equals(CrmEvidence.SYSTEM) && !e.timestamp().toInstant().isAfter(input.now())) {
        others.addAll(input.sentences(e).stream().filter(s -> !TextSpans.quoted(s)).toList());
      }
    }
    // Every rule below reads the sentences that name a person: found in one pass over them all,
    // not one pass per person (a deal with many correspondents made that quadratic).
    Map<Person, List<Span>> mentions = Mentions.index(active, p -> p.name, p -> p.email, others);

    for (Person p : active) {
      p.leaving = own(p, input).stream().anyMatch(s -> LEAVING.matcher(s.text()).find());
      p.successor = mentions.get(p).stream().anyMatch(s -> !authoredBy(s, p) && TAKES_OVER.matcher(s.text()).find());
    }
    economicBuyer(active, mentions, input);
    for (Person p : active) {
      Span objection = p.leaving ? null : objection(p, input, mentions);
      if (objection == null && !p.leaving) {
        objection = mentions.get(p).stream().filter(s -> !authoredBy(s, p) && OBJECTS_NAMED.matcher(s.text()).find())
            .reduce((a, b) -> b).orElse(null);
        if (objection != null && overcomeSince(p, input, objection.evidence().timestamp().toInstant(), mentions)) {
          objection = null;
        }
      }
      if (objection != null) {
        p.why.put(StakeholderRole.BLOCKER, List.of(objection));
      }
    }
    securityContacts(active, mentions, input);
    champion(active, crm, input);
    for (Person p : active) {
      if (p.why.isEmpty() && p.crmRole != null && TECHNICAL.matcher(p.crmRole).find()) {
        p.why.put(StakeholderRole.TECHNICAL_CONTACT, List.of());
      }
    }
    // A role the conversations give nobody falls back to the CRM contact role that names it, even
    // for a contact the sources never heard from; everyone else silent this cycle is left out.
    var listed = new ArrayList<Person>(active);
    for (StakeholderRole role : List.of(StakeholderRole.CHAMPION, StakeholderRole.ECONOMIC_BUYER,
        StakeholderRole.TECHNICAL_CONTACT)) {
      if (role != StakeholderRole.TECHNICAL_CONTACT && listed.stream().anyMatch(p -> p.has(role))) {
        continue;
      }
      people.values().stream()
          .filter(p -> p.roleRecord != null && p.why.isEmpty() && !p.leaving && crmAgrees(p.crmRole, role)
              && (role != StakeholderRole.ECONOMIC_BUYER || !economicWordsElsewhere(p, active)))
          .limit(role == StakeholderRole.TECHNICAL_CONTACT ? Long.MAX_VALUE : 1).forEach(p -> {
            p.why.put(role, List.of());
            if (!listed.contains(p)) {
              listed.add(p);
            }
          });
    }

    for (Person p : listed) {
      List<StakeholderRole> roles = p.why.isEmpty() ? List.of(StakeholderRole.OTHER) : List.copyOf(p.why.keySet());
      for (StakeholderRole role : roles) {
        claim(p, role, input, draft);
      }
    }
    kickoffRelevantMeetings(input, draft);
    if (listed.stream().noneMatch(p -> p.has(StakeholderRole.CHAMPION))) {
      draft.gap(S, "no_champion", "No champion identified.");
    }
    if (listed.stream().noneMatch(p -> p.has(StakeholderRole.ECONOMIC_BUYER))) {
      draft.gap(S, "no_economic_buyer", "No economic buyer identified.");
    }
    if (people.isEmpty()) {
      draft.gap(S, "no_contacts", "The opportunity has no contact roles and no customer-side correspondent.");
    }
  }

  /** CRM contacts (external) and every customer-domain author of the conversation, by address. */
  private static Map<String, Person> candidates(ExtractionInput input, CrmRecords crm) {
    var people = new LinkedHashMap<String, Person>();
    for (Evidence e : crm.of(CrmEvidence.CONTACT_ROLE)) {
      String email = lower(e.attribute("Contact.Email"));
      String name = e.attribute("Contact.Name");
      if (email == null || name == null || input.deal().isInternal(email)) {
        continue;
      }
      Person p = people.computeIfAbsent(email, k -> new Person(k, name));
      if (p.roleRecord == null) {
        p.roleRecord = e;
        p.crmRole = e.attribute("Role");
        p.title = e.attribute("Contact.Title");
      }
    }
    var byContactId = new HashMap<String, Person>();
    for (Evidence e : crm.of(CrmEvidence.CONTACT_ROLE)) {
      String email = lower(e.attribute("Contact.Email"));
      if (email != null && people.containsKey(email) && e.attribute("Contact.Id") != null) {
        byContactId.put(e.attribute("Contact.Id"), people.get(email));
      }
    }
    for (Evidence a : crm.activities()) {
      Person p = byContactId.get(a.attribute("WhoId"));
      if (p != null && input.deal().window().contains(a.timestamp().toInstant())
          && !a.timestamp().toInstant().isAfter(input.now())) {
        p.activities.add(a);
      }
    }
    Set<String> domains = input.deal().customerDomains();
    for (Evidence e : crm.conversation()) {
      if (e.system().equals(CrmEvidence.SYSTEM) || e.author() == null || e.author().email() == null
          || e.timestamp().toInstant().isAfter(input.now()) || e.internalOnly()) {
        continue;
      }
      String email = e.author().email();
      boolean known = people.containsKey(email);
      if (!known && (input.deal().isInternal(email) || !domains.contains(email.substring(email.indexOf('@') + 1)))) {
        continue;
      }
      Person p = people.computeIfAbsent(email, k -> new Person(k, e.author().name() != null ? e.author().name() : k));
      p.authored.add(e);
    }
    for (Person p : people.values()) {
      if (p.title == null) {
        p.title = input.people().byEmail(p.email).map(LinkedPerson::title).orElse(null);
      }
    }
    return people;
  }

  /**
   * The person who holds the budget or signs: in their own words (three points a sentence) or as
   * others name them (two); the CRM's "Economic Buyer" role adds one. Without such words, the
   * CRM's economic buyer stands if they took part in this cycle.
   */
  private static void economicBuyer(List<Person> active, Map<Person, List<Span>> mentions,
      ExtractionInput input) {
    Person best = null;
    int bestScore = 0;
    List<Span> bestWhy = List.of();
    for (Person p : active) {
      var why = new ArrayList<Span>();
      int score = 0;
      if (p.leaving) {
        continue;
      }
      for (Span s : own(p, input)) {
        boolean budget = OWNS_BUDGET.matcher(s.text()).find();
        if (budget || SIGNS.matcher(s.text()).find()) {
          why.add(s);
          score += budget ? 4 : 2;
        }
      }
      for (Span s : mentions.get(p)) {
        if (!authoredBy(s, p) && SIGNS_NAMED.matcher(s.text()).find()) {
          why.add(s);
          score += BUDGET_NAMED.matcher(s.text()).find() ? 3 : 1;
        }
      }
      if (p.crmRole != null && CRM_ECONOMIC.matcher(p.crmRole).find()) {
        score += 1;
      }
      if (p.title != null && PROCUREMENT.matcher(p.title).find()) {
        score -= 3;
      }
      if (score > bestScore && !why.isEmpty()) {
        best = p;
        bestScore = score;
        bestWhy = why;
      }
    }
    if (best != null && bestScore >= MIN_SCORE) {
      best.why.put(StakeholderRole.ECONOMIC_BUYER, bestWhy.stream().limit(2).toList());
      return;
    }
    active.stream().filter(p -> p.crmRole != null && CRM_ECONOMIC.matcher(p.crmRole).find()).findFirst()
        .ifPresent(p -> p.why.put(StakeholderRole.ECONOMIC_BUYER, List.of()));
  }

  /**
   * Who asks the security questions or runs the review: their own security sentences, others
   * naming them with security words, a security title. At most two, the second only when close.
   */
  private static void securityContacts(List<Person> active, Map<Person, List<Span>> mentions,
      ExtractionInput input) {
    var scored = new ArrayList<Map.Entry<Person, List<Span>>>();
    var securityItems = new HashMap<String, Boolean>();
    var scores = new HashMap<Person, Integer>();
    for (Person p : active) {
      var why = new ArrayList<Span>();
      int asked = 0;
      for (Span s : own(p, input)) {
        if (SECURITY_TALK.matcher(s.text()).find()) {
          why.add(s);
          asked += ASKS.matcher(s.text()).find() ? 1 : 0;
        }
      }
      // The seller's own log of the contact raising security ("Priya said their review takes six weeks").
      for (Evidence a : p.activities) {
        for (Span s : input.sentences(a)) {
          if (SECURITY_TALK.matcher(s.text()).find()) {
            why.add(s);
            asked++;
          }
        }
      }
      int named = 0;
      for (Span s : mentions.get(p)) {
        if (authoredBy(s, p) || why.contains(s)) {
          continue;
        }
        boolean designated = DESIGNATED.matcher(s.text()).find() && securityItems.computeIfAbsent(s.evidence().id(),
            id -> input.sentences(s.evidence()).stream().anyMatch(x -> SECURITY_TALK.matcher(x.text()).find()));
        if (SECURITY_TALK.matcher(s.text()).find() || designated) {
          why.add(s);
          // Designated by their own side ("Dmitri is your working contact for security evidence").
          named += DESIGNATED.matcher(s.text()).find() && s.evidence().author() != null
              && !input.deal().isInternal(s.evidence().author().email()) ? 2 : 1;
        }
      }
      // Counsel and procurement read the data clauses; the security contact is who owns the review.
      if (p.leaving || (p.title != null && NOT_SECURITY_TITLE.matcher(p.title).find()
          && !SECURITY_TITLE.matcher(p.title).find())) {
        continue;
      }
      int score = (why.size() - Math.min(why.size(), named)) + named + asked + (p.title != null && SECURITY_TITLE.matcher(p.title).find() ? 2 : 0);
      if (score >= MIN_SCORE && !why.isEmpty()) {
        scored.add(Map.entry(p, why));
        scores.put(p, score);
      }
    }
    scored.sort(Comparator.comparing((Map.Entry<Person, List<Span>> x) -> scores.get(x.getKey())).reversed());
    for (int i = 0; i < scored.size() && i < MAX_SECURITY; i++) {
      scored.get(i).getKey().why.put(StakeholderRole.SECURITY_CONTACT, scored.get(i).getValue().stream().limit(2).toList());
    }
  }

  /**
   * One champion: the customer-side person most engaged for us, neither the economic buyer nor a
   * blocker. Engagement is what they wrote or said, twice that for each time they advocate for us
   * internally; a CRM "Champion" role or a champion handoff field naming them adds two, opening
   * the conversation (the first customer to write) adds two.
   */
  private static void champion(List<Person> active, CrmRecords crm, ExtractionInput input) {
    Span field = crm.handoffField(CRM_CHAMPION);
    Instant firstWord = active.stream().filter(p -> !p.authored.isEmpty())
        .map(p -> p.authored.get(0).timestamp().toInstant()).min(Comparator.naturalOrder()).orElse(null);
    Person best = null;
    int bestScore = 0;
    List<Span> bestWhy = List.of();
    for (Person p : active) {
      if (p.leaving || p.has(StakeholderRole.ECONOMIC_BUYER) || p.has(StakeholderRole.BLOCKER)
          || p.has(StakeholderRole.SECURITY_CONTACT)) {
        continue;
      }
      List<Span> advocacy = own(p, input).stream().filter(s -> ADVOCATES.matcher(s.text()).find()).toList();
      int score = p.engagement() + 2 * advocacy.size();
      boolean opened = !p.authored.isEmpty() && p.authored.get(0).timestamp().toInstant().equals(firstWord);
      // A technical evaluator is busy by trade: engagement alone does not make them the champion.
      if (p.crmRole != null && TECHNICAL.matcher(p.crmRole).find() && advocacy.isEmpty()) {
        continue;
      }
      if (p.crmRole != null && CRM_CHAMPION.matcher(p.crmRole).find()) {
        score += 2;
      }
      if (field != null && p.name != null && CrmRecords.valueOf(field).toLowerCase(Locale.ROOT)
          .contains(p.name.toLowerCase(Locale.ROOT))) {
        score += 2;
      }
      if (opened) {
        score += 4; // who brought the deal in is who carries it internally
      }
      if (p.successor) {
        score += 6;
      }
      if (score > bestScore) {
        best = p;
        bestScore = score;
        bestWhy = advocacy;
      }
    }
    if (best != null && bestScore >= MIN_SCORE) {
      best.why.put(StakeholderRole.CHAMPION, bestWhy.stream().limit(2).toList());
    }
  }

  private void claim(Person p, StakeholderRole role, ExtractionInput input, BriefDraft draft) {
    var cites = new ArrayList<Citation>();
    p.why.getOrDefault(role, List.of()).forEach(s -> cites.add(s.cite()));
    // The CRM's role is cited when it says the same; a role the conversation overrules is not.
    if (p.roleRecord != null && crmAgrees(p.crmRole, role)) {
      Span crmRole = TextSpans.line(p.roleRecord, "Role");
      if (crmRole != null) {
        cites.add(crmRole.cite());
      }
    }
    List<Evidence> involved = p.involved();
    Evidence last = involved.isEmpty() ? null : involved.get(involved.size() - 1);
    OffsetDateTime lastAt = last == null ? null : last.timestamp();
    LinkedPerson.Touch touch = input.people().byEmail(p.email).map(LinkedPerson::lastTouchAnywhere).orElse(null);
    Evidence touched = touch == null ? null : input.evidence(touch.evidenceId());
    if (touched != null && (lastAt == null || touch.at().isAfter(lastAt)) && !touch.at().toInstant().isAfter(input.now())
        && citeItem(touched, input) != null) {
      last = touched;
      lastAt = touch.at();
    }
    Span lastSpan = last == null ? null : citeItem(last, input);
    if (lastSpan != null && cites.stream().noneMatch(c -> c.evidenceId().equals(lastSpan.evidence().id()))) {
      cites.add(lastSpan.cite());
    }
    if (cites.isEmpty()) {
      return;
    }
    var attrs = new LinkedHashMap<String, String>();
    attrs.put("role", role.wireId());
    attrs.put("name", p.name);
    attrs.put("email", p.email);
    attrs.put("title", p.title);
    attrs.put("crmRole", p.crmRole);
    attrs.put("lastTouch", lastAt == null ? null : input.day(lastAt).toString());
    attrs.put("lastTouchSystem", last == null ? null : last.system());
    String text = label(role) + ": " + p.name + (p.title != null ? " (" + p.title + ")" : "")
        + (lastAt != null ? "; last touch " + input.day(lastAt) : "; no exchange this cycle")
        + (p.crmRole != null && !crmAgrees(p.crmRole, role) && role != StakeholderRole.OTHER
            ? "; the CRM contact role says " + p.crmRole : "");
    draft.claim(S, role.wireId(), text, attrs, cites);
  }

  /** Whether the CRM's economic buyer is contradicted: someone else already named the signer. */
  private static boolean economicWordsElsewhere(Person p, List<Person> active) {
    return active.stream().anyMatch(o -> o != p && o.has(StakeholderRole.ECONOMIC_BUYER));
  }

  private static boolean crmAgrees(String crmRole, StakeholderRole role) {
    if (crmRole == null) {
      return false;
    }
    return switch (role) {
      case CHAMPION -> CRM_CHAMPION.matcher(crmRole).find();
      case ECONOMIC_BUYER -> CRM_ECONOMIC.matcher(crmRole).find();
      case TECHNICAL_CONTACT -> TECHNICAL.matcher(crmRole).find();
      case SECURITY_CONTACT -> SECURITY_TITLE.matcher(crmRole).find();
      case BLOCKER -> CRM_BLOCKER.matcher(crmRole).find();
      case OTHER -> true;
    };
  }

  /** The person's own sentences, oldest first, quoted history left out. */
  private static List<Span> own(Person p, ExtractionInput input) {
    // Every role rule reads them; collected once, after the candidates are known.
    if (p.own == null) {
      var out = new ArrayList<Span>();
      for (Evidence e : p.authored) {
        input.sentences(e).stream().filter(s -> !TextSpans.quoted(s)).forEach(out::add);
      }
      p.own = List.copyOf(out);
    }
    return p.own;
  }

  private static boolean authoredBy(Span s, Person p) {
    Evidence e = s.evidence();
    return e.author() != null && p.email.equals(e.author().email());
  }

  /** The newest objection or regret in their own words, unless they advocated for us since. */
  private static Span objection(Person p, ExtractionInput input, Map<Person, List<Span>> mentions) {
    List<Span> own = own(p, input);
    Span objection = null;
    for (Span s : own) {
      String t = s.text();
      boolean aboutOthers = THEY.matcher(t).find() && !YOU.matcher(t).find();
      if (OBJECTS.matcher(t).find() && !t.strip().endsWith("?") && !aboutOthers
          && !(REGRET.matcher(t).find() && Vocabulary.SOONER.matcher(t).find())) {
        objection = s;
      }
    }
    if (objection == null) {
      return null;
    }
    return overcomeSince(p, input, objection.evidence().timestamp().toInstant(), mentions) ? null : objection;
  }

  /**
   * Whether the person came around after an objection, in their words ("I'm comfortable now") or
   * as others report it ("Desmond has come around"): an objection overcome is history.
   */
  private static boolean overcomeSince(Person p, ExtractionInput input, Instant at,
      Map<Person, List<Span>> mentions) {
    boolean own = own(p, input).stream().anyMatch(s -> (ADVOCATES.matcher(s.text()).find()
        || CAME_AROUND.matcher(s.text()).find()) && s.evidence().timestamp().toInstant().isAfter(at));
    return own || mentions.get(p).stream().anyMatch(s -> !authoredBy(s, p) && CAME_AROUND.matcher(s.text()).find()
        && s.evidence().timestamp().toInstant().isAfter(at));
  }

  /** What to quote for an exchange: its first sentence of the person's words, else its subject or title. */
  private static Span citeItem(Evidence e, ExtractionInput input) {
    for (Span s : input.sentences(e)) {
      if (!TextSpans.quoted(s) && e.sourceSpanOf(s.start(), s.end()) != null && !GREETING.matcher(s.text()).matches()) {
        return s;
      }
    }
    for (String label : List.of("Subject", "Title")) {
      Span line = TextSpans.line(e, label);
      if (line != null && e.sourceSpanOf(line.start(), line.end()) != null) {
        return line;
      }
    }
    return null;
  }

  /** "Dear Tomás, Duarte," "Hi all,": a salutation says nothing about the exchange. */
  private static final Pattern GREETING = Pattern.compile("(?i)(?:dear|hi|hello|hey|good (?:morning|afternoon))\\b.{0,60},?");

  private static String lower(String s) {
    return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
  }

  /** Meetings in the last weeks of the cycle or after close: who the CSM will meet at kickoff. */
  private static final java.time.Duration KICKOFF_LOOKBACK = java.time.Duration.ofDays(30);
  private static final int MAX_MEETINGS = 3;

  private static void kickoffRelevantMeetings(ExtractionInput input, BriefDraft draft) {
    Instant from = input.deal().window().end().minus(KICKOFF_LOOKBACK);
    List<Evidence> meetings = input.evidence().stream()
        .filter(e -> !e.system().equals(CrmEvidence.SYSTEM) && e.kind().equals("event"))
        .filter(e -> !e.timestamp().toInstant().isBefore(from))
        .filter(e -> TextSpans.line(e, "Attendees") != null && TextSpans.line(e, "Subject") != null)
        .sorted(Comparator.comparing(Evidence::timestamp).reversed()).limit(MAX_MEETINGS).toList();
    for (Evidence m : meetings) {
      Span subject = TextSpans.line(m, "Subject");
      Span attendees = TextSpans.line(m, "Attendees");
      // Names and responses read at a glance; the citation is the meeting's title, its own words.
      draft.claim(S, "meeting", "Met on " + input.day(m.timestamp()) + ": " + CrmRecords.valueOf(subject)
          + " with " + CrmRecords.valueOf(attendees).replaceAll("\\s*<[^>]*>", ""), Map.of("date",
          input.day(m.timestamp()).toString(), "source", m.system()), List.of(subject.cite()));
    }
  }

  private static String label(StakeholderRole role) {
    return switch (role) {
      case CHAMPION -> "Champion";
      case ECONOMIC_BUYER -> "Economic buyer";
      case BLOCKER -> "Blocker";
      case TECHNICAL_CONTACT -> "Technical contact";
      case SECURITY_CONTACT -> "Security contact";
      case OTHER -> "Contact";
    };
  }
}
