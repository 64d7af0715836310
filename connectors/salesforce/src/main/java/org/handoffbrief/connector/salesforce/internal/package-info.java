/**
 * Salesforce plumbing shared by the connector, its triggers and the write-back module: SOQL
 * quoting and id checks. Not API: it may change in any release and is left out of the javadoc.
 */
package org.handoffbrief.connector.salesforce.internal;
