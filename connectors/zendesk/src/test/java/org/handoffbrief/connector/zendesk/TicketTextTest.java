package org.handoffbrief.connector.zendesk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TicketTextTest {

  @Test
  void quotedEmailHistoryAndSignaturesAreCut() {
    assertEquals("Works now.", TicketText.normalise("Works now.\r\n\r\nOn Tue, Mar 3, 2026 at 9:00 AM Sam Chen wrote:\r\n> try again\r\n>\r\n"));
    assertEquals("Thanks!", TicketText.normalise("Thanks!\n\n-- \nPriya Raman\nDirector of IT"));
    assertEquals("New text", TicketText.normalise("New text\n##- Please type your reply above this line -##\nold"));
  }

  @Test
  void inlineQuotesFollowedByOwnWordsStay() {
    assertEquals("> you said X\nI disagree.", TicketText.normalise("> you said X\nI disagree."));
  }

  @Test
  void whitespaceIsNormalised() {
    assertEquals("a\n\nb", TicketText.normalise("a\u00a0 \n\n\n\nb  "));
  }

  @Test
  void pageLinksKeepOnlyTheirPathSoCredentialsStayOnTheBaseUrl() {
    assertEquals("/api/v2/tickets/1/comments.json?page%5Bafter%5D=x&page%5Bsize%5D=100",
        ZendeskHttp.pathOf("https://evil.example.com/api/v2/tickets/1/comments.json?page[after]=x&page[size]=100"));
  }
}
