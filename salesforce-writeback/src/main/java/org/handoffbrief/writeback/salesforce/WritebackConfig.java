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
import org.handoffbrief.spi.kit.Setting;

/**
 * What the Salesforce write-back writes and where: which of the four writes are on, who owns the
 * Task, where the full brief's link points, the success plan's object and field mapping, the
 * brief object, the external id fields, and whether a person must approve a plan first.
 * Immutable; make one with {@link #builder()}, {@link #ofDefaults()} or {@link #toBuilder()}.
 *
 * <p>From flat settings ({@link #SETTINGS}, e.g. a properties file):
 * {@code WritebackConfig.fromSettings(settings)}, or {@code builder().configure(settings)} over
 * values already set.
 */
public final class WritebackConfig {

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

  private static final Setting<Boolean> TASK = Setting.bool("writeback.task", "Write the Task", true,
      "A completed Task on the opportunity with the brief's summary and a link to the full brief.");
  private static final Setting<Boolean> SUCCESS_PLAN = Setting.bool("writeback.successPlan",
      "Write the success plan", true,
      "One success plan record per opportunity (go-live, milestones, risks, stakeholders).");
  private static final Setting<Boolean> FOLLOW_UPS = Setting.bool("writeback.followUps", "Write follow-up Tasks",
      true, "One open Task per open thread, assigned to the person who owes it, due when it is due.");
  private static final Setting<Boolean> BRIEF = Setting.bool("writeback.brief", "Write the full brief", true,
      "The full brief on the brief object, one record per stored version.");
  private static final Setting<String> TASK_OWNER_ID = Setting.string("writeback.taskOwnerId", "Task owner", null,
      "A Salesforce User id (005...) that owns the Task and the follow-ups nobody else could be found for;"
          + " default: the opportunity's owner.");
  private static final Setting<String> BRIEF_LINK = Setting.string("writeback.briefLink", "Brief link", null,
      "Where the full brief lives, with {briefId} for the stored brief's id, e.g."
          + " https://handoff.example.com/briefs/{briefId}; default: the brief object's record page.");
  private static final Setting<String> SUCCESS_PLAN_OBJECT = Setting.string("writeback.successPlanObject",
      "Success plan object", "Handoff_Success_Plan__c", "The object success plans are written to.");
  private static final Setting<List<String>> SUCCESS_PLAN_FIELDS = Setting.list("writeback.successPlanFields",
      "Success plan fields", "part=Field__c pairs, comma-separated, that replace the default fields; parts:"
          + " opportunity, account, go_live, milestones, risks, stakeholders, commitments, brief_link.");
  private static final Setting<String> BRIEF_OBJECT = Setting.string("writeback.briefObject", "Brief object",
      "Handoff_Brief__c", "The object the full brief is written to.");
  private static final Setting<String> BRIEF_FORMAT = Setting.string("writeback.briefFormat", "Brief format",
      "markdown", "markdown or json: the form of the brief on the brief object.");
  /** The external id field on Task (an Activity custom field), the success plan and the brief object. */
  public static final String DEFAULT_KEY_FIELD = "Handoff_Key__c";
  private static final Setting<String> TASK_KEY_FIELD = Setting.string("writeback.taskKeyField",
      "Task external id field", DEFAULT_KEY_FIELD, "The external id field on Task (an Activity custom field) that"
          + " makes Task writes idempotent.");
  private static final Setting<String> SUCCESS_PLAN_KEY_FIELD = Setting.string("writeback.successPlanKeyField",
      "Success plan external id field", DEFAULT_KEY_FIELD, "The external id field on the success plan object.");
  private static final Setting<String> BRIEF_KEY_FIELD = Setting.string("writeback.briefKeyField",
      "Brief external id field", DEFAULT_KEY_FIELD, "The external id field on the brief object.");
  private static final Setting<Boolean> APPROVAL_REQUIRED = Setting.bool("writeback.approvalRequired",
      "Approval required", false,
      "When true, a plan is stored and nothing is written to Salesforce until a person approves it.");
  private static final Setting<String> TIME_ZONE = Setting.string("writeback.timeZone", "Time zone", "UTC",
      "The zone the brief's day is read in for the Task's date, e.g. America/Los_Angeles (the org's zone).");
  private static final Setting<Duration> LEASE = Setting.duration("writeback.lease", "Write lease", "PT5M",
      "How long a worker holds a write before another may take it over (a crashed worker's write).");
  private static final List<Setting<?>> DECLARED = List.of(TASK, SUCCESS_PLAN, FOLLOW_UPS, BRIEF, TASK_OWNER_ID,
      BRIEF_LINK, SUCCESS_PLAN_OBJECT, SUCCESS_PLAN_FIELDS, BRIEF_OBJECT, BRIEF_FORMAT, TASK_KEY_FIELD,
      SUCCESS_PLAN_KEY_FIELD, BRIEF_KEY_FIELD, APPROVAL_REQUIRED, TIME_ZONE, LEASE);

  /**
   * The settings {@link Builder#configure(Map)} reads, described as data so a host can list and
   * document them next to the connectors' settings; each is declared once and read back through
   * the same constant.
   */
  public static final List<ConnectorSetting> SETTINGS = Setting.describe(DECLARED);

  /** The success plan object this project ships in {@code force-app}. */
  public static final String DEFAULT_SUCCESS_PLAN_OBJECT = SUCCESS_PLAN_OBJECT.defaultValue();
  /** The full brief's object this project ships in {@code force-app}. */
  public static final String DEFAULT_BRIEF_OBJECT = BRIEF_OBJECT.defaultValue();

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

  /**
   * Reads the {@code writeback.*} settings ({@link #SETTINGS}) found in {@code settings} over the
   * defaults; other keys are ignored.
   *
   * @throws IllegalArgumentException naming the key, for an unknown {@code writeback.*} key or a bad value
   */
  public static WritebackConfig fromSettings(Map<String, String> settings) {
    return builder().configure(Objects.requireNonNull(settings, "settings == null")).build();
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
    private ZoneId zone = ZoneOffset.UTC; // writeback.timeZone's default, as an offset
    private Duration lease = LEASE.defaultValue();

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
      Given given = new Given(settings, c);
      given.apply(TASK, this::task);
      given.apply(SUCCESS_PLAN, this::successPlan);
      given.apply(FOLLOW_UPS, this::followUps);
      given.apply(BRIEF, this::brief);
      given.apply(TASK_OWNER_ID, this::taskOwnerId);
      given.apply(BRIEF_LINK, this::briefLink);
      given.apply(SUCCESS_PLAN_OBJECT, this::successPlanObject);
      given.apply(SUCCESS_PLAN_FIELDS, pairs -> pairs.forEach(this::successPlanField));
      given.apply(BRIEF_OBJECT, this::briefObject);
      given.apply(BRIEF_FORMAT, f -> {
        if (!f.equalsIgnoreCase("markdown") && !f.equalsIgnoreCase("json")) {
          throw new IllegalArgumentException("writeback.briefFormat must be markdown or json, not '" + f + "'");
        }
        briefFormat(f.equalsIgnoreCase("json") ? BriefFormat.JSON : BriefFormat.MARKDOWN);
      });
      given.apply(TASK_KEY_FIELD, this::taskKeyField);
      given.apply(SUCCESS_PLAN_KEY_FIELD, this::successPlanKeyField);
      given.apply(BRIEF_KEY_FIELD, this::briefKeyField);
      given.apply(APPROVAL_REQUIRED, this::approvalRequired);
      given.apply(TIME_ZONE, z -> {
        try {
          zone(ZoneId.of(z));
        } catch (java.time.DateTimeException e) {
          throw new IllegalArgumentException("writeback.timeZone must be a zone id such as America/Los_Angeles, not '"
              + z + "'");
        }
      });
      given.apply(LEASE, this::lease);
      return this;
    }

    /** One {@code part=Field__c} item of {@code writeback.successPlanFields}. */
    private void successPlanField(String pair) {
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

    /** The settings given in a map: a key not given (or blank) leaves the builder's value as it is. */
    private record Given(Map<String, String> settings, ConnectorConfig config) {
      <T> void apply(Setting<T> setting, java.util.function.Consumer<T> set) {
        String v = settings.get(setting.key());
        if (v != null && !v.isBlank()) {
          set.accept(setting.from(config));
        }
      }
    }

    /** The config. */
    public WritebackConfig build() {
      return new WritebackConfig(this);
    }
  }
}
