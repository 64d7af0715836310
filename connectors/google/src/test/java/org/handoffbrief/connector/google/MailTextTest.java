package org.handoffbrief.connector.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.util.List;
import org.handoffbrief.model.Participant;
import org.junit.jupiter.api.Test;

class MailTextTest {

  @Test
  void anOutlookReplyHeaderBlockStartsTheQuote() {
    var c = MailText.clean("Agreed, EU hosting works.\n\nFrom: Elena Ruiz <elena.ruiz@meridianhealth.org>\n"
        + "Sent: Thursday, March 19, 2026 4:12 PM\nTo: Alex Rivera\nSubject: Data residency\n\nOld words.");
    assertEquals("Agreed, EU hosting works.", c.text());
    assertTrue(c.quoteRemoved());
  }

  @Test
  void anOriginalMessageSeparatorStartsTheQuote() {
    assertEquals("Yes.", MailText.clean("Yes.\n-----Original Message-----\nFrom: x\nOld.").text());
  }

  @Test
  void anOnWroteLineWrappedOverTwoLinesStartsTheQuote() {
    var c = MailText.clean("Sounds good.\n\nOn Tue, Mar 10, 2026 at 9:14 AM Priya Raman <\npriya.raman@meridianhealth.org> wrote:\n\n> Old.");
    assertEquals("Sounds good.", c.text());
  }

  @Test
  void inlineQuotedLinesGoAndTheAnswersBetweenThemStay() {
    var c = MailText.clean("> Can you do SSO?\nYes, custom SSO is in Appendix B.\n> And the timeline?\nSix weeks.");
    assertEquals("Yes, custom SSO is in Appendix B.\nSix weeks.", c.text());
    assertTrue(c.quoteRemoved());
  }

  @Test
  void theSignatureDelimiterSignOffAndPhoneSentFromAreTrimmed() {
    assertEquals("The pilot starts Monday.", MailText.clean("The pilot starts Monday.\n\nThanks,\nDana\n").text());
    assertEquals("The pilot starts Monday.", MailText.clean("The pilot starts Monday.\n-- \nDana Okonkwo\nVP").text());
    assertEquals("The pilot starts Monday.", MailText.clean("The pilot starts Monday.\n\nSent from my iPhone").text());
    assertEquals("Thanks, that works for us.", MailText.clean("Thanks, that works for us.").text(),
        "a sentence starting with thanks is content");
  }

  @Test
  void aLegalDisclaimerIsTrimmed() {
    assertEquals("See the redline.", MailText.clean("See the redline.\n\nThis email and any attachments are"
        + " confidential and intended solely for the addressee.").text());
  }

  @Test
  void htmlBlockquotesAndEntitiesAreHandled() {
    var r = HtmlText.toText("<p>We&rsquo;ll need SSO &amp; SCIM.</p><blockquote>old <blockquote>older</blockquote>"
        + " still old</blockquote><p>Thanks&#33;&nbsp;&#x2014; Dana</p>");
    assertEquals("We\u2019ll need SSO & SCIM.\n\nThanks! \u2014 Dana", r.text());
    assertTrue(r.quoteRemoved());
  }

  @Test
  void latin1LabelsAreReadAsWindows1252AndUnknownCharsetsAsUtf8() {
    assertEquals(Charset.forName("windows-1252"), MailText.charset("text/plain; charset=\"ISO-8859-1\""));
    assertEquals(Charset.forName("ISO-8859-15"), MailText.charset("text/plain; charset=iso-8859-15"));
    assertEquals(Charset.forName("UTF-8"), MailText.charset("text/plain; charset=x-unknown-charset"));
    assertEquals(Charset.forName("UTF-8"), MailText.charset(null));
  }

  @Test
  void addressListsWithQuotedCommasParse() {
    assertEquals(List.of(new Participant("Okonkwo, Dana", "dana.okonkwo@meridianhealth.org", null),
        new Participant(null, "tom.becker@meridianhealth.org", null),
        new Participant("James Park", "james.park@meridianhealth.org", null)),
        DealAudience.parseAddresses("\"Okonkwo, Dana\" <Dana.Okonkwo@MeridianHealth.org>, tom.becker@meridianhealth.org,"
            + " James Park <james.park@meridianhealth.org>"));
    assertFalse(DealAudience.parseAddresses("undisclosed-recipients:;").stream().anyMatch(p -> p.email() != null));
  }
}
