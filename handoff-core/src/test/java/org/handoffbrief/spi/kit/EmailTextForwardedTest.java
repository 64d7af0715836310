package org.handoffbrief.spi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmailTextForwardedTest {

  @Test
  void anOutlookHeaderBlockGivesTheOriginalWithItsSenderDateSubjectAndOwnWords() {
    List<ForwardedMessage> found = EmailText.forwarded("Here is the note I mentioned.\n\n"
        + "From: Kim Lee <Kim.Lee@vendor.example>\nSent: Thursday, March 19, 2026 4:12 PM\n"
        + "To: Ola Berg <ola@buyer.example>\nSubject: Rollout plan\n\n"
        + "We will run the pilot for two teams first.\n\nBest,\nKim\n");
    assertEquals(1, found.size());
    ForwardedMessage m = found.get(0);
    assertEquals("Kim Lee", m.senderName());
    assertEquals("kim.lee@vendor.example", m.senderAddress());
    assertEquals("Rollout plan", m.subject());
    assertEquals("We will run the pilot for two teams first.", m.text());
    assertEquals(OffsetDateTime.of(2026, 3, 19, 16, 12, 0, 0, ZoneOffset.ofHours(-5)),
        m.sentAt(ZoneOffset.ofHours(-5)));
  }

  @Test
  void aGmailForwardGivesTheOriginal() {
    List<ForwardedMessage> found = EmailText.forwarded("FYI\n\n---------- Forwarded message ---------\n"
        + "From: Kim Lee <kim@vendor.example>\nDate: Mon, Mar 9, 2026 at 10:02\u202fAM\nSubject: Fwd: Terms\n"
        + "To: <ola@buyer.example>\n\n\nThe second year is capped at five percent.\n");
    assertEquals(1, found.size());
    assertEquals("kim@vendor.example", found.get(0).senderAddress());
    assertEquals("Fwd: Terms", found.get(0).subject());
    assertEquals("The second year is capped at five percent.", found.get(0).text());
    assertEquals(OffsetDateTime.of(2026, 3, 9, 10, 2, 0, 0, ZoneOffset.UTC), found.get(0).sentAt(ZoneOffset.UTC));
  }

  @Test
  void aNestedForwardGivesEachOriginalOutermostFirstWithoutTheOthersWords() {
    List<ForwardedMessage> found = EmailText.forwarded("See below.\n"
        + "-----Original Message-----\nFrom: Ola Berg <ola@buyer.example>\nSent: Tuesday, March 10, 2026 9:00 AM\n"
        + "To: Pat\nSubject: RE: Terms\n\nPat, can you confirm this?\n\n"
        + "________________________________\nFrom: Kim Lee [mailto:kim@vendor.example]\nSent: Monday, March 9, 2026 8:00 AM\n"
        + "To: Ola Berg\nSubject: Terms\n\nSupport is included in year one.\n");
    assertEquals(2, found.size());
    assertEquals("ola@buyer.example", found.get(0).senderAddress());
    assertEquals("Pat, can you confirm this?", found.get(0).text());
    assertEquals("kim@vendor.example", found.get(1).senderAddress());
    assertEquals("Support is included in year one.", found.get(1).text());
  }

  @Test
  void aLocalisedHeaderBlockAndAWrappedRecipientListAreRead() {
    List<ForwardedMessage> found = EmailText.forwarded("Voil\u00e0.\n\nDe : Kim Lee <kim@vendor.example>\n"
        + "Envoy\u00e9 : lundi 9 mars 2026 08:00\n\u00c0 : Ola Berg <ola@buyer.example>, Pat <pat@buyer.example>,\n"
        + "Sam <sam@buyer.example>\nObjet : Formation\n\nLa formation est incluse.\n");
    assertEquals(1, found.size());
    assertEquals("Formation", found.get(0).subject());
    assertEquals("La formation est incluse.", found.get(0).text());
    assertNull(found.get(0).sentAt(ZoneOffset.UTC), "a French date stays text");
  }

  @Test
  void aHeaderBlockOnOneLineIsRead() {
    List<ForwardedMessage> found = EmailText.forwarded(
        "Noted.\nFrom: Kim Lee <kim@vendor.example> Sent: Monday To: Ola Subject: Kickoff\nWe start on the first.");
    assertEquals(1, found.size());
    assertEquals("Kickoff", found.get(0).subject());
    assertEquals("We start on the first.", found.get(0).text());
  }

  @Test
  void aBlockWithoutASenderLineIsSkipped() {
    assertTrue(EmailText.forwarded("Hi.\n-----Original Message-----\nSent: Monday\nTo: Ola\nSubject: x\n\nOld.")
        .isEmpty());
    assertTrue(EmailText.forwarded("Hi.\n\nOn Mon, Mar 9, 2026 at 9:00 AM Kim <kim@vendor.example> wrote:\n> Old.")
        .isEmpty(), "an attribution is not a header block");
    assertTrue(EmailText.forwarded("From: the kickoff on, Dana owns SSO.\nNext: scoping.").isEmpty());
  }

  @Test
  void manyBlocksAreCappedAndTheScanStaysLinear() {
    var chain = new StringBuilder("Top.\n");
    for (int i = 0; i < 2_000; i++) {
      chain.append("From: P").append(i).append(" <p").append(i).append("@x.example>\nSent: Monday\nTo: Q\nSubject: s\n\nWords ")
          .append(i).append(".\n\n");
    }
    List<ForwardedMessage> found = EmailText.forwarded(chain.toString());
    assertEquals(5, found.size());
    assertEquals("Words 0.", found.get(0).text());
  }

  @Test
  void anOriginalMatchesItsOwnMessageDespitePrefixesCaseAndLayout() {
    ForwardedMessage copy = EmailText.forwarded("FYI\nFrom: Kim <Kim@Vendor.example>\nSent: Monday\nSubject: RE: FW: Terms\n\n"
        + "Support is included\nin year one.").get(0);
    assertEquals(ForwardedMessage.matchKey("kim@vendor.example", "Re: Terms", "Support is included in year one."),
        copy.matchKey());
    assertTrue(!copy.matchKey().equals(ForwardedMessage.matchKey("kim@vendor.example", "Terms", "Something else.")));
  }
}
