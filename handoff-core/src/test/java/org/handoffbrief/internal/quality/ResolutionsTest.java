package org.handoffbrief.internal.quality;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResolutionsTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "The DPA is signed.",
      "We countersigned the order form this morning.",
      "Legal approved the final terms.",
      "Schedule 2 is acceptable as redlined.",
      "Our counsel considers the liability point closed.",
      "The security review has been completed.",
      "That question is resolved, thanks."})
  void aSentenceThatReportsTheItemSettledSettlesIt(String sentence) {
    assertTrue(Resolutions.says(sentence), sentence);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "The DPA is not signed yet.",
      "It will be signed once procurement is back.",
      "We need it approved before Friday.",
      "Is the MSA executed?",
      "Attached is the completed questionnaire.",
      "The cap is acceptable if you drop the audit clause.",
      "Waiting for the countersigned copy.",
      "Still pending: the redline on section 9."})
  void aSentenceThatDeniesPromisesOrAsksDoesNotSettleIt(String sentence) {
    assertFalse(Resolutions.says(sentence), sentence);
  }
}
