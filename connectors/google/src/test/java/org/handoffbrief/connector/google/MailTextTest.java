package org.handoffbrief.connector.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.Charset;
import java.util.List;
import org.handoffbrief.model.Participant;
import org.junit.jupiter.api.Test;

/** The Gmail-specific parts; the text rules are tested in handoff-core's org.handoffbrief.spi.kit. */
class MailTextTest {

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
