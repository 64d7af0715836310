package org.handoffbrief.writeback.salesforce;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A stateful Salesforce org behind WireMock, answering the Partner SOAP API in its WSDL's wire
 * format: {@code login}, {@code describeGlobal}, {@code describeSObjects} (a fault for an unknown
 * type, as the real API), {@code query} (the two queries the write-back sends, answered from
 * {@link #opportunityOwner} and {@link #users}) and {@code upsert} (records kept by external id, so
 * a second upsert of a key updates and answers {@code created=false}). Tests shape the org
 * (objects, fields), make one record fail with a status code, or make the Nth upsert call a fault,
 * and count what was sent.
 */
final class PartnerOrg implements ResponseDefinitionTransformerV2 {
  static final String NAME = "partner-org";

  /** object -> field -> {type, length, externalId} */
  final Map<String, Map<String, Object[]>> schema = new ConcurrentHashMap<>();
  /** object + externalId value -> record id */
  final Map<String, String> records = new ConcurrentHashMap<>();
  /** external id value -> how many times it was upserted */
  final Map<String, AtomicInteger> upsertsPerKey = new ConcurrentHashMap<>();
  /** every upserted record's fields, in order */
  final List<Map<String, String>> upserted = Collections.synchronizedList(new ArrayList<>());
  final List<String> queries = Collections.synchronizedList(new ArrayList<>());
  /** external id value -> {statusCode, message, field} the org refuses that record with */
  final Map<String, String[]> refuse = new ConcurrentHashMap<>();
  final AtomicInteger upsertCalls = new AtomicInteger();
  final AtomicInteger describeCalls = new AtomicInteger();
  /** The upsert call (1-based) that gets REQUEST_LIMIT_EXCEEDED; 0 for none. */
  volatile int failUpsertCall;
  volatile String opportunityId = "0068c00000MeRdHAAV";
  volatile String opportunityOwner = "0058c00000OwNerAAA";
  volatile String accountId = "0018c00000AcCouAAA";
  /** Active users: {id, name, email}. */
  final List<String[]> users = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger ids = new AtomicInteger();
  volatile String baseUrl;

  /** An org with Task (and its Handoff_Key__c) and the shipped custom objects, all fields deployed. */
  static PartnerOrg withEverythingDeployed() {
    var org = new PartnerOrg();
    org.object("Task", "Id:id:18", "WhatId:reference:18", "Subject:combobox:255", "ActivityDate:date:0",
        "Status:picklist:40", "OwnerId:reference:18", "Description:textarea:32000", "Handoff_Key__c:string:255:ext");
    org.object("Opportunity", "Id:id:18", "OwnerId:reference:18", "AccountId:reference:18");
    org.object("User", "Id:id:18", "Name:string:121", "Email:email:80");
    org.object("Account", "Id:id:18", "Name:string:255");
    org.object("Handoff_Brief__c", "Id:id:18", "Name:string:80", "Account__c:reference:18",
        "Opportunity__c:reference:18", "Kind__c:picklist:255", "Version__c:double:0", "Brief__c:textarea:131072",
        "Handoff_Key__c:string:255:ext");
    org.object("Handoff_Success_Plan__c", "Id:id:18", "Name:string:80", "Opportunity__c:reference:18",
        "Account__c:reference:18", "Go_Live_Date__c:date:0", "Milestones__c:textarea:32768",
        "Risks__c:textarea:32768", "Stakeholder_Map__c:textarea:32768", "Commitments__c:textarea:32768",
        "Brief_Link__c:url:255", "Handoff_Key__c:string:255:ext");
    return org;
  }

  /** Declares an object with {@code name:type:length[:ext]} fields. */
  void object(String name, String... fields) {
    var m = new LinkedHashMap<String, Object[]>();
    for (String f : fields) {
      String[] p = f.split(":");
      m.put(p[0], new Object[] {p[1], Integer.parseInt(p[2]), p.length > 3});
    }
    schema.put(name, m);
  }

  int upsertsOf(String key) {
    AtomicInteger n = upsertsPerKey.get(key);
    return n == null ? 0 : n.get();
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return true;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    String body = event.getRequest().getBodyAsString();
    try {
      Element env = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
      Element op = firstChild(firstChildNamed(env, "Body"));
      String name = op.getLocalName() != null ? op.getLocalName() : strip(op.getNodeName());
      return switch (name) {
        case "login" -> ok(resource("login.xml").replace("INSTANCE_URL", baseUrl), true);
        case "describeGlobal" -> ok(describeGlobal(), false);
        case "describeSObjects" -> describeSObjects(op);
        case "query" -> ok(query(text(op, "queryString")), false);
        case "upsert" -> upsert(op);
        default -> fault("UNKNOWN_EXCEPTION", "operation " + name + " is not faked");
      };
    } catch (Exception e) {
      throw new IllegalStateException("could not fake " + body, e);
    }
  }

  private String describeGlobal() {
    describeCalls.incrementAndGet();
    var sb = new StringBuilder("<describeGlobalResponse><result><encoding>UTF-8</encoding><maxBatchSize>200"
        + "</maxBatchSize>");
    for (String o : new java.util.TreeSet<>(schema.keySet())) {
      sb.append("<sobjects><activateable>false</activateable><createable>true</createable><custom>")
          .append(o.endsWith("__c")).append("</custom><customSetting>false</customSetting><deepCloneable>false"
              + "</deepCloneable><deletable>true</deletable><deprecatedAndHidden>false</deprecatedAndHidden>"
              + "<feedEnabled>false</feedEnabled><hasSubtypes>false</hasSubtypes><idEnabled>true</idEnabled>"
              + "<isInterface>false</isInterface><isSubtype>false</isSubtype><keyPrefix>a0X</keyPrefix><label>")
          .append(o).append("</label><labelPlural>").append(o).append("</labelPlural><layoutable>true</layoutable>"
              + "<mergeable>false</mergeable><mruEnabled>false</mruEnabled><name>").append(o)
          .append("</name><queryable>true</queryable><replicateable>true</replicateable><retrieveable>true"
              + "</retrieveable><searchable>true</searchable><triggerable>true</triggerable><undeletable>true"
              + "</undeletable><updateable>true</updateable></sobjects>");
    }
    return sb.append("</result></describeGlobalResponse>").toString();
  }

  private ResponseDefinition describeSObjects(Element op) {
    describeCalls.incrementAndGet();
    var sb = new StringBuilder("<describeSObjectsResponse>");
    for (String type : texts(op, "sObjectType")) {
      Map<String, Object[]> fields = schema.get(type);
      if (fields == null) {
        return fault("INVALID_TYPE", "sObject type '" + type + "' is not supported.");
      }
      sb.append("<result><activateable>false</activateable><compactLayoutable>true</compactLayoutable>"
          + "<createable>true</createable><custom>").append(type.endsWith("__c")).append("</custom><customSetting>"
          + "false</customSetting><deepCloneable>false</deepCloneable><deletable>true</deletable>"
          + "<deprecatedAndHidden>false</deprecatedAndHidden><feedEnabled>false</feedEnabled>");
      fields.forEach((f, meta) -> sb.append(field(f, (String) meta[0], (Integer) meta[1], (Boolean) meta[2])));
      sb.append("<hasSubtypes>false</hasSubtypes><idEnabled>true</idEnabled><isInterface>false</isInterface>"
          + "<isSubtype>false</isSubtype><keyPrefix>a0X</keyPrefix><label>").append(type).append("</label>"
          + "<labelPlural>").append(type).append("</labelPlural><layoutable>true</layoutable><mergeable>false"
          + "</mergeable><mruEnabled>false</mruEnabled><name>").append(type).append("</name><queryable>true"
          + "</queryable><replicateable>true</replicateable><retrieveable>true</retrieveable><searchable>true"
          + "</searchable><triggerable>true</triggerable><undeletable>true</undeletable><updateable>true"
          + "</updateable></result>");
    }
    return ok(sb.append("</describeSObjectsResponse>").toString(), false);
  }

  /** One {@code Field} in the Partner WSDL's element order. */
  private static String field(String name, String type, int length, boolean ext) {
    return "<fields><aggregatable>true</aggregatable><aiPredictionField>false</aiPredictionField><autoNumber>false"
        + "</autoNumber><byteLength>" + length * 3 + "</byteLength><calculated>false</calculated><caseSensitive>false"
        + "</caseSensitive><createable>" + !name.equals("Id") + "</createable><custom>" + name.endsWith("__c")
        + "</custom><defaultedOnCreate>false</defaultedOnCreate><deprecatedAndHidden>false</deprecatedAndHidden>"
        + "<digits>0</digits><externalId>" + ext + "</externalId><filterable>true</filterable><groupable>true"
        + "</groupable><idLookup>" + (ext || name.equals("Id")) + "</idLookup><label>" + name + "</label><length>"
        + length + "</length><name>" + name + "</name><nameField>" + name.equals("Name") + "</nameField><nillable>"
        + !name.equals("Id") + "</nillable><permissionable>true</permissionable><polymorphicForeignKey>false"
        + "</polymorphicForeignKey><precision>0</precision><queryByDistance>false</queryByDistance>"
        + "<restrictedPicklist>false</restrictedPicklist><scale>0</scale><searchPrefilterable>false"
        + "</searchPrefilterable><soapType>xsd:string</soapType><sortable>true</sortable><type>" + type + "</type>"
        + "<unique>" + ext + "</unique><updateable>" + !name.equals("Id") + "</updateable></fields>";
  }

  private String query(String soql) {
    queries.add(soql);
    var rows = new StringBuilder();
    int n = 0;
    if (soql.startsWith("SELECT Id, OwnerId, AccountId FROM Opportunity") && soql.contains(opportunityId)) {
      rows.append(record("Opportunity", opportunityId, Map.of("OwnerId", opportunityOwner, "AccountId", accountId)));
      n = 1;
    } else if (soql.startsWith("SELECT Id, Name, Email FROM User")) {
      synchronized (users) {
        for (String[] u : users) {
          // Names are compared as the SOQL literal escapes them, so a name with a quote must arrive escaped.
          if (soql.contains("'" + u[1].replace("\\", "\\\\").replace("'", "\\'") + "'")) {
            rows.append(record("User", u[0], Map.of("Name", u[1], "Email", u[2])));
            n++;
          }
        }
      }
    }
    return "<queryResponse><result xsi:type=\"QueryResult\"><done>true</done><queryLocator xsi:nil=\"true\"/>" + rows
        + "<size>" + n + "</size></result></queryResponse>";
  }

  private static String record(String type, String id, Map<String, String> fields) {
    var sb = new StringBuilder("<records xsi:type=\"sf:sObject\"><sf:type>" + type + "</sf:type><sf:Id>" + id
        + "</sf:Id>");
    new java.util.TreeMap<>(fields).forEach((k, v) -> sb.append("<sf:").append(k).append('>').append(xml(v))
        .append("</sf:").append(k).append('>'));
    return sb.append("</records>").toString();
  }

  private ResponseDefinition upsert(Element op) {
    int call = upsertCalls.incrementAndGet();
    if (call == failUpsertCall) {
      return fault("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
    }
    String extField = text(op, "externalIDFieldName");
    var sb = new StringBuilder("<upsertResponse>");
    for (Element s : children(op, "sObjects")) {
      var fields = new LinkedHashMap<String, String>();
      String type = null;
      for (Node c = s.getFirstChild(); c != null; c = c.getNextSibling()) {
        if (c instanceof Element e) {
          String local = strip(e.getNodeName());
          if (local.equals("type")) {
            type = e.getTextContent();
          } else if (!local.equals("fieldsToNull") && !local.equals("Id")) {
            fields.put(local, e.getTextContent());
          }
        }
      }
      upserted.add(fields);
      String key = fields.get(extField);
      upsertsPerKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      String[] no = refuse.get(key);
      if (no != null) {
        sb.append("<result><created>false</created><errors><fields>").append(no[2]).append("</fields><message>")
            .append(xml(no[1])).append("</message><statusCode>").append(no[0]).append("</statusCode></errors>"
                + "<id xsi:nil=\"true\"/><success>false</success></result>");
        continue;
      }
      String rk = type + "\u0000" + key;
      boolean created = !records.containsKey(rk);
      String id = records.computeIfAbsent(rk, k -> String.format("a0X8c%010dAAA", ids.incrementAndGet()));
      sb.append("<result><created>").append(created).append("</created><id>").append(id)
          .append("</id><success>true</success></result>");
    }
    return ok(sb.append("</upsertResponse>").toString(), false);
  }

  // ---- SOAP plumbing

  private static ResponseDefinition ok(String body, boolean whole) {
    String xml = whole ? body : "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv="
        + "\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns=\"urn:partner.soap.sforce.com\" xmlns:xsi="
        + "\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:sf=\"urn:sobject.partner.soap.sforce.com\">"
        + "<soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
    return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition().withStatus(200)
        .withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(xml).build();
  }

  /** The Partner API sends faults as HTTP 500 with a SOAP fault body. */
  static ResponseDefinition fault(String code, String message) {
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org"
        + "/soap/envelope/\" xmlns:sf=\"urn:fault.partner.soap.sforce.com\" xmlns:xsi=\"http://www.w3.org/2001/"
        + "XMLSchema-instance\"><soapenv:Body><soapenv:Fault><faultcode>sf:" + code + "</faultcode><faultstring>"
        + code + ": " + xml(message) + "</faultstring><detail><sf:UnexpectedErrorFault xsi:type=\"sf:"
        + "UnexpectedErrorFault\"><sf:exceptionCode>" + code + "</sf:exceptionCode><sf:exceptionMessage>"
        + xml(message) + "</sf:exceptionMessage></sf:UnexpectedErrorFault></detail></soapenv:Fault></soapenv:Body>"
        + "</soapenv:Envelope>";
    return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition().withStatus(500)
        .withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(xml).build();
  }

  static String resource(String name) {
    try (var in = PartnerOrg.class.getResourceAsStream("/salesforce/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new AssertionError("no fixture " + name, e);
    }
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String strip(String qname) {
    int i = qname.indexOf(':');
    return i < 0 ? qname : qname.substring(i + 1);
  }

  private static Element firstChildNamed(Element e, String local) {
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element el && strip(el.getNodeName()).equals(local)) {
        return el;
      }
    }
    throw new IllegalArgumentException("no " + local);
  }

  private static Element firstChild(Element e) {
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element el) {
        return el;
      }
    }
    throw new IllegalArgumentException("empty " + e.getNodeName());
  }

  private static List<Element> children(Element e, String local) {
    var out = new ArrayList<Element>();
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element el && strip(el.getNodeName()).equals(local)) {
        out.add(el);
      }
    }
    return out;
  }

  private static String text(Element e, String local) {
    List<Element> c = children(e, local);
    return c.isEmpty() ? null : c.get(0).getTextContent();
  }

  private static Set<String> texts(Element e, String local) {
    var out = new LinkedHashSet<String>();
    children(e, local).forEach(c -> out.add(c.getTextContent()));
    return out;
  }
}
