package org.handoffbrief.benchmarks;

import java.util.concurrent.TimeUnit;
import org.handoffbrief.Handoff;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.render.BriefRenderer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rendering one brief, the one made from the 500-activity {@link SyntheticDeal}, with each
 * renderer made once and shared, as a host would hold it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RenderBenchmark {

  /** The size of the deal whose brief is rendered. */
  public static final int ACTIVITIES = 500;

  private HandoffBrief brief;
  private final BriefRenderer json = BriefRenderer.json();
  private final BriefRenderer markdown = BriefRenderer.markdown();
  private final BriefRenderer html = BriefRenderer.html();

  /** Makes the brief once per trial. */
  @Setup
  public void setUp() {
    try (Handoff handoff = SyntheticDeal.generate(ACTIVITIES).handoff()) {
      brief = handoff.brief(SyntheticDeal.OPPORTUNITY_ID);
    }
  }

  /** The canonical JSON. */
  @Benchmark
  public String json() {
    return json.render(brief);
  }

  /** Markdown for a CRM note. */
  @Benchmark
  public String markdown() {
    return markdown.render(brief);
  }

  /** The self-contained HTML page. */
  @Benchmark
  public String html() {
    return html.render(brief);
  }
}
