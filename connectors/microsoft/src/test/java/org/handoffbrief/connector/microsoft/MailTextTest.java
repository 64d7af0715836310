package org.handoffbrief.connector.microsoft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MailTextTest {

  @Test
  void htmlBecomesTextWithParagraphsListsAndEntities() {
    String html = "<html><head><style>p{margin:0}</style></head><body><p>Hi&nbsp;Sam,</p><p>Q&amp;A &lt;today&gt;"
        + " &#8212; it&rsquo;s &#x2713;</p><ul><li>one</li><li>two</li></ul></body></html>";
    assertEquals("Hi Sam,\nQ&A <today> \u2014 it\u2019s \u2713\n- one\n- two", MailText.htmlToText(html));
  }

  @Test
  void outlookReplyHistoryIsCutWhereOutlookMarksIt() {
    String html = "<div>We are in.</div><div id=\"appendonsend\"></div><hr><div id=\"divRplyFwdMsg\"><b>From:</b>"
        + " Alex</div><div>Earlier words</div>";
    assertEquals("We are in.", MailText.body(html, true));
  }

  @Test
  void gmailQuoteAndBlockquoteAreCut() {
    assertEquals("Yes.", MailText.body("<div>Yes.</div><div class=\"gmail_quote\">On Mon wrote: old</div>", true));
    assertEquals("Fine.", MailText.body("<p>Fine.</p><blockquote type=\"cite\">old</blockquote>", true));
  }

  @Test
  void plainTextQuotedReplyForwardAndHeaderBlockAreCut() {
    assertEquals("New words.", MailText.ownWords("New words.\n\nOn Mon, Feb 16, 2026 at 9:12 AM Tom <t@x.org> wrote:\n> old"));
    assertEquals("FYI.", MailText.ownWords("FYI.\n---------- Forwarded message ---------\nFrom: someone"));
    assertEquals("Reply.", MailText.ownWords("Reply.\n\nFrom: Priya Raman <p@x.org>\nSent: Monday\nTo: Sam\nSubject: x"));
    assertEquals("Top.", MailText.ownWords("Top.\n> quoted line"));
  }

  @Test
  void signatureAndDisclaimerAreTrimmedButALongClosingIsKept() {
    assertEquals("We will deliver the spec by end of April.",
        MailText.ownWords("We will deliver the spec by end of April.\n\nThanks,\nSam Chen\nSenior Sales Engineer\n+1 555 0101"));
    assertEquals("Body.", MailText.ownWords("Body.\n-- \nSam"));
    assertEquals("Body.", MailText.ownWords("Body.\nCONFIDENTIALITY NOTICE: This email is for the recipient only."));
    String kept = "Thanks,\nfor the call today we agreed on three things that we will write up in a longer note next week.";
    assertEquals(kept, MailText.ownWords(kept));
  }

  @Test
  void teamsJoinBlockIsCutFromAnInvitation() {
    String html = "<p>Agenda: SSO.</p><div>________________________________________</div><div>Microsoft Teams meeting"
        + "<br>Join on your computer</div>";
    assertEquals("Agenda: SSO.", MailText.body(html, true));
  }

  @Test
  void whitespaceIsNormalised() {
    assertEquals("a b\n\nc", MailText.normalise("a \t b\r\n\r\n\r\n  c  \n"));
  }
}
