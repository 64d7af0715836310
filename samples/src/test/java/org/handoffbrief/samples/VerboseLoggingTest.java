package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 (Low): {@code --verbose} never prints a vendor's response body. Run in its own JVM: SLF4J
 * reads its levels once per process, so an in-process run would test whatever ran first.
 */
class VerboseLoggingTest {

  @TempDir
  Path dir;

  @Test
  void verboseDemoPrintsNoSlackResponseBodyNorDealDeskText() throws Exception {
    // Text only the demo's deal-desk channel holds, served by Slack's conversations.history.
    String dealDesk = "12% off list on a 3-year term";
    assertTrue(DemoSlack.fixture("history-desk.json").contains(dealDesk), "the deal-desk fixture changed");
    Path err = dir.resolve("err.txt");
    Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HandoffSamples.class.getName(),
        "demo", "--verbose", "--out", dir.toString(), "--store", dir.resolve("store/demo").toString())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err.toFile()).start();
    assertTrue(app.waitFor(120, TimeUnit.SECONDS), "the demo did not finish");

    String printed = Files.readString(err, StandardCharsets.UTF_8);
    assertEquals(0, app.exitValue(), printed);
    assertTrue(printed.contains("DEBUG"), "--verbose printed no library debug log:\n" + printed);
    assertFalse(printed.contains(dealDesk), "deal-desk text was printed");
    assertFalse(printed.contains("\"messages\""), "a Slack response body was printed");
  }

}
