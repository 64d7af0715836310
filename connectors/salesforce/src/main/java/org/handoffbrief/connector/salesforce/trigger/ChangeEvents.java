package org.handoffbrief.connector.salesforce.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.handoffbrief.connector.salesforce.internal.SalesforceIds;
import org.handoffbrief.connector.salesforce.trigger.SalesforceEventException.Reason;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.trigger.Fired;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Salesforce change events, as the host's subscriber hands them over as JSON, into firings.
 * The host subscribes (Pub/Sub API, a CometD client, an integration engine's Salesforce component)
 * and passes each event's JSON to {@link #fired}; the library keeps no subscription and no replay id.
 *
 * <p>Two shapes are accepted, each either bare, as the {@code payload} of a
 * {@code {"schema", "payload", "event"}} message, or inside a CometD {@code data}; a JSON array
 * holds several events.
 * <ul>
 *   <li>An {@code OpportunityChangeEvent} (Change Data Capture), as the Change Data Capture
 *       Developer Guide documents its JSON: a {@code ChangeEventHeader} ({@code entityName},
 *       {@code changeType}, {@code changedFields}, {@code recordIds}, {@code commitTimestamp},
 *       {@code transactionKey}, {@code sequenceNumber}) beside the changed fields' new values. It
 *       fires for every record id of a {@code CREATE} or {@code UPDATE} whose {@code StageName}
 *       changed to a won stage or whose {@code IsWon} became true, and never for other changes.
 *       Gap and overflow events carry no values and are skipped; the Closed-Won poller catches those
 *       deals. Events about other objects are ignored, so a host may pass a mixed channel.</li>
 *   <li>A platform event the org publishes when a deal is won (from a flow or a trigger), with an
 *       {@code OpportunityId__c} (or {@code OpportunityId}) field, e.g.
 *       {@code {"payload": {"OpportunityId__c": "006...", "EventUuid": "...", "CreatedDate": "..."}}}.
 *       Publishing it says the deal is won, so it always fires; its {@code EventUuid}, when present,
 *       makes a redelivery the same event.</li>
 * </ul>
 *
 * <p>A change event is keyed on {@code <transactionKey>/<recordId>} in the store and a platform event
 * on its {@code EventUuid}, so a redelivered event is skipped; on top, each win fires once
 * (see {@link PushGate}). A change event's won moment ({@link Fired#wonAt()}) is its
 * {@code LastStageChangeDate} when the payload carries it, else its {@code commitTimestamp}; a
 * platform event's is unknown.
 */
public final class ChangeEvents {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeEvents.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The store scope of delivered change events ({@code <transactionKey>/<recordId>}). */
  static final String CHANGE_EVENT_SCOPE = "salesforce.change_event";
  /** The store scope of delivered platform events ({@code EventUuid}). */
  static final String PLATFORM_EVENT_SCOPE = "salesforce.platform_event";

  private final WonStages wonStages;
  private final PushGate gate;
  private final Clock clock;

  /** Fires for "Closed Won" (or {@code IsWon} becoming true). */
  public ChangeEvents(BriefStore store, Clock clock) {
    this(WonStages.DEFAULT, store, clock);
  }

  /**
   * Fires for the given won stages (or {@code IsWon} becoming true).
   *
   * @throws IllegalArgumentException when {@code wonStages} is empty
   */
  public ChangeEvents(Collection<String> wonStages, BriefStore store, Clock clock) {
    this.wonStages = new WonStages(wonStages);
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.gate = new PushGate(store, clock);
  }

  /**
   * The won deals in the given events that no worker sharing the store has fired before.
   *
   * @param json one event or a JSON array of events, in a shape described above
   * @throws SalesforceEventException when the JSON is malformed or an event has neither shape;
   *     nothing is stored
   */
  public List<Fired> fired(String json) {
    Objects.requireNonNull(json, "json == null");
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw malformed("the body is not JSON (" + OutboundMessages.printable(e.getOriginalMessage()) + ")");
    }
    if (root == null || root.isMissingNode()) {
      throw malformed("the body is empty");
    }
    // Everything is read and checked before the first store write, so a refused batch changes nothing.
    var changes = new ArrayList<PushGate.Event>();
    var platform = new ArrayList<PushGate.Event>();
    for (JsonNode node : root.isArray() ? root : List.of(root)) {
      JsonNode event = unwrap(node);
      if (event.has("ChangeEventHeader")) {
        changes.addAll(changeEvent(event));
      } else if (event.hasNonNull("OpportunityId__c") || event.hasNonNull("OpportunityId")) {
        platform.add(platformEvent(event));
      } else {
        throw malformed("an event is neither a change event (no ChangeEventHeader) nor a platform event with"
            + " an OpportunityId__c field");
      }
    }
    var fired = new ArrayList<Fired>(gate.pass(CHANGE_EVENT_SCOPE, changes).fired());
    fired.addAll(gate.pass(PLATFORM_EVENT_SCOPE, platform).fired());
    LOG.info("Salesforce change events: {} record change(s), {} platform event(s), {} deal(s) fired",
        changes.size(), platform.size(), fired.size());
    return List.copyOf(fired);
  }

  private List<PushGate.Event> changeEvent(JsonNode event) {
    JsonNode header = event.get("ChangeEventHeader");
    if (!header.isObject()) {
      throw malformed("ChangeEventHeader is not an object");
    }
    String entity = header.path("entityName").asText("");
    String changeType = header.path("changeType").asText("");
    if (!entity.equals("Opportunity")) {
      LOG.debug("Skipping a change event about {}: only Opportunity changes fire", OutboundMessages.printable(entity));
      return List.of();
    }
    if (!changeType.equals("CREATE") && !changeType.equals("UPDATE")) {
      // DELETE and UNDELETE say nothing about winning; GAP_ and GAP_OVERFLOW events carry no values.
      LOG.debug("Skipping an Opportunity change event of type {}", OutboundMessages.printable(changeType));
      return List.of();
    }
    String transactionKey = header.path("transactionKey").asText("");
    if (transactionKey.isBlank()) {
      throw malformed("the ChangeEventHeader has no transactionKey, which makes a redelivery the same event");
    }
    JsonNode recordIds = header.path("recordIds");
    if (!recordIds.isArray() || recordIds.isEmpty()) {
      throw malformed("the ChangeEventHeader has no recordIds");
    }
    String won = won(event, header, changeType);
    Instant committed = header.path("commitTimestamp").isNumber()
        ? Instant.ofEpochMilli(header.get("commitTimestamp").asLong()) : null;
    Instant at = committed != null ? committed : clock.instant();
    // The won moment: the stage change the event carries, else the commit that made it.
    Instant wonAt = won == null ? null : stageChange(event, committed);
    var out = new ArrayList<PushGate.Event>();
    for (JsonNode id : recordIds) {
      String opportunityId = opportunityId(id.asText(""));
      if (opportunityId == null) {
        continue;
      }
      Fired fired = won == null ? null : new Fired(
          new DealRef(opportunityId, DealRef.Trigger.CHANGE_EVENT, at, false),
          PushGate.wonKey(opportunityId, wonAt == null ? null : wonAt.toString()),
          won + " (change event, transaction " + OutboundMessages.printable(transactionKey) + ", committed " + at
              + ")", wonAt);
      out.add(new PushGate.Event(transactionKey + "/" + opportunityId, fired));
    }
    return out;
  }

  /** Why the change means won ("StageName changed to Closed Won"), or null when it does not. */
  private String won(JsonNode event, JsonNode header, String changeType) {
    List<String> changed = changedFields(header);
    // A CREATE lists no changed fields: every field it carries is new. An UPDATE carries only changed
    // fields, so when changedFields is absent (older API versions) or a bitmap, presence says changed.
    boolean byPresence = changeType.equals("CREATE") || changed.isEmpty();
    if ((byPresence || changed.contains("StageName")) && wonStages.isWon(event.path("StageName").asText(null))) {
      return "StageName changed to " + OutboundMessages.printable(event.get("StageName").asText());
    }
    if ((byPresence || changed.contains("IsWon")) && event.path("IsWon").asBoolean(false)) {
      return "IsWon became true";
    }
    return null;
  }

  /**
   * {@code LastStageChangeDate} when the event carries it (ISO text in JSON, epoch milliseconds
   * from a decoded Pub/Sub event), else {@code committed}; null when neither is known.
   */
  private static Instant stageChange(JsonNode event, Instant committed) {
    JsonNode v = event.path("LastStageChangeDate");
    if (v.isNumber()) {
      return Instant.ofEpochMilli(v.asLong());
    }
    if (v.isTextual()) {
      try {
        return Instant.parse(v.asText());
      } catch (DateTimeParseException e) {
        LOG.debug("A change event's LastStageChangeDate is not an ISO instant; using its commitTimestamp");
      }
    }
    return committed;
  }

  private static List<String> changedFields(JsonNode header) {
    var out = new ArrayList<String>();
    for (JsonNode f : header.path("changedFields")) {
      // Raw Pub/Sub events hold a hex bitmap ("0x...") instead of names until decoded.
      if (f.isTextual() && !f.asText().startsWith("0x")) {
        out.add(f.asText());
      }
    }
    return out;
  }

  private PushGate.Event platformEvent(JsonNode event) {
    JsonNode idNode = event.hasNonNull("OpportunityId__c") ? event.get("OpportunityId__c") : event.get("OpportunityId");
    String opportunityId;
    try {
      opportunityId = SalesforceIds.normalize(idNode.asText(""), SalesforceIds.OPPORTUNITY_PREFIX, "Opportunity");
    } catch (IllegalArgumentException e) {
      throw new SalesforceEventException(Reason.NOT_AN_OPPORTUNITY, "a platform event's OpportunityId__c is refused: "
          + e.getMessage());
    }
    Instant at = clock.instant();
    try {
      if (event.hasNonNull("CreatedDate")) {
        at = Instant.parse(event.get("CreatedDate").asText());
      }
    } catch (DateTimeParseException e) {
      LOG.debug("A platform event's CreatedDate is not an ISO instant; using the time it was received");
    }
    String uuid = event.path("EventUuid").asText("");
    String eventKey = uuid.isBlank() ? opportunityId : uuid;
    var ref = new DealRef(opportunityId, DealRef.Trigger.CHANGE_EVENT, at, false);
    // Its publish time is not the won moment (a flow may publish late, or twice): the win is keyed bare,
    // and any stored brief counts as its brief.
    return new PushGate.Event(eventKey, new Fired(ref, PushGate.wonKey(opportunityId, null),
        "won platform event published at " + at));
  }

  /** An 18-character opportunity id, or null (logged) for a record id that cannot be one. */
  private static String opportunityId(String id) {
    try {
      return SalesforceIds.normalize(id, SalesforceIds.OPPORTUNITY_PREFIX, "Opportunity");
    } catch (IllegalArgumentException e) {
      // An overflow event's wildcard ("006*") names no record; the poller catches those deals.
      LOG.warn("Skipping a change event record id: {}", e.getMessage());
      return null;
    }
  }

  /** The event itself, out of a CometD {@code data} and a {@code payload} wrapper. */
  private static JsonNode unwrap(JsonNode node) {
    JsonNode n = node;
    if (n.path("data").isObject()) {
      n = n.get("data");
    }
    if (n.path("payload").isObject()) {
      n = n.get("payload");
    }
    if (!n.isObject()) {
      throw malformed("an event is not a JSON object");
    }
    return n;
  }

  private static SalesforceEventException malformed(String why) {
    return new SalesforceEventException(Reason.MALFORMED, "the Salesforce change event is refused: " + why);
  }
}
