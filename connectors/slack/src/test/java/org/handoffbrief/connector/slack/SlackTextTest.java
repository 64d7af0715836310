package org.handoffbrief.connector.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SlackTextTest {

  static final Function<String, String> USERS = Map.of("U0ALEX0001", "Alex Rivera")::get;
  static final Function<String, String> CHANNELS = Map.of("C0DESK0001", "deal-desk")::get;

  static String plain(String text) {
    return SlackText.plain(text, USERS, CHANNELS);
  }

  @Test
  void userMentionsBecomeNamesAndUnknownOnesKeepTheirLabelOrId() {
    assertEquals("@Alex Rivera and @sam and @U0NOBODY1", plain("<@U0ALEX0001> and <@U0SAM00001|sam> and <@U0NOBODY1>"));
  }

  @Test
  void channelLinksBecomeHashNames() {
    assertEquals("see #deal-desk and #pricing and #C0UNKNOWN1", plain("see <#C0DESK0001> and <#C0PRICE001|pricing> and <#C0UNKNOWN1>"));
  }

  @Test
  void linksKeepTheirLabelAndTheirAddress() {
    assertEquals("ERP notes (https://wiki.example.com/erp), https://example.com, dana@example.org, Dana (dana@example.org)",
        plain("<https://wiki.example.com/erp|ERP notes>, <https://example.com>, <mailto:dana@example.org|dana@example.org>,"
            + " <mailto:dana@example.org|Dana>"));
  }

  @Test
  void specialMentionsAndDatesReadAsText() {
    assertEquals("@here @channel @se-team on Mar 8", plain("<!here> <!channel> <!subteam^S0SE000001|@se-team> on"
        + " <!date^1772984520^{date_short}|Mar 8>"));
  }

  @Test
  void escapedCharactersAreUnescapedLastSoTheyNeverBecomeMarkup() {
    assertEquals("R&D <@U0ALEX0001> & a > b", plain("R&amp;D &lt;@U0ALEX0001&gt; &amp; a &gt; b"));
    assertEquals("&lt;", plain("&amp;lt;"));
  }

  @Test
  void mentionedUsersAreListedOnceInOrder() {
    assertEquals(List.of("U0SAM00001", "U0ALEX0001"),
        List.copyOf(SlackText.mentionedUsers("<@U0SAM00001> <@U0ALEX0001|alex> <@U0SAM00001> <#C0DESK0001>")));
  }

  @Test
  void accountNamesAreSlugifiedAsSlackChannelNames() {
    assertEquals("meridian-health", SlackText.slug("Meridian Health"));
    assertEquals("sao-paulo-clinica-s-a", SlackText.slug("  São Paulo Clínica S.A. "));
    assertEquals("", SlackText.slug("!!!"));
  }

  @Test
  void patternsMatchWholeNamesWithStarsForAnyRun() {
    assertTrue(SlackText.matches("deal-meridian-health", "deal-meridian-health"));
    assertFalse(SlackText.matches("deal-meridian-health", "deal-meridian-healthcare"));
    assertTrue(SlackText.matches("deal-meridian-health*", "deal-meridian-health-2026"));
    assertTrue(SlackText.matches("*meridian-health", "ext-meridian-health"));
    assertFalse(SlackText.matches("deal-meridian.health", "deal-meridianxhealth"), "a dot is literal");
  }

  @Test
  void aCrmFieldNamesAChannelByItsIdOrItsNameButNotByAPartOfEither() {
    assertTrue(SlackText.namesChannel("C0123ABCD", "C0123ABCD", "deal-acme"));
    assertTrue(SlackText.namesChannel("<#C0123ABCD|deal-acme>", "C0123ABCD", "deal-acme"));
    assertTrue(SlackText.namesChannel("https://acme.slack.com/archives/C0123ABCD/p1", "C0123ABCD", "deal-acme"));
    assertTrue(SlackText.namesChannel("#Deal-Acme", "C9999", "deal-acme"));
    assertFalse(SlackText.namesChannel("C0123ABCDE", "C0123ABCD", "deal-acme"));
    assertFalse(SlackText.namesChannel("#deal-acme-2", "C9999", "deal-acme"));
  }
}
