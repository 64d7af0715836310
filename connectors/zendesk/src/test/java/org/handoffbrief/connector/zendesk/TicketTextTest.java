package org.handoffbrief.connector.zendesk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Zendesk-specific parts; the shared text rules are tested in handoff-core's org.handoffbrief.spi.kit. */
class TicketTextTest {

  @Test
  void zendesksReplyAboveMarkerCutsTheNotificationHistory() {
    assertEquals("New text", TicketText.normalise("New text\n##- Please type your reply above this line -##\nold"));
  }

  @Test
  void pageLinksKeepOnlyTheirPathSoCredentialsStayOnTheBaseUrl() {
    assertEquals("/api/v2/tickets/1/comments.json?page%5Bafter%5D=x&page%5Bsize%5D=100",
        ZendeskHttp.pathOf("https://evil.example.com/api/v2/tickets/1/comments.json?page[after]=x&page[size]=100"));
  }
}
