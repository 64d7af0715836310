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
      } else if (c.title != null && SECURITY_TITLE.matcher(c.title).find()) {
        assign(c, StakeholderRole.SECURITY_CONTACT, TextSpans.line(c.roleRecord, "Title"));
      } else if (asksSecurityQuestions(c, input) != null) {
        assign(c, StakeholderRole.SECURITY_CONTACT, asksSecurityQuestions(c, input));
      } else if (TECHNICAL.matcher(role).find()) {
        assign(c, StakeholderRole.TECHNICAL_CONTACT, roleLine);
      }
    }
    chooseChampion(contacts.values(), championField);

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
        TextSpans.Span mention = where == null ? null : mention(where, c);
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

  private static void chooseChampion(Iterable<Contact> contacts, TextSpans.Span championField) {
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
    Contact best = null;
    for (Contact c : contacts) {
      if (c.role != StakeholderRole.OTHER && c.role != StakeholderRole.TECHNICAL_CONTACT) {
        continue;
      }
      if (c.activities.isEmpty()) {
        continue;
      }
      if (best == null || c.activities.size() > best.activities.size()
          || (c.activities.size() == best.activities.size() && c.primary && !best.primary)) {
        best = c;
      }
    }
    if (best != null && best.activities.size() >= 2) {
      Contact champion = best;
      champion.role = StakeholderRole.CHAMPION;
      champion.roleEvidence.clear();
      // The evidence for the role is the activity itself: cite the most recent exchanges.
      champion.activities.stream().sorted(Comparator.comparing(Evidence::timestamp).reversed()).limit(2)
          .map(a -> TextSpans.line(a, "Regarding")).filter(java.util.Objects::nonNull)
          .forEach(l -> champion.roleEvidence.add(l.cite()));
    }
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
    return null;
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
