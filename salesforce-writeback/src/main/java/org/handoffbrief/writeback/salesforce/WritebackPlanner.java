package org.handoffbrief.writeback.salesforce;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.handoffbrief.audit.RolloutDecision;
import org.handoffbrief.audit.WriteBackTarget;
import org.handoffbrief.model.BriefChanges;
import org.handoffbrief.model.Citation;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.Section;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.render.JsonBriefRenderer;
import org.handoffbrief.render.MarkdownBriefRenderer;
import org.handoffbrief.store.StoredBrief;
import org.handoffbrief.writeback.salesforce.WritebackConfig.SuccessPlanPart;
import org.handoffbrief.writeback.salesforce.WritebackPlan.PlannedWrite;

/**
 * Turns a stored brief and what the org told us into a {@link WritebackPlan}. Pure: no call is
 * made here, so the plan a dry run prints is the plan that runs.
 */
final class WritebackPlanner {
  /** Task.Subject is a 255-character field in every org (Object Reference, "Task"). */
  static final int SUBJECT_LIMIT = 255;
  /** Task.Description is a 32,000-character long text area. */
  static final int DESCRIPTION_LIMIT = 32_000;
  /** The largest long text area Salesforce allows, and the shipped Brief__c's length. */
  static final int LONG_TEXT_LIMIT = 131_072;
  /** A custom object's Name field. */
  static final int NAME_LIMIT = 80;
  /** A Salesforce record id's length, reserved where {@link WritebackPlan#BRIEF_RECORD_ID} stands in a value. */
  static final int RECORD_ID_LENGTH = 18;

  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final List<SectionId> SUMMARY = List.of(SectionId.ACCOUNT_SNAPSHOT, SectionId.STAKEHOLDERS,
      SectionId.COMMITMENTS, SectionId.RISKS, SectionId.OPEN_THREADS);

  private final WritebackConfig config;
  private final RolloutDecision rollout;

  /** A planner; {@code rollout} null: no rollout policy, every configured write is made. */
  WritebackPlanner(WritebackConfig config, RolloutDecision rollout) {
    this.config = config;
    this.rollout = rollout;
  }

  /**
   * Why the rollout policy has {@code target} off, or null when it is on (or there is no policy).
   * The CRM Task is never switched off ({@link WriteBackTarget#earned()} is false for it).
   */
  private String off(WriteBackTarget target) {
    if (rollout == null || rollout.isOn(target)) {
      return null;
    }
    return target.wireId().replace('_', ' ') + " off by the rollout policy (" + rollout.week() + "): "
        + rollout.reason();
  }

  WritebackPlan plan(StoredBrief stored, OrgFacts org) {
    HandoffBrief brief = stored.brief();
    String opp = stored.opportunityId();
    String kind = stored.kind().wireId();
    String owner = config.taskOwnerId() != null ? config.taskOwnerId() : org.opportunityOwnerId();
    String accountId = org.accountId() != null ? org.accountId() : stored.accountId();
    var writes = new ArrayList<PlannedWrite>();

    // The brief record is the "stored insight": while the policy has it off, links go to the opportunity.
    boolean briefRecordLink = config.briefLink() == null && config.brief() && off(WriteBackTarget.STORED_INSIGHT) == null
        && org.has(config.briefObject())
        && org.field(config.briefObject(), config.briefKeyField()) != null;
    String link = config.briefLink() != null ? config.briefLink().replace(WritebackConfig.BRIEF_ID_PLACEHOLDER,
        stored.briefId())
        : briefRecordLink ? org.instanceUrl() + "/lightning/r/" + config.briefObject() + "/"
            + WritebackPlan.BRIEF_RECORD_ID + "/view"
            : org.instanceUrl() + "/lightning/r/Opportunity/" + opp + "/view";

    // The brief first: with no link template, the others link to its record page.
    if (config.brief()) {
      var w = new Draft("brief", config.briefObject(), config.briefKeyField(),
          opp + "/" + kind + "/brief/v" + stored.version(),
          "Full " + kind + " brief v" + stored.version() + " on " + config.briefObject());
      w.policyOff = off(WriteBackTarget.STORED_INSIGHT);
      w.put("Name", cut(kind + " brief v" + stored.version() + ": " + brief.opportunityName(), NAME_LIMIT, w, "Name"));
      w.put("Account__c", accountId);
      w.put("Opportunity__c", opp);
      w.put("Kind__c", kind);
      w.put("Version__c", Integer.toString(stored.version()));
      String text = config.briefFormat() == WritebackConfig.BriefFormat.JSON ? JsonBriefRenderer.create().render(brief)
          : MarkdownBriefRenderer.create(config.zone()).render(brief);
      String own = config.briefLink() != null ? link : null;
      w.putLong("Brief__c", text, own, LONG_TEXT_LIMIT, org, "the full brief is kept in the brief store as "
          + stored.briefId());
      writes.add(w.finish(org));
    }

    if (config.successPlan()) {
      String object = config.successPlanObject();
      var w = new Draft("success-plan", object, config.successPlanKeyField(), opp + "/success-plan",
          "Success plan for " + brief.opportunityName() + " on " + object + " (one per opportunity, updated by later"
              + " briefs)");
      w.policyOff = off(WriteBackTarget.SUCCESS_PLAN);
      w.put("Name", cut("Success plan: " + brief.opportunityName(), NAME_LIMIT, w, "Name"));
      w.put(config.successPlanField(SuccessPlanPart.OPPORTUNITY), opp);
      w.put(config.successPlanField(SuccessPlanPart.ACCOUNT), accountId);
      String goLive = goLive(brief);
      if (goLive != null) {
        w.put(config.successPlanField(SuccessPlanPart.GO_LIVE), goLive);
      }
      w.putLong(config.successPlanField(SuccessPlanPart.MILESTONES), milestones(brief, goLive), null, LONG_TEXT_LIMIT,
          org, null);
      w.putLong(config.successPlanField(SuccessPlanPart.RISKS), lines(brief.section(SectionId.RISKS), false), link,
          LONG_TEXT_LIMIT, org, null);
      w.putLong(config.successPlanField(SuccessPlanPart.STAKEHOLDERS), lines(brief.section(SectionId.STAKEHOLDERS),
          false), link, LONG_TEXT_LIMIT, org, null);
      w.putLong(config.successPlanField(SuccessPlanPart.COMMITMENTS), lines(brief.section(SectionId.COMMITMENTS),
          false), link, LONG_TEXT_LIMIT, org, null);
      w.put(config.successPlanField(SuccessPlanPart.BRIEF_LINK), link);
      writes.add(w.finish(org));
    }

    if (config.task()) {
      var w = new Draft("task", "Task", config.taskKeyField(), opp + "/" + kind + "/task",
          "Completed Task on opportunity " + opp + ": the " + kind + " brief's summary and link");
      w.put("WhatId", opp);
      w.put("Subject", cut(title(kind) + " brief: " + brief.opportunityName(), SUBJECT_LIMIT, w, "Subject"));
      w.put("Status", "Completed");
      w.put("ActivityDate", brief.generatedAt().atZone(config.zone()).toLocalDate().toString());
      w.put("OwnerId", owner);
      w.putLong("Description", summary(brief), link, DESCRIPTION_LIMIT, org, null);
      writes.add(w.finish(org));
    }

    if (config.followUps()) {
      var threads = new java.util.HashSet<String>();
      for (Claim c : brief.section(SectionId.OPEN_THREADS).claims()) {
        String thread = threadKey(c.citations());
        if (!threads.add(thread)) {
          continue; // two claims about one thread: one follow-up
        }
        var w = new Draft("followup/" + c.id(), "Task", config.taskKeyField(), opp + "/followup/" + thread,
            "Follow-up Task for open thread " + c.id());
        w.policyOff = off(WriteBackTarget.FOLLOW_UP_TASKS);
        w.put("WhatId", opp);
        w.put("Subject", cut("Follow up: " + c.text(), SUBJECT_LIMIT, w, "Subject"));
        w.put("Status", "Not Started");
        String due = c.attributes().get("due");
        if (due != null && DAY.matcher(due).matches()) {
          w.put("ActivityDate", due);
        }
        w.put("OwnerId", followUpOwner(c.attributes().get("owedBy"), owner, org, w));
        w.putLong("Description", c.text() + citations(c), link, DESCRIPTION_LIMIT, org, null);
        writes.add(w.finish(org));
      }
    }
    if (config.followUps() && brief.changes() != null) {
      // Threads the previous brief had open and this one finds closed: their follow-up Tasks are done.
      for (BriefChanges.Item item : brief.changes().items()) {
        if (item.category() != BriefChanges.Category.OPEN_THREAD || item.change() != BriefChanges.Change.CLOSED) {
          continue;
        }
        String thread = threadKey(item.citations());
        var w = new Draft("followup-closed/" + thread, "Task", config.taskKeyField(), opp + "/followup/" + thread,
            "Follow-up Task completed: the thread is closed since " + brief.changes().since().briefId());
        w.policyOff = off(WriteBackTarget.FOLLOW_UP_TASKS);
        w.put("WhatId", opp);
        w.put("Subject", cut("Follow up (closed): " + item.text(), SUBJECT_LIMIT, w, "Subject"));
        w.put("Status", "Completed");
        w.putLong("Description", item.text() + citationLinks(item.citations()), link, DESCRIPTION_LIMIT, org, null);
        writes.add(w.finish(org));
      }
    }
    return new WritebackPlan("salesforce:" + stored.briefId(), stored.briefId(), opp, org.instanceUrl(), writes);
  }

  /**
   * A thread's stable key across briefs: a digest of where it started (its earliest citation's
   * evidence and quote). Claim ids are renumbered from brief to brief; where a thread started is
   * not, so a later brief's follow-up for the same thread lands on the same Task.
   */
  static String threadKey(List<Citation> citations) {
    Citation first = citations.stream().min(java.util.Comparator.comparing(Citation::timestamp)
        .thenComparing(Citation::evidenceId).thenComparingInt(Citation::start)).orElseThrow();
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest((first.evidenceId() + "\n" + first.quote()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The person who owes a thread as an active user; the task owner, with a note, when none or several match. */
  private static String followUpOwner(String owedBy, String fallback, OrgFacts org, Draft w) {
    if (owedBy == null || owedBy.isBlank()) {
      w.notes.add("nobody is named as owing this thread; assigned to the task owner " + fallback);
      return fallback;
    }
    List<String> ids = org.usersByName().getOrDefault(owedBy.strip().toLowerCase(java.util.Locale.ROOT), List.of());
    if (ids.size() == 1) {
      return ids.get(0);
    }
    w.notes.add(ids.isEmpty()
        ? owedBy + " is not an active Salesforce user; assigned to the task owner " + fallback
        : ids.size() + " active Salesforce users are named " + owedBy + "; assigned to the task owner " + fallback);
    return fallback;
  }

  /** The go-live target the brief states, as a day; null when it has none. */
  private static String goLive(HandoffBrief brief) {
    for (Claim c : brief.section(SectionId.ACCOUNT_SNAPSHOT).claims()) {
      String v = c.attributes().get("go_live");
      if (v != null && DAY.matcher(v).matches()) {
        return v;
      }
    }
    return null;
  }

  /** Go-live, then every commitment with a due day, earliest first. */
  private static String milestones(HandoffBrief brief, String goLive) {
    var rows = new ArrayList<String>();
    for (Claim c : brief.section(SectionId.COMMITMENTS).claims()) {
      String due = c.attributes().get("due");
      if (due != null && DAY.matcher(due).matches()) {
        rows.add(due + ": " + c.text() + link(c));
      }
    }
    if (goLive != null) {
      rows.add(goLive + ": Go-live");
    }
    rows.sort(null);
    return String.join("\n", rows);
  }

  /** The compact summary on the Task: each summary section's shown claims with their first link. */
  private static String summary(HandoffBrief brief) {
    var sb = new StringBuilder();
    sb.append(brief.opportunityName()).append(" (").append(brief.accountName()).append(")\n");
    for (SectionId id : SUMMARY) {
      String body = lines(brief.section(id), true);
      if (!body.isEmpty()) {
        sb.append('\n').append(id.title()).append(":\n").append(body).append('\n');
      }
    }
    return sb.toString().strip();
  }

  private static String lines(Section s, boolean shownOnly) {
    var sb = new StringBuilder();
    for (Claim c : shownOnly ? s.shownClaims() : s.claims()) {
      sb.append("- ").append(c.text()).append(link(c)).append('\n');
    }
    return sb.toString().strip();
  }

  private static String link(Claim c) {
    for (Citation cite : c.citations()) {
      URI u = cite.permalink();
      if (u != null) {
        return " (" + u + ")";
      }
    }
    return "";
  }

  private static String citations(Claim c) {
    return citationLinks(c.citations());
  }

  private static String citationLinks(List<Citation> citations) {
    var sb = new StringBuilder();
    for (Citation cite : citations) {
      sb.append("\nSource: ").append(cite.permalink() != null ? cite.permalink() : cite.evidenceId());
    }
    return sb.toString();
  }

  private static String title(String kind) {
    return Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
  }

  /** {@code text} cut to {@code max} characters with "...", noted on the write. */
  private static String cut(String text, int max, Draft w, String field) {
    if (text.length() <= max) {
      return text;
    }
    w.notes.add(field + " trimmed from " + text.length() + " to " + max + " characters");
    return safeCut(text, max - 3) + "...";
  }

  /** Cuts without splitting a surrogate pair. */
  static String safeCut(String s, int n) {
    if (n <= 0) {
      return "";
    }
    int end = Math.min(n, s.length());
    if (end > 0 && end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** A write being planned: its fields, then checked against the org's metadata by {@link #finish}. */
  private final class Draft {
    final String itemKey;
    final String object;
    final String keyField;
    final String key;
    final String description;
    final Map<String, String> fields = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    /** Why the rollout policy has this write off, or null. */
    String policyOff;

    Draft(String itemKey, String object, String keyField, String key, String description) {
      this.itemKey = itemKey;
      this.object = object;
      this.keyField = keyField;
      this.key = key;
      this.description = description;
    }

    void put(String field, String value) {
      if (value != null) {
        fields.put(field, value);
      }
    }

    /**
     * A long text value that always ends with the link (when there is one), trimmed to the field's
     * length as the org describes it (or {@code fallbackMax}) with "... full brief: link".
     */
    void putLong(String field, String text, String link, int fallbackMax, OrgFacts org, String trimmedWithoutLink) {
      if (text == null || text.isBlank()) {
        return;
      }
      OrgFacts.Field f = org.field(object, field);
      int max = f != null && f.length() > 0 ? f.length() : fallbackMax;
      int reserve = link != null && link.contains(WritebackPlan.BRIEF_RECORD_ID)
          ? RECORD_ID_LENGTH - WritebackPlan.BRIEF_RECORD_ID.length() : 0;
      String whole = link == null ? text : text + "\n\nFull brief: " + link;
      if (whole.length() + reserve <= max) {
        fields.put(field, whole);
        return;
      }
      String tail = link != null ? "\n... full brief: " + link
          : "\n... (trimmed" + (trimmedWithoutLink == null ? ")" : "; " + trimmedWithoutLink + ")");
      String trimmed = safeCut(text, max - reserve - tail.length()) + tail;
      notes.add(field + " trimmed from " + text.length() + " to " + (trimmed.length() + reserve)
          + " characters (the field holds " + max + ")" + (link != null ? ", ending with the link to the full brief"
              : ""));
      fields.put(field, trimmed);
    }

    /** The write, with fields the org lacks dropped (noted) and a skip reason when it cannot be made. */
    PlannedWrite finish(OrgFacts org) {
      fields.put(keyField, key);
      String skip = null;
      if (policyOff != null) {
        skip = policyOff;
      } else if (!org.has(object)) {
        skip = object + " is not deployed in this org; deploy salesforce-writeback/force-app (see DEPLOY.md)";
      } else if (org.field(object, keyField) == null) {
        // Never a plain create instead: without its external id a rerun would make a second record.
        skip = "external id field " + object + "." + keyField + " is not deployed in this org (or not visible to the"
            + " integration user); deploy salesforce-writeback/force-app and assign the Handoff_Writeback permission"
            + " set (see DEPLOY.md)";
      } else {
        for (String field : List.copyOf(fields.keySet())) {
          if (org.field(object, field) == null) {
            fields.remove(field);
            notes.add("field " + object + "." + field + " is not in this org (or not visible to the integration"
                + " user); left out of this write");
          }
        }
      }
      return new PlannedWrite(itemKey, object, keyField, key, fields, description, notes, skip);
    }
  }
}
