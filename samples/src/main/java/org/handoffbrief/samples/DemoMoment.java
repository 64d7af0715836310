package org.handoffbrief.samples;

/**
 * When the demo company is shown. Every system serves the same fixtures at each moment; a later
 * moment lays its own fixtures (under {@code later/} beside each system's) over them, so the story
 * goes on where it stopped.
 */
enum DemoMoment {
  /** Right after Closed Won on 2026-03-27: what the handoff brief is built from. */
  AT_CLOSE("at close", null),
  /**
   * About 30 days after close, mid-onboarding: a new urgent SSO ticket (a new risk), the CSV export
   * ticket that was pending at close now solved, and the data residency thread answered and closed.
   */
  THIRTY_DAYS_LATER("30 days after close", "later/");

  private final String label;
  private final String overlay;

  DemoMoment(String label, String overlay) {
    this.label = label;
    this.overlay = overlay;
  }

  /** How the demo names this moment to a person, e.g. {@code 30 days after close}. */
  String label() {
    return label;
  }

  /** The fixture {@code name} under {@code dir} as it reads at this moment. */
  String read(String dir, String name) {
    return DemoFixtures.read(inOverlay(dir, name) ? dir + overlay + name : dir + name);
  }

  /** Whether the fixture exists at this moment, in the overlay or beneath it. */
  boolean has(String dir, String name) {
    return inOverlay(dir, name) || DemoFixtures.exists(dir + name);
  }

  private boolean inOverlay(String dir, String name) {
    return overlay != null && DemoMoment.class.getResource(dir + overlay + name) != null;
  }
}
