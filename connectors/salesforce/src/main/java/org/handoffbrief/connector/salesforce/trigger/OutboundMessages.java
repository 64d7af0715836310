package org.handoffbrief.connector.salesforce.trigger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.handoffbrief.connector.salesforce.internal.SalesforceIds;
import org.handoffbrief.connector.salesforce.trigger.SalesforceEventException.Reason;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.trigger.Fired;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Receives Salesforce outbound messages (a workflow rule's or flow's "Outbound Message" action on
 * Opportunity) as the library's trigger. The host owns the HTTP endpoint: it hands the request body
 * to {@link #receive}, answers {@link Receipt#ackBody()} with status 200 and content type
 * {@link #ACK_CONTENT_TYPE}, and briefs each {@link Receipt#fired()} deal. When {@code receive}
 * throws, the host answers an error status; Salesforce then retries, and nothing was stored.
 *
 * <p>Salesforce delivers at least once, retries for up to 24 hours, and may deliver out of order
 * (Outbound Messaging, "Understanding the Outbound Messaging WSDL" and "Outbound Messaging Notifications").
 * So each notification id is stored ({@code markOnce("salesforce.outbound", id)}) before the answer
 * is returned, and a notification seen before, by this worker or another sharing the store, is
 * acknowledged and skipped. Only a notification whose opportunity is won ({@code IsWon} true, or
 * its {@code StageName} among the won stages) fires; include {@code IsWon} or {@code StageName} in the
 * message's fields. Two notifications for the same win make one firing (see {@link PushGate}).
 *
 * <p>Include {@code LastStageChangeDate} too (else {@code CloseDate}): it is the won moment
 * ({@link Fired#wonAt()}), which tells a re-won deal from a repeated win and lets the Closed-Won
 * poller, run as a backstop, see that this win is already briefed
 * ({@link org.handoffbrief.trigger.AlreadyBriefed}).
 *
 * <p>The message's {@code SessionId} is never kept, logged or returned.
 */
public final class OutboundMessages {
  private static final Logger LOG = LoggerFactory.getLogger(OutboundMessages.class);

  /** The namespace of the {@code notifications} call and its response. */
  public static final String OUTBOUND_NS = "http://soap.sforce.com/2005/09/outbound";

  /** The content type of {@link #ACK}. */
  public static final String ACK_CONTENT_TYPE = "text/xml; charset=utf-8";

  /**
   * The {@code notificationsResponse} Salesforce requires, with {@code Ack} true; any other answer
   * counts as a failed delivery and is retried.
   */
  public static final String ACK = """
      <?xml version="1.0" encoding="UTF-8"?>
      <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
        <soapenv:Body>
          <notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound">
            <Ack>true</Ack>
          </notificationsResponse>
        </soapenv:Body>
      </soapenv:Envelope>
      """;

  /** The store scope of delivered notification ids. */
  static final String ONCE_SCOPE = "salesforce.outbound";

  /** The most notifications one message carries, per the outbound messaging WSDL. */
  static final int MAX_NOTIFICATIONS = 100;

  private static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
  private static final String ORGANIZATION_PREFIX = "00D";
  /** Where a calendar date starts first: a date-only CloseDate cannot have been reached earlier. */
  private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);
  private static final Pattern NOTIFICATION_ID = Pattern.compile("[A-Za-z0-9]{15}|[A-Za-z0-9]{18}");

  private final Set<String> organizationIds;
  private final WonStages wonStages;
  private final PushGate gate;
  private final Clock clock;

  /**
   * Accepts messages from the given organizations, with "Closed Won" as the won stage.
   *
   * @param organizationIds the expected organization ids, 15 or 18 characters
   * @throws IllegalArgumentException when no id is given or one is not an organization id
   */
  public OutboundMessages(Collection<String> organizationIds, BriefStore store, Clock clock) {
    this(organizationIds, WonStages.DEFAULT, store, clock);
  }

  /**
   * Accepts messages from the given organizations, firing for the given won stages.
   *
   * @param organizationIds the expected organization ids, 15 or 18 characters
   * @param wonStages the stage names that mean won (besides {@code IsWon} true)
   * @throws IllegalArgumentException when a list is empty or an id is not an organization id
   */
  public OutboundMessages(Collection<String> organizationIds, Collection<String> wonStages, BriefStore store,
      Clock clock) {
    if (organizationIds == null || organizationIds.isEmpty()) {
      throw new IllegalArgumentException("organizationIds is empty: name the Salesforce organization id(s)"
          + " whose outbound messages to accept (Setup > Company Information > Salesforce.com Organization ID)");
    }
    this.organizationIds = organizationIds.stream().map(OutboundMessages::organizationId)
        .collect(Collectors.toUnmodifiableSet());
    this.wonStages = new WonStages(wonStages);
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.gate = new PushGate(store, clock);
  }

  /**
   * What a received message did.
   *
   * @param fired the won deals new to the store, in the message's order
   * @param notifications how many notifications the message carried
   * @param repeated how many of them were delivered before (a retry, or another worker)
   * @param ackBody the exact body to answer Salesforce with ({@link #ACK})
   */
  public record Receipt(List<Fired> fired, int notifications, int repeated, String ackBody) {
    public Receipt {
      fired = List.copyOf(fired);
    }
  }

  /**
   * Checks, stores and answers one outbound message.
   *
   * @param soapBody the HTTP request body as received
   * @throws SalesforceEventException when the body is not a {@code notifications} envelope, carries a
   *     DTD, comes from an organization not configured, or is about another object; nothing is stored
   */
  public Receipt receive(byte[] soapBody) {
    Objects.requireNonNull(soapBody, "soapBody == null");
    Element notifications = notificationsElement(parse(soapBody));
    String organizationId = checkOrganization(text(only(notifications, "OrganizationId")));
    List<Element> items = children(notifications, OUTBOUND_NS, "Notification");
    if (items.isEmpty() || items.size() > MAX_NOTIFICATIONS) {
      throw malformed("an outbound message carries 1 to " + MAX_NOTIFICATIONS + " Notification elements, this one "
          + items.size());
    }
    // Everything is read and checked before the first store write, so a refused message changes nothing.
    var events = new ArrayList<PushGate.Event>(items.size());
    for (Element item : items) {
      events.add(event(item));
    }
    PushGate.Passed passed = gate.pass(ONCE_SCOPE, events);
    LOG.info("Salesforce outbound message from organization {}: {} notification(s), {} repeated, {} deal(s) fired",
        organizationId, items.size(), passed.repeated(), passed.fired().size());
    return new Receipt(passed.fired(), items.size(), passed.repeated(), ACK);
  }

  private PushGate.Event event(Element notification) {
    String notificationId = text(only(notification, "Id"));
    if (!NOTIFICATION_ID.matcher(notificationId).matches()) {
      throw malformed("a notification Id is 15 or 18 letters and digits");
    }
    Element sObject = only(notification, "sObject");
    String type = sObject.getAttributeNS(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "type");
    String localType = type.substring(type.indexOf(':') + 1);
    if (!type.isEmpty() && !localType.equals("Opportunity")) {
      throw new SalesforceEventException(Reason.NOT_AN_OPPORTUNITY, "the outbound message is about "
          + printable(localType) + " records; point only Opportunity outbound messages at this endpoint");
    }
    String opportunityId = opportunityId(field(sObject, "Id"));
    String isWon = field(sObject, "IsWon");
    String stage = field(sObject, "StageName");
    if (isWon == null && stage == null) {
      LOG.warn("Salesforce outbound notification {} carries neither IsWon nor StageName, so it cannot say whether"
          + " opportunity {} is won; add IsWon to the outbound message's fields", notificationId, opportunityId);
    }
    boolean won = "true".equalsIgnoreCase(isWon) || wonStages.isWon(stage);
    if (!won) {
      return new PushGate.Event(notificationId, null);
    }
    var ref = new DealRef(opportunityId, DealRef.Trigger.OUTBOUND_MESSAGE, clock.instant(), false);
    WonMoment moment = wonMoment(sObject, opportunityId);
    String why = (stage == null ? "won" : "stage " + printable(stage))
        + (moment == null ? "" : " at " + moment.key()) + " (outbound message notification " + notificationId + ")";
    return new PushGate.Event(notificationId, new Fired(ref,
        PushGate.wonKey(opportunityId, moment == null ? null : moment.key()), why,
        moment == null ? null : moment.at()));
  }

  /** When a deal was won, and how its dedupe key names that moment. */
  private record WonMoment(Instant at, String key) {}

  /**
   * The won moment the message carries, or null. {@code LastStageChangeDate} (when the admin
   * included it in the message's fields) is the moment itself. A {@code CloseDate} is a date in
   * the org's time zone, which the message does not name, so it stands for the earliest instant
   * that date began anywhere (00:00 at UTC+14): a brief stored after it is taken as this win's,
   * which errs towards not briefing a same-day re-win twice over briefing one win twice.
   */
  private static WonMoment wonMoment(Element sObject, String opportunityId) {
    String stageChange = field(sObject, "LastStageChangeDate");
    if (stageChange != null) {
      try {
        Instant at = Instant.parse(stageChange);
        return new WonMoment(at, at.toString());
      } catch (DateTimeParseException e) {
        LOG.warn("Opportunity {}'s LastStageChangeDate in an outbound message is not an ISO-8601 instant; using its"
            + " CloseDate", opportunityId);
      }
    }
    String closeDate = field(sObject, "CloseDate");
    if (closeDate != null) {
      try {
        LocalDate date = LocalDate.parse(closeDate);
        return new WonMoment(date.atStartOfDay(EARLIEST_ZONE).toInstant(), date.toString());
      } catch (DateTimeParseException e) {
        LOG.warn("Opportunity {}'s CloseDate in an outbound message is not a date; its won moment is unknown",
            opportunityId);
      }
    }
    return null;
  }

  private String checkOrganization(String id) {
    String normalized;
    try {
      normalized = organizationId(id);
    } catch (IllegalArgumentException e) {
      throw new SalesforceEventException(Reason.WRONG_ORGANIZATION, "the outbound message's OrganizationId is not"
          + " an organization id: " + e.getMessage());
    }
    if (!organizationIds.contains(normalized)) {
      throw new SalesforceEventException(Reason.WRONG_ORGANIZATION, "the outbound message comes from organization "
          + normalized + ", which is not configured; add it to the accepted organization ids if it is yours");
    }
    return normalized;
  }

  private static String organizationId(String id) {
    return SalesforceIds.normalize(id, ORGANIZATION_PREFIX, "Organization");
  }

  private static String opportunityId(String id) {
    if (id == null) {
      throw malformed("a notification's sObject has no Id");
    }
    try {
      return SalesforceIds.normalize(id, SalesforceIds.OPPORTUNITY_PREFIX, "Opportunity");
    } catch (IllegalArgumentException e) {
      throw new SalesforceEventException(Reason.NOT_AN_OPPORTUNITY, "a notification's sObject Id is refused: "
          + e.getMessage());
    }
  }

  // ---- XML

  /**
   * A parser that reads no DTD and resolves no entity: an outbound message never has one, and
   * allowing them would open the endpoint to XXE and entity-expansion attacks.
   */
  private static Document parse(byte[] body) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder builder = f.newDocumentBuilder();
      builder.setErrorHandler(RETHROW);
      return builder.parse(new ByteArrayInputStream(body));
    } catch (SAXException | IOException e) {
      // The parser's message says where the XML broke; it quotes no content of the body.
      throw malformed("the body is not well-formed XML without a DTD (" + printable(e.getMessage()) + ")");
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
    }
  }

  /** Fails on the first problem instead of printing "[Fatal Error]" to standard error. */
  private static final ErrorHandler RETHROW = new ErrorHandler() {
    @Override
    public void warning(SAXParseException e) {}

    @Override
    public void error(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw e;
    }
  };

  private static Element notificationsElement(Document doc) {
    Element envelope = doc.getDocumentElement();
    if (!SOAP_NS.equals(envelope.getNamespaceURI()) || !"Envelope".equals(envelope.getLocalName())) {
      throw malformed("the body is not a SOAP 1.1 Envelope");
    }
    List<Element> body = children(envelope, SOAP_NS, "Body");
    if (body.size() != 1) {
      throw malformed("the SOAP Envelope has no single Body");
    }
    List<Element> call = children(body.get(0), OUTBOUND_NS, "notifications");
    if (call.size() != 1) {
      throw malformed("the SOAP Body holds no notifications element in namespace " + OUTBOUND_NS);
    }
    return call.get(0);
  }

  private static Element only(Element parent, String localName) {
    List<Element> found = children(parent, OUTBOUND_NS, localName);
    if (found.size() != 1) {
      throw malformed("a " + parent.getLocalName() + " element needs exactly one " + localName + ", it has "
          + found.size());
    }
    return found.get(0);
  }

  /** A field of the sObject, whatever its namespace prefix; null when the admin did not include it or it is nil. */
  private static String field(Element sObject, String localName) {
    for (Element e : children(sObject, null, localName)) {
      if (!"true".equals(e.getAttributeNS(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "nil"))) {
        return text(e);
      }
    }
    return null;
  }

  /** The child elements with the given name; a null namespace matches any. */
  private static List<Element> children(Element parent, String ns, String localName) {
    var out = new ArrayList<Element>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(e.getLocalName())
          && (ns == null || ns.equals(e.getNamespaceURI()))) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element e) {
    return e.getTextContent().strip();
  }

  private static SalesforceEventException malformed(String why) {
    return new SalesforceEventException(Reason.MALFORMED, "the Salesforce outbound message is refused: " + why);
  }

  /** Cut short and without control characters, so a hostile body cannot forge log lines or flood a message. */
  static String printable(String s) {
    if (s == null) {
      return "";
    }
    String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
