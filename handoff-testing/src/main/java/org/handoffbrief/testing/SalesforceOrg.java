package org.handoffbrief.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The org behind {@link FakeSalesforce}: answers every call of the Partner SOAP API endpoint in the
 * WSDL's own wire format ({@code login}, {@code query}, {@code queryMore}, {@code describeGlobal},
 * {@code describeSObject(s)}, {@code upsert}, {@code create}, {@code update}) and checks what a real
 * org checks: the session, the sObject type, every field name, the external id field, text lengths,
 * required fields, lookups and read-only fields.
 *
 * <p>Whole-call problems are SOAP faults ({@code INVALID_TYPE}, {@code INVALID_FIELD}); problems
 * with one record are that record's {@code errors}, so a caller sees them record by record. An
 * upsert of a key already written answers {@code created=false} with the same id.
 *
 * <p>{@link FakeSalesforce} hands it each call to the SOAP endpoint. State lives until the server
 * stops, or in a state file when one is given.
 */
final class SalesforceOrg {

  private static final String PARTNER = "urn:partner.soap.sforce.com";
  private static final String SOBJECT = "urn:sobject.partner.soap.sforce.com";
  private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  private static final String TEXT_XML = "text/xml;charset=UTF-8";
  /** Task statuses the default picklist marks closed. */
  private static final Set<String> CLOSED_STATUSES = Set.of("Completed");
  /** The Partner API's per-call record limit for create, update and upsert. */
  private static final int MAX_RECORDS = 200;
  /** An 18-character record id standing alone in an element of a fixture: a record the org holds. */
  private static final Pattern FIXTURE_ID = Pattern.compile(">([0-9A-Za-z]{18})<");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A query answer the test gave: the whole envelope, or records the org pages. */
  private record Answer(Predicate<String> soql, String envelope, Function<String, List<String>> records,
      int pageSize) {}

  /** A record the org refuses, with the Partner API error it answers for it. */
  private record Refusal(Predicate<Map<String, String>> record, String error) {}

  /** The rest of a paged answer, waiting for its queryMore. */
  private record Cursor(List<String> records, int offset, int pageSize) {}

  private final Map<String, SObjectType> objects = new LinkedHashMap<>();
  /** Ids the org holds besides its records: those in the fixtures it answers with. */
  private final Set<String> knownIds = new LinkedHashSet<>();
  private final Map<String, Map<String, Map<String, String>>> records = new LinkedHashMap<>();
  private final Map<String, String> idsByKey = new HashMap<>();
  /** Records a test seeded: the org's data, not what was written, so never kept in the state file. */
  private final Set<String> seeded = new java.util.HashSet<>();
  private final Map<String, Integer> calls = new TreeMap<>();
  private final List<String> queries = new ArrayList<>();
  private final Map<String, List<Map<String, String>>> sent = new LinkedHashMap<>();
  private final List<Answer> answers = new ArrayList<>();
  private final Map<String, String> queryMoreAnswers = new HashMap<>();
  private final Map<String, Cursor> cursors = new HashMap<>();
  private final List<Refusal> refusals = new ArrayList<>();
  private final Map<String, Map<Integer, String[]>> faults = new HashMap<>();
  private int sequence;
  private int locators;
  private String sessionId;
  private String integrationUser;
  /** Where the records written are kept between runs, or null to keep them in memory only. */
  private Path stateFile;
  /** Answers a SOAP {@code login}: the login response, or null for a refused username or password. */
  private Function<Element, String> login = call -> null;

  SalesforceOrg(String sessionId, String integrationUser) {
    this.sessionId = sessionId;
    this.integrationUser = integrationUser;
    SObjectType.standardObjects().forEach(o -> objects.put(o.name(), o));
  }

  // ---- what the fake configures ----

  synchronized void session(String sessionId) {
    this.sessionId = sessionId;
  }

  synchronized void integrationUser(String userId) {
    this.integrationUser = userId;
  }

  synchronized void login(Function<Element, String> login) {
    this.login = login;
  }

  synchronized void metadata(SObjectType type) {
    objects.put(type.name(), type);
  }

  synchronized boolean removeMetadata(String type) {
    return objects.remove(type) != null;
  }

  synchronized Map<String, SObjectType> metadata() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(objects));
  }

  synchronized void answer(Predicate<String> soql, String envelope) {
    answers.add(new Answer(soql, envelope, null, 0));
    know(envelope);
  }

  synchronized void answer(Predicate<String> soql, Function<String, List<String>> rows, int pageSize) {
    answers.add(new Answer(soql, null, rows, pageSize));
  }

  synchronized void answerQueryMore(String locator, String envelope) {
    queryMoreAnswers.put(locator, envelope);
    know(envelope);
  }

  synchronized void refuse(Predicate<Map<String, String>> record, String statusCode, String message,
      String... fields) {
    refusals.add(new Refusal(record, error(statusCode, message, fields)));
  }

  synchronized void clearRefusals() {
    refusals.clear();
  }

  synchronized void faultOn(String operation, int call, String code, String message) {
    faults.computeIfAbsent(operation, o -> new HashMap<>()).put(call, new String[] {code, message});
  }

  /** Puts {@code fields} (with its {@code Id}) into the org as it stands, unchecked: data a test starts from. */
  synchronized String seed(String type, Map<String, String> fields) {
    SObjectType object = object(type);
    String id = fields.get("Id");
    if (id == null || id.isBlank()) {
      id = newId(object.keyPrefix());
    }
    var record = new LinkedHashMap<String, String>();
    record.put("Id", id);
    fields.forEach((k, v) -> {
      if (v != null && !k.equals("Id")) {
        record.put(k, v);
      }
    });
    records.computeIfAbsent(object.name(), t -> new LinkedHashMap<>()).put(id, record);
    index(object, record);
    knownIds.add(id15(id));
    seeded.add(id);
    return id;
  }

  /** Reads the records of an earlier run from {@code file} when it exists, and keeps every write there. */
  synchronized void keepStateIn(Path file) {
    this.stateFile = file;
    load();
  }

  private void know(String envelope) {
    Matcher m = FIXTURE_ID.matcher(envelope);
    while (m.find()) {
      knownIds.add(id15(m.group(1)));
    }
  }

  /** The records of an earlier run, re-indexed by their external ids; objects no longer in the metadata are left. */
  private void load() {
    if (stateFile == null || !Files.isRegularFile(stateFile)) {
      return;
    }
    try {
      var state = JSON.readTree(stateFile.toFile());
      sequence = Math.max(sequence, state.path("sequence").asInt(0));
      state.path("records").properties().forEach(type -> {
        SObjectType object = objects.get(type.getKey());
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
      throw new UncheckedIOException("cannot read the fake org's state " + stateFile + ": " + e.getMessage(), e);
    }
  }

  /** Keeps the records written so far for the next run; called after every write. */
  private void save() {
    if (stateFile == null) {
      return;
    }
    var state = JSON.createObjectNode().put("sequence", sequence);
    var written = new LinkedHashMap<String, Map<String, Map<String, String>>>();
    records.forEach((type, byId) -> byId.forEach((id, record) -> {
      if (!seeded.contains(id)) {
        written.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(id, record);
      }
    }));
    state.set("records", JSON.valueToTree(written));
    try {
      Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
      Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the fake org's state in " + stateFile, e);
    }
  }

  // ---- what a test reads back ----

  /** The records of {@code type} so far, each a copy of its fields by API name, in write order. */
  synchronized List<Map<String, String>> records(String type) {
    var out = new ArrayList<Map<String, String>>();
    for (Map<String, String> r : records.getOrDefault(type, Map.of()).values()) {
      out.add(Collections.unmodifiableMap(new LinkedHashMap<>(r)));
    }
    return out;
  }

  /** Every record of {@code type} a write call sent, as sent, in order, refused ones included. */
  synchronized List<Map<String, String>> sent(String type) {
    return List.copyOf(sent.getOrDefault(type, List.of()));
  }

  /** How many times the operation (e.g. {@code upsert}, {@code create}, {@code describeSObjects}) was called. */
  synchronized int calls(String operation) {
    return calls.getOrDefault(operation, 0);
  }

  /** Every SOQL query received, in order. */
  synchronized List<String> queries() {
    return List.copyOf(queries);
  }

  // ---- the endpoint ----

  /** The answer to a SOAP call whose envelope is {@code body}: its response, or a SOAP fault with status 500. */
  ResponseDefinition answer(String body) {
    Element call = call(body);
    try {
      return Answering.answer(200, TEXT_XML, answer(call));
    } catch (Fault f) {
      return Answering.answer(500, TEXT_XML, f.envelope());
    }
  }

  private synchronized String answer(Element call) {
    if (call != null && call.getLocalName().equals("login")) {
      calls.merge("login", 1, Integer::sum);
      String answer = login.apply(call);
      if (answer == null) {
        throw new Fault("LoginFault", "INVALID_LOGIN",
            "Invalid username, password, security token; or user locked out.");
      }
      return answer;
    }
    if (call == null || !sessionId.equals(text(descendant(call.getOwnerDocument().getDocumentElement(),
        "sessionId")))) {
      throw new Fault("UnexpectedErrorFault", "INVALID_SESSION_ID",
          "Invalid Session ID found in SessionHeader: Illegal Session");
    }
    String op = call.getLocalName();
    int n = calls.merge(op, 1, Integer::sum);
    String[] fault = faults.getOrDefault(op, Map.of()).get(n);
    if (fault != null) {
      throw new Fault("UnexpectedErrorFault", fault[0], fault[1]);
    }
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
      case "query" -> query(text(child(call, "queryString")));
      case "queryMore" -> queryMore(text(child(call, "queryLocator")));
      default -> throw new Fault("UnexpectedErrorFault", "UNKNOWN_EXCEPTION", "the fake org answers login, query,"
          + " queryMore, describes, create, update and upsert; not " + op);
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
        SObjectField f = field(in.object, requested);
        if (f == null || !(f.externalId() || f.name().equals("Id"))) {
          throw new Fault("InvalidFieldFault", "INVALID_FIELD", "Field name provided, " + requested
              + " is not an External ID or indexed field for " + in.object.name());
        }
        keyField = f.name();
      }
    }
    var out = new StringBuilder();
    for (Incoming in : parsed) {
      var asSent = new LinkedHashMap<String, String>();
      in.fields.forEach((name, value) -> {
        if (value != null) {
          asSent.put(name, value);
        }
      });
      sent.computeIfAbsent(in.object.name(), t -> new ArrayList<>()).add(Collections.unmodifiableMap(asSent));
      String refused = refusal(asSent);
      String key = keyField;
      out.append("<result>").append(switch (op) {
        case "create" -> saved(refused != null ? Outcome.failed(refused) : create(in));
        case "update" -> saved(refused != null ? Outcome.failed(refused) : update(in));
        default -> upsertResult(refused != null ? Outcome.failed(refused) : upserted(in, key));
      }).append("</result>");
    }
    return out.toString();
  }

  /** One record of a write call, its fields by API name as the org spells them; a null value sets null. */
  private record Incoming(SObjectType object, String id, Map<String, String> fields) {}

  /** The outcome of one record: its id when written, or its errors. */
  private record Outcome(String id, boolean created, List<String> errors) {
    static Outcome failed(String... errors) {
      return new Outcome(null, false, List.of(errors));
    }
  }

  private Incoming incoming(Element sObject) {
    String type = text(child(sObject, "type"));
    SObjectType object = object(type);
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
      SObjectField f = known(object, name);
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
    for (SObjectField f : in.object.fields().values()) {
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
    for (SObjectField f : in.object.fields().values()) {
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
    for (SObjectField f : in.object.fields().values()) {
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
      SObjectField f = in.object.fields().get(e.getKey());
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
    for (SObjectField f : in.object.fields().values()) {
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

  private void index(SObjectType object, Map<String, String> record) {
    for (SObjectField f : object.fields().values()) {
      if (f.externalId() && record.get(f.name()) != null) {
        idsByKey.put(indexKey(object, f.name(), record.get(f.name())), record.get("Id"));
      }
    }
  }

  private void unindex(SObjectType object, Map<String, String> record) {
    for (SObjectField f : object.fields().values()) {
      if (f.externalId() && record.get(f.name()) != null) {
        idsByKey.remove(indexKey(object, f.name(), record.get(f.name())));
      }
    }
  }

  /** External ids match case-insensitively unless the field is marked case-sensitive, as on a real org. */
  private static String indexKey(SObjectType object, String field, String value) {
    return object.name() + "\u0000" + field + "\u0000" + value.toLowerCase(Locale.ROOT);
  }

  private String find(SObjectType object, String id) {
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
  private static void derive(SObjectType object, Map<String, String> record) {
    if (object.fields().containsKey("IsClosed") && object.fields().containsKey("Status")) {
      record.put("IsClosed", Boolean.toString(CLOSED_STATUSES.contains(record.get("Status"))));
    }
  }

  private String defaultValue(SObjectType object, SObjectField f) {
    return switch (f.name()) {
      case "OwnerId" -> integrationUser;
      case "Status" -> "Not Started";
      case "Priority" -> "Normal";
      case "CreatedDate" -> Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      case "IsClosed" -> "false";
      default -> null;
    };
  }

  /** A new 18-character id with the object's key prefix and Salesforce's case-folding checksum. */
  private String newId(String prefix) {
    return id18(prefix + "Hs" + "0000" + String.format(Locale.ROOT, "%06d", ++sequence));
  }

  /** The 18-character form of a 15-character id: Salesforce's case-folding checksum appended. */
  static String id18(String id15) {
    var suffix = new StringBuilder();
    for (int chunk = 0; chunk < 3; chunk++) {
      int bits = 0;
      for (int i = 0; i < 5; i++) {
        char c = id15.charAt(chunk * 5 + i);
        if (c >= 'A' && c <= 'Z') {
          bits |= 1 << i;
        }
      }
      suffix.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".charAt(bits));
    }
    return id15 + suffix;
  }

  private static String saved(Outcome o) {
    return errors(o) + id(o) + "<success>" + o.errors.isEmpty() + "</success>";
  }

  /** The error of the first refusal that matches the record, or null when none does. */
  private String refusal(Map<String, String> record) {
    for (Refusal r : refusals) {
      if (r.record().test(record)) {
        return r.error();
      }
    }
    return null;
  }

  private static String upsertResult(Outcome o) {
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

  /** {@code SELECT a, b FROM Type [WHERE ...]}: what the org answers from its own records. */
  private static final Pattern SIMPLE = Pattern.compile(
      "(?is)\\s*SELECT\\s+(\\w+(?:\\s*,\\s*\\w+)*)\\s+FROM\\s+(\\w+)(?:\\s+WHERE\\s+(.*?))?\\s*");
  /** One condition of a simple query: {@code Field = 'text'}, {@code Field = true} or {@code Field IN ('a', 'b')}. */
  private static final Pattern CONDITION = Pattern.compile(
      "(?is)\\s*(\\w+)\\s*(?:=\\s*('(?:[^'\\\\]|\\\\.)*'|true|false)|IN\\s*\\((.*?)\\))"
          + "\\s*(AND\\s+|$)");

  private String query(String soql) {
    queries.add(soql);
    String own = ownAnswer(soql);
    if (own != null) {
      return own;
    }
    for (Answer a : answers) {
      if (a.soql().test(soql)) {
        return a.envelope() != null ? a.envelope() : page("queryResponse", a.records().apply(soql), 0, a.pageSize());
      }
    }
    throw new Fault("UnexpectedErrorFault", "UNKNOWN_EXCEPTION", "the fake org has no answer for this query;"
        + " give it one with FakeSalesforce.answerQuery: " + cut(soql));
  }

  private String queryMore(String locator) {
    String fixed = queryMoreAnswers.get(locator);
    if (fixed != null) {
      return fixed;
    }
    Cursor cursor = cursors.remove(locator);
    if (cursor == null) {
      throw new Fault("InvalidQueryLocatorFault", "INVALID_QUERY_LOCATOR", "invalid query locator");
    }
    return page("queryMoreResponse", cursor.records(), cursor.offset(), cursor.pageSize());
  }

  /** One batch of {@code rows} from {@code offset}, with a locator for the rest when more remain. */
  private String page(String response, List<String> rows, int offset, int pageSize) {
    int end = Math.min(rows.size(), offset + pageSize);
    String locator = null;
    if (end < rows.size()) {
      locator = String.format(Locale.ROOT, "01gFAKE%08d-%d", ++locators, end);
      cursors.put(locator, new Cursor(rows, end, pageSize));
    }
    return envelope(response, result(locator, String.join("", rows.subList(offset, end)), end - offset));
  }

  private static String result(String locator, String rows, int size) {
    return "<result xsi:type=\"QueryResult\"><done>" + (locator == null) + "</done>"
        + (locator == null ? "<queryLocator xsi:nil=\"true\"/>" : "<queryLocator>" + locator + "</queryLocator>")
        + rows + "<size>" + size + "</size></result>";
  }

  /**
   * The answer from the org's own records to a simple query on a type its metadata declares, or
   * null when the query is not that simple (the test answers it).
   */
  private String ownAnswer(String soql) {
    Matcher m = SIMPLE.matcher(soql);
    if (!m.matches()) {
      return null;
    }
    SObjectType object = objects.get(m.group(2));
    if (object == null) {
      return null;
    }
    List<String> selected = new ArrayList<>();
    for (String f : m.group(1).split(",")) {
      SObjectField field = field(object, f.strip());
      if (field == null) {
        return null;
      }
      selected.add(field.name());
    }
    var conditions = new ArrayList<Predicate<Map<String, String>>>();
    String where = m.group(3) == null ? "" : m.group(3);
    Matcher c = CONDITION.matcher(where);
    int at = 0;
    while (at < where.length()) {
      c.region(at, where.length());
      if (!c.lookingAt()) {
        return null;
      }
      SObjectField field = field(object, c.group(1));
      if (field == null) {
        return null;
      }
      List<String> values = c.group(2) == null ? literals(c.group(3))
          : List.of(c.group(2).startsWith("'") ? unescape(c.group(2).substring(1, c.group(2).length() - 1))
              : c.group(2));
      conditions.add(r -> values.stream().anyMatch(v -> same(field, r.get(field.name()), v)));
      at = c.end();
    }
    var rows = new StringBuilder();
    int size = 0;
    for (Map<String, String> r : records.getOrDefault(object.name(), Map.of()).values()) {
      if (conditions.stream().allMatch(p -> p.test(r))) {
        rows.append(row(object.name(), r, selected));
        size++;
      }
    }
    return envelope("queryResponse", result(null, rows.toString(), size));
  }

  /** SOQL compares ids on their 15-character form and text ignoring case. */
  private static boolean same(SObjectField field, String value, String literal) {
    if (value == null) {
      return false;
    }
    if (field.type().equals("id") || field.type().equals("reference")) {
      return id15(value).equals(id15(literal));
    }
    return value.equalsIgnoreCase(literal);
  }

  private static String row(String type, Map<String, String> record, List<String> fields) {
    // The Partner API repeats Id in every record; the connector and the SDK both expect it twice.
    String id = record.get("Id");
    var out = new StringBuilder("<records xsi:type=\"sf:sObject\"><sf:type>").append(type).append("</sf:type><sf:Id>")
        .append(id).append("</sf:Id><sf:Id>").append(id).append("</sf:Id>");
    for (String f : fields) {
      if (f.equals("Id")) {
        continue;
      }
      String value = record.get(f);
      out.append(value == null ? "<sf:" + f + " xsi:nil=\"true\"/>"
          : "<sf:" + f + ">" + esc(value) + "</sf:" + f + ">");
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
    for (SObjectType o : objects.values()) {
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

  private static String describe(SObjectType o) {
    var out = new StringBuilder("<result>")
        .append(bools("activateable", false)).append(nil("associateEntityType")).append(nil("associateParentEntity"))
        .append(bools("compactLayoutable", true, "createable", o.createable(), "custom", o.custom(), "customSetting",
            false, "deepCloneable", false)).append(nil("defaultImplementation"))
        .append(bools("deletable", o.createable(), "deprecatedAndHidden", false, "feedEnabled", false));
    for (SObjectField f : o.fields().values()) {
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
  private static String field(SObjectField f) {
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
      String position = type.equals("UnexpectedErrorFault") || type.equals("LoginFault") ? "" : "<sf:row>-1</sf:row><sf:column>-1</sf:column>";
      return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope"
          + " xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:sf=\"urn:fault.partner.soap.sforce.com\""
          + " xmlns:xsi=\"" + XSI + "\"><soapenv:Body><soapenv:Fault><faultcode>sf:" + code + "</faultcode><faultstring>"
          + esc(code + ": " + getMessage()) + "</faultstring><detail><sf:" + type + " xsi:type=\"sf:" + type + "\">"
          + "<sf:exceptionCode>" + code + "</sf:exceptionCode><sf:exceptionMessage>" + esc(getMessage())
          + "</sf:exceptionMessage>" + position + "</sf:" + type + "></detail></soapenv:Fault></soapenv:Body>"
          + "</soapenv:Envelope>";
    }
  }

  private SObjectType object(String type) {
    for (SObjectType o : objects.values()) {
      if (o.name().equalsIgnoreCase(type)) {
        return o;
      }
    }
    throw new Fault("InvalidSObjectFault", "INVALID_TYPE", "sObject type '" + type + "' is not supported. If you are"
        + " attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference"
        + " your WSDL or the describe call for the appropriate names.");
  }

  private static SObjectField field(SObjectType object, String name) {
    for (SObjectField f : object.fields().values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    return null;
  }

  private static SObjectField known(SObjectType object, String name) {
    SObjectField f = field(object, name);
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
      // A fake server still refuses DTDs: nothing a request says may make it read a file.
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

  /** The first element named {@code localName} anywhere below {@code root}, or null. */
  private static Element descendant(Element root, String localName) {
    for (Element e : children(root, null)) {
      if (localName.equals(e.getLocalName())) {
        return e;
      }
      Element found = descendant(e, localName);
      if (found != null) {
        return found;
      }
    }
    return null;
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
