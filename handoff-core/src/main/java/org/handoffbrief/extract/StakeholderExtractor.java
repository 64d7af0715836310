package org.handoffbrief.extract;

import static org.handoffbrief.extract.CrmRecords.words;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * <p>The champion is not simply the primary contact: an explicit champion (a qualification field
 * or a "Champion" contact role) wins; otherwise the customer contact most involved in the logged
 * activity (tasks and events regarding them) who is not the economic buyer, with the primary flag
 * only breaking ties.
 */
final class StakeholderExtractor implements SectionExtractor {
  private static final SectionId S = SectionId.STAKEHOLDERS;

  private static final Pattern ECONOMIC = words("economic|decision maker|executive sponsor|budget");
  private static final Pattern TECHNICAL = words("technical|evaluator|\\bit\\b|architect");
  private static final Pattern BLOCKER = words("blocker|detractor");
  private static final Pattern CHAMPION = words("champion");
  private static final Pattern SECURITY_TITLE = words("security|ciso|infosec|privacy|compliance");
  private static final Pattern SECURITY_TALK = words("security review|security questionnaire|infosec|pen ?test|soc ?2|hipaa");
  /** A request or question, so that "our security review is complete" does not make a security contact. */
  private static final Pattern ASKS = words("\\?|\\b(send|share|provide|need|fill in|complete|can you|could you|please)\\b");
  /** The speaker signs or holds the budget, in their own words. */
  private static final Pattern SIGNS = words("\\bi(?:'ll| will)? sign\\b|\\bi sign off\\b|signing authority|"
      + "\\bmy budget\\b|\\bi (?:own|hold|control) the budget\\b|\\bi(?:'ll| will)? approve the (?:budget|spend|purchase)\\b");
  /** Others say the contact signs: "Marta will sign", "Marta owns the budget". */
  private static final Pattern SIGNS_NAMED = words("\\b(?:will sign|signs|is signing|owns the budget|holds the budget|"
      + "budget holder|approves the (?:budget|spend))\\b");
  private static final Pattern OBJECTS = words("not convinced|\\bi object\\b|\\bobject to\\b|against (?:this|buying|adding)|"
      + "don't see the value|do not see the value|not on board|pushing back|push back on|too expensive");
  private static final Pattern ADVOCATES = words("pushing (?:this )?internally|push(?:ing)? for (?:this|it) internally|"
      + "made the case|make the case|presented (?:your|the|this) (?:platform|proposal|solution|product)|championing|"
      + "advocat|sold (?:it|this) internally|get this approved");

  /** One contact as the CRM and its activities show them. */
  private static final class Contact {
    final Evidence roleRecord;
    final String id;
    final String name;
    final String email;
    final String title;
    final String crmRole;
    final boolean primary;
    final List<Evidence> activities = new ArrayList<>();
    /** Conversation evidence the contact wrote or said (mail, chat, calls, ticket comments), oldest first. */
    final List<Evidence> authored = new ArrayList<>();
    StakeholderRole role = StakeholderRole.OTHER;
    final List<Citation> roleEvidence = new ArrayList<>();

    Contact(Evidence e) {
      roleRecord = e;
      id = e.attribute("Contact.Id");
      name = e.attribute("Contact.Name");
      email = e.attribute("Contact.Email");
      title = e.attribute("Contact.Title");
      crmRole = e.attribute("Role");
      primary = "true".equalsIgnoreCase(e.attribute("IsPrimary"));
    }

    OffsetDateTime lastTouch() {
      return activities.stream().map(Evidence::timestamp).max(Comparator.naturalOrder()).orElse(null);
    }
  }

  @Override
  public void extract(ExtractionInput input, BriefDraft draft) {
    var crm = new CrmRecords(input);
    var contacts = new LinkedHashMap<String, Contact>();
    for (Evidence e : crm.of(CrmEvidence.CONTACT_ROLE)) {
      Contact c = new Contact(e);
      if (c.name != null && !input.deal().isInternal(c.email)) {
        contacts.putIfAbsent(c.id != null ? c.id : c.name, c);
      }
    }
    for (Evidence a : crm.activities()) {
      Contact c = contacts.get(a.attribute("WhoId"));
      if (c != null) {
        c.activities.add(a);
      }
    }
    for (Evidence e : crm.conversation()) {
      if (e.author() == null || e.author().email() == null || e.system().equals(CrmEvidence.SYSTEM)) {
        continue;
      }
      for (Contact c : contacts.values()) {
        if (c.email != null && c.email.equalsIgnoreCase(e.author().email())) {
          c.authored.add(e);
        }
      }
    }
    TextSpans.Span championField = crm.handoffField(CHAMPION);
    TextSpans.Span buyerField = crm.handoffField(words("economic buyer"));

    for (Contact c : contacts.values()) {
      TextSpans.Span roleLine = TextSpans.line(c.roleRecord, "Role");
      String role = c.crmRole == null ? "" : c.crmRole;
      if (BLOCKER.matcher(role).find()) {
        assign(c, StakeholderRole.BLOCKER, roleLine);
      } else if (CHAMPION.matcher(role).find()) {
        assign(c, StakeholderRole.CHAMPION, roleLine);
      } else if (ECONOMIC.matcher(role).find()) {
        assign(c, StakeholderRole.ECONOMIC_BUYER, roleLine);
      } else if (buyerField != null && names(buyerField, c)) {
        assign(c, StakeholderRole.ECONOMIC_BUYER, buyerField);
      } else if (signs(c, input, crm) != null) {
        assign(c, StakeholderRole.ECONOMIC_BUYER, signs(c, input, crm));
      } else if (c.title != null && SECURITY_TITLE.matcher(c.title).find()) {
        assign(c, StakeholderRole.SECURITY_CONTACT, TextSpans.line(c.roleRecord, "Title"));
      } else if (asksSecurityQuestions(c, input) != null) {
        assign(c, StakeholderRole.SECURITY_CONTACT, asksSecurityQuestions(c, input));
      } else if (objects(c, input) != null) {
        assign(c, StakeholderRole.BLOCKER, objects(c, input));
      } else if (TECHNICAL.matcher(role).find()) {
        assign(c, StakeholderRole.TECHNICAL_CONTACT, roleLine);
      }
    }
    chooseChampion(contacts.values(), championField, input);

    for (Contact c : contacts.values()) {
      TextSpans.Span nameLine = TextSpans.line(c.roleRecord, "Contact");
      var cites = new ArrayList<Citation>();
      if (nameLine != null) {
        cites.add(nameLine.cite());
      }
      cites.addAll(c.roleEvidence);
      if (cites.isEmpty()) {
        continue;
      }
      // Last touch across every system read: the identity graph joined the contact's email,
      // Slack profile, attendee and call identities; the CRM's own activities count too.
      OffsetDateTime last = c.lastTouch();
      String lastSystem = last == null ? null : CrmEvidence.SYSTEM;
      LinkedPerson.Touch touch = c.email == null ? null
          : input.people().byEmail(c.email).map(LinkedPerson::lastTouchAnywhere).orElse(null);
      if (touch != null && (last == null || touch.at().isAfter(last))) {
        Evidence where = input.evidence(touch.evidenceId());
        // Cite where the record names them; a record they only took part in (an agent's reply on
        // their ticket) is cited by its first line, which says what the exchange was.
        TextSpans.Span mention = where == null ? null : mention(where, c);
        if (mention == null && where != null) {
          mention = firstLine(where);
        }
        if (mention != null) {
          last = touch.at();
          lastSystem = where.system();
          cites.add(mention.cite());
        }
      }
      var attrs = new LinkedHashMap<String, String>();
      attrs.put("role", c.role.wireId());
      attrs.put("name", c.name);
      attrs.put("email", c.email);
      attrs.put("title", c.title);
      attrs.put("crmRole", c.crmRole);
      attrs.put("lastTouch", last == null ? null : last.toLocalDate().toString());
      attrs.put("lastTouchSystem", lastSystem);
      String text = label(c.role) + ": " + c.name + (c.title != null ? " (" + c.title + ")" : "")
          + (last != null ? "; last touch " + last.toLocalDate() : "; no logged activity");
      draft.claim(S, c.role.wireId(), text, attrs, cites);
    }
    kickoffRelevantMeetings(input, draft);
    if (contacts.values().stream().noneMatch(c -> c.role == StakeholderRole.CHAMPION)) {
      draft.gap(S, "no_champion", "No champion identified.");
    }
    if (contacts.values().stream().noneMatch(c -> c.role == StakeholderRole.ECONOMIC_BUYER)) {
      draft.gap(S, "no_economic_buyer", "No economic buyer identified.");
    }
    if (contacts.isEmpty()) {
      draft.gap(S, "no_contacts", "The opportunity has no contact roles.");
    }
  }

  /**
   * The newest sentence of the evidence that matches {@code pattern} (and {@code also}, when
   * given). Newest first, so a stale discovery note does not outrank what the contact said lately.
   */
  private static TextSpans.Span newest(List<Evidence> evidence, ExtractionInput input, Pattern pattern, Pattern also) {
    for (int i = evidence.size() - 1; i >= 0; i--) {
      for (TextSpans.Span s : input.sentences(evidence.get(i))) {
        if (!TextSpans.quoted(s) && pattern.matcher(s.text()).find() && (also == null || also.matcher(s.text()).find())) {
          return s;
        }
      }
    }
    return null;
  }

  /** Where the contact says they sign or hold the budget, or someone says so naming them in full. */
  private static TextSpans.Span signs(Contact c, ExtractionInput input, CrmRecords crm) {
    TextSpans.Span own = newest(c.authored, input, SIGNS, null);
    if (own != null || c.name == null) {
      return own;
    }
    Pattern named = Pattern.compile("\\b" + Pattern.quote(c.name) + "\\b", Pattern.CASE_INSENSITIVE);
    return newest(crm.conversation(), input, SIGNS_NAMED, named);
  }

  private static void chooseChampion(Iterable<Contact> contacts, TextSpans.Span championField, ExtractionInput input) {
    for (Contact c : contacts) {
      if (c.role == StakeholderRole.CHAMPION) {
        return;
      }
    }
    if (championField != null) {
      for (Contact c : contacts) {
        if (names(championField, c)) {
          c.role = StakeholderRole.CHAMPION;
          c.roleEvidence.clear();
          c.roleEvidence.add(championField.cite());
          return;
        }
      }
    }
    // Engagement: logged activities about them, what they wrote or said themselves, and twice that
    // for each time they advocate for us internally.
    Contact best = null;
    int bestScore = 0;
    for (Contact c : contacts) {
      if (c.role != StakeholderRole.OTHER && c.role != StakeholderRole.TECHNICAL_CONTACT) {
        continue;
      }
      int score = c.activities.size() + c.authored.size() + 2 * advocacy(c, input).size();
      if (score == 0) {
        continue;
      }
      if (best == null || score > bestScore || (score == bestScore && c.primary && !best.primary)) {
        best = c;
        bestScore = score;
      }
    }
    if (best != null && bestScore >= 2) {
      Contact champion = best;
      champion.role = StakeholderRole.CHAMPION;
      champion.roleEvidence.clear();
      List<TextSpans.Span> advocacy = advocacy(champion, input);
      if (!advocacy.isEmpty()) {
        advocacy.stream().limit(2).forEach(s -> champion.roleEvidence.add(s.cite()));
        return;
      }
      // The evidence for the role is the activity itself: cite the most recent exchanges.
      champion.activities.stream().sorted(Comparator.comparing(Evidence::timestamp).reversed()).limit(2)
          .map(a -> TextSpans.line(a, "Regarding")).filter(java.util.Objects::nonNull)
          .forEach(l -> champion.roleEvidence.add(l.cite()));
    }
  }

  /**
   * The contact's newest objection, unless they have advocated for us since: an objection
   * overcome is deal history, not a blocker.
   */
  private static TextSpans.Span objects(Contact c, ExtractionInput input) {
    TextSpans.Span objection = newest(c.authored, input, OBJECTS, null);
    if (objection == null) {
      return null;
    }
    List<TextSpans.Span> advocacy = advocacy(c, input);
    boolean overcome = !advocacy.isEmpty()
        && advocacy.get(0).evidence().timestamp().isAfter(objection.evidence().timestamp());
    return overcome ? null : objection;
  }

  /** The contact's own words advocating for us, newest first. */
  private static List<TextSpans.Span> advocacy(Contact c, ExtractionInput input) {
    var out = new ArrayList<TextSpans.Span>();
    for (int i = c.authored.size() - 1; i >= 0; i--) {
      for (TextSpans.Span s : input.sentences(c.authored.get(i))) {
        if (!TextSpans.quoted(s) && ADVOCATES.matcher(s.text()).find()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /** Meetings in the last weeks of the cycle or after close: who the CSM will meet at kickoff. */
  private static final java.time.Duration KICKOFF_LOOKBACK = java.time.Duration.ofDays(30);
  private static final int MAX_MEETINGS = 3;

  private static void kickoffRelevantMeetings(ExtractionInput input, BriefDraft draft) {
    java.time.Instant from = input.deal().window().end().minus(KICKOFF_LOOKBACK);
    List<Evidence> meetings = input.evidence().stream()
        .filter(e -> !e.system().equals(CrmEvidence.SYSTEM) && e.kind().equals("event"))
        .filter(e -> !e.timestamp().toInstant().isBefore(from))
        .filter(e -> TextSpans.line(e, "Attendees") != null && TextSpans.line(e, "Subject") != null)
        .sorted(Comparator.comparing(Evidence::timestamp).reversed()).limit(MAX_MEETINGS).toList();
    for (Evidence m : meetings) {
      TextSpans.Span subject = TextSpans.line(m, "Subject");
      TextSpans.Span attendees = TextSpans.line(m, "Attendees");
      draft.claim(S, "meeting", "Met on " + m.timestamp().toLocalDate() + ": " + CrmRecords.valueOf(subject)
          // Names and responses read at a glance; the cited Attendees line keeps the addresses.
          + " with " + CrmRecords.valueOf(attendees).replaceAll("\\s*<[^>]*>", ""), java.util.Map.of("date", m.timestamp().toLocalDate().toString(),
          "source", m.system()), List.of(subject.cite(), attendees.cite()));
    }
  }

  private static TextSpans.Span firstLine(Evidence e) {
    String text = e.text();
    int end = text.indexOf('\n');
    end = end < 0 ? text.length() : end;
    return end > 0 && !text.substring(0, end).isBlank() ? new TextSpans.Span(e, 0, end) : null;
  }

  /** Where the evidence names the contact: their address, else their full name. */
  private static TextSpans.Span mention(Evidence e, Contact c) {
    String text = e.text();
    for (String needle : new String[] {c.email, c.name}) {
      if (needle == null) {
        continue;
      }
      // regionMatches, not toLowerCase().indexOf(): lower-casing can change a string's length.
      for (int at = 0; at + needle.length() <= text.length(); at++) {
        if (text.regionMatches(true, at, needle, 0, needle.length())) {
          return new TextSpans.Span(e, at, at + needle.length());
        }
      }
    }
    return null;
  }

  private static TextSpans.Span asksSecurityQuestions(Contact c, ExtractionInput input) {
    for (Evidence a : c.activities) {
      for (TextSpans.Span s : input.sentences(a)) {
        if (SECURITY_TALK.matcher(s.text()).find()) {
          return s;
        }
      }
    }
    return newest(c.authored, input, SECURITY_TALK, ASKS);
  }

  private static boolean names(TextSpans.Span field, Contact c) {
    String v = CrmRecords.valueOf(field).toLowerCase(Locale.ROOT);
    return (c.email != null && v.contains(c.email.toLowerCase(Locale.ROOT)))
        || (c.name != null && v.contains(c.name.toLowerCase(Locale.ROOT)));
  }

  private static void assign(Contact c, StakeholderRole role, TextSpans.Span why) {
    c.role = role;
    if (why != null) {
      c.roleEvidence.add(why.cite());
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
