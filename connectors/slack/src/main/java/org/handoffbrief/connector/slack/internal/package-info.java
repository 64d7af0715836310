/** The Slack module's own plumbing, shared by the connector and delivery; not API. */
package org.handoffbrief.connector.slack.internal;
