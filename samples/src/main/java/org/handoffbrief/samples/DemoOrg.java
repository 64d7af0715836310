package org.handoffbrief.samples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.handoffbrief.samples.DemoOrgSchema.FieldDef;
import org.handoffbrief.samples.DemoOrgSchema.Metadata;
import org.handoffbrief.samples.DemoOrgSchema.ObjectDef;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The demo org's writable half: an in-memory org that answers the Partner API calls a write-back
 * makes ({@code describeGlobal}, {@code describeSObject(s)}, {@code upsert}, {@code create},
 * {@code update}, and the two lookups it queries) in the Partner WSDL's own wire format, and
 * checks what a real org checks: the sObject type, every field name, the external id field,
 * text lengths, required fields, lookups and read-only fields.
 *
 * <p>Whole-call problems are SOAP faults ({@code INVALID_TYPE}, {@code INVALID_FIELD}); problems
 * with one record are that record's {@code errors}, so a caller sees them record by record. An
 * upsert of a key already written answers {@code created=false} with the same id.
 *
 * <p>Served as a WireMock response transformer: the stub checks the session, this builds the
 * answer. State lives until the server stops.
 */
final class DemoOrg implements ResponseDefinitionTransformerV2 {

  static final String NAME = "demo-salesforce-org";

  /** The operations this class answers; any other call is left to the fixture stubs. */
  private static final Set<String> WRITES = Set.of("upsert", "create", "update");
  private static final Set<String> DESCRIBES = Set.of("describeGlobal", "describeSObject", "describeSObjects");
  private static final String PARTNER = "urn:partner.soap.sforce.com";
  private static final String SOBJECT = "urn:sobject.partner.soap.sforce.com";
  private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  /** Task statuses the default picklist marks closed. */
  private static final Set<String> CLOSED_STATUSES = Set.of("Completed");
  /** The Partner API's per-call record limit for create, update and upsert. */
  private static final int MAX_RECORDS = 200;

  private static final Pattern OPPORTUNITY_QUERY = Pattern.compile(
      "(?i)\\s*SELECT\\s+Id\\s*,\\s*OwnerId\\s*,\\s*AccountId\\s+FROM\\s+Opportunity\\s+WHERE\\s+Id\\s*=\\s*'(.*)'\\s*");
  private static final Pattern USER_QUERY = Pattern.compile(
      "(?i)\\s*SELECT\\s+Id\\s*,\\s*Name\\s*,\\s*Email\\s+FROM\\s+User\\s+WHERE\\s+IsActive\\s*=\\s*true\\s+AND\\s+Name"
          + "\\s+IN\\s*\\((.*)\\)\\s*");
  private static final Pattern FIXTURE_ID = Pattern.compile(">([0-9A-Za-z]{3}Hs[0-9A-Za-z]{13})<");

  /** A user of the demo org: the deal team and the integration user the write-back signs in as. */
  record User(String id, String name, String email) {}

  /** The demo company's active users: the deal team from the fixtures, support, and the integration user. */
  static final List<User> USERS = List.of(
      new User("005Hs00000AxRv1IAF", "Alex Rivera", "alex.rivera@northwind-analytics.com"),
      new User("005Hs00000SmCh2IAF", "Sam Chen", "sam.chen@northwind-analytics.com"),
      new User("005Hs00000JdLe3IAF", "Jordan Lee", "jordan.lee@northwind-analytics.com"),
      new User("005Hs00000PtMg4IAF", "Pat Morgan", "pat.morgan@northwind-analytics.com"),
      new User("005Hs00000RyMg5IAF", "Riley Morgan", "riley.morgan@northwind-analytics.com"),
      new User("005Hs00000IntG1IAJ", "Handoff Integration", "handoff-integration@northwind-analytics.com"));
  /** Who owns what the write-back creates when it names no owner: the user the session belongs to. */
  static final String INTEGRATION_USER = "005Hs00000IntG1IAJ";

  private final Map<String, ObjectDef> objects;
  private final String opportunityId;
  private final String accountId;
  /** Ids the org holds before anything is written: users, and every record in the fixtures. */
  private final Set<String> knownIds = new LinkedHashSet<>();
  private final Map<String, Map<String, Map<String, String>>> records = new LinkedHashMap<>();
  private final Map<String, String> idsByKey = new HashMap<>();
  private final Map<String, Integer> calls = new TreeMap<>();
  private int sequence;
  /** Where the records written are kept between runs, or null to start empty every time. */
  private final java.nio.file.Path stateFile;

  DemoOrg(Metadata metadata, String opportunityId, String accountId, String... fixtures) {
    this(metadata, null, opportunityId, accountId, fixtures);
  }

  /**
   * An org that keeps what was written in {@code stateFile} (JSON; read at start when present), so
   * the demo's second run meets the records its first run wrote, as a real org would.
   */
  DemoOrg(Metadata metadata, java.nio.file.Path stateFile, String opportunityId, String accountId, String... fixtures) {
    this.stateFile = stateFile;
    this.objects = DemoOrgSchema.objects(metadata);
    this.opportunityId = opportunityId;
    this.accountId = accountId;
    for (User u : USERS) {
      knownIds.add(id15(u.id()));
    }
    for (String fixture : fixtures) {
      Matcher m = FIXTURE_ID.matcher(fixture);
      while (m.find()) {
        knownIds.add(id15(m.group(1)));
      }
    }
    load();
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** The records of an earlier run, re-indexed by their external ids; objects no longer in the schema are left. */
  private void load() {
    if (stateFile == null || !java.nio.file.Files.isRegularFile(stateFile)) {
      return;
    }
    try {
      var state = JSON.readTree(stateFile.toFile());
      sequence = state.path("sequence").asInt(0);
      state.path("records").properties().forEach(type -> {
        ObjectDef object = objects.get(type.getKey());
        if (object == null) {
          return;
        }
        type.getValue().properties().forEach(rec -> {
          var record = new LinkedHashMap<String, String>();
          rec.getValue().properties().forEach(f -> record.put(f.getKey(), f.getValue().asText()));
          records.computeIfAbsent(object.name(), t -> new LinkedHashMap<>()).put(rec.getKey(), record);
          index(object, record);
          knownIds.add(id15(rec.getKey()));
        });
      });
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read the demo org's state " + stateFile + ": " + e.getMessage(), e);
    }
  }

  /** Keeps the records written so far for the next run; called after every write. */
  private void save() {
    if (stateFile == null) {
      return;
    }
    var state = JSON.createObjectNode().put("sequence", sequence);
    state.set("records", JSON.valueToTree(records));
    try {
      java.nio.file.Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
      java.nio.file.Files.move(tmp, stateFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot keep the demo org's state in " + stateFile, e);
    }
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  /** Whether this class answers {@code request}: a write, a describe, or one of the two lookups. */
  boolean answers(Request request) {
    Element call = call(request.getBodyAsString());
    if (call == null) {
      return false;
    }
    String op = call.getLocalName();
    if (WRITES.contains(op) || DESCRIBES.contains(op)) {
      return true;
    }
    if (!op.equals("query")) {
      return false;
    }
    String soql = text(child(call, "queryString"));
    return OPPORTUNITY_QUERY.matcher(soql).matches() || USER_QUERY.matcher(soql).matches()
        || DemoWeek.answer(soql).isPresent();
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Element call = call(event.getRequest().getBodyAsString());
    String body;
    try {
      body = call == null ? null : answer(call);
    } catch (Fault f) {
      return aResponse().withStatus(500).withHeader("Content-Type", "text/xml;charset=UTF-8")
          .withBody(f.envelope()).build();
    }
    if (body == null) {
      return aResponse().withStatus(500).withHeader("Content-Type", "text/xml;charset=UTF-8")
          .withBody(new Fault("UnexpectedErrorFault", "UNKNOWN_EXCEPTION", "the demo org cannot read this call")
              .envelope()).build();
    }
    return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body).build();
  }

  /** The records written to {@code type} so far, each a copy of its fields by API name, in write order. */
  synchronized List<Map<String, String>> records(String type) {
    var out = new ArrayList<Map<String, String>>();
    for (Map<String, String> r : records.getOrDefault(type, Map.of()).values()) {
      out.add(Collections.unmodifiableMap(new LinkedHashMap<>(r)));
    }
    return out;
  }

  /** How many times the operation (e.g. {@code upsert}, {@code create}, {@code describeSObjects}) was called. */
  synchronized int calls(String operation) {
    return calls.getOrDefault(operation, 0);
  }

  private synchronized String answer(Element call) {
    String op = call.getLocalName();
    calls.merge(op, 1, Integer::sum);
    return switch (op) {
      case "describeGlobal" -> envelope("describeGlobalResponse", describeGlobal());
      case "describeSObject" -> envelope("describeSObjectResponse",
          describe(object(text(child(call, "sObjectType")))));
      case "describeSObjects" -> {
        var out = new StringBuilder();
        for (Element type : children(call, "sObjectType")) {
          out.append(describe(object(text(type))));
        }
        yield envelope("describeSObjectsResponse", out.toString());
      }
      case "upsert", "create", "update" -> envelope(op + "Response", write(op, call));
      case "query" -> envelope("queryResponse", query(text(child(call, "queryString"))));
      default -> null;
    };
  }

  // ---- writes ----

  private String write(String op, Element call) {
    List<Element> sObjects = children(call, "sObjects");
    if (sObjects.size() > MAX_RECORDS) {
      throw new Fault("UnexpectedErrorFault", "EXCEEDED_ID_LIMIT",
          "record limit reached. cannot submit more than " + MAX_RECORDS + " records into this call");
    }
    // Whole-call checks first, as the org does: a bad type or field name fails every record.
    var parsed = new ArrayList<Incoming>();
    for (Element e : sObjects) {
      parsed.add(incoming(e));
    }
    String keyField = null;
    if (op.equals("upsert")) {
      String requested = text(child(call, "externalIDFieldName"));
      for (Incoming in : parsed) {
        FieldDef f = field(in.object, requested);
        if (f == null || !(f.externalId() || f.name().equals("Id"))) {
          throw new Fault("InvalidFieldFault", "INVALID_FIELD", "Field name provided, " + requested
              + " is not an External ID or indexed field for " + in.object.name());
        }
        keyField = f.name();
      }
    }
    var out = new StringBuilder();
    for (Incoming in : parsed) {
      out.append("<result>").append(switch (op) {
        case "create" -> saved(create(in));
        case "update" -> saved(update(in));
        default -> upsertResult(in, keyField);
      }).append("</result>");
    }
    return out.toString();
  }

  /** One record of a write call, its fields by API name as the org spells them; a null value sets null. */
  private record Incoming(ObjectDef object, String id, Map<String, String> fields) {}

  /** The outcome of one record: its id when written, or its errors. */
  private record Outcome(String id, boolean created, List<String> errors) {
    static Outcome failed(String... errors) {
      return new Outcome(null, false, List.of(errors));
    }
  }

  private Incoming incoming(Element sObject) {
    String type = text(child(sObject, "type"));
    ObjectDef object = object(type);
    var fields = new LinkedHashMap<String, String>();
    String id = null;
    for (Element e : children(sObject, null)) {
      String name = e.getLocalName();
      if (name.equals("type")) {
        continue;
      }
      if (name.equals("fieldsToNull")) {
        fields.put(known(object, text(e)).name(), null);
        continue;
      }
      FieldDef f = known(object, name);
      boolean nil = "true".equals(e.getAttributeNS(XSI, "nil"));
      if (f.name().equals("Id")) {
        id = nil ? null : text(e);
      } else {
        fields.put(f.name(), nil ? null : text(e));
      }
    }
    return new Incoming(object, id == null || id.isBlank() ? null : id, fields);
  }

  private Outcome upserted(Incoming in, String keyField) {
    String key = keyField.equals("Id") ? in.id : in.fields.get(keyField);
    if (key == null || key.isBlank()) {
      return Outcome.failed(error("MISSING_ARGUMENT", keyField + " not specified", keyField));
    }
    String existing = keyField.equals("Id") ? find(in.object, key) : idsByKey.get(indexKey(in.object, keyField, key));
    if (existing == null && keyField.equals("Id")) {
      return Outcome.failed(error("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", "Id"));
    }
    return existing == null ? create(in) : update(new Incoming(in.object, existing, in.fields));
  }

  private Outcome create(Incoming in) {
    if (in.id != null) {
      return Outcome.failed(error("INVALID_FIELD_FOR_INSERT_UPDATE", "cannot specify Id in an insert call", "Id"));
    }
    List<String> errors = check(in, true);
    var missing = new ArrayList<String>();
    for (FieldDef f : in.object.fields().values()) {
      if (f.required() && blank(in.fields.get(f.name()))) {
        missing.add(f.name());
      }
    }
    if (!missing.isEmpty()) {
      errors = new ArrayList<>(errors);
      errors.add(error("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing,
          missing.toArray(String[]::new)));
    }
    String duplicate = duplicateKey(in, null);
    if (duplicate != null) {
      errors = new ArrayList<>(errors);
      errors.add(duplicate);
    }
    if (!errors.isEmpty()) {
      return new Outcome(null, false, errors);
    }
    String id = newId(in.object.keyPrefix());
    var record = new LinkedHashMap<String, String>();
    record.put("Id", id);
    for (FieldDef f : in.object.fields().values()) {
      if (f.defaultedOnCreate() && !f.name().equals("Id")) {
        String dflt = defaultValue(in.object, f);
        if (dflt != null) {
          record.put(f.name(), dflt);
        }
      }
    }
    in.fields.forEach((name, value) -> {
      if (value != null) {
        record.put(name, value);
      }
    });
    derive(in.object, record);
    records.computeIfAbsent(in.object.name(), t -> new LinkedHashMap<>()).put(id, record);
    index(in.object, record);
    knownIds.add(id15(id));
    save();
    return new Outcome(id, true, List.of());
  }

  private Outcome update(Incoming in) {
    if (in.id == null) {
      return Outcome.failed(error("MISSING_ARGUMENT", "Id not specified in an update call", "Id"));
    }
    String id = find(in.object, in.id);
    if (id == null) {
      return Outcome.failed(error("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", "Id"));
    }
    List<String> errors = new ArrayList<>(check(in, false));
    for (FieldDef f : in.object.fields().values()) {
      if (f.required() && in.fields.containsKey(f.name()) && blank(in.fields.get(f.name()))) {
        errors.add(error("REQUIRED_FIELD_MISSING", "Required fields are missing: [" + f.name() + "]", f.name()));
      }
    }
    String duplicate = duplicateKey(in, id);
    if (duplicate != null) {
      errors.add(duplicate);
    }
    if (!errors.isEmpty()) {
      return new Outcome(null, false, errors);
    }
    Map<String, String> record = records.get(in.object.name()).get(id);
    unindex(in.object, record);
    in.fields.forEach((name, value) -> {
      if (value == null) {
        record.remove(name);
      } else {
        record.put(name, value);
      }
    });
    derive(in.object, record);
    index(in.object, record);
    save();
    return new Outcome(id, false, List.of());
  }

  /** The per-record checks of a real org: read-only fields, lengths, types, lookups. */
  private List<String> check(Incoming in, boolean creating) {
    var errors = new ArrayList<String>();
    for (Map.Entry<String, String> e : in.fields.entrySet()) {
      FieldDef f = in.object.fields().get(e.getKey());
      String value = e.getValue();
      if (creating ? !f.createable() : !f.updateable()) {
        errors.add(error("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: " + f.name()
            + ". Please check the security settings of this field and verify that it is read/write for your profile or"
            + " permission set.", f.name()));
      } else if (value == null) {
        continue;
      } else if (f.isText() && value.codePointCount(0, value.length()) > f.length()) {
        errors.add(error("STRING_TOO_LONG", f.label() + ": data value too large: " + cut(value) + " (max length="
            + f.length() + ")", f.name()));
      } else if (f.type().equals("date") && !isDate(value)) {
        errors.add(error("INVALID_TYPE_ON_FIELD_IN_RECORD", f.label() + ": value not of required type: " + cut(value),
            f.name()));
      } else if (f.type().equals("double") && !isNumber(value)) {
        errors.add(error("INVALID_TYPE_ON_FIELD_IN_RECORD", f.label() + ": value not of required type: " + cut(value),
            f.name()));
      } else if (f.type().equals("reference") && !value.matches("[0-9A-Za-z]{15}([0-9A-Za-z]{3})?")) {
        errors.add(error("MALFORMED_ID", f.label() + ": id value of incorrect type: " + cut(value), f.name()));
      } else if (f.type().equals("reference") && (!knownIds.contains(id15(value))
          || f.referenceTo().equals("User") && !value.startsWith("005"))) {
        errors.add(error("INVALID_CROSS_REFERENCE_KEY", f.label() + ": id value of incorrect type: " + cut(value),
            f.name()));
      }
    }
    return errors;
  }

  /** An external id is unique per object: a create or update may not take another record's key. */
  private String duplicateKey(Incoming in, String selfId) {
    for (FieldDef f : in.object.fields().values()) {
      String value = in.fields.get(f.name());
      if (f.externalId() && value != null) {
        String other = idsByKey.get(indexKey(in.object, f.name(), value));
        if (other != null && !other.equals(selfId)) {
          return error("DUPLICATE_VALUE", "duplicate value found: " + f.name() + " duplicates value on record with id: "
              + other, f.name());
        }
      }
    }
    return null;
  }

  private void index(ObjectDef object, Map<String, String> record) {
    for (FieldDef f : object.fields().values()) {
      if (f.externalId() && record.get(f.name()) != null) {
        idsByKey.put(indexKey(object, f.name(), record.get(f.name())), record.get("Id"));
      }
    }
  }

  private void unindex(ObjectDef object, Map<String, String> record) {
    for (FieldDef f : object.fields().values()) {
      if (f.externalId() && record.get(f.name()) != null) {
        idsByKey.remove(indexKey(object, f.name(), record.get(f.name())));
      }
    }
  }

  /** External ids match case-insensitively unless the field is marked case-sensitive, as on a real org. */
  private static String indexKey(ObjectDef object, String field, String value) {
    return object.name() + "\u0000" + field + "\u0000" + value.toLowerCase(Locale.ROOT);
  }

  private String find(ObjectDef object, String id) {
    for (String known : records.getOrDefault(object.name(), Map.of()).keySet()) {
      if (id15(known).equals(id15(id))) {
        return known;
      }
    }
    return null;
  }

  /**
   * Fields the org computes: a Task's read-only IsClosed follows its Status, as the default task
   * status picklist marks Completed closed, so a follow-up the write-back completes reads closed.
   */
  private static void derive(ObjectDef object, Map<String, String> record) {
    if (object.fields().containsKey("IsClosed") && object.fields().containsKey("Status")) {
      record.put("IsClosed", Boolean.toString(CLOSED_STATUSES.contains(record.get("Status"))));
    }
  }

  private static String defaultValue(ObjectDef object, FieldDef f) {
    return switch (f.name()) {
      case "OwnerId" -> INTEGRATION_USER;
      case "Status" -> "Not Started";
      case "Priority" -> "Normal";
      case "CreatedDate" -> Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      case "IsClosed" -> "false";
      default -> null;
    };
  }

  /** A new 18-character id with the object's key prefix and Salesforce's case-folding checksum. */
  private String newId(String prefix) {
    String base = prefix + "Hs" + "0000" + String.format(Locale.ROOT, "%06d", ++sequence);
    var suffix = new StringBuilder();
    for (int chunk = 0; chunk < 3; chunk++) {
      int bits = 0;
      for (int i = 0; i < 5; i++) {
        char c = base.charAt(chunk * 5 + i);
        if (c >= 'A' && c <= 'Z') {
          bits |= 1 << i;
        }
      }
      suffix.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".charAt(bits));
    }
    return base + suffix;
  }

  private static String saved(Outcome o) {
    return errors(o) + id(o) + "<success>" + o.errors.isEmpty() + "</success>";
  }

  private String upsertResult(Incoming in, String keyField) {
    Outcome o = upserted(in, keyField);
    return "<created>" + o.created + "</created>" + errors(o) + id(o) + "<success>" + o.errors.isEmpty()
        + "</success>";
  }

  private static String errors(Outcome o) {
    return String.join("", o.errors);
  }

  private static String id(Outcome o) {
    return o.id == null ? "<id xsi:nil=\"true\"/>" : "<id>" + o.id + "</id>";
  }

  /** One {@code Error} of the Partner WSDL: fields*, message, statusCode, in that order. */
  private static String error(String statusCode, String message, String... fields) {
    var out = new StringBuilder("<errors>");
    for (String f : fields) {
      out.append("<fields>").append(esc(f)).append("</fields>");
    }
    return out.append("<message>").append(esc(message)).append("</message><statusCode>").append(statusCode)
        .append("</statusCode></errors>").toString();
  }

  // ---- queries ----

  private String query(String soql) {
    // The week's won deals, by account name (a Slack request) or by SystemModstamp (the poller).
    java.util.Optional<String> won = DemoWeek.answer(soql);
    if (won.isPresent()) {
      return won.get();
    }
    var rows = new StringBuilder();
    int size = 0;
    Matcher opportunity = OPPORTUNITY_QUERY.matcher(soql);
    if (opportunity.matches()) {
      if (id15(unescape(opportunity.group(1))).equals(id15(opportunityId))) {
        rows.append(row("Opportunity", opportunityId, "OwnerId", USERS.get(0).id(), "AccountId", accountId));
        size = 1;
      }
    } else {
      Matcher users = USER_QUERY.matcher(soql);
      users.matches();
      Set<String> names = new LinkedHashSet<>();
      for (String n : literals(users.group(1))) {
        names.add(n.toLowerCase(Locale.ROOT));
      }
      for (User u : USERS) {
        if (names.contains(u.name().toLowerCase(Locale.ROOT))) {
          rows.append(row("User", u.id(), "Name", u.name(), "Email", u.email()));
          size++;
        }
      }
    }
    return "<result xsi:type=\"QueryResult\"><done>true</done><queryLocator xsi:nil=\"true\"/>" + rows + "<size>"
        + size + "</size></result>";
  }

  private static String row(String type, String id, String... fields) {
    // The Partner API repeats Id in every record; the connector and the SDK both expect it twice.
    var out = new StringBuilder("<records xsi:type=\"sf:sObject\"><sf:type>").append(type).append("</sf:type><sf:Id>")
        .append(id).append("</sf:Id><sf:Id>").append(id).append("</sf:Id>");
    for (int i = 0; i < fields.length; i += 2) {
      out.append("<sf:").append(fields[i]).append('>').append(esc(fields[i + 1])).append("</sf:").append(fields[i])
          .append('>');
    }
    return out.append("</records>").toString();
  }

  /**
   * The values of a SOQL list of string literals, {@code 'a', 'b\'c'}, unescaped per Salesforce's
   * rules ({@code \'}, {@code \"}, {@code \\}, {@code \n} ...); anything else is the org's
   * {@code MALFORMED_QUERY}.
   */
  private static List<String> literals(String list) {
    var out = new ArrayList<String>();
    int i = 0;
    while (true) {
      while (i < list.length() && list.charAt(i) == ' ') {
        i++;
      }
      if (i >= list.length() || list.charAt(i) != '\'') {
        throw malformed(list);
      }
      int end = i + 1;
      while (end < list.length() && list.charAt(end) != '\'') {
        end += list.charAt(end) == '\\' ? 2 : 1;
      }
      if (end >= list.length()) {
        throw malformed(list);
      }
      out.add(unescape(list.substring(i + 1, end)));
      i = end + 1;
      while (i < list.length() && list.charAt(i) == ' ') {
        i++;
      }
      if (i == list.length()) {
        return out;
      }
      if (list.charAt(i) != ',') {
        throw malformed(list);
      }
      i++;
    }
  }

  /** The text of one SOQL string literal's body. */
  private static String unescape(String body) {
    var out = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\'') {
        throw malformed(body);
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i == body.length()) {
        throw malformed(body);
      }
      char e = body.charAt(i);
      out.append(switch (e) {
        case 'n' -> '\n';
        case 'r' -> '\r';
        case 't' -> '\t';
        case 'b' -> '\b';
        case 'f' -> '\f';
        case '\'', '"', '\\' -> e;
        default -> throw malformed(body);
      });
    }
    return out.toString();
  }

  private static Fault malformed(String near) {
    return new Fault("MalformedQueryFault", "MALFORMED_QUERY", "unexpected token near: " + cut(near));
  }

  // ---- describes ----

  private String describeGlobal() {
    var out = new StringBuilder("<result><encoding>UTF-8</encoding><maxBatchSize>" + MAX_RECORDS + "</maxBatchSize>");
    for (ObjectDef o : objects.values()) {
      out.append("<sobjects>")
          .append(bools("activateable", false)).append(nil("associateEntityType")).append(nil("associateParentEntity"))
          .append(bools("createable", o.createable(), "custom", o.custom(), "customSetting", false, "deepCloneable",
              false, "deletable", o.createable(), "deprecatedAndHidden", false, "feedEnabled", false, "hasSubtypes",
              false, "idEnabled", true, "isInterface", false, "isSubtype", false))
          .append(el("keyPrefix", o.keyPrefix())).append(el("label", o.label())).append(el("labelPlural", o.labelPlural()))
          .append(bools("layoutable", true, "mergeable", false, "mruEnabled", true)).append(el("name", o.name()))
          .append(bools("queryable", true, "replicateable", true, "retrieveable", true, "searchable", true,
              "triggerable", true, "undeletable", o.createable(), "updateable", o.createable()))
          .append("</sobjects>");
    }
    return out.append("</result>").toString();
  }

  private static String describe(ObjectDef o) {
    var out = new StringBuilder("<result>")
        .append(bools("activateable", false)).append(nil("associateEntityType")).append(nil("associateParentEntity"))
        .append(bools("compactLayoutable", true, "createable", o.createable(), "custom", o.custom(), "customSetting",
            false, "deepCloneable", false)).append(nil("defaultImplementation"))
        .append(bools("deletable", o.createable(), "deprecatedAndHidden", false, "feedEnabled", false));
    for (FieldDef f : o.fields().values()) {
      out.append(field(f));
    }
    return out.append(bools("hasSubtypes", false, "idEnabled", true)).append(nil("implementedBy"))
        .append(nil("implementsInterfaces")).append(bools("isInterface", false, "isSubtype", false))
        .append(el("keyPrefix", o.keyPrefix())).append(el("label", o.label())).append(el("labelPlural", o.labelPlural()))
        .append(bools("layoutable", true, "mergeable", false, "mruEnabled", true)).append(el("name", o.name()))
        .append(nil("networkScopeFieldName"))
        .append(bools("queryable", true, "replicateable", true, "retrieveable", true, "searchable", true,
            "triggerable", true, "undeletable", o.createable(), "updateable", o.createable()))
        .append(nil("urlDetail")).append(nil("urlEdit")).append(nil("urlNew"))
        .append("</result>").toString();
  }

  /** One {@code Field} of the Partner WSDL, every required element in the WSDL's order. */
  private static String field(FieldDef f) {
    boolean text = f.isText();
    boolean number = f.type().equals("double");
    var out = new StringBuilder("<fields>")
        .append(bools("aggregatable", !f.type().equals("textarea"), "aiPredictionField", false, "autoNumber", false))
        .append(el("byteLength", String.valueOf(text || f.type().equals("id") || f.type().equals("reference")
            ? f.length() * 3 : 0)))
        .append(bools("calculated", false, "caseSensitive", false, "createable", f.createable(), "custom", f.custom(),
            "defaultedOnCreate", f.defaultedOnCreate(), "deprecatedAndHidden", false))
        .append(el("digits", "0"))
        .append(bools("externalId", f.externalId(), "filterable", !f.type().equals("textarea"), "groupable",
            text && !f.type().equals("textarea"), "idLookup", f.idLookup()))
        .append(el("label", f.label())).append(el("length", String.valueOf(text || f.type().equals("id")
            || f.type().equals("reference") ? f.length() : 0)))
        .append(el("name", f.name()))
        .append(bools("nameField", f.name().equals("Name"), "nillable", f.nillable(), "permissionable",
            f.custom() && f.nillable(), "polymorphicForeignKey", false))
        .append(el("precision", number ? "18" : "0"))
        .append(bools("queryByDistance", false));
    if (f.referenceTo() != null) {
      out.append(el("referenceTo", f.referenceTo()))
          .append(el("relationshipName", f.name().endsWith("__c") ? f.name().replace("__c", "__r")
              : f.name().substring(0, f.name().length() - 2)));
    }
    return out.append(bools("restrictedPicklist", false)).append(el("scale", "0"))
        .append(bools("searchPrefilterable", false)).append(el("soapType", f.soapType()))
        .append(bools("sortable", !f.type().equals("textarea"))).append(el("type", f.type()))
        .append(bools("unique", f.externalId(), "updateable", f.updateable()))
        .append("</fields>").toString();
  }

  private static String bools(Object... namesAndValues) {
    var out = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      out.append(el((String) namesAndValues[i], String.valueOf(namesAndValues[i + 1])));
    }
    return out.toString();
  }

  private static String el(String name, String value) {
    return "<" + name + ">" + esc(value) + "</" + name + ">";
  }

  private static String nil(String name) {
    return "<" + name + " xsi:nil=\"true\"/>";
  }

  // ---- the envelope, faults, parsing ----

  private static String envelope(String response, String body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope"
        + " xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns=\"" + PARTNER + "\" xmlns:xsi=\"" + XSI
        + "\" xmlns:sf=\"" + SOBJECT + "\"><soapenv:Body><" + response + ">" + body + "</" + response
        + "></soapenv:Body></soapenv:Envelope>";
  }

  /** A SOAP fault the org sends for the whole call, with the Partner API's typed fault detail. */
  static final class Fault extends RuntimeException {
    private final String type;
    private final String code;

    Fault(String type, String code, String message) {
      super(message, null, false, false);
      this.type = type;
      this.code = code;
    }

    String envelope() {
      // InvalidSObjectFault and InvalidFieldFault are ApiQueryFaults: row and column follow, -1 outside a query.
      String position = type.equals("UnexpectedErrorFault") ? "" : "<sf:row>-1</sf:row><sf:column>-1</sf:column>";
      return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope"
          + " xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:sf=\"urn:fault.partner.soap.sforce.com\""
          + " xmlns:xsi=\"" + XSI + "\"><soapenv:Body><soapenv:Fault><faultcode>sf:" + code + "</faultcode><faultstring>"
          + esc(code + ": " + getMessage()) + "</faultstring><detail><sf:" + type + " xsi:type=\"sf:" + type + "\">"
          + "<sf:exceptionCode>" + code + "</sf:exceptionCode><sf:exceptionMessage>" + esc(getMessage())
          + "</sf:exceptionMessage>" + position + "</sf:" + type + "></detail></soapenv:Fault></soapenv:Body>"
          + "</soapenv:Envelope>";
    }
  }

  private ObjectDef object(String type) {
    for (ObjectDef o : objects.values()) {
      if (o.name().equalsIgnoreCase(type)) {
        return o;
      }
    }
    throw new Fault("InvalidSObjectFault", "INVALID_TYPE", "sObject type '" + type + "' is not supported. If you are"
        + " attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference"
        + " your WSDL or the describe call for the appropriate names.");
  }

  private static FieldDef field(ObjectDef object, String name) {
    for (FieldDef f : object.fields().values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    return null;
  }

  private static FieldDef known(ObjectDef object, String name) {
    FieldDef f = field(object, name);
    if (f == null) {
      throw new Fault("InvalidFieldFault", "INVALID_FIELD", "No such column '" + name + "' on entity '" + object.name()
          + "'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name."
          + " Please reference your WSDL or the describe call for the appropriate names.");
    }
    return f;
  }

  /** The first element of the SOAP body, or null when the body is not a SOAP call. */
  private static Element call(String xml) {
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // A demo server still refuses DTDs: nothing a request says may make it read a file.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
          xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      for (Element body : children(doc.getDocumentElement(), "Body")) {
        List<Element> calls = children(body, null);
        return calls.isEmpty() ? null : calls.get(0);
      }
      return null;
    } catch (ParserConfigurationException | SAXException | IOException e) {
      return null;
    }
  }

  private static List<Element> children(Element parent, String localName) {
    var out = new ArrayList<Element>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && (localName == null || localName.equals(e.getLocalName()))) {
        out.add(e);
      }
    }
    return out;
  }

  private static Element child(Element parent, String localName) {
    List<Element> found = children(parent, localName);
    return found.isEmpty() ? null : found.get(0);
  }

  private static String text(Element e) {
    return e == null ? "" : e.getTextContent();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static boolean isDate(String s) {
    try {
      LocalDate.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Ids compare on their case-sensitive 15-character form. */
  private static String id15(String id) {
    return id.length() >= 15 ? id.substring(0, 15) : id;
  }

  /** Salesforce quotes a too-long value in its message; a short head is enough to recognise it. */
  private static String cut(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }

  static String esc(String s) {
    var out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        default -> {
          // XML 1.0 has no way to carry most control characters: the org drops them, so does this.
          if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
