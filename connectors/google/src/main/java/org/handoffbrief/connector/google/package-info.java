/**
 * The Google connectors: {@link org.handoffbrief.connector.google.GmailConnector} (system
 * {@code gmail}, evidence kind {@code message}) and
 * {@link org.handoffbrief.connector.google.GoogleCalendarConnector} (system {@code google-calendar},
 * evidence kind {@code event}), configured by {@link org.handoffbrief.connector.google.GoogleConfig}
 * and signed in by {@link org.handoffbrief.connector.google.GoogleAuth}.
 *
 * <p>Least privilege: the Gmail connector asks only for
 * {@code https://www.googleapis.com/auth/gmail.readonly}, the Calendar connector only for
 * {@code https://www.googleapis.com/auth/calendar.events.readonly}. With a service account, a
 * Workspace admin grants its client id exactly these under domain-wide delegation; the connectors
 * then impersonate the deal owner's and the deal team's addresses, one at a time, read only.
 */
package org.handoffbrief.connector.google;
