package org.handoffbrief.quality;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.ConnectorSetting;

/**
 * When a brief goes to the AE or the sales manager before the CSM sees it. Immutable; made with
 * {@link #builder()} or {@link #ofDefaults()}.
 *
 * <pre>{@code
 * ReviewPolicy policy = ReviewPolicy.builder()
 *     .arrThreshold(new BigDecimal("500000"))
 *     .strategicLogos(Set.of("Meridian Health", "001000000000001AAA"))
 *     .strategicFlagField("Strategic Account")
 *     .history(myJdbcBackedHistory)
 *     .build();
 * }</pre>
 *
 * <p>The same policy from flat settings ({@link #SETTINGS}, e.g. a properties file):
 * {@code ReviewPolicy.builder().configure(settings).build()}.
 */
public final class ReviewPolicy {

  /** Default amount above which a deal goes to the sales manager. */
  public static final BigDecimal DEFAULT_ARR_THRESHOLD = new BigDecimal("250000");
  /** Default span before close in which cancellation or regret language counts. */
  public static final Duration DEFAULT_CLOSING_WINDOW = Duration.ofDays(14);

  /** Values of a CRM flag field that mark an account strategic (a Salesforce checkbox reads "true"). */
  private static final Set<String> TRUTHY = Set.of("true", "yes", "y", "1", "checked");

  /**
   * The settings {@link Builder#configure(Map)} reads, described as data so a host can list and
   * document them next to the connectors' settings.
   */
  public static final List<ConnectorSetting> SETTINGS = List.of(
      ConnectorSetting.optional("review.arrThreshold", "ARR threshold", ConnectorSetting.Type.STRING,
          DEFAULT_ARR_THRESHOLD.toPlainString(), "A deal whose amount (or ARR handoff field) is above this number goes to"
              + " the sales manager for review, e.g. 100000. In the opportunity's currency."),
      ConnectorSetting.optional("review.strategicLogos", "Strategic logos", ConnectorSetting.Type.LIST, null,
          "Account names or Salesforce account ids, comma-separated, whose briefs always go to the sales manager"
              + " (matched ignoring case; give the id of a name that has a comma)."),
      ConnectorSetting.optional("review.strategicFlagField", "Strategic flag field", ConnectorSetting.Type.STRING, null,
          "The label of a handoff field (from salesforce.accountFields or salesforce.opportunityFields) that marks a"
              + " strategic account, e.g. Strategic Account; true, yes, 1 or checked sends the brief to the sales"
              + " manager."),
      ConnectorSetting.optional("review.closingWindow", "Closing window", ConnectorSetting.Type.DURATION, "P14D",
          "How long before close cancellation or regret language counts (e.g. P14D, 336h)."));

  private final BigDecimal arrThreshold;
  private final Set<String> strategicLogos;
  private final String strategicFlagField;
  private final QualityHistory history;
  private final boolean ownHistory;
  private final Duration closingWindow;

  private ReviewPolicy(Builder b) {
    this.arrThreshold = b.arrThreshold;
    this.strategicLogos = Set.copyOf(b.strategicLogos);
    this.strategicFlagField = b.strategicFlagField;
    this.history = b.history != null ? b.history : QualityHistory.inMemory();
    this.ownHistory = b.history != null && b.historyGiven;
    this.closingWindow = b.closingWindow;
  }

  /** The defaults: threshold 250,000, no strategic logos or flag field, an in-memory history, 14 days. */
  public static ReviewPolicy ofDefaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    var b = new Builder();
    b.arrThreshold = arrThreshold;
    b.strategicLogos.addAll(strategicLogos);
    b.strategicFlagField = strategicFlagField;
    b.history = history;
    // A default history stays a default (shared, not given): a brief store may still replace it.
    b.historyGiven = ownHistory;
    b.closingWindow = closingWindow;
    return b;
  }

  /** Amounts strictly above this route the brief to the sales manager. */
  public BigDecimal arrThreshold() {
    return arrThreshold;
  }

  /** Account names or ids, lower case, that always go to the sales manager. */
  public Set<String> strategicLogos() {
    return strategicLogos;
  }

  /**
   * The label of the handoff field whose truthy value marks a strategic account, or null when
   * only the logo list counts.
   */
  public String strategicFlagField() {
    return strategicFlagField;
  }

  /** Where gate outcomes are remembered across briefs. */
  public QualityHistory history() {
    return history;
  }

  /**
   * True when a history was given ({@link Builder#history}); false when this policy keeps the
   * default in-memory one, which a {@code Handoff} with a brief store replaces with the store's.
   */
  public boolean hasOwnHistory() {
    return ownHistory;
  }

  /** How long before close the "final calls and emails" reach. */
  public Duration closingWindow() {
    return closingWindow;
  }

  /** True when the account's name or id is on the strategic-logo list (case-insensitive). */
  public boolean isStrategic(String accountId, String accountName) {
    return strategicLogos.contains(accountId.strip().toLowerCase(Locale.ROOT))
        || strategicLogos.contains(accountName.strip().toLowerCase(Locale.ROOT));
  }

  /**
   * True when a flag field's value marks the account strategic: {@code true}, {@code yes},
   * {@code y}, {@code 1} or {@code checked}, ignoring case. Null and anything else are false.
   */
  public static boolean isFlagSet(String value) {
    return value != null && TRUTHY.contains(value.strip().toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return "ReviewPolicy{arrThreshold=" + arrThreshold + ", strategicLogos=" + strategicLogos.size()
        + (strategicFlagField != null ? ", strategicFlagField=" + strategicFlagField : "")
        + ", closingWindow=" + closingWindow + ", history=" + history + "}";
  }

  /** Builds a {@link ReviewPolicy}; each setter checks its argument at once. */
  public static final class Builder {
    private BigDecimal arrThreshold = DEFAULT_ARR_THRESHOLD;
    private final Set<String> strategicLogos = new TreeSet<>();
    private String strategicFlagField;
    private QualityHistory history;
    private boolean historyGiven;
    private Duration closingWindow = DEFAULT_CLOSING_WINDOW;

    private Builder() {}

    /** Amounts strictly above this route to the sales manager; must not be negative. */
    public Builder arrThreshold(BigDecimal arrThreshold) {
      Objects.requireNonNull(arrThreshold, "arrThreshold == null");
      if (arrThreshold.signum() < 0) {
        throw new IllegalArgumentException("arrThreshold must not be negative, not " + arrThreshold);
      }
      this.arrThreshold = arrThreshold;
      return this;
    }

    /** Replaces the strategic logos: account names or CRM account ids, matched case-insensitively. */
    public Builder strategicLogos(Set<String> logos) {
      Objects.requireNonNull(logos, "strategicLogos == null");
      strategicLogos.clear();
      for (String logo : logos) {
        Objects.requireNonNull(logo, "strategicLogos contains null");
        if (logo.isBlank()) {
          throw new IllegalArgumentException("strategicLogos contains a blank name");
        }
        strategicLogos.add(logo.strip().toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /**
     * The label of a handoff field (as configured on the CRM connector, e.g. {@code Strategic
     * Account}) whose truthy value marks the account strategic, besides the logo list; null for
     * none.
     */
    public Builder strategicFlagField(String label) {
      if (label != null && label.isBlank()) {
        throw new IllegalArgumentException("strategicFlagField must not be blank; pass null for none");
      }
      this.strategicFlagField = label == null ? null : label.strip();
      return this;
    }

    /**
     * Applies the {@code review.*} keys of {@link #SETTINGS} found in {@code settings}; other
     * keys are ignored and a key not given leaves this builder's value as it is.
     *
     * @throws IllegalArgumentException naming the key, for an unknown {@code review.*} key or a bad value
     */
    public Builder configure(Map<String, String> settings) {
      ConnectorConfig config = ConnectorConfig.of("review", SETTINGS, settings);
      if (given(settings, "review.arrThreshold")) {
        String raw = config.get("review.arrThreshold");
        try {
          // Admins write amounts with thousands separators; a comma here is never a decimal point.
          arrThreshold(new BigDecimal(raw.replace(",", "").replace("_", "")));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("review.arrThreshold must be a number such as 250000, not '" + raw + "'");
        }
      }
      if (given(settings, "review.strategicLogos")) {
        strategicLogos(new TreeSet<>(config.getList("review.strategicLogos")));
      }
      if (given(settings, "review.strategicFlagField")) {
        strategicFlagField(config.get("review.strategicFlagField"));
      }
      if (given(settings, "review.closingWindow")) {
        closingWindow(config.getDuration("review.closingWindow"));
      }
      return this;
    }

    private static boolean given(Map<String, String> settings, String key) {
      String v = settings.get(key);
      return v != null && !v.isBlank();
    }

    /** The store of gate outcomes across briefs; defaults to {@link QualityHistory#inMemory()}. */
    public Builder history(QualityHistory history) {
      this.history = Objects.requireNonNull(history, "history == null");
      this.historyGiven = true;
      return this;
    }

    /** How long before close cancellation or regret language counts; positive. */
    public Builder closingWindow(Duration closingWindow) {
      Objects.requireNonNull(closingWindow, "closingWindow == null");
      if (closingWindow.isZero() || closingWindow.isNegative()) {
        throw new IllegalArgumentException("closingWindow must be positive, not " + closingWindow);
      }
      this.closingWindow = closingWindow;
      return this;
    }

    /** The policy. */
    public ReviewPolicy build() {
      return new ReviewPolicy(this);
    }
  }
}
