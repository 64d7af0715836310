package org.handoffbrief.writeback.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.handoffbrief.UsageLimitExceededException;
import org.handoffbrief.audit.AuditAnswer;
import org.handoffbrief.audit.AuditQuestion;
import org.handoffbrief.audit.ClaimMark;
import org.handoffbrief.audit.PassRate;
import org.handoffbrief.audit.RolloutDecision;
import org.handoffbrief.audit.RolloutPolicy;
import org.handoffbrief.connector.salesforce.SalesforceAuth;
import org.handoffbrief.connector.salesforce.SalesforceConfig;
import org.handoffbrief.model.BriefChanges;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.Claim;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.SectionId;
import org.handoffbrief.quality.QualityHistory;
import org.handoffbrief.review.BriefReview;
import org.handoffbrief.review.ReviewFeedback;
import org.handoffbrief.store.AuditEntry;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.OutboxPlan;
import org.handoffbrief.store.OutboxWrite;
import org.handoffbrief.store.StoredBrief;
import org.handoffbrief.testing.FakeSalesforce;
import org.handoffbrief.testing.SObjectField;
import org.handoffbrief.writeback.salesforce.WritebackPlan.PlannedWrite;
import org.handoffbrief.writeback.salesforce.WritebackResult.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SalesforceWritebackTest {
  /** The opportunity's owner: who a follow-up owed by nobody in the org is assigned to. */
  static final String OWNER = "0058c00000OwNerAAA";
  /** The write-back's custom objects and Task: where its records go. */
  static final List<String> WRITTEN_TYPES = List.of("Task", "Handoff_Brief__c", "Handoff_Success_Plan__c");

  FakeSalesforce org;
  AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-03-30T09:00:00Z"));
  Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  @BeforeEach
  void startTheOrg() {
    org = FakeSalesforce.start().deployWriteback().username("integration@vendor.example")
        .user("0058c00000MoRgaAAA", "Morgan Lee", "morgan.lee@vendor.example")
        .user("0058c00000CaSeyAAA", "Casey O'Brien \\ Legal", "casey@vendor.example")
        .user(OWNER, "Opportunity Owner", "owner@vendor.example");
    org.sobject("Account", Map.of("Id", Briefs.ACCOUNT, "Name", "Example Co"));
    org.sobject("Opportunity", Map.of("Id", Briefs.OPP, "OwnerId", OWNER, "AccountId", Briefs.ACCOUNT));
  }

  @AfterEach
  void stopTheOrg() {
    org.close();
  }

  SalesforceWriteback writeback(BriefStore store, WritebackConfig config, String worker) {
    return SalesforceWriteback.builder().salesforce(salesforce()).store(store).config(config).clock(clock).worker(worker).build();
  }

  SalesforceWriteback writeback(BriefStore store, Supplier<RolloutDecision> rollout) {
    return SalesforceWriteback.builder().salesforce(salesforce()).store(store).clock(clock).rollout(rollout).build();
  }

  SalesforceConfig salesforce() {
    return SalesforceConfig.builder().loginUrl(org.loginUrl())
        .auth(SalesforceAuth.password(org.username(), org.password(), org.securityToken())).build();
  }

  SalesforceWriteback writeback(BriefStore store) {
    return writeback(store, WritebackConfig.ofDefaults(), "worker-1");
  }

  static StoredBrief stored(BriefStore store, HandoffBrief brief) {
    return store.save(brief, BriefKind.HANDOFF);
  }

  int upsertRequests() {
    return org.requests(postRequestedFor(urlMatching("/services/Soap/u/.*"))
        .withRequestBody(matchingXPath("//*[local-name()='upsert']")));
  }

  /** Every record the write-back sent, refused ones included. */
  List<Map<String, String>> sent() {
    return WRITTEN_TYPES.stream().flatMap(t -> org.sent(t).stream()).toList();
  }

  /** How many times each key was sent. */
  Map<String, Long> sendsPerKey() {
    return sent().stream().collect(java.util.stream.Collectors.groupingBy(f -> f.get("Handoff_Key__c"),
        java.util.stream.Collectors.counting()));
  }

  /** The records the write-back's writes left in the org. */
  int written() {
    return WRITTEN_TYPES.stream().mapToInt(t -> org.records(t).size()).sum();
  }

  int describes() {
    return org.calls("describeGlobal") + org.calls("describeSObjects") + org.calls("describeSObject");
  }

  // ---- the plan

  /** Issue 9: the exact writes, stable keys. */
  @Test
  void aPlanListsTheBriefSuccessPlanTaskAndOneFollowUpPerOpenThreadOnStableKeys() {
    var store = BriefStore.inMemory(clock);
    WritebackPlan plan = writeback(store).plan(stored(store, Briefs.standard()));

    assertEquals(List.of("brief", "success-plan", "task", "followup/open_threads.follow_up.1",
        "followup/open_threads.legal.1", "followup/open_threads.pending.1"),
        plan.writes().stream().map(PlannedWrite::itemKey).toList());
    List<Claim> threads = Briefs.standard().section(SectionId.OPEN_THREADS).claims();
    assertEquals(List.of(Briefs.OPP + "/handoff/brief/v1", Briefs.OPP + "/success-plan", Briefs.OPP + "/handoff/task",
        followUpKey(threads.get(0)), followUpKey(threads.get(1)), followUpKey(threads.get(2))),
        plan.writes().stream().map(PlannedWrite::externalId).toList());
    assertTrue(followUpKey(threads.get(0)).matches(Briefs.OPP + "/followup/[0-9a-f]{16}"));
    PlannedWrite task = plan.write("task");
    assertEquals("Task", task.sObjectType());
    assertEquals("Handoff_Key__c", task.externalIdField());
    assertEquals(Briefs.OPP, task.fields().get("WhatId"));
    assertEquals("Completed", task.fields().get("Status"));
    assertEquals("2025-03-29", task.fields().get("ActivityDate"));
    assertEquals(OWNER, task.fields().get("OwnerId"), "the opportunity owner by default");
    assertTrue(task.fields().get("Description").contains("(https://crm.example.com/r/risks-dependency-1)"),
        "each summary line carries its citation's permalink");
    assertTrue(task.fields().get("Description").endsWith("Full brief: " + org.loginUrl()
        + "/lightning/r/Handoff_Brief__c/" + WritebackPlan.BRIEF_RECORD_ID + "/view"));

    PlannedWrite owedByUser = plan.write("followup/open_threads.follow_up.1");
    assertEquals("0058c00000MoRgaAAA", owedByUser.fields().get("OwnerId"));
    assertEquals("2025-04-04", owedByUser.fields().get("ActivityDate"));
    assertEquals("Not Started", owedByUser.fields().get("Status"));
    assertEquals("0058c00000CaSeyAAA", plan.write("followup/open_threads.legal.1").fields().get("OwnerId"));
    PlannedWrite unknown = plan.write("followup/open_threads.pending.1");
    assertEquals(OWNER, unknown.fields().get("OwnerId"));
    assertFalse(unknown.fields().containsKey("ActivityDate"), "the day it was raised is not a due date");
    assertTrue(unknown.notes().get(0).contains("Jordan Unknown is not an active Salesforce user"));

    assertEquals("2025-06-02", plan.write("success-plan").fields().get("Go_Live_Date__c"));
    assertTrue(plan.write("success-plan").fields().get("Milestones__c").startsWith(
        "2025-04-15: Commitment: data import template by April"));
    assertEquals("1", plan.write("brief").fields().get("Version__c"));
  }

  /**
   * Issue 9: a second run writes nothing. A later brief renumbers its claims; its follow-up for a
   * thread still open lands on the handoff brief's Task for it, not on a second Task.
   */
  @Test
  void aLaterBriefsFollowUpForTheSameThreadUsesTheSameKeyWhateverItsClaimId() {
    var store = BriefStore.inMemory(clock);
    Claim first = Briefs.standard().section(SectionId.OPEN_THREADS).claims().get(0);
    Claim renumbered = new Claim("open_threads.follow_up.7", SectionId.OPEN_THREADS, first.text() + " (still open)",
        first.attributes(), first.citations());
    HandoffBrief later = Briefs.brief(List.of(renumbered)).withHistory(BriefKind.THIRTY_DAY, null);
    WritebackPlan plan = writeback(store).plan(store.save(later, BriefKind.THIRTY_DAY));

    assertEquals(followUpKey(first), plan.write("followup/open_threads.follow_up.7").externalId());
    assertEquals(Briefs.OPP + "/30-day/task", plan.write("task").externalId());
  }

  /** Issue 9 (compounding): a thread the later brief finds closed completes its follow-up Task. */
  @Test
  void aThreadClosedSinceThePreviousBriefCompletesItsFollowUpTask() {
    var store = BriefStore.inMemory(clock);
    Claim closed = Briefs.standard().section(SectionId.OPEN_THREADS).claims().get(2);
    var changes = new BriefChanges(new BriefChanges.Since(Briefs.OPP + "/handoff/v1", BriefKind.HANDOFF, 1,
        Instant.parse("2025-03-29T18:00:00Z")), List.of(new BriefChanges.Item(BriefChanges.Category.OPEN_THREAD,
        BriefChanges.Change.CLOSED, "Closed: " + closed.text(), closed.id(), null, closed.citations())));
    HandoffBrief later = Briefs.brief(List.of()).withHistory(BriefKind.THIRTY_DAY, changes);
    WritebackPlan plan = writeback(store).plan(store.save(later, BriefKind.THIRTY_DAY));

    PlannedWrite done = plan.writes().stream().filter(w -> w.itemKey().startsWith("followup-closed/")).findFirst()
        .orElseThrow();
    assertEquals(followUpKey(closed), done.externalId());
    assertEquals("Completed", done.fields().get("Status"));
    assertTrue(done.fields().get("Subject").startsWith("Follow up (closed): "));
  }

  private static String followUpKey(Claim thread) {
    return Briefs.OPP + "/followup/" + WritebackPlanner.threadKey(thread.citations());
  }

  /** Issue 9: nothing from a brief is concatenated into SOQL unescaped. */
  @Test
  void theReadsAreTheDocumentedQueriesWithEveryNameEscaped() {
    var store = BriefStore.inMemory(clock);
    writeback(store).plan(stored(store, Briefs.standard()));

    assertEquals(List.of("SELECT Id, OwnerId, AccountId FROM Opportunity WHERE Id = '" + Briefs.OPP + "'",
        "SELECT Id, Name, Email FROM User WHERE IsActive = true AND Name IN ('Casey O\\'Brien \\\\ Legal',"
            + " 'Jordan Unknown', 'Morgan Lee')"), org.queries());
  }

  /** Issue 9: field trimming. */
  @Test
  void aLongSubjectIsCutTo255AndALongDescriptionToTheFieldWithTheLinkToTheFullBrief() {
    org.metadata(org.metadata("Task").with(SObjectField.textarea("Description", "Description", 400)));
    String longText = "Confirm the integration scope for every regional team before the kickoff ".repeat(6);
    var store = BriefStore.inMemory(clock);
    var brief = Briefs.brief(List.of(Briefs.claim(SectionId.OPEN_THREADS, "open_threads.follow_up.9", longText,
        Map.of("owedBy", "Morgan Lee"))));
    var wb = writeback(store, WritebackConfig.builder().briefLink("https://handoff.example.com/briefs/{briefId}")
        .build(), "w");
    WritebackPlan plan = wb.plan(stored(store, brief));

    PlannedWrite f = plan.write("followup/open_threads.follow_up.9");
    assertEquals(255, f.fields().get("Subject").length());
    assertTrue(f.fields().get("Subject").endsWith("..."));
    String d = f.fields().get("Description");
    assertEquals(400, d.length());
    assertTrue(d.endsWith("\n... full brief: https://handoff.example.com/briefs/" + Briefs.OPP + "/handoff/v1"), d);
    assertTrue(f.notes().stream().anyMatch(n -> n.startsWith("Subject trimmed from")));
    assertTrue(f.notes().stream().anyMatch(n -> n.startsWith("Description trimmed from")));

    WritebackResult r = wb.execute(plan);
    assertEquals(0, r.with(Status.FAILED).size(), "trimming never fails a write");
  }

  /** Issue 9: the plan is printable (dry run) and storable. */
  @Test
  void aDryRunRendersThePlanAndWritesNothing() {
    var store = BriefStore.inMemory(clock);
    StoredBrief brief = stored(store, Briefs.standard());
    WritebackPlan plan = writeback(store).plan(brief);

    String shown = plan.render();
    assertTrue(shown.contains("upsert Task on Handoff_Key__c = " + Briefs.OPP + "/handoff/task"), shown);
    assertTrue(shown.contains("note: Jordan Unknown is not an active Salesforce user"), shown);
    assertEquals(0, upsertRequests());
    assertTrue(store.plan(plan.planKey()).isEmpty(), "a dry run stores nothing either");
    assertEquals(plan, WritebackPlan.fromJson(plan.toJson()));
  }

  // ---- exactly once

  /** Issue 9: a second run writes nothing. */
  @Test
  void aSecondRunOfTheSameBriefSendsNoUpsertAndSaysSo() {
    var store = BriefStore.inMemory(clock);
    var wb = writeback(store);
    WritebackResult first = wb.run(stored(store, Briefs.standard()));
    assertEquals(6, first.with(Status.CREATED).size(), first.render());
    int upserts = upsertRequests();
    int describes = describes();

    WritebackResult second = wb.run(stored(store, Briefs.standard()));

    assertEquals(upserts, upsertRequests(), "no upsert call at all");
    assertEquals(describes, describes(), "the stored plan runs; the org is not read again");
    assertTrue(second.nothingNew());
    assertTrue(second.summary().startsWith("Nothing new to write"), second.summary());
  }

  /** Issue 9: no duplicate after a crash at every write boundary and a rerun. */
  @Test
  void aCrashAtEveryWriteBoundaryThenARerunLeavesEveryRecordOnceAndResendsOnlyWhatWasNotDone() {
    int writes = 6;
    for (int k = 0; k <= writes; k++) {
      for (boolean beforeMarking : List.of(true, false)) {
        stopTheOrg();
        startTheOrg();
        var store = new CrashingStore(BriefStore.inMemory(clock), k, beforeMarking);
        StoredBrief brief = stored(store, Briefs.standard());
        var wb = writeback(store);
        try {
          wb.run(brief);
        } catch (Crash expected) {
          // the worker died here
        }
        long doneBefore = store.writes("salesforce:" + brief.briefId()).stream()
            .filter(w -> w.status() == OutboxWrite.Status.DONE).count();
        int sentBefore = sent().size();
        now.set(now.get().plus(Duration.ofMinutes(10))); // past the crashed worker's lease
        store.crashAt = -1;

        WritebackResult rerun = writeback(store, WritebackConfig.ofDefaults(), "worker-2").run(brief);

        String at = "crash after " + k + " writes, " + (beforeMarking ? "before" : "after") + " marking the last done";
        assertEquals(writes, written(), at + ": every record exists once");
        sendsPerKey().forEach((key, n) -> assertTrue(n <= 2, at + ": " + key + " sent " + n));
        assertEquals(writes - doneBefore, sent().size() - sentBefore, at + ": the rerun sends only what was"
            + " not marked done");
        assertEquals(0, rerun.with(Status.FAILED).size(), at);
        assertTrue(store.writes("salesforce:" + brief.briefId()).stream()
            .allMatch(w -> w.status() == OutboxWrite.Status.DONE), at);
      }
    }
  }

  /** Issue 9: no duplicate after a crash at every write boundary and a rerun (a rerun inside the crashed lease). */
  @Test
  void aRerunInsideACrashedWritersLeaseWritesTheRestSaysUntilWhenAndALaterRunUpdatesTheHeldRecord() {
    var store = new CrashingStore(BriefStore.inMemory(clock), 1, true); // the 2nd record reaches the org, unmarked
    StoredBrief brief = stored(store, Briefs.standard());
    try {
      writeback(store).run(brief);
    } catch (Crash expected) {
      // the worker died with the success plan written but not recorded
    }
    store.crashAt = -1;
    Instant crashedAt = now.get();
    now.set(crashedAt.plus(Duration.ofMinutes(1)));

    WritebackResult soon = writeback(store, WritebackConfig.ofDefaults(), "worker-2").run(brief);

    WritebackResult.WriteOutcome held = soon.with(Status.IN_PROGRESS_ELSEWHERE).get(0);
    assertEquals(1, soon.with(Status.IN_PROGRESS_ELSEWHERE).size());
    assertEquals("success-plan", held.itemKey());
    assertTrue(held.message().contains("holds it until " + crashedAt.plus(Duration.ofMinutes(5))), held.message());
    assertEquals(4, soon.with(Status.CREATED).size(), "the four Tasks are written meanwhile");

    now.set(crashedAt.plus(Duration.ofMinutes(6)));
    WritebackResult later = writeback(store, WritebackConfig.ofDefaults(), "worker-3").run(brief);

    assertEquals(List.of("success-plan"), later.with(Status.UPDATED).stream().map(WritebackResult.WriteOutcome::itemKey)
        .toList(), "the held record is upserted on its key: an update, not a second record");
    assertEquals(6, written());
    assertTrue(store.writes("salesforce:" + brief.briefId()).stream()
        .allMatch(w -> w.status() == OutboxWrite.Status.DONE));
  }

  /** Issue 9: two concurrent writers for the same brief write once. */
  @Test
  void twoWritersRacingOnTheSamePlanUpsertEveryRecordOnce() throws Exception {
    var store = BriefStore.inMemory(clock);
    StoredBrief brief = stored(store, Briefs.standard());
    WritebackPlan plan = writeback(store).plan(brief);
    var start = new CountDownLatch(1);
    var results = new ArrayList<WritebackResult>();
    var threads = new ArrayList<Thread>();
    for (String worker : List.of("a", "b")) {
      var wb = writeback(store, WritebackConfig.ofDefaults(), worker);
      threads.add(new Thread(() -> {
        try {
          start.await();
          WritebackResult r = wb.execute(plan);
          synchronized (results) {
            results.add(r);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    threads.forEach(Thread::start);
    start.countDown();
    for (Thread t : threads) {
      t.join(60_000);
    }

    assertEquals(2, results.size());
    assertEquals(6, sent().size(), "six records sent in all");
    sendsPerKey().forEach((key, n) -> assertEquals(1L, n, key));
    long created = results.stream().mapToLong(r -> r.with(Status.CREATED).size()).sum();
    assertEquals(6, created);
  }

  /** Issue 9: per-record errors reported. */
  @Test
  void aRefusedRecordIsReportedOnItsOwnAndTheOthersAreWritten() {
    String refused = followUpKey(Briefs.standard().section(SectionId.OPEN_THREADS).claims().get(1));
    org.refuse(r -> refused.equals(r.get("Handoff_Key__c")), "REQUIRED_FIELD_MISSING",
        "Required fields are missing: [Priority]", "Priority");
    var store = BriefStore.inMemory(clock);
    StoredBrief brief = stored(store, Briefs.standard());
    var wb = writeback(store);

    WritebackResult r = wb.run(brief);

    assertEquals(5, r.with(Status.CREATED).size(), r.render());
    var failed = r.with(Status.FAILED);
    assertEquals(1, failed.size());
    assertEquals(refused, failed.get(0).externalId());
    assertEquals("REQUIRED_FIELD_MISSING: Required fields are missing: [Priority] (fields: Priority)",
        failed.get(0).message());
    List<AuditEntry> trail = store.auditTrail("salesforce:" + brief.briefId());
    assertEquals(1, trail.stream().filter(e -> e.outcome().equals("REQUIRED_FIELD_MISSING")).count());
    assertEquals(5, trail.stream().filter(e -> e.action().equals("upsert") && e.outcome().equals("ok")
        && e.recordId() != null && e.actor().equals("integration@vendor.example")).count());

    org.clearRefusals();
    int before = sent().size();
    WritebackResult again = wb.run(brief);
    assertEquals(1, sent().size() - before, "a later run retries the failed write only");
    assertEquals(1, again.with(Status.CREATED).size());
  }

  /** The rollout policy's decision over {@code answers} counted answers of which {@code passed} supported. */
  RolloutDecision decision(BriefStore store, int passed, int answers) {
    var policy = RolloutPolicy.builder(store).clock(clock).build();
    return policy.decide("2025-W14", new PassRate(passed, answers - passed, 0));
  }

  /**
   * Issue 12: the policy turning a target off: the success plan, the brief record and the
   * follow-ups are skipped saying why; the Task is written.
   */
  @Test
  void whileThePolicyHasTheEarnedTargetsOffOnlyTheTaskIsWrittenAndEachSkipSaysWhy() {
    var store = BriefStore.inMemory(clock);
    var off = decision(store, 22, 26);
    var wb = writeback(store, () -> off);

    WritebackPlan plan = wb.plan(stored(store, Briefs.standard()));
    WritebackResult r = wb.execute(plan);

    assertEquals(List.of("task"), r.with(Status.CREATED).stream().map(WritebackResult.WriteOutcome::itemKey).toList());
    assertEquals(5, r.with(Status.SKIPPED).size());
    assertTrue(plan.write("success-plan").skipReason().startsWith("success plan off by the rollout policy (2025-W14):"
        + " pass rate 84.6% (22/26, 95% CI"), plan.write("success-plan").skipReason());
    assertTrue(plan.write("success-plan").skipReason().endsWith(" is below 90.0%"));
    assertTrue(plan.write("brief").skipReason().startsWith("stored insight off by the rollout policy"));
    assertTrue(plan.write("followup/open_threads.legal.1").skipReason().startsWith("follow up tasks off"));
    assertTrue(plan.render().contains("SKIPPED: success plan off by the rollout policy (2025-W14): pass rate 84.6%"),
        plan.render());
    assertTrue(plan.write("task").fields().get("Description").contains("/lightning/r/Opportunity/" + Briefs.OPP
        + "/view"), "no link to a brief record that is not written");
  }

  /** Issue 12: the policy turning a target on: above the threshold every write is made. */
  @Test
  void onceThePolicyHasTheEarnedTargetsOnEveryWriteIsMade() {
    var store = BriefStore.inMemory(clock);
    var on = decision(store, 25, 26);
    var wb = writeback(store, () -> on);

    WritebackResult r = wb.run(stored(store, Briefs.standard()));

    assertTrue(on.expanded());
    assertEquals(6, r.with(Status.CREATED).size(), r.render());
  }

  /** Issue 9: missing metadata degrades with a clear message. */
  @Test
  void withoutTheCustomObjectsAndAFieldTheTasksAreWrittenAndTheRestSkippedNamingWhatToDeploy() {
    org.removeMetadata("Handoff_Brief__c").removeMetadata("Handoff_Success_Plan__c")
        .metadata(org.metadata("Task").without("ActivityDate"));
    var store = BriefStore.inMemory(clock);
    var wb = writeback(store);

    WritebackResult r = wb.run(stored(store, Briefs.standard()));

    var skipped = r.with(Status.SKIPPED);
    assertEquals(List.of("brief", "success-plan"), skipped.stream().map(WritebackResult.WriteOutcome::itemKey).toList());
    assertEquals("Handoff_Success_Plan__c is not deployed in this org; deploy salesforce-writeback/force-app (see"
        + " DEPLOY.md)", skipped.get(1).message());
    assertEquals(4, r.with(Status.CREATED).size(), r.render());
    assertTrue(sent().stream().noneMatch(f -> f.containsKey("ActivityDate")));
    assertTrue(sent().stream().allMatch(f -> f.get("Description").contains("/lightning/r/Opportunity/"
        + Briefs.OPP + "/view")), "without the brief record the link goes to the opportunity");
    WritebackPlan plan = wb.plan(store.latest(Briefs.OPP).orElseThrow());
    assertTrue(plan.write("task").notes().contains("field Task.ActivityDate is not in this org (or not visible to the"
        + " integration user); left out of this write"));
  }

  @Test
  void withoutTheTaskExternalIdFieldNoTaskIsWrittenRatherThanCreatedTwice() {
    org.metadata(org.metadata("Task").without("Handoff_Key__c"));
    var store = BriefStore.inMemory(clock);

    WritebackResult r = writeback(store).run(stored(store, Briefs.standard()));

    assertEquals(4, r.with(Status.SKIPPED).size());
    assertTrue(r.with(Status.SKIPPED).get(0).message().startsWith("external id field Task.Handoff_Key__c is not"
        + " deployed"));
    assertEquals(2, r.with(Status.CREATED).size());
  }

  /** Issue 9: human approval may be required before any CRM write. */
  @Test
  void whenApprovalIsRequiredNothingIsWrittenUntilAPersonApproves() {
    var store = BriefStore.inMemory(clock);
    var wb = writeback(store, WritebackConfig.builder().approvalRequired(true).build(), "w");
    StoredBrief brief = stored(store, Briefs.standard());

    WritebackResult waiting = wb.run(brief);
    assertEquals(6, waiting.with(Status.AWAITING_APPROVAL).size());
    assertEquals(0, upsertRequests());
    assertEquals(OutboxPlan.Approval.PENDING, store.plan("salesforce:" + brief.briefId()).orElseThrow().approval());

    store.decide("salesforce:" + brief.briefId(), true, "lead@vendor.example", clock.instant());
    WritebackResult approved = wb.run(brief);
    assertEquals(6, approved.with(Status.CREATED).size());
  }

  /** Issue 10: the Salesforce writes run only after approval when the policy asks for it. */
  @Test
  void whenApprovalIsRequiredTheWritesRunOnceTheBriefsReviewApprovesIt() {
    var store = BriefStore.inMemory(clock);
    var wb = writeback(store, WritebackConfig.builder().approvalRequired(true).build(), "w");
    StoredBrief brief = stored(store, Briefs.standard());
    BriefReview review = BriefReview.builder(store).clock(clock).build();
    review.start(brief, "Alex Rivera");

    WritebackResult inReview = wb.run(brief);
    assertEquals(6, inReview.with(Status.AWAITING_APPROVAL).size());
    assertEquals(0, upsertRequests());

    review.approve(brief.briefId(), "Alex Rivera", null);
    WritebackResult approved = wb.run(brief);
    assertEquals(6, approved.with(Status.CREATED).size());
    OutboxPlan plan = store.plan("salesforce:" + brief.briefId()).orElseThrow();
    assertEquals(OutboxPlan.Approval.APPROVED, plan.approval());
    assertEquals("Alex Rivera", plan.approvedBy());
    assertEquals(1, store.auditTrail("salesforce:" + brief.briefId()).stream()
        .filter(e -> e.action().equals("plan.approved") && e.actor().equals("Alex Rivera")).count());
  }

  @Test
  void aBriefWhoseReviewerRequestedChangesKeepsItsWritesWaiting() {
    var store = BriefStore.inMemory(clock);
    var wb = writeback(store, WritebackConfig.builder().approvalRequired(true).build(), "w");
    StoredBrief brief = stored(store, Briefs.standard());
    BriefReview review = BriefReview.builder(store).clock(clock).build();
    review.start(brief, "Alex Rivera");
    String claimId = brief.brief().claims().get(0).id();
    review.answer(brief.briefId(), new ReviewFeedback("f-1", ReviewFeedback.Kind.FLAGGED_CLAIM, "Alex Rivera",
        clock.instant(), claimId, "Wrong person."));

    assertEquals(6, wb.run(brief).with(Status.AWAITING_APPROVAL).size());
    assertEquals(0, upsertRequests());
    assertEquals(OutboxPlan.Approval.PENDING, store.plan("salesforce:" + brief.briefId()).orElseThrow().approval());
  }

  @Test
  void aBriefDeliveredWithoutReviewAfterTheTimeOutHasItsWritesRun() {
    var store = BriefStore.inMemory(clock);
    var wb = writeback(store, WritebackConfig.builder().approvalRequired(true).build(), "w");
    StoredBrief brief = stored(store, Briefs.standard());
    BriefReview review = BriefReview.builder(store).clock(clock).build();
    review.start(brief, "Alex Rivera");
    review.delivered(brief.briefId(), "slack-delivery", "not reviewed");

    assertEquals(6, wb.run(brief).with(Status.CREATED).size());
    assertEquals("slack-delivery", store.plan("salesforce:" + brief.briefId()).orElseThrow().approvedBy());
  }

  @Test
  void aRequestLimitFaultStopsTheRunWithATypedExceptionAndTheRerunCompletesTheRest() {
    org.faultOn("upsert", 2, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
    var store = BriefStore.inMemory(clock);
    StoredBrief brief = stored(store, Briefs.standard());
    var wb = writeback(store);

    var stopped = assertThrows(WritebackStoppedException.class, () -> wb.run(brief));
    assertTrue(stopped.getCause() instanceof UsageLimitExceededException);
    assertEquals(Status.CREATED, stopped.result().writes().get(0).status());
    assertEquals(Status.FAILED, stopped.result().writes().get(1).status());
    assertEquals(Status.NOT_RUN, stopped.result().writes().get(2).status());

    WritebackResult rest = wb.run(brief);
    assertEquals(Status.ALREADY_DONE, rest.writes().get(0).status());
    assertEquals(5, rest.with(Status.CREATED).size(), rest.render());
    assertEquals(6, written());
  }

  @Test
  void noMessageToStringOrAuditLineCarriesThePasswordTokenOrSession() {
    org.faultOn("upsert", 1, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
    var store = BriefStore.inMemory(clock);
    StoredBrief brief = stored(store, Briefs.standard());
    var wb = writeback(store);
    var stopped = assertThrows(WritebackStoppedException.class, () -> wb.run(brief));

    var texts = new ArrayList<String>(List.of(wb.toString(), stopped.getMessage(), stopped.result().render(),
        wb.config().toString()));
    for (Throwable t = stopped; t != null; t = t.getCause()) {
      texts.add(String.valueOf(t.getMessage()));
    }
    store.auditTrail("salesforce:" + brief.briefId()).forEach(e -> texts.add(e.toString()));
    store.writes("salesforce:" + brief.briefId()).forEach(w -> texts.add(w.toString()));
    texts.add(wb.plan(brief).toJson());
    for (String text : texts) {
      for (String secret : List.of(org.password(), org.securityToken(), org.sessionId())) {
        assertFalse(text.contains(secret), "secret in: " + text);
      }
    }
  }

  @Test
  void settingsConfigureTheWritebackAndABadValueIsNamed() {
    WritebackConfig c = WritebackConfig.builder().configure(Map.of("writeback.followUps", "false",
        "writeback.successPlanFields", "risks=Risk_Notes__c", "writeback.approvalRequired", "true",
        "writeback.briefFormat", "json")).build();
    assertFalse(c.followUps());
    assertEquals("Risk_Notes__c", c.successPlanField(WritebackConfig.SuccessPlanPart.RISKS));
    assertTrue(c.approvalRequired());
    assertEquals(WritebackConfig.BriefFormat.JSON, c.briefFormat());
    var e = assertThrows(IllegalArgumentException.class, () -> WritebackConfig.builder()
        .configure(Map.of("writeback.briefLink", "https://handoff.example.com/briefs")));
    assertTrue(e.getMessage().contains("{briefId}"));
  }

  // ---- a store that dies mid-run

  /** Thrown where a worker process would have died. */
  static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Delegates to a store and "crashes" at the k-th {@code finish(DONE)}: before it is recorded
   * (the record is in Salesforce, the outbox still says in flight) or right after.
   */
  static final class CrashingStore implements BriefStore {
    final BriefStore d;
    volatile int crashAt;
    final boolean beforeMarking;
    final AtomicInteger done = new AtomicInteger();

    CrashingStore(BriefStore d, int crashAt, boolean beforeMarking) {
      this.d = d;
      this.crashAt = crashAt;
      this.beforeMarking = beforeMarking;
    }

    @Override
    public boolean saveSample(String week, List<AuditQuestion> questions) {
      return d.saveSample(week, questions);
    }

    @Override
    public List<AuditQuestion> sample(String week) {
      return d.sample(week);
    }

    @Override
    public Optional<AuditQuestion> auditQuestion(String questionId) {
      return d.auditQuestion(questionId);
    }

    @Override
    public boolean saveAnswer(AuditAnswer answer) {
      return d.saveAnswer(answer);
    }

    @Override
    public Optional<AuditAnswer> auditAnswer(String questionId) {
      return d.auditAnswer(questionId);
    }

    @Override
    public List<AuditAnswer> answers(String week) {
      return d.answers(week);
    }

    @Override
    public List<ClaimMark> claimMarks(String briefId) {
      return d.claimMarks(briefId);
    }

    @Override
    public java.util.Optional<org.handoffbrief.store.ReviewStatus> reviewStatus(String briefId) {
      return d.reviewStatus(briefId);
    }

    @Override
    public List<org.handoffbrief.store.ReviewStatus> reviews(org.handoffbrief.review.ReviewState state) {
      return d.reviews(state);
    }

    @Override
    public boolean moveReview(String briefId, org.handoffbrief.review.ReviewState expected,
        org.handoffbrief.store.ReviewStatus next) {
      return d.moveReview(briefId, expected, next);
    }

    @Override
    public boolean addFeedback(String briefId, org.handoffbrief.review.ReviewFeedback feedback) {
      return d.addFeedback(briefId, feedback);
    }

    @Override
    public List<org.handoffbrief.review.ReviewFeedback> feedback(String briefId) {
      return d.feedback(briefId);
    }

    @Override
    public java.util.Optional<org.handoffbrief.store.Delivery> delivery(String deliveryKey) {
      return d.delivery(deliveryKey);
    }

    @Override
    public boolean reserveDelivery(org.handoffbrief.store.Delivery pending) {
      return d.reserveDelivery(pending);
    }

    @Override
    public void saveDelivery(org.handoffbrief.store.Delivery delivery) {
      d.saveDelivery(delivery);
    }

    @Override
    public OutboxWrite finish(String writeKey, OutboxWrite.Status status, String recordId, String detail, Instant at) {
      if (status == OutboxWrite.Status.DONE) {
        int n = done.incrementAndGet();
        if (beforeMarking && n == crashAt + 1) {
          throw new Crash();
        }
        OutboxWrite w = d.finish(writeKey, status, recordId, detail, at);
        if (!beforeMarking && n == crashAt) {
          throw new Crash();
        }
        return w;
      }
      return d.finish(writeKey, status, recordId, detail, at);
    }

    @Override
    public StoredBrief save(HandoffBrief brief, BriefKind kind) {
      return d.save(brief, kind);
    }

    @Override
    public Optional<StoredBrief> find(String briefId) {
      return d.find(briefId);
    }

    @Override
    public Optional<StoredBrief> latest(String opportunityId, BriefKind kind) {
      return d.latest(opportunityId, kind);
    }

    @Override
    public Optional<StoredBrief> latest(String opportunityId) {
      return d.latest(opportunityId);
    }

    @Override
    public List<StoredBrief> history(String opportunityId) {
      return d.history(opportunityId);
    }

    @Override
    public OutboxPlan savePlan(OutboxPlan plan, List<OutboxWrite> writes) {
      return d.savePlan(plan, writes);
    }

    @Override
    public Optional<OutboxPlan> plan(String planKey) {
      return d.plan(planKey);
    }

    @Override
    public List<OutboxWrite> writes(String planKey) {
      return d.writes(planKey);
    }

    @Override
    public OutboxPlan decide(String planKey, boolean approved, String actor, Instant at) {
      return d.decide(planKey, approved, actor, at);
    }

    @Override
    public Optional<OutboxWrite> begin(String writeKey, String worker, Instant at, Duration lease) {
      return d.begin(writeKey, worker, at, lease);
    }

    @Override
    public void audit(AuditEntry entry) {
      d.audit(entry);
    }

    @Override
    public List<AuditEntry> auditTrail(String subject) {
      return d.auditTrail(subject);
    }

    @Override
    public boolean markOnce(String scope, String key, Instant at) {
      return d.markOnce(scope, key, at);
    }

    @Override
    public Optional<String> checkpoint(String name) {
      return d.checkpoint(name);
    }

    @Override
    public boolean advanceCheckpoint(String name, String expected, String value) {
      return d.advanceCheckpoint(name, expected, value);
    }

    @Override
    public QualityHistory qualityHistory() {
      return d.qualityHistory();
    }
  }
}
