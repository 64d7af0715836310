package org.handoffbrief.connector.salesforce;

import com.sforce.ws.bind.XmlObject;
import java.math.BigDecimal;
import java.net.URI;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.handoffbrief.MalformedResponseException;
import org.handoffbrief.model.Account;
import org.handoffbrief.model.CrmEvidence;
import org.handoffbrief.model.DealContact;
import org.handoffbrief.model.DealContext;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.Identity;
import org.handoffbrief.model.Opportunity;
import org.handoffbrief.model.Participant;
import org.handoffbrief.model.Person;
import org.handoffbrief.model.TeamMember;
import org.handoffbrief.model.TimeWindow;

/**
 * Turns the opportunity record and its child records into the {@link DealContext} and
 * {@link CrmEvidence}-shaped evidence. The text formats are documented on
 * {@link SalesforceConnector}; extractors quote those lines.
 */
final class DealMapper {

  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

  private final URI instanceUrl;
  private final Map<String, String> opportunityFields;
  private final Map<String, String> accountFields;
  private final Set<String> configuredDomains;
  private final ZoneId orgZone;

  DealMapper(URI instanceUrl, Map<String, String> opportunityFields, Map<String, String> accountFields,
      Set<String> configuredDomains, ZoneId orgZone) {
    this.instanceUrl = instanceUrl;
    this.opportunityFields = opportunityFields;
    this.accountFields = accountFields;
    this.configuredDomains = configuredDomains;
    this.orgZone = orgZone;
  }

  /** The mapped deal: its context and every evidence item, opportunity first. */
  record Mapped(DealContext context, List<Evidence> evidence) {}

  Mapped map(XmlObject opp, Map<String, List<XmlObject>> children) {
    String oppId = required(opp, "Id", "Opportunity");
    String currency = str(opp, DealQuery.CURRENCY);
    Instant created = instant(opp, "CreatedDate", "Opportunity " + oppId, true);
    LocalDate closeDate = date(required(opp, "CloseDate", "Opportunity " + oppId), "CloseDate", oppId);
    boolean closed = bool(opp, "IsClosed");
    Opportunity opportunity = new Opportunity(oppId, required(opp, "Name", "Opportunity " + oppId),
        required(opp, "StageName", "Opportunity " + oppId), decimal(str(opp, "Amount"), "Amount", oppId), currency,
        closeDate, created, str(opp, "Type"), closed, closed && bool(opp, "IsWon"));

    String accountId = str(opp, "Account.Id");
    if (accountId == null) {
      throw new MalformedResponseException(CrmEvidence.SYSTEM, "Opportunity " + oppId + " has no account the"
          + " integration user can read; a brief needs the customer account.", null);
    }
    String employees = str(opp, "Account.NumberOfEmployees");
    Account account = new Account(accountId, required(opp, "Account.Name", "Account " + accountId),
        str(opp, "Account.Industry"), str(opp, "Account.Type"), str(opp, "Account.Website"),
        employees == null ? null : decimal(employees, "NumberOfEmployees", accountId).longValue());

    String ownerEmail = str(opp, "Owner.Email");
    var domains = new LinkedHashSet<>(configuredDomains);
    if (ownerEmail != null && ownerEmail.indexOf('@') > 0) {
      domains.add(ownerEmail.substring(ownerEmail.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT));
    }
    Person owner = person(required(opp, "Owner.Name", "owner of Opportunity " + oppId), ownerEmail,
        str(opp, "Owner.Title"), true, str(opp, "Owner.Id"));

    var handoff = new LinkedHashMap<String, String>();
    opportunityFields.forEach((label, field) -> put(handoff, label, display(str(opp, field))));
    accountFields.forEach((label, field) -> put(handoff, label, display(str(opp, "Account." + field))));

    var evidence = new ArrayList<Evidence>();
    evidence.add(opportunityEvidence(opp, opportunity, account, owner));
    evidence.add(accountEvidence(opp, account, created));

    var contacts = new ArrayList<DealContact>();
    for (XmlObject r : children.getOrDefault("OpportunityContactRoles", List.of())) {
      String name = str(r, "Contact.Name");
      if (name == null) {
        continue; // a role whose contact the user cannot see
      }
      String email = str(r, "Contact.Email");
      Person p = person(name, email, str(r, "Contact.Title"), isInternal(domains, email), str(r, "Contact.Id"));
      contacts.add(new DealContact(p, str(r, "Role"), bool(r, "IsPrimary")));
      evidence.add(contactRoleEvidence(r, created));
    }
    var team = new ArrayList<TeamMember>();
    for (XmlObject r : children.getOrDefault("OpportunityTeamMembers", List.of())) {
      String name = str(r, "User.Name");
      if (name == null) {
        continue;
      }
      String role = str(r, "TeamMemberRole");
      team.add(new TeamMember(person(name, str(r, "User.Email"), str(r, "User.Title"), true, str(r, "User.Id")),
          role == null ? "Team member" : role));
      evidence.add(teamMemberEvidence(r, created));
    }
    for (XmlObject r : children.getOrDefault("Tasks", List.of())) {
      evidence.add(taskEvidence(r, created));
    }
    for (XmlObject r : children.getOrDefault("Events", List.of())) {
      evidence.add(eventEvidence(r, created));
    }
    for (XmlObject r : children.getOrDefault("OpportunityHistories", List.of())) {
      evidence.add(stageHistoryEvidence(r, oppId, currency, created));
    }
    for (XmlObject r : children.getOrDefault("Histories", List.of())) {
      evidence.add(fieldHistoryEvidence(r, oppId, created));
    }

    TimeWindow window = TimeWindow.salesCycle(created, closeDate, orgZone);
    DealContext context = new DealContext(account, opportunity, owner, contacts, team, window, domains, handoff,
        orgZone);
    return new Mapped(context, evidence);
  }

  private Evidence opportunityEvidence(XmlObject opp, Opportunity o, Account a, Person owner) {
    var lines = new Lines()
        .field("Opportunity", o.name(), "Name")
        .line("Account", a.name())
        .field("Stage", o.stage(), "StageName")
        .field("Amount", number(str(opp, "Amount")), "Amount")
        .line("Currency", o.currency())
        .field("Close date", o.closeDate().toString(), "CloseDate")
        .field("Type", o.type(), "Type")
        .field("Lead source", str(opp, "LeadSource"), "LeadSource")
        .field("Next step", str(opp, "NextStep"), "NextStep")
        .line("Probability", percent(str(opp, "Probability")));
    Evidence.Builder b = Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.OPPORTUNITY, o.id())
        .permalink(recordLink("Opportunity", o.id()))
        .timestamp(utc(firstNonNull(instant(opp, "LastModifiedDate", o.id(), false), o.createdAt())))
        .author(new Participant(owner.name(), owner.email(), owner.idIn(CrmEvidence.SYSTEM)));
    for (String f : List.of("Id", "Name", "StageName", "Amount", DealQuery.CURRENCY, "CloseDate", "Type", "LeadSource",
        "NextStep", "Probability", "IsClosed", "IsWon", "CreatedDate", "LastModifiedDate", "Account.Id",
        "Account.Name", "Owner.Id", "Owner.Name", "Owner.Email", "Owner.Title")) {
      b.attribute(f, str(opp, f));
    }
    handoffFields(b, lines, opp, opportunityFields, "");
    return lines.into(b, str(opp, "Description")).build();
  }

  private Evidence accountEvidence(XmlObject opp, Account a, Instant fallback) {
    var lines = new Lines()
        .field("Account", a.name(), "Name")
        .field("Industry", a.industry(), "Industry")
        .field("Type", a.type(), "Type")
        .field("Employees", a.employees() == null ? null : grouped(BigDecimal.valueOf(a.employees())),
            "NumberOfEmployees")
        .field("Website", a.website(), "Website");
    Evidence.Builder b = Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.ACCOUNT, a.id())
        .permalink(recordLink("Account", a.id()))
        .timestamp(utc(firstNonNull(instant(opp, "Account.LastModifiedDate", a.id(), false), fallback)));
    for (String f : List.of("Id", "Name", "Industry", "Type", "Website", "NumberOfEmployees", "LastModifiedDate")) {
      b.attribute(f, str(opp, "Account." + f));
    }
    handoffFields(b, lines, opp, accountFields, "Account.");
    return lines.into(b, null).build();
  }

  /** Each configured field as an attribute and a line; the blank ones listed in one attribute (see CrmEvidence). */
  private static void handoffFields(Evidence.Builder b, Lines lines, XmlObject rec, Map<String, String> fields,
      String prefix) {
    var blank = new ArrayList<String>();
    fields.forEach((label, field) -> {
      String raw = str(rec, prefix + field);
      String shown = display(raw);
      if (shown == null) {
        blank.add(label);
        return;
      }
      b.attribute(field, raw);
      b.attribute(CrmEvidence.HANDOFF_PREFIX + label, shown);
      // A lookup (Sales_Engineer__r.Name) shows another record's words: readable, cited there.
      if (field.contains(".")) {
        lines.line(label, shown);
      } else {
        lines.field(label, shown, field);
      }
    });
    b.attribute(CrmEvidence.BLANK_HANDOFF_FIELDS, String.join("\n", blank));
  }

  private Evidence contactRoleEvidence(XmlObject r, Instant fallback) {
    String id = required(r, "Id", "OpportunityContactRole");
    Participant contact = new Participant(str(r, "Contact.Name"), str(r, "Contact.Email"), str(r, "Contact.Id"));
    String primary = str(r, "IsPrimary");
    var lines = new Lines()
        .line("Contact", contact.name())
        .line("Title", str(r, "Contact.Title"))
        .line("Email", contact.email())
        .field("Role", str(r, "Role"), "Role")
        .line("Primary", primary == null ? null : Boolean.parseBoolean(primary) ? "yes" : "no");
    Evidence.Builder b = Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.CONTACT_ROLE, id)
        .permalink(recordLink("OpportunityContactRole", id))
        .timestamp(utc(firstNonNull(instant(r, "CreatedDate", id, false), fallback)))
        .participants(List.of(contact));
    attributes(b, r, "Id", "Role", "IsPrimary", "CreatedDate", "Contact.Id", "Contact.Name", "Contact.Email",
        "Contact.Title");
    return lines.into(b, null).build();
  }

  private Evidence teamMemberEvidence(XmlObject r, Instant fallback) {
    String id = required(r, "Id", "OpportunityTeamMember");
    Participant user = new Participant(str(r, "User.Name"), str(r, "User.Email"), str(r, "User.Id"));
    var lines = new Lines()
        .line("Team member", user.name())
        .line("Title", str(r, "User.Title"))
        .line("Email", user.email())
        .field("Team role", str(r, "TeamMemberRole"), "TeamMemberRole");
    Evidence.Builder b = Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.TEAM_MEMBER, id)
        .permalink(recordLink("OpportunityTeamMember", id))
        .timestamp(utc(firstNonNull(instant(r, "CreatedDate", id, false), fallback)))
        .participants(List.of(user));
    attributes(b, r, "Id", "TeamMemberRole", "CreatedDate", "User.Id", "User.Name", "User.Email", "User.Title");
    return lines.into(b, null).build();
  }

  private Evidence taskEvidence(XmlObject r, Instant fallback) {
    String id = required(r, "Id", "Task");
    Participant owner = participant(str(r, "Owner.Name"), str(r, "Owner.Email"), str(r, "OwnerId"));
    Participant who = participant(str(r, "Who.Name"), null, str(r, "WhoId"));
    var lines = new Lines()
        .field("Subject", str(r, "Subject"), "Subject")
        .field("Status", str(r, "Status"), "Status")
        .field("Due", str(r, "ActivityDate"), "ActivityDate")
        .line("Assigned to", owner == null ? null : owner.label())
        .line("Regarding", str(r, "Who.Name"))
        .field("Priority", str(r, "Priority"), "Priority");
    Evidence.Builder b = Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.TASK, id)
        .permalink(recordLink("Task", id))
        .timestamp(utc(firstNonNull(instant(r, "CreatedDate", id, false), fallback)))
        .author(owner)
        .participants(who == null ? List.of() : List.of(who));
    attributes(b, r, "Id", "Subject", "Status", "IsClosed", "ActivityDate", "CreatedDate", "Priority", "WhoId",
        "Who.Name", "OwnerId", "Owner.Name", "Owner.Email");
    return lines.into(b, str(r, "Description")).build();
  }

  private Evidence eventEvidence(XmlObject r, Instant fallback) {
    String id = required(r, "Id", "Event");
    Participant owner = participant(str(r, "Owner.Name"), str(r, "Owner.Email"), str(r, "OwnerId"));
    Participant who = participant(str(r, "Who.Name"), null, str(r, "WhoId"));
    Instant start = instant(r, "StartDateTime", id, false);
    Instant end = instant(r, "EndDateTime", id, false);
    var lines = new Lines()
        .field("Subject", str(r, "Subject"), "Subject")
        .line("Start", start == null ? null : MINUTES.format(utc(start)))
        .line("End", end == null ? null : MINUTES.format(utc(end)))
        .field("Location", str(r, "Location"), "Location")
        .line("Assigned to", owner == null ? null : owner.label())
        .line("Regarding", str(r, "Who.Name"));
    Evidence.Builder b = Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.EVENT, id)
        .permalink(recordLink("Event", id))
        .timestamp(utc(firstNonNull(start, firstNonNull(instant(r, "CreatedDate", id, false), fallback))))
        .author(owner)
        .participants(who == null ? List.of() : List.of(who));
    attributes(b, r, "Id", "Subject", "StartDateTime", "EndDateTime", "Location", "WhoId", "Who.Name", "OwnerId",
        "Owner.Name", "Owner.Email", "CreatedDate");
    return lines.into(b, str(r, "Description")).build();
  }

  private Evidence stageHistoryEvidence(XmlObject r, String oppId, String currency, Instant fallback) {
    String id = required(r, "Id", "OpportunityHistory");
    Participant by = participant(str(r, "CreatedBy.Name"), null, str(r, "CreatedById"));
    var lines = new Lines()
        .field("Stage", str(r, "StageName"), "StageName")
        .field("Amount", number(str(r, "Amount")), "Amount")
        .line("Currency", currency)
        .field("Close date", str(r, "CloseDate"), "CloseDate")
        .line("Changed by", by == null ? null : by.label());
    Evidence.Builder b = Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.STAGE_HISTORY, id)
        .permalink(relatedLink(oppId, "OpportunityHistories"))
        .timestamp(utc(firstNonNull(instant(r, "CreatedDate", id, false), fallback)))
        .author(by);
    attributes(b, r, "Id", "StageName", "Amount", "CloseDate", "CreatedDate", "CreatedById", "CreatedBy.Name");
    return lines.into(b, null).build();
  }

  private Evidence fieldHistoryEvidence(XmlObject r, String oppId, Instant fallback) {
    String id = required(r, "Id", "OpportunityFieldHistory");
    Participant by = participant(str(r, "CreatedBy.Name"), null, str(r, "CreatedById"));
    var lines = new Lines()
        .field("Field", str(r, "Field"), "Field")
        .field("Old value", display(str(r, "OldValue")), "OldValue")
        .field("New value", display(str(r, "NewValue")), "NewValue")
        .line("Changed by", by == null ? null : by.label());
    Evidence.Builder b = Evidence.builder(CrmEvidence.SYSTEM, CrmEvidence.FIELD_HISTORY, id)
        .permalink(relatedLink(oppId, "Histories"))
        .timestamp(utc(firstNonNull(instant(r, "CreatedDate", id, false), fallback)))
        .author(by);
    attributes(b, r, "Id", "Field", "OldValue", "NewValue", "CreatedDate", "CreatedById", "CreatedBy.Name");
    return lines.into(b, null).build();
  }

  private static void attributes(Evidence.Builder b, XmlObject r, String... paths) {
    for (String p : paths) {
      b.attribute(p, str(r, p));
    }
  }

  private URI recordLink(String object, String id) {
    return URI.create(instanceUrl + "/lightning/r/" + object + "/" + id + "/view");
  }

  /** History rows have no record page; their related list on the opportunity is the closest link. */
  private URI relatedLink(String oppId, String relationship) {
    return URI.create(instanceUrl + "/lightning/r/Opportunity/" + oppId + "/related/" + relationship + "/view");
  }

  private static boolean isInternal(Set<String> domains, String email) {
    if (email == null) {
      return false;
    }
    String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    return domains.stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
  }

  private static Person person(String name, String email, String title, boolean internal, String salesforceId) {
    var ids = new LinkedHashSet<Identity>();
    if (salesforceId != null) {
      ids.add(new Identity(CrmEvidence.SYSTEM, salesforceId));
    }
    if (email != null) {
      ids.add(new Identity("email", email.toLowerCase(Locale.ROOT)));
    }
    return new Person(name, email, title, internal, ids);
  }

  private static Participant participant(String name, String email, String id) {
    return name == null && email == null && id == null ? null : new Participant(name, email, id);
  }

  private static void put(Map<String, String> into, String label, String value) {
    if (value != null && !value.isBlank()) {
      into.put(label, value);
    }
  }

  // --- reading partner-API records: every value arrives as a string, relationships as nested objects ---

  /** The value at a dotted path ({@code Owner.Name}), or null when it or a relationship on the way is null. */
  static String str(XmlObject record, String path) {
    XmlObject node = record;
    for (String part : path.split("\\.")) {
      node = node.getChild(part);
      if (node == null) {
        return null;
      }
    }
    Object v = node.getValue();
    if (v == null) {
      return null;
    }
    String s = v instanceof Calendar c ? c.toInstant().toString() : v.toString();
    return s.isBlank() ? null : s;
  }

  /** The records of a child subquery's inline {@code QueryResult}. */
  static List<XmlObject> records(XmlObject queryResult) {
    var out = new ArrayList<XmlObject>();
    if (queryResult != null) {
      for (Iterator<XmlObject> it = queryResult.getChildren("records"); it.hasNext(); ) {
        out.add(it.next());
      }
    }
    return out;
  }

  private static String required(XmlObject r, String path, String what) {
    String v = str(r, path);
    if (v == null) {
      throw new MalformedResponseException(CrmEvidence.SYSTEM, what + " came back without " + path, null);
    }
    return v;
  }

  private static boolean bool(XmlObject r, String path) {
    return Boolean.parseBoolean(str(r, path));
  }

  private static Instant instant(XmlObject r, String path, String what, boolean required) {
    String v = required ? required(r, path, what) : str(r, path);
    if (v == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      throw new MalformedResponseException(CrmEvidence.SYSTEM, what + " has " + path + " '" + v
          + "', which is not an ISO-8601 date-time", e);
    }
  }

  private static LocalDate date(String v, String field, String id) {
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new MalformedResponseException(CrmEvidence.SYSTEM, "record " + id + " has " + field + " '" + v
          + "', which is not a date", e);
    }
  }

  private static BigDecimal decimal(String v, String field, String id) {
    if (v == null) {
      return null;
    }
    try {
      return new BigDecimal(v);
    } catch (NumberFormatException e) {
      throw new MalformedResponseException(CrmEvidence.SYSTEM, "record " + id + " has " + field + " '" + v
          + "', which is not a number", e);
    }
  }

  private static <T> T firstNonNull(T a, T b) {
    return a != null ? a : b;
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }

  // --- display formats (documented on SalesforceConnector) ---

  /** {@code USD 168,000}, {@code 1,250.5}; null for no amount; the raw text when it is not a number. */
  static String money(String raw, String currency) {
    String n = number(raw);
    return n == null ? null : currency == null ? n : currency + " " + n;
  }

  /** {@code 100%} from {@code 100.0}. */
  static String percent(String raw) {
    String n = number(raw);
    return n == null ? null : n + "%";
  }

  /** A number with thousands separators and no trailing {@code .0}; other text unchanged. */
  static String number(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return grouped(new BigDecimal(raw));
    } catch (NumberFormatException e) {
      return raw;
    }
  }

  private static String grouped(BigDecimal n) {
    var f = new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return f.format(n);
  }

  /** A handoff or history value as shown: whole numbers without {@code .0}, everything else as written. */
  static String display(String raw) {
    if (raw == null) {
      return null;
    }
    return raw.matches("-?\\d+\\.0+") ? raw.substring(0, raw.indexOf('.')) : raw;
  }

  /**
   * Builds evidence text: one {@code Label: value} line per populated field, then the free text.
   * A field's own value is the record's words (citable, named by its API name); a formatted or
   * looked-up value is the connector's (readable, not citable).
   */
  private static final class Lines {
    private final List<String[]> lines = new ArrayList<>();

    Lines field(String label, String value, String apiField) {
      lines.add(new String[] {label, value, apiField});
      return this;
    }

    Lines line(String label, String value) {
      lines.add(new String[] {label, value, null});
      return this;
    }

    Evidence.Builder into(Evidence.Builder b, String description) {
      for (String[] l : lines) {
        if (l[2] == null) {
          b.line(l[0], l[1]);
        } else {
          b.header(l[0], l[1], l[2]);
        }
      }
      return b.body(description, "Description");
    }
  }
}
