package org.handoffbrief.audit;

/**
 * How many sampled citations supported their claims, with a 95% Wilson score interval: unlike
 * the plain p ± 1.96·√(p(1-p)/n), it stays inside [0, 1] and does not shrink to a point for one
 * answer or for all-pass samples, which is what a few answers a week are.
 *
 * <p>{@link Verdict#UNSURE} counts in neither side: an answer the manager could not give is no
 * evidence either way. It is reported ({@link #unsure}) so a week of mostly "unsure" shows.
 *
 * @param supports answers "supports"
 * @param doesNotSupport answers "does not support"
 * @param unsure answers "unsure"
 */
public record PassRate(int supports, int doesNotSupport, int unsure) {
  /** z for a two-sided 95% interval. */
  static final double Z = 1.959963984540054;

  /** No answers. */
  public static final PassRate NONE = new PassRate(0, 0, 0);

  public PassRate {
    if (supports < 0 || doesNotSupport < 0 || unsure < 0) {
      throw new IllegalArgumentException("counts are never negative");
    }
  }

  /** The counts of one more answer added. */
  public PassRate plus(Verdict v) {
    return switch (v) {
      case SUPPORTS -> new PassRate(supports + 1, doesNotSupport, unsure);
      case DOES_NOT_SUPPORT -> new PassRate(supports, doesNotSupport + 1, unsure);
      case UNSURE -> new PassRate(supports, doesNotSupport, unsure + 1);
    };
  }

  /** Both rates' counts together. */
  public PassRate plus(PassRate other) {
    return new PassRate(supports + other.supports, doesNotSupport + other.doesNotSupport, unsure + other.unsure);
  }

  /** The answers that count: supports + does not support. */
  public int n() {
    return supports + doesNotSupport;
  }

  /** supports / n; NaN when nothing counts yet ({@link #n()} is 0). */
  public double rate() {
    return n() == 0 ? Double.NaN : (double) supports / n();
  }

  /** The interval's lower bound; 0 when {@link #n()} is 0 (nothing is known). */
  public double lower() {
    return wilson(-1);
  }

  /** The interval's upper bound; 1 when {@link #n()} is 0. */
  public double upper() {
    return wilson(+1);
  }

  private double wilson(int sign) {
    int n = n();
    if (n == 0) {
      return sign < 0 ? 0.0 : 1.0;
    }
    double p = (double) supports / n;
    double z2 = Z * Z;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denominator;
    double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
    return Math.min(1.0, Math.max(0.0, centre + sign * half));
  }

  @Override
  public String toString() {
    return n() == 0 ? "no answers" : String.format(java.util.Locale.ROOT, "%.1f%% (%d/%d, 95%% CI %.1f-%.1f%%)",
        100 * rate(), supports, n(), 100 * lower(), 100 * upper());
  }
}
