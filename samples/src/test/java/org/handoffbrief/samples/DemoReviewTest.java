package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's review and delivery loop (issue 10, "Sample app"): the AE's DM, a Confirm that
 * reaches the app as a signed interaction request, the post in {@code #cs-handoffs}, the
 * Salesforce writes only after the approval, and a second run that updates the post. The demo
 * Slack workspace keeps what was posted in {@code <store>-slack.json}; the tests read it there.
 */
class DemoReviewTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  /** Issue 10: the demo runs the whole loop; the note shows this output. */
  @Test
  void demoSendsTheDmVerifiesTheSignedConfirmPostsTheBriefAndThenWrites() throws IOException {
    Run run = demo();

    assertEquals(HandoffSamples.EXIT_OK, run.exitCode(), run::toString);
    String out = run.out();
    assertTrue(out.contains("Review: DM sent to " + SlackReviewStep.AE_EMAIL + " (" + SlackReviewStep.AE_USER + ")"),
        out);
    assertTrue(out.contains("Review: Confirm clicked; the signed request was verified and answered 200"), out);
    assertTrue(out.contains("Review: confirmed by Alex Rivera, "), out);
    assertTrue(out.indexOf("Posted: #cs-handoffs ts ") > 0, out);
    assertTrue(out.indexOf("Posted: #cs-handoffs") < out.indexOf("Written: 11 created"),
        "the CRM writes come after the approval: " + out);
    assertEquals(1, posts(DemoSlack.CS_CHANNEL).size(), "one post in #cs-handoffs");
    assertEquals(1, posts("D0ALEX0001").size(), "one DM to the AE");
    assertTrue(Files.readString(dir.resolve("out/brief.md")).contains("**Review outcome:** confirmed by Alex Rivera"));
  }

  /** Issue 10: re-delivery of the same brief updates the earlier message instead of posting twice. */
  @Test
  void aSecondDemoUpdatesThePostAndAsksNoOneAgain() throws IOException {
    demo();
    String ts = posts(DemoSlack.CS_CHANNEL).get(0).path("ts").asText();

    Run again = demo();

    assertEquals(HandoffSamples.EXIT_OK, again.exitCode(), again::toString);
    assertTrue(again.out().contains("Delivery: updated the message in #cs-handoffs (ts " + ts + ")"), again.out());
    assertEquals(1, posts(DemoSlack.CS_CHANNEL).size(), "still one post in #cs-handoffs");
    assertEquals(1, posts("D0ALEX0001").size(), "the AE is not asked again for the same brief");
  }

  private Run demo() {
    return Run.of("demo", "--yes", "--out", dir.resolve("out").toString(), "--store", dir.resolve("store/demo")
        .toString());
  }

  private java.util.List<JsonNode> posts(String channel) throws IOException {
    JsonNode state = JSON.readTree(dir.resolve("store/demo-slack.json").toFile());
    var out = new java.util.ArrayList<JsonNode>();
    state.path("messages").path(channel).forEach(m -> {
      if (!m.hasNonNull("thread_ts") || m.path("thread_ts").asText().equals(m.path("ts").asText())) {
        out.add(m);
      }
    });
    return out;
  }
}
