package org.handoffbrief.samples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.store.OutboxWrite;
import org.handoffbrief.store.StoredBrief;
import org.handoffbrief.store.jdbc.JdbcBriefStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample app's write-back (issue 9, "Sample app"): {@code demo} stores the brief, shows the
 * Salesforce write plan, asks before writing (or takes {@code --yes}), writes to the demo org,
 * and a second run writes nothing new. The demo org keeps what it was written in
 * {@code <store>-org.json}; the tests count the records there, the way an admin would count them
 * in a real org. Every run uses this test's own directory for {@code --out} and {@code --store}.
 */
class DemoWriteBackTest {

  private static final String OPPORTUNITY = DemoSalesforce.OPPORTUNITY_ID;
  /** What the demo deal's handoff brief causes: the brief, the success plan, the Task and 8 follow-ups. */
  private static final int HANDOFF_WRITES = 11;
  private static final String KEY = "Handoff_Key__c";
  private static final String SOAP = "/services/Soap/u/65\\.0(/.*)?";
  private static final String TASK_UPSERT =
      "//*[local-name()='upsert']/*[local-name()='sObjects']/*[local-name()='type' and text()='Task']";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  // ---- asking before writing ----

  @Test
  void demoWithNobodyToAnswerPrintsThePlanWritesNothingAndStoresTheBriefAsVersionOne() throws IOException {
    Run run = demo();

    assertEquals(HandoffSamples.EXIT_OK, run.exitCode(), run::toString);
    assertTrue(run.out().contains("Salesforce write-back plan salesforce:" + OPPORTUNITY + "/handoff/v1 ("
        + HANDOFF_WRITES + " writes)"), run::toString);
    assertTrue(run.out().contains("Not written: nobody here to confirm. Run again with --yes"), run::toString);
    assertEquals(0, orgRecords().size(), "records in the demo org");
    try (JdbcBriefStore store = JdbcBriefStore.h2File(store())) {
      StoredBrief stored = store.latest(OPPORTUNITY, BriefKind.HANDOFF).orElseThrow();
      assertEquals(1, stored.version());
      assertTrue(run.out().contains("Stored as " + stored.briefId()), run::toString);
      assertEquals(List.of(), store.writes("salesforce:" + stored.briefId()), "a plan nobody approved was kept");
    }
  }

  @Test
  void demoWritesTheElevenRecordsWhenThePersonAnswersYes() throws IOException {
    Run run = demoAnswering("y");

    assertEquals(HandoffSamples.EXIT_OK, run.exitCode(), run::toString);
    assertTrue(run.err().contains("Write these " + HANDOFF_WRITES + " records to Salesforce? [y/N]"), run::toString);
    assertTrue(run.out().contains("Written: " + HANDOFF_WRITES + " created of " + HANDOFF_WRITES + " writes"),
        run::toString);
    assertEquals(HANDOFF_WRITES, orgRecords().size(), "records in the demo org");
  }

  @Test
  void demoWritesNothingWhenThePersonAnswersNo() throws IOException {
    Run run = demoAnswering("n");

    assertEquals(HandoffSamples.EXIT_OK, run.exitCode(), run::toString);
    assertTrue(run.out().lines().anyMatch(l -> l.equals("Not written.")), run::toString);
    assertEquals(0, orgRecords().size(), "records in the demo org");
  }

  @Test
  void demoDryRunPrintsThePlanAndWritesNothing() throws IOException {
    Run run = demo("--dry-run");

    assertEquals(HandoffSamples.EXIT_OK, run.exitCode(), run::toString);
    assertTrue(run.out().contains("(" + HANDOFF_WRITES + " writes)"), run::toString);
    assertTrue(run.out().contains("Dry run: nothing was written."), run::toString);
    assertEquals(0, orgRecords().size(), "records in the demo org");
  }

  // ---- a second run ----

  /** Issue 9: a second run writes nothing (the demo sends no upsert and says so). */
  @Test
  void aSecondDemoWithYesSaysNothingNewAndSendsNoUpsert() throws IOException {
    Run first = demo("--yes");
    assertEquals(HandoffSamples.EXIT_OK, first.exitCode(), first::toString);
    String orgAfterFirst = Files.readString(orgState());

    Run second;
    int upserts;
    try (DemoSystems systems = systems(DemoMoment.AT_CLOSE)) {
      second = demoAgainst(systems, BriefKind.HANDOFF);
      upserts = systems.salesforce.calls("upsert");
    }

    assertEquals(HandoffSamples.EXIT_OK, second.exitCode(), second::toString);
    assertTrue(second.out().contains("Write-back: nothing new to write. The " + HANDOFF_WRITES + " writes of"),
        second::toString);
    assertEquals(0, upserts, "upsert calls in the second run");
    assertEquals(orgAfterFirst, Files.readString(orgState()), "the demo org changed");
    assertEquals(HANDOFF_WRITES, orgRecords().size(), "records in the demo org");
  }

  // ---- briefs that compound ----

  /**
   * Issue 9, sample app: a later brief for the same account shows what changed, and its follow-up Tasks land
   * on the records the handoff brief made: threads still open are updated in place, the closed
   * thread's Task is completed, a new thread gets a new Task.
   */
  @Test
  void aThirtyDayBriefShowsWhatChangedAndUpdatesTheFollowUpTasksInPlace() throws IOException {
    Run handoff = demo("--yes");
    assertEquals(HandoffSamples.EXIT_OK, handoff.exitCode(), handoff::toString);
    Map<String, JsonNode> before = followUps();
    Path later = dir.resolve("later");

    Run thirtyDay = Run.of("demo", "--kind", "30-day", "--yes", "--out", later.toString(), "--store", store().toString());

    assertEquals(HandoffSamples.EXIT_OK, thirtyDay.exitCode(), thirtyDay::toString);
    JsonNode changes = JSON.readTree(later.resolve("brief.json").toFile()).path("changes");
    assertEquals(OPPORTUNITY + "/handoff/v1", changes.path("since").path("briefId").asText());
    Map<String, Integer> counts = new TreeMap<>();
    changes.path("items").forEach(i -> counts.merge(i.path("change").asText() + " " + i.path("category").asText(), 1,
        Integer::sum));
    assertTrue(counts.getOrDefault("closed open_thread", 0) >= 1 && counts.getOrDefault("new open_thread", 0) >= 1,
        "the demo's 30 days close one thread and open another: " + counts);
    String line = thirtyDay.out().lines().filter(l -> l.startsWith("What changed since handoff v1: ")).findFirst()
        .orElseThrow(() -> new AssertionError("no change line in\n" + thirtyDay.out()));
    assertTrue(line.contains(changes.path("items").size() + " items ("), line);
    counts.forEach((what, n) -> assertTrue(line.contains(what + " " + n), () -> what + " " + n + " missing: " + line));
    assertTrue(Files.readString(later.resolve("brief.md")).contains("## What changed since handoff v1"),
        "brief.md has no \"What changed\" block");

    Map<String, JsonNode> after = followUps();
    int completed = 0;
    for (var e : before.entrySet()) {
      JsonNode now = after.get(e.getKey());
      assertTrue(now != null, () -> "the follow-up Task " + e.getKey() + " is gone");
      assertEquals(e.getValue().path("Id").asText(), now.path("Id").asText(), "a second record for " + e.getKey());
      if (now.path("Status").asText().equals("Completed")) {
        assertEquals("true", now.path("IsClosed").asText(), e.getKey());
        completed++;
      } else {
        assertTrue(thirtyDay.out().contains("UPDATED salesforce:Task " + e.getKey() + " -> " + now.path("Id").asText()),
            () -> "the open thread's Task " + e.getKey() + " was not updated in place:\n" + thirtyDay.out());
      }
    }
    assertEquals(counts.get("closed open_thread"), completed, "follow-up Tasks completed");
    Set<String> added = new HashSet<>(after.keySet());
    added.removeAll(before.keySet());
    assertEquals(counts.get("new open_thread"), added.size(), "new follow-up Tasks: " + added);
    for (String key : added) {
      assertEquals("Not Started", after.get(key).path("Status").asText(), key);
      assertTrue(thirtyDay.out().contains("CREATED salesforce:Task " + key + " -> "), thirtyDay::toString);
    }
    assertEveryExternalIdHasOneRecord();
  }

  // ---- crashes between writes ----

  /**
   * Issue 9: no duplicate after a crash at a write boundary and a rerun. The org refuses the Task
   * upsert with a SOAP fault after the brief and success plan records were written; the demo
   * exits 5 with both recorded, and a rerun writes the Tasks only.
   */
  @Test
  void aDemoStoppedBetweenWritesExitsFiveAndARerunWritesTheRestOnce() throws IOException {
    Run stopped;
    int taskUpserts;
    try (DemoSystems systems = systems(DemoMoment.AT_CLOSE)) {
      systems.salesforce.inject(post(urlPathMatching(SOAP)).withRequestBody(matchingXPath(TASK_UPSERT))
          .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/xml;charset=UTF-8")
              .withBody(DemoSalesforce.fixture("fault-unsupported-call.xml"))));
      stopped = demoAgainst(systems, BriefKind.HANDOFF);
      taskUpserts = systems.salesforce.requests(postRequestedFor(urlPathMatching(SOAP))
          .withRequestBody(matchingXPath(TASK_UPSERT)));
    }

    assertEquals(HandoffSamples.EXIT_WRITE, stopped.exitCode(), stopped::toString);
    assertTrue(stopped.err().contains("the write-back stopped") && stopped.err().contains("run again to write the rest"),
        stopped::toString);
    assertEquals(1, taskUpserts, "an UNKNOWN_EXCEPTION fault is not transient and is not retried");
    Map<String, String> written = idsByKey();
    assertEquals(Set.of(OPPORTUNITY + "/handoff/brief/v1", OPPORTUNITY + "/success-plan"), written.keySet());
    try (JdbcBriefStore store = JdbcBriefStore.h2File(store())) {
      var done = new TreeMap<String, String>();
      int failed = 0;
      for (OutboxWrite w : store.writes("salesforce:" + OPPORTUNITY + "/handoff/v1")) {
        if (w.status() == OutboxWrite.Status.DONE) {
          done.put(w.recordId(), w.target());
        } else if (w.status() == OutboxWrite.Status.FAILED) {
          failed++;
        }
      }
      assertEquals(new TreeMap<>(Map.of(written.get(OPPORTUNITY + "/handoff/brief/v1"), "salesforce:Handoff_Brief__c",
          written.get(OPPORTUNITY + "/success-plan"), "salesforce:Handoff_Success_Plan__c")), done,
          "the outbox records what was written, with the org's record ids");
      assertEquals(HANDOFF_WRITES - 2, failed, "Tasks recorded as failed");
    }

    Run rerun = demo("--yes");

    assertEquals(HandoffSamples.EXIT_OK, rerun.exitCode(), rerun::toString);
    assertTrue(rerun.out().contains("Written: " + (HANDOFF_WRITES - 2) + " created, 2 already done of " + HANDOFF_WRITES
        + " writes"), rerun::toString);
    assertEquals(HANDOFF_WRITES, orgRecords().size(), "records in the demo org");
    assertEveryExternalIdHasOneRecord();
    Map<String, String> all = idsByKey();
    written.forEach((key, id) -> assertEquals(id, all.get(key), key + " was written again as a new record"));
  }

  /**
   * Issue 9: no duplicate after a crash at a write boundary and a rerun: after the org took every write, before the app marked
   * any done. The store is put back as it was before the writes (the outbox forgets them); the
   * rerun upserts on the same external ids and Salesforce updates the records it has.
   */
  @Test
  void aRerunThatForgotItsWritesUpdatesTheSameRecordsAndDuplicatesNothing() throws IOException {
    Run dryRun = demo("--dry-run");
    assertEquals(HandoffSamples.EXIT_OK, dryRun.exitCode(), dryRun::toString);
    Path saved = Files.createDirectories(dir.resolve("saved"));
    List<Path> storeFiles = storeFiles();
    for (Path f : storeFiles) {
      Files.copy(f, saved.resolve(f.getFileName()));
    }
    Run written = demo("--yes");
    assertEquals(HandoffSamples.EXIT_OK, written.exitCode(), written::toString);
    Map<String, String> ids = idsByKey();
    for (Path f : storeFiles) {
      Files.copy(saved.resolve(f.getFileName()), f, StandardCopyOption.REPLACE_EXISTING);
    }

    Run rerun = demo("--yes");

    assertEquals(HandoffSamples.EXIT_OK, rerun.exitCode(), rerun::toString);
    assertTrue(rerun.out().contains("Written: " + HANDOFF_WRITES + " updated of " + HANDOFF_WRITES + " writes"),
        rerun::toString);
    assertEquals(ids, idsByKey(), "the records the org holds, by external id");
    assertEveryExternalIdHasOneRecord();
  }

  // ---- usage ----

  @Test
  void demoHelpNamesTheWriteBackOptions() {
    Run run = Run.of("demo", "--help");

    for (String option : List.of("--yes", "--dry-run", "--kind", "--store")) {
      assertTrue(run.out().contains(option), () -> option + " missing from\n" + run.out());
    }
  }

  @Test
  void briefWriteBackWithoutAStoreExitsTwoAndSaysToGiveOne() throws IOException {
    Run run = brief("--write-back");

    assertEquals(HandoffSamples.EXIT_USAGE, run.exitCode(), run::toString);
    assertTrue(run.err().contains("--write-back") && run.err().contains("--store"), run::toString);
  }

  @Test
  void briefYesWithoutWriteBackExitsTwo() throws IOException {
    Run run = brief("--yes");

    assertEquals(HandoffSamples.EXIT_USAGE, run.exitCode(), run::toString);
    assertTrue(run.err().contains("go with --write-back"), run::toString);
  }

  @Test
  void briefYesAndDryRunTogetherExitTwo() throws IOException {
    Run run = brief("--write-back", "--store", store().toString(), "--yes", "--dry-run");

    assertEquals(HandoffSamples.EXIT_USAGE, run.exitCode(), run::toString);
    assertTrue(run.err().contains("contradict"), run::toString);
  }

  @Test
  void demoYesAndDryRunTogetherExitTwo() {
    Run run = demo("--yes", "--dry-run");

    assertEquals(HandoffSamples.EXIT_USAGE, run.exitCode(), run::toString);
    assertTrue(run.err().contains("contradict"), run::toString);
    assertFalse(Files.exists(orgState()), "the demo ran");
  }

  @Test
  void anUnknownKindExitsTwoNamingTheKinds() throws IOException {
    for (Run run : List.of(brief("--kind", "nonsense"), demo("--kind", "nonsense"))) {
      assertEquals(HandoffSamples.EXIT_USAGE, run.exitCode(), run::toString);
      assertTrue(run.err().contains("nonsense") && run.err().contains("handoff, kickoff, 30-day, qbr"), run::toString);
    }
  }

  @Test
  void aStoreThatCannotBeOpenedExitsTwoNamingIt() throws IOException {
    // A directory cannot be made under a regular file: no store can be opened there.
    Path blocked = Files.writeString(dir.resolve("not-a-directory"), "").resolve("store/demo");

    for (Run run : List.of(brief("--store", blocked.toString()),
        Run.of("demo", "--out", dir.resolve("out").toString(), "--store", blocked.toString()))) {
      assertEquals(HandoffSamples.EXIT_USAGE, run.exitCode(), run::toString);
      assertTrue(run.err().contains("cannot open the brief store " + blocked), run::toString);
    }
  }

  // ---- helpers ----

  private Path store() {
    return dir.resolve("store/demo");
  }

  private Path orgState() {
    return DemoCommand.orgState(store().toString());
  }

  /** {@code demo} with this test's --out and --store. */
  private Run demo(String... options) {
    return Run.of(Stream.concat(Stream.of("demo", "--out", dir.resolve("out").toString(), "--store", store().toString()),
        Stream.of(options)).toArray(String[]::new));
  }

  private Run demoAnswering(String answer) {
    return Run.answering(List.of(answer), "demo", "--out", dir.resolve("out").toString(), "--store",
        store().toString());
  }

  /** {@code brief} for the demo opportunity with a Salesforce config that is never reached. */
  private Run brief(String... options) throws IOException {
    // Port 9 (discard) on loopback: every case here ends before the first call.
    Path config = Files.writeString(dir.resolve("handoff.properties"), String.join("\n",
        "salesforce.loginUrl=http://127.0.0.1:9",
        "salesforce.auth=session",
        "salesforce.sessionId=${env:SF_SESSION_ID}",
        "salesforce.instanceUrl=http://127.0.0.1:9",
        "salesforce.vendorDomains=northwind-analytics.com",
        ""));
    return Run.of(Map.of("SF_SESSION_ID", "00DFAKE!not-a-real-session"), Stream.concat(Stream.of("brief",
        "--opportunity", OPPORTUNITY, "--config", config.toString(), "--out", dir.resolve("out").toString()),
        Stream.of(options)).toArray(String[]::new));
  }

  /** The demo's systems as {@code demo} starts them for this test's store, for a test to count calls or inject a fault. */
  private DemoSystems systems(DemoMoment moment) {
    return DemoSystems.start(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), moment,
        orgState());
  }

  /** {@code demo --yes} against {@code systems}, through the command's own code once its systems are up. */
  private Run demoAgainst(DemoSystems systems, BriefKind kind) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code;
    try (var o = new PrintStream(out, true, StandardCharsets.UTF_8);
        var e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      var terminal = new Terminal(o, e, Map.<String, String>of()::get);
      var command = new DemoCommand(terminal);
      command.out = dir.resolve("out");
      command.store = store().toString();
      command.yes = true;
      try (JdbcBriefStore briefs = Stores.open(command.store, terminal)) {
        code = command.run(systems, briefs, kind);
      }
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Every record the demo org holds, of any object; none before the first write. */
  private List<JsonNode> orgRecords() throws IOException {
    var out = new ArrayList<JsonNode>();
    if (Files.exists(orgState())) {
      JSON.readTree(orgState().toFile()).path("records").forEach(type -> type.forEach(out::add));
    }
    return out;
  }

  /** Record ids by external id ({@code Handoff_Key__c}), every object together. */
  private Map<String, String> idsByKey() throws IOException {
    var out = new TreeMap<String, String>();
    for (JsonNode r : orgRecords()) {
      out.put(r.path(KEY).asText(), r.path("Id").asText());
    }
    return out;
  }

  /** The follow-up Tasks by external id. */
  private Map<String, JsonNode> followUps() throws IOException {
    var out = new TreeMap<String, JsonNode>();
    for (JsonNode r : orgRecords()) {
      if (r.path(KEY).asText().startsWith(OPPORTUNITY + "/followup/")) {
        out.put(r.path(KEY).asText(), r);
      }
    }
    return out;
  }

  private void assertEveryExternalIdHasOneRecord() throws IOException {
    var seen = new TreeMap<String, Integer>();
    for (JsonNode r : orgRecords()) {
      assertFalse(r.path(KEY).asText().isEmpty(), () -> "a record without an external id: " + r);
      seen.merge(r.path(KEY).asText(), 1, Integer::sum);
    }
    seen.values().removeIf(n -> n == 1);
    assertEquals(Map.of(), seen, "external ids with more than one record");
  }

  /** The H2 files of this test's store ({@code demo.mv.db} and any beside it), the org's state left out. */
  private List<Path> storeFiles() throws IOException {
    try (Stream<Path> files = Files.list(store().getParent())) {
      return files.filter(f -> f.getFileName().toString().startsWith(store().getFileName() + "."))
          .sorted().toList();
    }
  }
}
