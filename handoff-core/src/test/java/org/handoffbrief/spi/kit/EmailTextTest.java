package org.handoffbrief.spi.kit;

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

  private static void assertReplyCutTo(String expected, String message) {
    var c = EmailText.ownWords(message);
    assertEquals(expected, c.text(), message);
    assertTrue(c.quoteRemoved(), "a quoting message is a reply: " + message);
  }

  @Test
  void attributionsInOtherLanguagesStartTheQuote() {
    assertReplyCutTo("Klopt.", "Klopt.\n\nOp 4 mrt. 2026 om 10:02 schreef Noor Visser <noor@voorbeeld.nl>:\n\nOude tekst.");
    assertReplyCutTo("Zgoda.", "Zgoda.\n\nW dniu 4 marca 2026 10:02 u\u017cytkownik Ola <ola@przyklad.pl> napisa\u0142:\n\nStare.");
    assertReplyCutTo("Javisst.", "Javisst.\nDen 4 mars 2026 10:02 skrev Erik Lund <erik@exempel.se>:\n\nGammal text.");
    assertReplyCutTo("Greit.", "Greit.\nP\u00e5 4. mars 2026 kl. 10:02 skrev Kari Berg (kari@eksempel.no):\n\nGammel.");
    assertReplyCutTo("De acuerdo.", "De acuerdo.\n\nEl mi\u00e9, 4 mar 2026 a las 10:02, Luc\u00eda <l@ejemplo.es> escribi\u00f3:\n\nViejo.");
    assertReplyCutTo("Combinado.", "Combinado.\n\nEm qua., 4 de mar. de 2026 \u00e0s 10:02, Jo\u00e3o <j@exemplo.pt> escreveu:\n\nVelho.");
    assertReplyCutTo("Va bene.", "Va bene.\n\nIl giorno mer 4 mar 2026 alle ore 10:02 Gianni <g@esempio.it> ha scritto:\n\nVecchio.");
    assertReplyCutTo("Passt.", "Passt.\n\nAm Mi., 4. M\u00e4rz 2026 um 10:02 Uhr schrieb Jonas Weber <jw@beispiel.de>:\n\nAlt.");
    assertReplyCutTo("D'accord.", "D'accord.\n\nLe mer. 4 mars 2026 \u00e0 10:02, Claire <c@exemple.fr> a \u00e9crit :\n\nAncien.");
  }

  @Test
  void anAttributionWrappedOverThreeOrFourLinesStartsTheQuote() {
    assertReplyCutTo("Noted.", "Noted.\n\nOn Wed, Mar 4, 2026 at 10:02 AM\nTheo Marsh\n<theo.marsh@example.org>\nwrote:\n\nEarlier.");
    assertReplyCutTo("Noted.", "Noted.\n\nOn Mar 4, 2026, at 10:02 AM, Theo <\ntheo.marsh@example.org>\nwrote:\n\nEarlier.");
    assertReplyCutTo("Zgoda.", "Zgoda.\n\nW dniu 4 marca 2026 10:02 u\u017cytkownik Ola <ola@przyklad.pl>\nnapisa\u0142a:\n\nStare.");
  }

  @Test
  void aLineBeforeTheAttributionStaysTheAuthors() {
    assertReplyCutTo("On our side all is fine", "On our side all is fine\nOn Wed, Mar 4, 2026 at 10:02 AM Theo <\n"
        + "theo@example.org> wrote:\n> old");
  }

  @Test
  void proseThatMentionsWritingIsNotAnAttribution() {
    String prose = "On our call, Theo wrote:\nthe plan needs a second reviewer.";
    assertEquals(prose, ownWords(prose), "no date and no address: the author's words");
    assertFalse(EmailText.ownWords(prose).quoteRemoved());
  }

  @Test
  void dateFirstAttributionsWithoutAVerbStartTheQuote() {
    assertReplyCutTo("Fine.", "Fine.\n\n2026-03-04 10:02 GMT+01:00 Theo Marsh <\ntheo@example.org>:\n\nEarlier.");
    assertReplyCutTo("Fine.", "Fine.\n04.03.2026, 10:02, \"Theo\" <theo@example.org>:\n\nEarlier.");
  }

  @Test
  void dashedSeparatorsInAnyLanguageStartTheQuote() {
    assertReplyCutTo("Ja.", "Ja.\n\n-----Urspr\u00fcngliche Nachricht-----\nVon: x\nAlt.");
    assertReplyCutTo("Ja.", "Ja.\n\n-------- Oprindelig meddelelse --------\nGammel.");
    assertReplyCutTo("S\u00ed.", "S\u00ed.\n\n-----Mensaje original-----\nViejo.");
    assertReplyCutTo("Yes.", "Yes.\n\n----- Reply Message -----\nOld.");
    assertReplyCutTo("Yes.", "Yes.\n\n---- Theo Marsh wrote ----\n\nOld.");
    assertReplyCutTo("Yes.", "Yes.\n\n------On 3/4/2026 10:02 AM, Theo Marsh wrote-----\n\nOld.");
    String agenda = "Plan:\n--- Agenda ---\nScoping first.";
    assertEquals(agenda, ownWords(agenda), "a dashed heading that names no message is the author's");
  }

  @Test
  void nordicPolishAndRussianHeaderBlocksStartTheQuote() {
    assertReplyCutTo("Ok.", "Ok.\n\nFra: Mette <m@eksempel.dk>\nSendt: 4. marts 2026 10:02\nTil: Theo\nEmne: Plan");
    assertReplyCutTo("Ok.", "Ok.\nFr\u00e5n: Erik [mailto:erik@exempel.se]\nSkickat: den 4 mars 2026 10:02\nTill: Theo\n"
        + "\u00c4mne: SV: Plan");
    assertReplyCutTo("Ok.", "Ok.\n\nOd: Ola\nWys\u0142ano: 4 marca 2026\nDo: Theo\nTemat: Plan");
    assertReplyCutTo("\u0414\u0430.", "\u0414\u0430.\n\n\u041e\u0442: \u0418\u0432\u0430\u043d <i@primer.ru>\n"
        + "\u041e\u0442\u043f\u0440\u0430\u0432\u043b\u0435\u043d\u043e: 4 \u043c\u0430\u0440\u0442\u0430 2026 \u0433.\n"
        + "\u041a\u043e\u043c\u0443: Theo\n\u0422\u0435\u043c\u0430: \u041f\u043b\u0430\u043d");
    assertReplyCutTo("Done.", "Done.\n\nDate: Wed, 4 Mar 2026 10:02:00 +0000\nTo: theo@example.org\n\nOld.");
  }

  @Test
  void headerFieldsRenderedOnOneLineStartTheQuote() {
    assertReplyCutTo("Confirmed.", "Confirmed.\n\nFrom: Theo Marsh <theo@example.org> Sent: Wednesday, March 4, 2026"
        + " 10:02 AM To: Ana Diaz <ana@example.com> Subject: RE: Rollout\nOld words.");
    assertReplyCutTo("Ok.", "Ok.\n*From:* Theo *Sent:* Wednesday *To:* Ana *Subject:* Rollout");
    String prose = "From: the kickoff on, Dana owns SSO. To: be confirmed.";
    assertEquals(prose, ownWords(prose), "one other field name in a sentence is not a header block");
  }

  @Test
  void aReplyBelowTheQuoteIsKept() {
    var c = EmailText.ownWords("On Wed, Mar 4, 2026 at 10:02 AM Theo <theo@example.org> wrote:\n\n> Can you start in May?\n"
        + ">\n\nYes, May works for us.");
    assertEquals("Yes, May works for us.", c.text());
    assertTrue(c.quoteRemoved());
  }

  @Test
  void answersBetweenQuotedLinesUnderAnAttributionAreKept() {
    assertReplyCutTo("Hi Theo, answers below.\n\nThree seats.\n\nBy Friday.",
        "Hi Theo, answers below.\n\nOn Wed, Mar 4, 2026 at 10:02 AM Theo <theo@example.org> wrote:\n> How many seats?\n\n"
            + "Three seats.\n\n> And the deadline?\n\nBy Friday.\n\n> Thanks\n> Theo");
  }

  @Test
  void anAttributionOverUnmarkedTextCutsTheRest() {
    assertReplyCutTo("Top.", "Top.\n\nOn Wed, Mar 4, 2026 at 10:02 AM Theo <theo@example.org> wrote:\n\nUnmarked old words.\n"
        + "More of them.");
  }

  @Test
  void anAuthorsNoticeInTheMiddleIsKeptButALegalFooterGoes() {
    String notice = "Quick update.\nNotice: the API changed on Monday.\n\nPlease update the client by Friday.";
    assertEquals(notice, ownWords(notice));
    assertEquals("Quick update.\nDisclaimer first: these numbers are estimates.\nThe rest follows.",
        ownWords("Quick update.\nDisclaimer first: these numbers are estimates.\nThe rest follows."));
    assertEquals("See the plan.", ownWords("See the plan.\n\nThanks,\nTheo\n\nNotice: this message is for the"
        + " intended recipient only."));
    assertEquals("See the plan.", ownWords("See the plan.\n\nDisclaimer: the content of this email is confidential"
        + " and intended for the recipient specified in the message only. If you received it by mistake, do not copy or"
        + " forward it; tell the sender and delete it.\n\nThis mailbox is monitored."),
        "a long legal paragraph is a footer even with more text under it");
  }

  @Test
  void aSignatureOverQuotedHistoryStillMarksAReply() {
    var c = EmailText.ownWords("Body.\n-- \nTheo\n\nOn Wed, Mar 4, 2026 at 10:02 AM Ana <ana@example.com> wrote:\n> old");
    assertEquals("Body.", c.text());
    assertTrue(c.quoteRemoved());
  }

  /** A guard against backtracking blow-ups, generous enough for a busy build machine. */
  @Test
  void longInputsAreScannedInLinearTime() {
    String many = "On 4 March 2026 at 10:02 someone said something about the plan and then\n".repeat(5_000)
        + "Notice: x\n".repeat(5_000) + "-- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- --\n".repeat(5_000)
        + "From: a Sent: b\n".repeat(5_000);
    long start = System.nanoTime();
    EmailText.ownWords(many);
    assertTrue(System.nanoTime() - start < 10_000_000_000L, "20,000 lines in under ten seconds");
  }

  @Test
  void whitespaceIsNormalised() {
    assertEquals("a b\n\nc", EmailText.normalise("a \t b\r\n\r\n\r\n  c  \n"));
    assertEquals("a\n\nb", ownWords("a\u00a0 \n\n\n\nb  "));
  }
}
