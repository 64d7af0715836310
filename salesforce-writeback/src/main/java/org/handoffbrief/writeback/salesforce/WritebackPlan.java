package org.handoffbrief.writeback.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The exact list of Salesforce writes one stored brief causes, made before anything is written:
 * printable for a dry run ({@link #render()}), storable in the outbox ({@link #toJson()},
 * {@link #fromJson(String)}) so a rerun makes exactly the writes first planned.
 *
 * @param planKey the outbox key, {@code salesforce:<briefId>}
 * @param briefId the stored brief the plan was made from
 * @param opportunityId the opportunity
 * @param instanceUrl the org's instance URL, for record links
 * @param writes the writes in the order they are made
 */
public record WritebackPlan(String planKey, String briefId, String opportunityId, String instanceUrl,
    List<PlannedWrite> writes) {

  /**
   * Stands for the brief record's id in a value until it is written; a record id has 18
   * characters, which {@link WritebackPlanner} reserves when it trims.
   */
  public static final String BRIEF_RECORD_ID = "{briefRecordId}";

  private static final ObjectMapper JSON = new ObjectMapper();

  public WritebackPlan {
    Objects.requireNonNull(planKey, "planKey == null");
    Objects.requireNonNull(briefId, "briefId == null");
    Objects.requireNonNull(opportunityId, "opportunityId == null");
    writes = List.copyOf(writes);
  }

  /** The write with this item key, or null. */
  public PlannedWrite write(String itemKey) {
    return writes.stream().filter(w -> w.itemKey().equals(itemKey)).findFirst().orElse(null);
  }

  /** The outbox key of a write: {@code <planKey>/<itemKey>}. */
  public String writeKey(PlannedWrite w) {
    return planKey + "/" + w.itemKey();
  }

  /**
   * One write: an upsert of one record on its external id, or a write that will be skipped and why.
   *
   * @param itemKey the write's key within the plan, e.g. {@code task}, {@code followup/<claim id>}
   * @param sObjectType e.g. {@code Task}
   * @param externalIdField the upsert's external id field
   * @param externalId the record's stable key, e.g. {@code 006.../handoff/task}
   * @param fields field values in the order they are sent, the external id among them
   * @param description one line a person reads
   * @param notes what was trimmed or dropped, which owner fell back
   * @param skipReason why the write will not be made (an object or external id field not deployed), or null
   */
  public record PlannedWrite(String itemKey, String sObjectType, String externalIdField, String externalId,
      Map<String, String> fields, String description, List<String> notes, String skipReason) {

    public PlannedWrite {
      Objects.requireNonNull(itemKey, "itemKey == null");
      Objects.requireNonNull(sObjectType, "sObjectType == null");
      Objects.requireNonNull(externalIdField, "externalIdField == null");
      Objects.requireNonNull(externalId, "externalId == null");
      Objects.requireNonNull(description, "description == null");
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
      notes = List.copyOf(notes);
    }

    /** Whether the write will be skipped rather than made. */
    public boolean skipped() {
      return skipReason != null;
    }

    /** The target as the outbox and audit trail name it, e.g. {@code salesforce:Task}. */
    public String target() {
      return "salesforce:" + sObjectType;
    }
  }

  /**
   * The plan for a person: each write with what, where, which record key, its fields (long values
   * cut for the screen) and what was trimmed or dropped.
   */
  public String render() {
    var sb = new StringBuilder();
    sb.append("Salesforce write-back plan ").append(planKey).append(" (").append(writes.size()).append(" writes)\n");
    int n = 0;
    for (PlannedWrite w : writes) {
      sb.append('\n').append(++n).append(". ").append(w.description()).append('\n');
      sb.append("   upsert ").append(w.sObjectType()).append(" on ").append(w.externalIdField()).append(" = ")
          .append(w.externalId()).append('\n');
      if (w.skipped()) {
        sb.append("   SKIPPED: ").append(w.skipReason()).append('\n');
      }
      w.fields().forEach((k, v) -> sb.append("   ").append(k).append(": ").append(screen(v)).append('\n'));
      w.notes().forEach(note -> sb.append("   note: ").append(note).append('\n'));
    }
    return sb.toString();
  }

  private static String screen(String v) {
    if (v == null) {
      return "(empty)";
    }
    String one = v.replace("\r", "").replace('\n', '|');
    return one.length() > 120 ? one.substring(0, 117) + "... (" + v.length() + " characters)" : one;
  }

  /** The plan as JSON, for {@link org.handoffbrief.store.OutboxPlan#planJson()}. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("planKey", planKey).put("briefId", briefId).put("opportunityId", opportunityId)
        .put("instanceUrl", instanceUrl);
    ArrayNode ws = root.putArray("writes");
    for (PlannedWrite w : writes) {
      ObjectNode o = ws.addObject();
      o.put("itemKey", w.itemKey()).put("sObjectType", w.sObjectType()).put("externalIdField", w.externalIdField())
          .put("externalId", w.externalId()).put("description", w.description()).put("skipReason", w.skipReason());
      ObjectNode f = o.putObject("fields");
      w.fields().forEach(f::put);
      ArrayNode notes = o.putArray("notes");
      w.notes().forEach(notes::add);
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serialises", e);
    }
  }

  /**
   * The plan {@link #toJson()} wrote.
   *
   * @throws IllegalArgumentException when {@code json} is not such a plan
   */
  public static WritebackPlan fromJson(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      var writes = new ArrayList<PlannedWrite>();
      for (JsonNode o : root.path("writes")) {
        var fields = new LinkedHashMap<String, String>();
        o.path("fields").properties().forEach(e -> fields.put(e.getKey(), e.getValue().isNull() ? null
            : e.getValue().asText()));
        var notes = new ArrayList<String>();
        o.path("notes").forEach(n -> notes.add(n.asText()));
        writes.add(new PlannedWrite(text(o, "itemKey"), text(o, "sObjectType"), text(o, "externalIdField"),
            text(o, "externalId"), fields, text(o, "description"), notes, text(o, "skipReason")));
      }
      return new WritebackPlan(text(root, "planKey"), text(root, "briefId"), text(root, "opportunityId"),
          text(root, "instanceUrl"), writes);
    } catch (JsonProcessingException | NullPointerException e) {
      throw new IllegalArgumentException("not a stored write-back plan: " + e.getClass().getSimpleName(), e);
    }
  }

  private static String text(JsonNode o, String name) {
    JsonNode n = o.get(name);
    return n == null || n.isNull() ? null : n.asText();
  }
}
