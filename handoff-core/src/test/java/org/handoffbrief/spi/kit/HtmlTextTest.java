package org.handoffbrief.spi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Moved from the Gmail and Outlook connectors' MailTextTest. */
class HtmlTextTest {

  /** The sender's own words of an HTML body, as the Outlook connector reads one. */
  private static String ownWords(String html) {
    return EmailText.ownWords(HtmlText.toText(html, true).text()).text();
  }

  @Test
  void htmlBlockquotesAndEntitiesAreHandled() {
    var r = HtmlText.toText("<p>We&rsquo;ll need SSO &amp; SCIM.</p><blockquote>old <blockquote>older</blockquote>"
        + " still old</blockquote><p>Thanks&#33;&nbsp;&#x2014; Dana</p>");
    assertEquals("We\u2019ll need SSO & SCIM.\n\nThanks! \u2014 Dana", r.text());
    assertTrue(r.quoteRemoved());
  }

  @Test
  void htmlBecomesTextWithParagraphsListsAndEntities() {
    String html = "<html><head><style>p{margin:0}</style></head><body><p>Hi&nbsp;Sam,</p><p>Q&amp;A &lt;today&gt;"
        + " &#8212; it&rsquo;s &#x2713;</p><ul><li>one</li><li>two</li></ul></body></html>";
    var r = HtmlText.toText(html, true);
    assertEquals("Hi Sam,\nQ&A <today> \u2014 it\u2019s \u2713\n- one\n- two", r.text());
    assertFalse(r.quoteRemoved());
    assertEquals("Hi Sam,\n\nQ&A <today> \u2014 it\u2019s \u2713\n\n- one\n- two", HtmlText.toText(html).text(),
        "without compact paragraphs a paragraph is set off by a blank line, as a browser shows it");
  }

  @Test
  void outlookReplyHistoryIsCutWhereOutlookMarksIt() {
    String html = "<div>We are in.</div><div id=\"appendonsend\"></div><hr><div id=\"divRplyFwdMsg\"><b>From:</b>"
        + " Alex</div><div>Earlier words</div>";
    assertEquals("We are in.", ownWords(html));
  }

  @Test
  void gmailQuoteAndBlockquoteAreCut() {
    assertEquals("Yes.", ownWords("<div>Yes.</div><div class=\"gmail_quote\">On Mon wrote: old</div>"));
    assertEquals("Fine.", ownWords("<p>Fine.</p><blockquote type=\"cite\">old</blockquote>"));
  }

  @Test
  void teamsJoinBlockIsCutFromAnInvitation() {
    String html = "<p>Agenda: SSO.</p><div>________________________________________</div><div>Microsoft Teams meeting"
        + "<br>Join on your computer</div>";
    assertEquals("Agenda: SSO.", ownWords(html));
  }

  @Test
  void aGmailSignatureIsDroppedWithoutCountingAsAQuote() {
    var r = HtmlText.toText("<div>See you Monday.</div><div class=\"gmail_signature\">Dana Okonkwo<br>VP Ops</div>");
    assertEquals("See you Monday.", r.text());
    assertFalse(r.quoteRemoved());
  }

  @Test
  void thunderbirdCitePrefixCutsTheAttributionAndTheQuote() {
    var r = HtmlText.toText("<p>Agreed.</p><div class=\"moz-cite-prefix\">On 3/9/26 Priya wrote:</div>"
        + "<blockquote type=\"cite\">old</blockquote>");
    assertEquals("Agreed.", r.text());
    assertTrue(r.quoteRemoved());
  }

  @Test
  void sourceLineBreaksAreSpacesAndEmptyBlocksAreBlankLines() {
    assertEquals("One sentence wrapped by Word.\n\nNext paragraph.", HtmlText.toText(
        "<p class=MsoNormal>One sentence\r\nwrapped by Word.</p><p class=MsoNormal>&nbsp;</p>"
            + "<p class=MsoNormal>Next paragraph.</p>", true).text());
    assertEquals("Line one\nLine two\n\nAfter a blank", HtmlText.toText(
        "<div>Line one</div><div>Line two</div><div><br></div><div>After a blank</div>").text());
  }

  @Test
  void anOutlookHeaderBlockOnOneRenderedLineIsCut() {
    String html = "<div>We can start in May.</div><div style=\"border-top:solid #E1E1E1 1.0pt\"><p class=MsoNormal>"
        + "<b>From:</b> Theo Marsh &lt;theo@example.org&gt; <b>Sent:</b> Wednesday, March 4, 2026 10:02 AM <b>To:</b>"
        + " Ana <b>Subject:</b> Start date</p></div><p class=MsoNormal>When can you start?</p>";
    assertEquals("We can start in May.", ownWords(html));
  }

  @Test
  void outlookForMacHotmailAndYahooMarkersCutTheHistory() {
    assertEquals("New.", ownWords("<div>New.</div><span id=\"OLK_SRC_BODY_SECTION\"><div>From: Theo</div></span>old"));
    assertEquals("New.", ownWords("<div>New.</div><hr id=\"stopSpelling\">Date: Wed<br>From: theo@example.org<br>old"));
    var r = HtmlText.toText("<div>New.</div><div class=\"yahoo_quoted\">old</div>");
    assertEquals("New.", r.text());
    assertTrue(r.quoteRemoved());
  }

  @Test
  void aReplyBelowAnHtmlQuoteKeepsTheAnswerAndDropsTheAttribution() {
    var r = HtmlText.toText("<div>On Wed, Mar 4, 2026 at 10:02 AM Theo &lt;theo@example.org&gt; wrote:</div>"
        + "<blockquote><div>Can you start in May?</div></blockquote><div>Yes, May works.</div>");
    assertEquals("Yes, May works.", r.text());
    assertTrue(r.quoteRemoved());
    assertEquals("Yes, May works.", EmailText.ownWords(r.text()).text());
  }

  @Test
  void aSentenceAboveABlockquoteIsNotTakenForAnAttribution() {
    assertEquals("As you asked:\n\nDone.", HtmlText.toText("<div>As you asked:</div><blockquote>old</blockquote>"
        + "<div>Done.</div>").text());
  }

  @Test
  void anUnclosedCommentScriptOrStyleHidesTheRestAsABrowserDoes() {
    assertEquals("Hi.", HtmlText.toText("<div>Hi.</div><!-- note <div>hidden</div>").text());
    assertEquals("Hi.", HtmlText.toText("<div>Hi.</div><script>var hidden = 1; <div>x</div>").text());
    assertEquals("Hi.", HtmlText.toText("<div>Hi.</div><style>p { margin: 0 }").text());
  }

  @Test
  void anUnclosedHeadStillShowsTheBodyBecauseItsEndTagIsOptional() {
    assertEquals("Hi.", HtmlText.toText("<html><head><style>p{}</style><body><p>Hi.</p></body></html>").text());
  }

  @Test
  void aLessThanSignWithoutATagEndIsText() {
    assertEquals("costs < 5 units", HtmlText.toText("<p>costs < 5 units").text());
  }

  @Test
  void aHistoryMarkerInsideACommentOrScriptDoesNotCut() {
    var r = HtmlText.toText("<div>One.</div><!-- <div class=\"gmail_quote\"> --><script>x='<div id=divRplyFwdMsg>'"
        + "</script><div>Two.</div>");
    assertEquals("One.\nTwo.", r.text());
    assertFalse(r.quoteRemoved());
  }

  @Test
  void aHistoryMarkerInsideABlockquoteCutsEverythingAfterIt() {
    var r = HtmlText.toText("<div>New.</div><blockquote>old <div class=\"gmail_quote\">older</div></blockquote>"
        + "<div>also old</div>");
    assertEquals("New.", r.text());
    assertTrue(r.quoteRemoved());
  }

  @Test
  void markersAreFoundWhateverTheCaseAndQuotingOfTheAttribute() {
    assertEquals("New.", HtmlText.toText("<div>New.</div><DIV CLASS='x GMAIL_QUOTE'>old</DIV>").text());
    assertEquals("New.", HtmlText.toText("<div>New.</div><div id=divRplyFwdMsg>old</div>").text());
    assertEquals("New.\nkept", HtmlText.toText("<div>New.</div><div class=\"gmail_quotes\">kept</div>").text(),
        "a class that only starts with a marker is not the marker");
  }

  @Test
  void aLineBreakWithAttributesIsStillALineBreak() {
    assertEquals("one\ntwo", HtmlText.toText("one<br clear=\"all\">two").text());
  }

  @Test
  void aControlCharacterASenderEncodedIsNotTakenForADroppedQuote() {
    String attribution = "On Wed, Mar 4, 2026 at 10:02 AM Theo &lt;theo@example.org&gt; wrote:";
    assertEquals("On Wed, Mar 4, 2026 at 10:02 AM Theo <theo@example.org> wrote:\nYes.",
        HtmlText.toText("<div>" + attribution + "</div><div>&#3;Yes.</div>").text());
  }

  @Test
  void entitiesDecodeByNameAndNumberAndUnknownOnesStay() {
    assertEquals("caf\u00e9 \u00a3 &Eacute; &bogus; \uFFFD", HtmlText.decodeEntities("caf&eacute; &pound; &Eacute; &bogus; &#0;"));
  }
}
