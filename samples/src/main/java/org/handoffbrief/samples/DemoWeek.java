package org.handoffbrief.samples;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.handoffbrief.connector.salesforce.internal.SalesforceIds;
import org.handoffbrief.testing.FakeSalesforce;

/**
 * The demo company's week of closes: the demo deal and {@value #GENERATED} more deals won the same
 * week, so {@code batch --demo} has fifty to brief. The extra deals are generated from a fixed seed
 * (the same every run), each with its own account name, contacts and email domain, so no other
 * demo system holds evidence of theirs and none gets another deal's. The demo org answers the
 * week's Closed-Won query (paged, as the Partner API pages) and each generated opportunity's query,
 * and (through {@link #answer}) the won deals by account name, as a Slack request looks for them,
 * and by {@code SystemModstamp}, as the Closed-Won poller reads them.
 */
final class DemoWeek {
  /** The week of closes: Monday to Sunday around the demo deal's close on 2026-03-27. */
  static final LocalDate FROM = LocalDate.parse("2026-03-23");
  static final LocalDate TO = LocalDate.parse("2026-03-29");
  /** Deals generated besides the demo deal. */
  static final int GENERATED = 49;
  /** Rows per page of the week's query: small, so the batch follows queryMore as it would in a real org. */
  static final int PAGE_SIZE = 20;
  /** When the demo deal's stage became Closed Won (its last OpportunityHistory row). */
  static final String DEMO_DEAL_WON_AT = "2026-03-27T21:18:40.000Z";

  private static final long SEED = 20260327L;
  private static final String[] FIRST = {"Harbor", "Summit", "Cedar", "Alder", "Beacon", "Granite", "Juniper",
      "Lumen", "Northgate", "Osprey", "Pioneer", "Quarry", "Redwood", "Silverline", "Tidewater", "Upland",
      "Vantage", "Willow", "Bramble", "Corvid", "Driftwood", "Ember", "Fernhill", "Glacier", "Heron"};
  private static final String[] SECOND = {"Logistics", "Foods", "Health Partners", "Manufacturing",
      "Credit Union", "Retail Group", "Energy", "Labs", "Insurance", "Hospitality"};
  private static final String[] GIVEN = {"Ana", "Ben", "Chloe", "Diego", "Elif", "Farah", "Gus", "Hana", "Ivan",
      "Jonas", "Kemi", "Lena", "Mateo", "Nadia", "Omar", "Paula", "Rui", "Sofia", "Tariq", "Una"};
  private static final String[] FAMILY = {"Abbott", "Brandt", "Castillo", "Dube", "Eriksen", "Fischer", "Gallo",
      "Haddad", "Ito", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Osei", "Petrov", "Quinn",
      "Rossi", "Sato", "Varga"};
  private static final String[] PAINS = {"Weekly reports are assembled by hand from spreadsheets",
      "No shared view of operations data across sites", "Finance closes the month late waiting on data",
      "Dashboards break whenever a source system changes"};
  private static final String[] CRITERIA = {"Weekly reporting automated by the end of next quarter",
      "Every site manager using the dashboards each week", "Month-end close two days faster",
      "One source of truth for operations metrics"};
  private static final String[] TIERS = {"Starter", "Professional", "Enterprise"};
  /** SalesforceDealFinder's query: won deals whose account is named exactly, or contains the words. */
  private static final java.util.regex.Pattern BY_ACCOUNT = java.util.regex.Pattern.compile(
      "(?is)\\s*SELECT\\s+Id\\s*,\\s*Name\\s*,\\s*CloseDate\\s*,\\s*Account\\.Name\\s+FROM\\s+Opportunity\\s+WHERE"
          + "\\s+IsWon\\s*=\\s*true\\s+AND\\s+Account\\.Name\\s+(=|LIKE)\\s+'(.*)'\\s+ORDER\\s+BY\\s+CloseDate\\s+DESC"
          + "\\s+NULLS\\s+LAST\\s*,\\s*Id\\s+LIMIT\\s+(\\d+)\\s*");
  /** ClosedWonRange's query: won deals closed in a date range. */
  private static final java.util.regex.Pattern RANGE = java.util.regex.Pattern.compile(
      "(?is)\\s*SELECT\\s.*\\sFROM\\s+Opportunity\\s+WHERE\\s+IsWon\\s*=\\s*true\\s+AND\\s+CloseDate\\s*>=\\s*(\\S+)"
          + "\\s+AND\\s+CloseDate\\s*<=\\s*(\\S+)\\s+ORDER\\s+BY\\s+CloseDate\\s*,\\s*Id\\s*");
  /** ClosedWonPoller's query: won deals stamped at or after a moment. */
  private static final java.util.regex.Pattern SINCE = java.util.regex.Pattern.compile(
      "(?is)\\s*SELECT\\s.*\\sFROM\\s+Opportunity\\s+WHERE\\s+IsWon\\s*=\\s*true\\s+AND\\s+SystemModstamp\\s*>=\\s*(\\S+)"
          + "\\s+ORDER\\s+BY\\s+SystemModstamp\\s*,\\s*Id\\s*");

  /** One generated deal. */
  record Deal(String opportunityId, String accountId, String account, String domain, LocalDate closeDate,
      String wonAt, int seats, String pain, String criteria, String tier, List<String[]> contacts) {}

  private DemoWeek() {}

  /** The {@value #GENERATED} generated deals, the same on every run. */
  static List<Deal> generated() {
    var random = new Random(SEED);
    var names = new LinkedHashSet<String>();
    while (names.size() < GENERATED) {
      names.add(FIRST[random.nextInt(FIRST.length)] + " " + SECOND[random.nextInt(SECOND.length)]);
    }
    var deals = new ArrayList<Deal>();
    int i = 0;
    for (String name : names) {
      String n = String.format(Locale.ROOT, "%03d", i);
      String domain = name.toLowerCase(Locale.ROOT).replace(" ", "") + ".example";
      LocalDate close = FROM.plusDays(random.nextInt(7));
      String wonAt = close + String.format(Locale.ROOT, "T%02d:%02d:%02d.000Z", 13 + random.nextInt(9),
          random.nextInt(60), random.nextInt(60));
      var contacts = new ArrayList<String[]>();
      for (String role : new String[] {"Business User", "Economic Buyer"}) {
        String given = GIVEN[random.nextInt(GIVEN.length)];
        String family = FAMILY[random.nextInt(FAMILY.length)];
        contacts.add(new String[] {id("003", (role.startsWith("B") ? "Wc" : "Wd") + n), given + " " + family,
            given.toLowerCase(Locale.ROOT) + "." + family.toLowerCase(Locale.ROOT) + "@" + domain, role});
      }
      deals.add(new Deal(id("006", "Wk" + n), id("001", "Wk" + n), name, domain, close, wonAt,
          50 + 10 * random.nextInt(60), PAINS[random.nextInt(PAINS.length)], CRITERIA[random.nextInt(CRITERIA.length)],
          TIERS[random.nextInt(TIERS.length)], contacts));
      i++;
    }
    return deals;
  }

  /**
   * Gives the demo org its answers to the week's queries: the deal finder's by account name, the
   * poller's by {@code SystemModstamp} and a range's for part of the week (each in one page); the
   * whole week's Closed-Won query in pages of {@value #PAGE_SIZE}; each generated opportunity's
   * query; and no closes for any other range.
   */
  static void answer(FakeSalesforce org) {
    List<Deal> deals = generated();
    org.answerQuery(soql -> answer(soql).isPresent(), soql -> answer(soql).orElseThrow());
    var rows = new ArrayList<String>();
    rows.add(rangeRow(DemoSalesforce.OPPORTUNITY_ID, DemoSalesforce.ACCOUNT_ID, "2026-03-27", DEMO_DEAL_WON_AT));
    deals.stream().sorted(java.util.Comparator.comparing(Deal::closeDate).thenComparing(Deal::opportunityId))
        .forEach(d -> rows.add(rangeRow(d.opportunityId(), d.accountId(), d.closeDate().toString(), d.wonAt())));
    String week = "CloseDate >= " + FROM + " AND CloseDate <= " + TO;
    org.answerQuery(soql -> soql.contains(week), soql -> rows, PAGE_SIZE);
    for (Deal d : deals) {
      String deal = "FROM Opportunity WHERE Id = '" + d.opportunityId() + "'";
      org.answerQuery(soql -> soql.contains(deal), soql -> List.of(opportunity(d)));
    }
    // Any other range holds no closes in the demo org.
    org.answerQuery(soql -> soql.contains("WHERE IsWon = true AND CloseDate >= "), soql -> List.of());
  }

  /** A won deal of the week, as the org's queries by name and by stamp see it. */
  record Won(String opportunityId, String accountId, String account, String name, LocalDate closeDate,
      String wonAt) {}

  /** Every won deal of the week, the demo deal first. */
  static List<Won> wins() {
    var out = new ArrayList<Won>();
    out.add(new Won(DemoSalesforce.OPPORTUNITY_ID, DemoSalesforce.ACCOUNT_ID, DemoSalesforce.ACCOUNT_NAME,
        DemoSalesforce.OPPORTUNITY_NAME, LocalDate.parse("2026-03-27"), DEMO_DEAL_WON_AT));
    for (Deal d : generated()) {
      out.add(new Won(d.opportunityId(), d.accountId(), d.account(),
          d.account() + " - Analytics Platform (" + d.seats() + " seats)", d.closeDate(), d.wonAt()));
    }
    return out;
  }

  /**
   * The org's answer (its records) to the deal finder's query by account name, the
   * poller's query by {@code SystemModstamp} and a range's query for part of the week; empty for
   * any other query (the whole week's range is paged by its stubs). Names compare as
   * Salesforce compares them: ignoring case, {@code LIKE '%words%'} as "contains".
   */
  static java.util.Optional<List<String>> answer(String soql) {
    java.util.regex.Matcher byAccount = BY_ACCOUNT.matcher(soql);
    if (byAccount.matches()) {
      boolean like = byAccount.group(1).equalsIgnoreCase("LIKE");
      String name = unescape(byAccount.group(2)).toLowerCase(Locale.ROOT);
      String words = like ? name.replaceAll("^%|%$", "") : name;
      List<String> rows = wins().stream()
          .filter(w -> like ? w.account().toLowerCase(Locale.ROOT).contains(words)
              : w.account().toLowerCase(Locale.ROOT).equals(words))
          .sorted(java.util.Comparator.comparing(Won::closeDate).reversed().thenComparing(Won::opportunityId))
          .limit(Long.parseLong(byAccount.group(3)))
          .map(DemoWeek::byAccountRow).toList();
      return java.util.Optional.of(rows);
    }
    java.util.regex.Matcher range = RANGE.matcher(soql);
    if (range.matches()) {
      LocalDate from = LocalDate.parse(range.group(1));
      LocalDate to = LocalDate.parse(range.group(2));
      if (from.equals(FROM) && to.equals(TO)) {
        return java.util.Optional.empty(); // the whole week: its stubs answer it in pages
      }
      // A part of the week (a day, say) fits in one page.
      List<String> rows = wins().stream().filter(w -> !w.closeDate().isBefore(from) && !w.closeDate().isAfter(to))
          .sorted(java.util.Comparator.comparing(Won::closeDate).thenComparing(Won::opportunityId))
          .map(w -> rangeRow(w.opportunityId(), w.accountId(), w.closeDate().toString(), w.wonAt())).toList();
      return java.util.Optional.of(rows);
    }
    java.util.regex.Matcher since = SINCE.matcher(soql);
    if (since.matches()) {
      Instant from = Instant.parse(since.group(1));
      List<String> rows = wins().stream().filter(w -> !Instant.parse(w.wonAt()).isBefore(from))
          .sorted(java.util.Comparator.comparing(Won::wonAt).thenComparing(Won::opportunityId))
          .map(w -> rangeRow(w.opportunityId(), w.accountId(), w.closeDate().toString(), w.wonAt())).toList();
      return java.util.Optional.of(rows);
    }
    return java.util.Optional.empty();
  }

  /** A SOQL literal's text: each backslash escape ({@code \\'}, {@code \\%}) its character. */
  private static String unescape(String literal) {
    return literal.replaceAll("\\\\(.)", "$1");
  }

  private static String byAccountRow(Won w) {
    return "<records xsi:type=\"sf:sObject\"><sf:type>Opportunity</sf:type>" + ids(w.opportunityId())
        + f("Name", w.name()) + f("CloseDate", w.closeDate().toString())
        + "<sf:Account xsi:type=\"sf:sObject\"><sf:type>Account</sf:type><sf:Id xsi:nil=\"true\"/>"
        + f("Name", w.account()) + "</sf:Account></records>";
  }

  private static String rangeRow(String id, String accountId, String closeDate, String wonAt) {
    return "<records xsi:type=\"sf:sObject\"><sf:type>Opportunity</sf:type><sf:Id>" + id + "</sf:Id><sf:Id>" + id
        + "</sf:Id><sf:AccountId>" + accountId + "</sf:AccountId><sf:StageName>Closed Won</sf:StageName>"
        + "<sf:IsWon>true</sf:IsWon><sf:CloseDate>" + closeDate + "</sf:CloseDate><sf:LastStageChangeDate>" + wonAt
        + "</sf:LastStageChangeDate><sf:SystemModstamp>" + wonAt + "</sf:SystemModstamp></records>";
  }

  /** The opportunity as the resolver's query returns it: account, owner, contact roles, the won history row. */
  private static String opportunity(Deal d) {
    String created = d.closeDate().minusDays(60) + "T15:00:00.000Z";
    int arr = d.seats() * 400;
    var out = new StringBuilder("<records xsi:type=\"sf:sObject\"><sf:type>Opportunity</sf:type>")
        .append(ids(d.opportunityId()))
        .append(f("Name", d.account() + " - Analytics Platform (" + d.seats() + " seats)"))
        .append(f("StageName", "Closed Won")).append(f("IsClosed", "true")).append(f("IsWon", "true"))
        .append(f("Amount", arr + ".0")).append(f("CloseDate", d.closeDate().toString()))
        .append(f("CreatedDate", created)).append(f("LastModifiedDate", d.wonAt()))
        .append(f("Type", "New Business"))
        .append("<sf:Account xsi:type=\"sf:sObject\"><sf:type>Account</sf:type>").append(ids(d.accountId()))
        .append(f("Name", d.account())).append(f("Type", "Customer"))
        .append(f("Website", "https://www." + d.domain())).append(f("Segment__c", "Mid-Market"))
        .append("</sf:Account>")
        .append("<sf:Owner xsi:type=\"sf:sObject\"><sf:type>User</sf:type>").append(ids(DemoSalesforce.USERS.get(0).id()))
        .append(f("Name", DemoSalesforce.USERS.get(0).name())).append(f("Email", DemoSalesforce.USERS.get(0).email()))
        .append(f("Title", "Account Executive")).append("</sf:Owner>")
        .append(f("CurrencyIsoCode", "USD"))
        .append(f("Go_Live_Date__c", d.closeDate().plusDays(45).toString()))
        .append(f("Seats__c", d.seats() + ".0")).append(f("ARR__c", arr + ".0"))
        .append(f("Contract_Tier__c", d.tier())).append(f("Primary_Pain__c", d.pain()))
        .append(f("Success_Criteria__c", d.criteria()))
        .append("<sf:OpportunityContactRoles xsi:type=\"QueryResult\"><done>true</done>"
            + "<queryLocator xsi:nil=\"true\"/>");
    int n = 0;
    for (String[] c : d.contacts()) {
      out.append("<records xsi:type=\"sf:sObject\"><sf:type>OpportunityContactRole</sf:type>")
          .append(ids(id("00K", "Wr" + d.opportunityId().substring(13, 15) + n)))
          .append(f("Role", c[3])).append(f("IsPrimary", String.valueOf(n == 0))).append(f("CreatedDate", created))
          .append("<sf:Contact xsi:type=\"sf:sObject\"><sf:type>Contact</sf:type>").append(ids(c[0]))
          .append(f("Name", c[1])).append(f("Email", c[2])).append("</sf:Contact></records>");
      n++;
    }
    out.append("<size>").append(n).append("</size></sf:OpportunityContactRoles>");
    out.append("<sf:OpportunityHistories xsi:type=\"QueryResult\"><done>true</done><queryLocator xsi:nil=\"true\"/>")
        .append("<records xsi:type=\"sf:sObject\"><sf:type>OpportunityHistory</sf:type>")
        .append(ids(id("008", "Wh" + d.opportunityId().substring(12, 15))))
        .append(f("StageName", "Closed Won")).append(f("Amount", arr + ".0"))
        .append(f("CloseDate", d.closeDate().toString())).append(f("CreatedDate", d.wonAt()))
        .append("</records><size>1</size></sf:OpportunityHistories>");
    return out.append("</records>").toString();
  }

  private static String ids(String id) {
    return "<sf:Id>" + id + "</sf:Id><sf:Id>" + id + "</sf:Id>";
  }

  private static String f(String name, String value) {
    return "<sf:" + name + ">" + value.replace("&", "&amp;").replace("<", "&lt;") + "</sf:" + name + ">";
  }

  /** An 18-character id of the demo org: key prefix, the org's pod, a tag, and its case-safe suffix. */
  private static String id(String keyPrefix, String tag) {
    String id15 = keyPrefix + "Hs00000" + tag;
    return SalesforceIds.normalize(id15.substring(0, 15), keyPrefix, "record");
  }

  /** When the demo deal was won: what its firing carries. */
  static Instant demoDealWonAt() {
    return Instant.parse(DEMO_DEAL_WON_AT);
  }

  /** Every opportunity id of the week: the demo deal's first. */
  static Set<String> opportunityIds() {
    var out = new LinkedHashSet<String>();
    out.add(DemoSalesforce.OPPORTUNITY_ID);
    generated().forEach(d -> out.add(d.opportunityId()));
    return out;
  }
}
