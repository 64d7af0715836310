package org.handoffbrief.quality;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a brief goes to the AE or the sales manager before the CSM sees it. Immutable; made with
 * {@link #builder()} or {@link #ofDefaults()}.
 *
 * <pre>{@code
 * ReviewPolicy policy = ReviewPolicy.builder()
 *     .arrThreshold(new BigDecimal("500000"))
 *     .strategicLogos(Set.of("Meridian Health", "001000000000001AAA"))
 *     .history(myJdbcBackedHistory)
 *     .build();
 * }</pre>
 */
public final class ReviewPolicy {

  /** Default amount above which a deal goes to the sales manager. */
  public static final BigDecimal DEFAULT_ARR_THRESHOLD = new BigDecimal("250000");
  /** Default span before close in which cancellation or regret language counts. */
  public static final Duration DEFAULT_CLOSING_WINDOW = Duration.ofDays(14);

  private final BigDecimal arrThreshold;
  private final Set<String> strategicLogos;
  private final QualityHistory history;
  private final Duration closingWindow;

  private ReviewPolicy(Builder b) {
    this.arrThreshold = b.arrThreshold;
    this.strategicLogos = Set.copyOf(b.strategicLogos);
    this.history = b.history != null ? b.history : QualityHistory.inMemory();
    this.closingWindow = b.closingWindow;
  }

  /** The defaults: threshold 250,000, no strategic logos, an in-memory history, 14 days. */
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
    b.history = history;
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

  /** Where gate outcomes are remembered across briefs. */
  public QualityHistory history() {
    return history;
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

  @Override
  public String toString() {
    return "ReviewPolicy{arrThreshold=" + arrThreshold + ", strategicLogos=" + strategicLogos.size()
        + ", closingWindow=" + closingWindow + ", history=" + history + "}";
  }

  /** Builds a {@link ReviewPolicy}; each setter checks its argument at once. */
  public static final class Builder {
    private BigDecimal arrThreshold = DEFAULT_ARR_THRESHOLD;
    private final Set<String> strategicLogos = new TreeSet<>();
    private QualityHistory history;
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

    /** The store of gate outcomes across briefs; defaults to {@link QualityHistory#inMemory()}. */
    public Builder history(QualityHistory history) {
      this.history = Objects.requireNonNull(history, "history == null");
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
