package org.handoffbrief.connector.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccountNamesTest {

  @Test
  void legalFormsAreDroppedFromTheEndWhateverTheirPunctuation() {
    assertEquals(List.of("acme-corporation-inc", "acme"), AccountNames.of("Acme Corporation, Inc."));
    assertEquals(List.of("vireo-tools-s-a", "vireo-tools-sa", "vireo-tools", "vireo"), AccountNames.of("Vireo Tools S.A."));
    assertEquals(List.of("kestrel-pty-ltd", "kestrel"), AccountNames.of("Kestrel Pty Ltd"));
    assertEquals(List.of("oberhain-gmbh", "oberhain"), AccountNames.of("Oberhain GmbH"));
  }

  @Test
  void longerNamesComeFirstThenTheFirstTwoWordsThenTheFirstWord() {
    assertEquals(List.of("granite-falls-water-district", "granite-falls", "granite"),
        AccountNames.of("Granite Falls Water District"));
    assertEquals(List.of("sao-paulo-clinica", "sao-paulo", "sao"), AccountNames.of("São Paulo Clínica"));
  }

  @Test
  void aMeaningfulWordLikeUniversityStaysButNeverStandsAlone() {
    assertEquals(List.of("university-of-brightwater"), AccountNames.of("University of Brightwater"));
    assertEquals(List.of("northgate-state-university", "northgate-state", "northgate"),
        AccountNames.of("Northgate State University"));
    assertEquals(List.of("first-harbor-bank", "first-harbor"), AccountNames.of("First Harbor Bank"));
  }

  @Test
  void aOneWordOrEmptyNameGivesWhatItHas() {
    assertEquals(List.of("zentrix"), AccountNames.of("Zentrix"));
    assertEquals(List.of("inc"), AccountNames.of("Inc."));
    assertEquals(List.of(), AccountNames.of("!!!"));
  }

  @Test
  void textNamesAnAccountOnlyAsWholeWordsInAnyCaseOrPunctuation() {
    List<String> names = AccountNames.of("Granite Falls Water District");
    assertTrue(AccountNames.named("Granite's board signed today", names));
    assertTrue(AccountNames.named("update from GRANITE-FALLS: all good", names));
    assertFalse(AccountNames.named("the granites are in", names));
    assertFalse(AccountNames.named("", names));
  }
}
