package org.handoffbrief.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Moved from the Gmail and Outlook connectors' MailTextTest and the Zendesk connector's TicketTextTest. */
class EmailTextTest {

  private static String ownWords(String text) {
    return EmailText.ownWords(text).text();
  }

  @Test
  void anOutlookReplyHeaderBlockStartsTheQuote() {
    var c = EmailText.ownWords("Agreed, EU hosting works.\n\nFrom: Elena Ruiz <elena.ruiz@meridianhealth.org>\n"
        + "Sent: Thursday, March 19, 2026 4:12 PM\nTo: Alex Rivera\nSubject: Data residency\n\nOld words.");
    assertEquals("Agreed, EU hosting works.", c.text());
    assertTrue(c.quoteRemoved());
    assertEquals("Reply.", ownWords("Reply.\n\nFrom: Priya Raman <p@x.org>\nSent: Monday\nTo: Sam\nSubject: x"));
  }

  @Test
  void localisedAndBoldHeaderBlocksStartTheQuote() {
    assertEquals("D'accord.", ownWords("D'accord.\n\nDe : Elena\nEnvoy\u00e9 : lundi\n\u00c0 : Alex\nObjet : x"));
    assertEquals("Passt.", ownWords("Passt.\nVon: Elena Ruiz\nGesendet: Montag\nAn: Alex"));
    assertEquals("Yes.", ownWords("Yes.\n*From:* Elena Ruiz\n*Sent:* Monday"));
    assertEquals("From: the kickoff on, Dana owns SSO.\nNext: scoping.",
        ownWords("From: the kickoff on, Dana owns SSO.\nNext: scoping."), "a From: line with no header under it is content");
  }

  @Test
  void anOriginalMessageSeparatorStartsTheQuote() {
    assertEquals("Yes.", ownWords("Yes.\n-----Original Message-----\nFrom: x\nOld."));
  }

  @Test
  void aForwardedMessageStartsTheQuote() {
    assertEquals("FYI.", ownWords("FYI.\n---------- Forwarded message ---------\nFrom: someone"));
  }

  @Test
  void anOnWroteLineStartsTheQuote() {
    assertEquals("New words.", ownWords("New words.\n\nOn Mon, Feb 16, 2026 at 9:12 AM Tom <t@x.org> wrote:\n> old"));
    var c = EmailText.ownWords("Works now.\r\n\r\nOn Tue, Mar 3, 2026 at 9:00 AM Sam Chen wrote:\r\n> try again\r\n>\r\n");
    assertEquals("Works now.", c.text());
    assertTrue(c.quoteRemoved());
  }

  @Test
  void anOnWroteLineWrappedOverTwoLinesStartsTheQuote() {
    var c = EmailText.ownWords(
        "Sounds good.\n\nOn Tue, Mar 10, 2026 at 9:14 AM Priya Raman <\npriya.raman@meridianhealth.org> wrote:\n\n> Old.");
    assertEquals("Sounds good.", c.text());
  }

  /*
   * The versions disagreed here. Outlook's cut everything from the first ">" line; Zendesk's kept
   * quoted lines unless only quotes followed ("> you said X\nI disagree." stayed whole); Gmail's
   * dropped every ">" line and kept the answers between them. Gmail's rule wins: a quoted line is
   * someone else's words and must not be cited as this author's, while the answers are this
   * author's and must not be lost.
   */
  @Test
  void inlineQuotedLinesGoAndTheAnswersBetweenThemStay() {
    var c = EmailText.ownWords("> Can you do SSO?\nYes, custom SSO is in Appendix B.\n> And the timeline?\nSix weeks.");
    assertEquals("Yes, custom SSO is in Appendix B.\nSix weeks.", c.text());
    assertTrue(c.quoteRemoved());
    assertEquals("Top.", ownWords("Top.\n> quoted line"));
    assertEquals("I disagree.", ownWords("> you said X\nI disagree."));
  }

  @Test
  void theSignatureDelimiterSignOffAndPhoneSentFromAreTrimmed() {
    assertEquals("The pilot starts Monday.", ownWords("The pilot starts Monday.\n\nThanks,\nDana\n"));
    assertEquals("The pilot starts Monday.", ownWords("The pilot starts Monday.\n-- \nDana Okonkwo\nVP"));
    assertEquals("The pilot starts Monday.", ownWords("The pilot starts Monday.\n\nSent from my iPhone"));
    assertEquals("Thanks, that works for us.", ownWords("Thanks, that works for us."),
        "a sentence starting with thanks is content");
    assertEquals("Body.", ownWords("Body.\n-- \nSam"));
    assertEquals("Thanks!", ownWords("Thanks!\n\n-- \nPriya Raman\nDirector of IT"));
    assertFalse(EmailText.ownWords("Body.\n-- \nSam").quoteRemoved(), "a signature is not quoted history");
  }

  @Test
  void signatureAndDisclaimerAreTrimmedButALongClosingIsKept() {
    assertEquals("We will deliver the spec by end of April.",
        ownWords("We will deliver the spec by end of April.\n\nThanks,\nSam Chen\nSenior Sales Engineer\n+1 555 0101"));
    assertEquals("Body.", ownWords("Body.\nCONFIDENTIALITY NOTICE: This email is for the recipient only."));
    String kept = "Thanks,\nfor the call today we agreed on three things that we will write up in a longer note next week.";
    assertEquals(kept, ownWords(kept));
  }

  @Test
  void aLegalDisclaimerIsTrimmed() {
    assertEquals("See the redline.", ownWords("See the redline.\n\nThis email and any attachments are"
        + " confidential and intended solely for the addressee."));
  }

  @Test
  void aTeamsJoinBlockIsCut() {
    assertEquals("Agenda: SSO.", ownWords("Agenda: SSO.\n\nMicrosoft Teams meeting\nJoin on your computer"));
  }

  @Test
  void whitespaceIsNormalised() {
    assertEquals("a b\n\nc", EmailText.normalise("a \t b\r\n\r\n\r\n  c  \n"));
    assertEquals("a\n\nb", ownWords("a\u00a0 \n\n\n\nb  "));
  }
}
