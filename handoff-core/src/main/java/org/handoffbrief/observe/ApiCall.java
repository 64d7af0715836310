package org.handoffbrief.observe;

import java.time.Duration;

/**
 * One API call a connector made.
 *
 * @param system the source system
 * @param operation what was called
 * @param elapsed how long it took
 * @param outcome {@code ok} or a short reason such as {@code 429}
 */
public record ApiCall(String system, String operation, Duration elapsed, String outcome) {}
