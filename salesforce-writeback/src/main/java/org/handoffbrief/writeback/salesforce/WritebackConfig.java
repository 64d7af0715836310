package org.handoffbrief.writeback.salesforce;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.handoffbrief.connector.salesforce.internal.SalesforceIds;
import org.handoffbrief.connector.salesforce.internal.Soql;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorSetting;

/**
 * What the Salesforce write-back writes and where: which of the four writes are on, who owns the
 * Task, where the full brief's link points, the success plan's object and field mapping, the
 * brief object, the external id fields, and whether a person must approve a plan first.
 * Immutable; make one with {@link #builder()}, {@link #ofDefaults()} or {@link #toBuilder()}.
 *
 * <p>From flat settings ({@link #SETTINGS}, e.g. a properties file):
 * {@code WritebackConfig.builder().configure(settings).build()}.
 */
public final class WritebackConfig {

  /** The success plan object this project ships in {@code force-app}. */
  public static final String DEFAULT_SUCCESS_PLAN_OBJECT = "Handoff_Success_Plan__c";
  /** The full brief's object this project ships in {@code force-app}. */
  public static final String DEFAULT_BRIEF_OBJECT = "Handoff_Brief__c";
  /** The external id field on Task (an Activity custom field), the success plan and the brief object. */
  public static final String DEFAULT_KEY_FIELD = "Handoff_Key__c";
  /** The placeholder of {@link Builder#briefLink(String)} that becomes the stored brief's id. */
  public static final String BRIEF_ID_PLACEHOLDER = "{briefId}";

  /**
   * The success plan's parts, each mapped to a field API name of the success plan object by
   * {@link Builder#successPlanField(SuccessPlanPart, String)}.
   */
  public enum SuccessPlanPart {
    /** Lookup to the opportunity. */
    OPPORTUNITY("Opportunity__c"),
    /** Lookup to the account. */
    ACCOUNT("Account__c"),
    /** The go-live target, a date. */
    GO_LIVE("Go_Live_Date__c"),
    /** Milestones: go-live and commitments with a due date, one per line. */
    MILESTONES("Milestones__c"),
    /** Implementation risks, one per line with its citation. */
    RISKS("Risks__c"),
    /** The stakeholder map, one person per line. */
    STAKEHOLDERS("Stakeholder_Map__c"),
    /** What was promised, one per line. */
    COMMITMENTS("Commitments__c"),
    /** A link to the full brief. */
    BRIEF_LINK("Brief_Link__c");

    private final String defaultField;

    SuccessPlanPart(String defaultField) {
      this.defaultField = defaultField;
    }

    /** The field on {@link #DEFAULT_SUCCESS_PLAN_OBJECT}. */
    public String defaultField() {
      return defaultField;
    }
  }

  /** Which form of the brief goes on the brief object. */
  public enum BriefFormat {
    /** The Markdown rendering: what a person reads on the record page. */
    MARKDOWN,
    /** The canonical JSON: what a program reads back. */
    JSON
  }

  /**
   * The settings {@link Builder#configure(Map)} reads, described as data so a host can list and
   * document them next to the connectors' settings.
   */
  public static final List<ConnectorSetting> SETTINGS = List.of(
      ConnectorSetting.optional("writeback.task", "Write the Task", ConnectorSetting.Type.BOOLEAN, "true",
          "A completed Task on the opportunity with the brief's summary and a link to the full brief."),
      ConnectorSetting.optional("writeback.successPlan", "Write the success plan", ConnectorSetting.Type.BOOLEAN,
          "true", "One success plan record per opportunity (go-live, milestones, risks, stakeholders)."),
      ConnectorSetting.optional("writeback.followUps", "Write follow-up Tasks", ConnectorSetting.Type.BOOLEAN, "true",
          "One open Task per open thread, assigned to the person who owes it, due when it is due."),
      ConnectorSetting.optional("writeback.brief", "Write the full brief", ConnectorSetting.Type.BOOLEAN, "true",
          "The full brief on the brief object, one record per stored version."),
      ConnectorSetting.optional("writeback.taskOwnerId", "Task owner", ConnectorSetting.Type.STRING, null,
          "A Salesforce User id (005...) that owns the Task and the follow-ups nobody else could be found for;"
              + " default: the opportunity's owner."),
      ConnectorSetting.optional("writeback.briefLink", "Brief link", ConnectorSetting.Type.STRING, null,
          "Where the full brief lives, with {briefId} for the stored brief's id, e.g."
              + " https://handoff.example.com/briefs/{briefId}; default: the brief object's record page."),
      ConnectorSetting.optional("writeback.successPlanObject", "Success plan object", ConnectorSetting.Type.STRING,
          DEFAULT_SUCCESS_PLAN_OBJECT, "The object success plans are written to."),
      ConnectorSetting.optional("writeback.successPlanFields", "Success plan fields", ConnectorSetting.Type.LIST, null,
          "part=Field__c pairs, comma-separated, that replace the default fields; parts: opportunity, account,"
              + " go_live, milestones, risks, stakeholders, commitments, brief_link."),
      ConnectorSetting.optional("writeback.briefObject", "Brief object", ConnectorSetting.Type.STRING,
          DEFAULT_BRIEF_OBJECT, "The object the full brief is written to."),
      ConnectorSetting.optional("writeback.briefFormat", "Brief format", ConnectorSetting.Type.STRING, "markdown",
          "markdown or json: the form of the brief on the brief object."),
      ConnectorSetting.optional("writeback.taskKeyField", "Task external id field", ConnectorSetting.Type.STRING,
          DEFAULT_KEY_FIELD, "The external id field on Task (an Activity custom field) that makes Task writes"
              + " idempotent."),
      ConnectorSetting.optional("writeback.successPlanKeyField", "Success plan external id field",
          ConnectorSetting.Type.STRING, DEFAULT_KEY_FIELD, "The external id field on the success plan object."),
      ConnectorSetting.optional("writeback.briefKeyField", "Brief external id field", ConnectorSetting.Type.STRING,
          DEFAULT_KEY_FIELD, "The external id field on the brief object."),
      ConnectorSetting.optional("writeback.approvalRequired", "Approval required", ConnectorSetting.Type.BOOLEAN,
          "false", "When true, a plan is stored and nothing is written to Salesforce until a person approves it."),
      ConnectorSetting.optional("writeback.timeZone", "Time zone", ConnectorSetting.Type.STRING, "UTC",
          "The zone the brief's day is read in for the Task's date, e.g. America/Los_Angeles (the org's zone)."),
      ConnectorSetting.optional("writeback.lease", "Write lease", ConnectorSetting.Type.DURATION, "PT5M",
          "How long a worker holds a write before another may take it over (a crashed worker's write)."));

  private final boolean task;
  private final boolean successPlan;
  private final boolean followUps;
  private final boolean brief;
  private final String taskOwnerId;
  private final String briefLink;
  private final String successPlanObject;
  private final Map<SuccessPlanPart, String> successPlanFields;
  private final String briefObject;
  private final BriefFormat briefFormat;
  private final String taskKeyField;
  private final String successPlanKeyField;
  private final String briefKeyField;
  private final boolean approvalRequired;
  private final ZoneId zone;
  private final Duration lease;

  private WritebackConfig(Builder b) {
    this.task = b.task;
    this.successPlan = b.successPlan;
    this.followUps = b.followUps;
    this.brief = b.brief;
    this.taskOwnerId = b.taskOwnerId;
    this.briefLink = b.briefLink;
    this.successPlanObject = b.successPlanObject;
    this.successPlanFields = Map.copyOf(b.successPlanFields);
    this.briefObject = b.briefObject;
    this.briefFormat = b.briefFormat;
    this.taskKeyField = b.taskKeyField;
    this.successPlanKeyField = b.successPlanKeyField;
    this.briefKeyField = b.briefKeyField;
    this.approvalRequired = b.approvalRequired;
    this.zone = b.zone;
    this.lease = b.lease;
  }

  /** Every write on, owner from the opportunity, the shipped objects and fields, no approval step. */
  public static WritebackConfig ofDefaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this config. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Whether the completed Task on the opportunity is written. */
  public boolean task() {
    return task;
  }

  /** Whether the success plan record is written. */
  public boolean successPlan() {
    return successPlan;
  }

  /** Whether follow-up Tasks are written. */
  public boolean followUps() {
    return followUps;
  }

  /** Whether the full brief is written to the brief object. */
  public boolean brief() {
    return brief;
  }

  /** The fixed Task owner's User id, or null for the opportunity's owner. */
  public String taskOwnerId() {
    return taskOwnerId;
  }

  /** The link template with {@link #BRIEF_ID_PLACEHOLDER}, or null for the brief record's own page. */
  public String briefLink() {
    return briefLink;
  }

  /** The success plan object's API name. */
  public String successPlanObject() {
    return successPlanObject;
  }

  /** The field a success plan part is written to. */
  public String successPlanField(SuccessPlanPart part) {
    return successPlanFields.get(part);
  }

  /** The brief object's API name. */
  public String briefObject() {
    return briefObject;
  }

  /** The form of the brief on the brief object. */
  public BriefFormat briefFormat() {
    return briefFormat;
  }

  /** The external id field on Task. */
  public String taskKeyField() {
    return taskKeyField;
  }

  /** The external id field on the success plan object. */
  public String successPlanKeyField() {
    return successPlanKeyField;
  }

  /** The external id field on the brief object. */
  public String briefKeyField() {
    return briefKeyField;
  }

  /** Whether a person must approve a plan before anything is written. */
  public boolean approvalRequired() {
    return approvalRequired;
  }

  /** The zone the brief's day is read in. */
  public ZoneId zone() {
    return zone;
  }

  /** How long a worker holds a write. */
  public Duration lease() {
    return lease;
  }

  @Override
  public String toString() {
    return "WritebackConfig[task=" + task + ", successPlan=" + successPlan + " (" + successPlanObject + "), followUps="
        + followUps + ", brief=" + brief + " (" + briefObject + ", " + briefFormat + "), approvalRequired="
        + approvalRequired + "]";
  }

  /** Builds a {@link WritebackConfig}; each setter checks its value at once. */
  public static final class Builder {
    private boolean task = true;
    private boolean successPlan = true;
    private boolean followUps = true;
    private boolean brief = true;
    private String taskOwnerId;
    private String briefLink;
    private String successPlanObject = DEFAULT_SUCCESS_PLAN_OBJECT;
    private final Map<SuccessPlanPart, String> successPlanFields = new LinkedHashMap<>();
    private String briefObject = DEFAULT_BRIEF_OBJECT;
    private BriefFormat briefFormat = BriefFormat.MARKDOWN;
    private String taskKeyField = DEFAULT_KEY_FIELD;
    private String successPlanKeyField = DEFAULT_KEY_FIELD;
    private String briefKeyField = DEFAULT_KEY_FIELD;
    private boolean approvalRequired;
    private ZoneId zone = ZoneOffset.UTC;
    private Duration lease = Duration.ofMinutes(5);

    private Builder() {
      for (SuccessPlanPart p : SuccessPlanPart.values()) {
        successPlanFields.put(p, p.defaultField());
      }
    }

    private Builder(WritebackConfig c) {
      task = c.task;
      successPlan = c.successPlan;
      followUps = c.followUps;
      brief = c.brief;
      taskOwnerId = c.taskOwnerId;
      briefLink = c.briefLink;
      successPlanObject = c.successPlanObject;
      successPlanFields.putAll(c.successPlanFields);
      briefObject = c.briefObject;
      briefFormat = c.briefFormat;
      taskKeyField = c.taskKeyField;
      successPlanKeyField = c.successPlanKeyField;
      briefKeyField = c.briefKeyField;
      approvalRequired = c.approvalRequired;
      zone = c.zone;
      lease = c.lease;
    }

    /** Whether the completed Task on the opportunity is written. */
    public Builder task(boolean on) {
      this.task = on;
      return this;
    }

    /** Whether the success plan is written. */
    public Builder successPlan(boolean on) {
      this.successPlan = on;
      return this;
    }

    /** Whether follow-up Tasks are written. */
    public Builder followUps(boolean on) {
      this.followUps = on;
      return this;
    }

    /** Whether the full brief is written. */
    public Builder brief(boolean on) {
      this.brief = on;
      return this;
    }

    /** A User id (005...) that owns the Task; null for the opportunity's owner. */
    public Builder taskOwnerId(String userId) {
      this.taskOwnerId = userId == null ? null : SalesforceIds.normalize(userId, "005", "User");
      return this;
    }

    /**
     * Where the full brief lives, an http(s) URL with {@link #BRIEF_ID_PLACEHOLDER}; null for the
     * brief object's record page once written.
     */
    public Builder briefLink(String template) {
      if (template != null) {
        String t = template.strip();
        if (!(t.startsWith("https://") || t.startsWith("http://")) || !t.contains(BRIEF_ID_PLACEHOLDER)) {
          throw new IllegalArgumentException("briefLink must be an http(s) URL containing " + BRIEF_ID_PLACEHOLDER
              + ", e.g. https://handoff.example.com/briefs/{briefId}, not '" + template + "'");
        }
        this.briefLink = t;
      } else {
        this.briefLink = null;
      }
      return this;
    }

    /** The success plan object, e.g. a custom object of your own. */
    public Builder successPlanObject(String objectName) {
      this.successPlanObject = Soql.requireFieldName(Objects.requireNonNull(objectName, "objectName == null"));
      return this;
    }

    /** The field one success plan part goes to. */
    public Builder successPlanField(SuccessPlanPart part, String fieldName) {
      Objects.requireNonNull(part, "part == null");
      successPlanFields.put(part, Soql.requireFieldName(fieldName));
      return this;
    }

    /** The brief object. */
    public Builder briefObject(String objectName) {
      this.briefObject = Soql.requireFieldName(Objects.requireNonNull(objectName, "objectName == null"));
      return this;
    }

    /** The form of the brief on the brief object. */
    public Builder briefFormat(BriefFormat format) {
      this.briefFormat = Objects.requireNonNull(format, "format == null");
      return this;
    }

    /** The external id field on Task. */
    public Builder taskKeyField(String fieldName) {
      this.taskKeyField = Soql.requireFieldName(fieldName);
      return this;
    }

    /** The external id field on the success plan object. */
    public Builder successPlanKeyField(String fieldName) {
      this.successPlanKeyField = Soql.requireFieldName(fieldName);
      return this;
    }

    /** The external id field on the brief object. */
    public Builder briefKeyField(String fieldName) {
      this.briefKeyField = Soql.requireFieldName(fieldName);
      return this;
    }

    /** Whether a person must approve a plan before anything is written. */
    public Builder approvalRequired(boolean required) {
      this.approvalRequired = required;
      return this;
    }

    /** The zone the brief's day is read in (the org's zone). */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone == null");
      return this;
    }

    /** How long a worker holds a write before another may take it over; positive. */
    public Builder lease(Duration lease) {
      Objects.requireNonNull(lease, "lease == null");
      if (lease.isZero() || lease.isNegative()) {
        throw new IllegalArgumentException("lease must be positive, not " + lease);
      }
      this.lease = lease;
      return this;
    }

    /**
     * Applies the {@code writeback.*} keys of {@link #SETTINGS} found in {@code settings}; other
     * keys are ignored and a key not given leaves this builder's value as it is.
     *
     * @throws IllegalArgumentException naming the key, for an unknown {@code writeback.*} key or a bad value
     */
    public Builder configure(Map<String, String> settings) {
      ConnectorConfig c = ConnectorConfig.of("writeback", SETTINGS, settings);
      if (given(settings, "writeback.task")) {
        task(c.getBoolean("writeback.task"));
      }
      if (given(settings, "writeback.successPlan")) {
        successPlan(c.getBoolean("writeback.successPlan"));
      }
      if (given(settings, "writeback.followUps")) {
        followUps(c.getBoolean("writeback.followUps"));
      }
      if (given(settings, "writeback.brief")) {
        brief(c.getBoolean("writeback.brief"));
      }
      if (given(settings, "writeback.taskOwnerId")) {
        taskOwnerId(c.get("writeback.taskOwnerId"));
      }
      if (given(settings, "writeback.briefLink")) {
        briefLink(c.get("writeback.briefLink"));
      }
      if (given(settings, "writeback.successPlanObject")) {
        successPlanObject(c.get("writeback.successPlanObject"));
      }
      if (given(settings, "writeback.successPlanFields")) {
        for (String pair : c.getList("writeback.successPlanFields")) {
          String[] kv = pair.split("=", 2);
          SuccessPlanPart part = null;
          for (SuccessPlanPart p : SuccessPlanPart.values()) {
            if (p.name().equalsIgnoreCase(kv[0].strip())) {
              part = p;
            }
          }
          if (part == null || kv.length < 2) {
            throw new IllegalArgumentException("writeback.successPlanFields: '" + pair + "' is not part=Field__c with"
                + " a part among opportunity, account, go_live, milestones, risks, stakeholders, commitments,"
                + " brief_link");
          }
          successPlanField(part, kv[1].strip());
        }
      }
      if (given(settings, "writeback.briefObject")) {
        briefObject(c.get("writeback.briefObject"));
      }
      if (given(settings, "writeback.briefFormat")) {
        String f = c.get("writeback.briefFormat");
        if (!f.equalsIgnoreCase("markdown") && !f.equalsIgnoreCase("json")) {
          throw new IllegalArgumentException("writeback.briefFormat must be markdown or json, not '" + f + "'");
        }
        briefFormat(f.equalsIgnoreCase("json") ? BriefFormat.JSON : BriefFormat.MARKDOWN);
      }
      if (given(settings, "writeback.taskKeyField")) {
        taskKeyField(c.get("writeback.taskKeyField"));
      }
      if (given(settings, "writeback.successPlanKeyField")) {
        successPlanKeyField(c.get("writeback.successPlanKeyField"));
      }
      if (given(settings, "writeback.briefKeyField")) {
        briefKeyField(c.get("writeback.briefKeyField"));
      }
      if (given(settings, "writeback.approvalRequired")) {
        approvalRequired(c.getBoolean("writeback.approvalRequired"));
      }
      if (given(settings, "writeback.timeZone")) {
        try {
          zone(ZoneId.of(c.get("writeback.timeZone")));
        } catch (java.time.DateTimeException e) {
          throw new IllegalArgumentException("writeback.timeZone must be a zone id such as America/Los_Angeles, not '"
              + c.get("writeback.timeZone") + "'");
        }
      }
      if (given(settings, "writeback.lease")) {
        lease(c.getDuration("writeback.lease"));
      }
      return this;
    }

    private static boolean given(Map<String, String> settings, String key) {
      String v = settings.get(key);
      return v != null && !v.isBlank();
    }

    /** The config. */
    public WritebackConfig build() {
      return new WritebackConfig(this);
    }
  }
}
