package org.handoffbrief.internal.quality;

import org.handoffbrief.quality.ReviewPolicy;
import org.handoffbrief.quality.QualityHistory;
import static org.handoffbrief.internal.quality.Deal.ALEX;
import static org.handoffbrief.internal.quality.Deal.DANA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handoffbrief.model.Evidence;
import org.handoffbrief.model.QualityReport;
import org.handoffbrief.model.QualityReport.Route;
import org.handoffbrief.model.SectionId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReviewTriggersTest {
  private final Deal deal = new Deal();

  private QualityReport assess(ReviewPolicy policy) {
    return QualityAssessor.assess(deal.input(), deal.sections(), policy);
  }

  private QualityReport assess() {
    return assess(ReviewPolicy.ofDefaults());
  }

  private static List<String> ids(QualityReport q) {
    return q.triggers().stream().map(QualityReport.Trigger::id).toList();
  }

  @Test
  void aQuietDealFiresNoTriggerAndGoesToNobody() {
    QualityReport q = assess();
    assertEquals(List.of(), ids(q));
    assertEquals(Route.NONE, q.route());
  }

  @Test
  void amountOverTheThresholdGoesToTheSalesManager() {
    deal.amount = new BigDecimal("300000");
    QualityReport q = assess();
    assertEquals(List.of("arr_threshold"), ids(q));
    assertEquals(Route.SALES_MANAGER, q.route());
    assertEquals("The amount 300000 is over the review threshold 250000.", q.triggers().get(0).reason());
  }

  @Test
  void thresholdIsConfigurableAndAnArrHandoffFieldCountsWithItsCitation() {
    Evidence opp = deal.opportunity("ARR", "$180k");
    QualityReport q = assess(ReviewPolicy.builder().arrThreshold(new BigDecimal("170000")).build());
    assertEquals(List.of("arr_threshold"), ids(q));
    assertEquals(List.of(opp.id()), q.triggers().get(0).evidenceIds());
    assertEquals("$180k", q.triggers().get(0).citations().get(0).quote());
    assertEquals(List.of(), ids(assess(ReviewPolicy.builder().arrThreshold(new BigDecimal("180000")).build())));
  }

  @Test
  void strategicLogoMatchesNameOrIdCaseInsensitively() {
    var byName = assess(ReviewPolicy.builder().strategicLogos(Set.of("MERIDIAN HEALTH")).build());
    assertEquals(List.of("strategic_logo"), ids(byName));
    assertEquals(Route.SALES_MANAGER, byName.route());
    assertEquals(List.of("strategic_logo"),
        ids(assess(ReviewPolicy.builder().strategicLogos(Set.of("001000000000001aaa")).build())));
    assertEquals(List.of(), ids(assess(ReviewPolicy.builder().strategicLogos(Set.of("Meridian")).build())));
  }

  @Test
  void strategicFlagFieldSetInTheCrmFiresStrategicLogoCitingTheField() {
    Evidence opp = deal.opportunity("Strategic Account", "true");
    QualityReport q = assess(ReviewPolicy.builder().strategicFlagField("strategic account").build());
    assertEquals(List.of("strategic_logo"), ids(q));
    assertEquals(Route.SALES_MANAGER, q.route());
    assertTrue(q.reviewRequired());
    assertEquals(List.of(opp.id()), q.triggers().get(0).evidenceIds());
    assertEquals("true", q.triggers().get(0).citations().get(0).quote());
    assertEquals("Meridian Health is marked strategic in the CRM (Strategic Account: true).",
        q.triggers().get(0).reason());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"yes", "Y", "1", "Checked", "TRUE"})
  void everyUsualWayOfSayingYesSetsTheStrategicFlag(String value) {
    deal.opportunity("Key Logo", value);
    assertEquals(List.of("strategic_logo"), ids(assess(ReviewPolicy.builder().strategicFlagField("Key Logo").build())));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"false", "no", "0", "maybe next year"})
  void aStrategicFlagThatIsNotSetDoesNotFire(String value) {
    deal.opportunity("Strategic Account", value);
    assertEquals(List.of(), ids(assess(ReviewPolicy.builder().strategicFlagField("Strategic Account").build())));
  }

  @Test
  void aStrategicFlagFiresOnlyWhenThePolicyNamesItsField() {
    deal.opportunity("Strategic Account", "true");
    assertEquals(List.of(), ids(assess()));
    assertEquals(List.of(), ids(assess(ReviewPolicy.builder().strategicFlagField("Tier One").build())));
  }

  @Test
  void theLogoListAndTheFlagFireOneTriggerBetweenThem() {
    deal.opportunity("Strategic Account", "true");
    var policy = ReviewPolicy.builder().strategicLogos(Set.of("Meridian Health")).strategicFlagField("Strategic Account")
        .build();
    assertEquals(List.of("strategic_logo"), ids(assess(policy)));
  }

  @Test
  void aQuietDealNeedsNoReview() {
    assertFalse(assess().reviewRequired());
  }

  @Test
  void pendingLegalItemAtCloseGoesToTheAe() {
    Evidence mail = deal.mail("2026-06-20T10:00:00Z", DANA, "Our counsel still has the DPA redline open.");
    deal.claim(SectionId.OPEN_THREADS, "open_threads.legal.1", Map.of("category", "legal"), mail,
        "Our counsel still has the DPA redline open.");
    QualityReport q = assess();
    assertEquals(List.of("open_security_or_legal"), ids(q));
    assertEquals(List.of("open_threads.legal.1"), q.triggers().get(0).claimIds());
    assertEquals("Open at close: pending legal items (1 claim, first: \"Claim open_threads.legal.1\").",
        q.triggers().get(0).reason());
    assertEquals(Route.AE, q.route());
  }

  @Test
  void securityReviewRiskFiresUntilLaterEvidenceSaysTheReviewCompleted() {
    Evidence mail = deal.mail("2026-05-01T10:00:00Z", DANA, "Infosec needs the SOC 2 report for the security review.");
    deal.claim(SectionId.RISKS, "risks.security_review.1", Map.of("category", "security_review"), mail,
        "Infosec needs the SOC 2 report for the security review.");
    deal.mail("2026-05-10T10:00:00Z", DANA, "Update: the security review is not complete yet.");
    assertEquals(List.of("open_security_or_legal"), ids(assess()));
    deal.mail("2026-06-01T10:00:00Z", DANA, "Good news, the security review is complete.");
    assertEquals(List.of(), ids(assess()));
  }

  private Evidence redlineRaised() {
    Evidence mail = deal.mailInThread("t-msa", "2026-06-10T10:00:00Z", DANA, "Our counsel sent the MSA redline back.");
    deal.claim(SectionId.OPEN_THREADS, "open_threads.legal.1", Map.of("category", "legal"), mail,
        "Our counsel sent the MSA redline back.");
    return mail;
  }

  @Test
  void legalItemSignedLaterInTheSameThreadBeforeCloseDoesNotFire() {
    redlineRaised();
    deal.mailInThread("t-msa", "2026-06-28T10:00:00Z", DANA, "Thanks, the MSA is fully executed on our side.");
    assertEquals(List.of(), ids(assess()));
  }

  @Test
  void legalItemSignedOnlyAfterCloseWasStillOpenAtClose() {
    redlineRaised();
    deal.mailInThread("t-msa", "2026-07-02T10:00:00Z", DANA, "The MSA is countersigned now.");
    assertEquals(List.of("open_security_or_legal"), ids(assess()));
  }

  @Test
  void aSignatureInAnotherThreadDoesNotSettleTheItem() {
    redlineRaised();
    deal.mailInThread("t-nda", "2026-06-20T10:00:00Z", DANA, "The mutual NDA is signed.");
    assertEquals(List.of("open_security_or_legal"), ids(assess()));
  }

  @Test
  void aLaterMessageThatOnlyPromisesOrDeniesTheSignatureKeepsTheItemOpen() {
    redlineRaised();
    deal.mailInThread("t-msa", "2026-06-20T10:00:00Z", DANA, "It is not signed yet.");
    deal.mailInThread("t-msa", "2026-06-21T10:00:00Z", ALEX, "It will be countersigned once legal is back.");
    deal.mailInThread("t-msa", "2026-06-22T10:00:00Z", DANA, "Has it been approved?");
    deal.mailInThread("t-msa", "2026-06-23T10:00:00Z", ALEX, "Attached is the signed order form for your files.");
    QualityReport q = assess();
    assertEquals(List.of("open_security_or_legal"), ids(q));
    assertEquals("Open at close: pending legal items (1 claim, first: \"Claim open_threads.legal.1\").",
        q.triggers().get(0).reason());
  }

  @Test
  void legalItemTrackedByACompletedCrmTaskIsSettledButAnOpenTaskKeepsItOpen() {
    Evidence done = deal.task("2026-06-05T10:00:00Z", "Return DPA redline", true);
    deal.claim(SectionId.OPEN_THREADS, "open_threads.legal.1", Map.of("category", "legal"), done,
        "Subject: Return DPA redline");
    QualityReport settled = assess();
    assertEquals(List.of(), ids(settled));

    Evidence open = deal.task("2026-06-06T10:00:00Z", "Countersign order form", false);
    deal.claim(SectionId.OPEN_THREADS, "open_threads.legal.2", Map.of("category", "legal"), open,
        "Subject: Countersign order form");
    QualityReport q = assess();
    assertEquals(List.of("open_threads.legal.2"), q.triggers().get(0).claimIds());
    assertTrue(q.triggers().get(0).reason().endsWith("; 1 more settled before close."), q.triggers().get(0).reason());
  }

  @Test
  void securityItemOnASolvedTicketIsSettledAndOnAnOpenOneIsNot() {
    Evidence solved = deal.ticket("2026-05-01T10:00:00Z", "Security questionnaire", "solved",
        "Please send the security questionnaire answers.");
    deal.claim(SectionId.RISKS, "risks.security_review.1", Map.of("category", "security_review"), solved,
        "Please send the security questionnaire answers.");
    assertEquals(List.of(), ids(assess()));

    Evidence open = deal.ticket("2026-05-02T10:00:00Z", "Pen test findings", "open",
        "Our pen test found two issues to fix before go-live.");
    deal.claim(SectionId.RISKS, "risks.security_review.2", Map.of("category", "security_review"), open,
        "Our pen test found two issues to fix before go-live.");
    assertEquals(List.of("risks.security_review.2"), assess().triggers().get(0).claimIds());
  }

  @Test
  void securityReviewCompletedOnlyAfterCloseStillFires() {
    Evidence mail = deal.mail("2026-05-01T10:00:00Z", DANA, "Infosec needs the SOC 2 report for the security review.");
    deal.claim(SectionId.RISKS, "risks.security_review.1", Map.of("category", "security_review"), mail,
        "Infosec needs the SOC 2 report for the security review.");
    deal.mail("2026-07-05T10:00:00Z", DANA, "Good news, the security review is complete.");
    assertEquals(List.of("open_security_or_legal"), ids(assess()));
  }

  @Test
  void regretLanguageInTheFinalCallsGoesToTheAeWithTheQuote() {
    Evidence call = deal.call("2026-06-25T16:00:00Z", "Dana: honestly I'm not sure we needed the full platform.");
    QualityReport q = assess();
    assertEquals(List.of("regret_language"), ids(q));
    assertEquals(List.of(call.id()), q.triggers().get(0).evidenceIds());
    assertEquals("Dana: honestly I'm not sure we needed the full platform.", q.triggers().get(0).citations().get(0).quote());
    assertEquals(Route.AE, q.route());
  }

  @Test
  void cancellingTheContractCountsButCancellingAMeetingDoesNot() {
    deal.mail("2026-06-24T10:00:00Z", DANA, "Can we cancel the meeting on Friday?");
    assertEquals(List.of(), ids(assess()));
    deal.mail("2026-06-26T10:00:00Z", DANA, "The board asked whether we could still cancel the contract.");
    assertEquals(List.of("regret_language"), ids(assess()));
  }

  @Test
  void negatedRegretAndRegretEarlyInTheCycleDoNotFire() {
    deal.mail("2026-06-24T10:00:00Z", DANA, "No second thoughts here, we are excited to start.");
    deal.mail("2026-06-25T10:00:00Z", DANA, "We won't walk away from this, the team is committed.");
    deal.mail("2026-02-10T10:00:00Z", DANA, "We regret not starting this evaluation sooner.");
    assertEquals(List.of(), ids(assess()));
  }

  @Test
  void regretForNotActingSoonerIsPraiseNotDoubt() {
    deal.call("2026-06-25T16:00:00Z", "Dana: my only regret is that we didn't switch years ago.");
    deal.mail("2026-06-26T10:00:00Z", DANA, "We regret not moving to a real platform sooner.");
    assertEquals(List.of(), ids(assess()));
  }

  @Test
  void regretAboutThisPurchaseStillFires() {
    deal.mail("2026-06-26T10:00:00Z", DANA, "I regret that we signed without a pilot.");
    assertEquals(List.of("regret_language"), ids(assess()));
  }

  @Test
  void closingWindowIsConfigurable() {
    deal.mail("2026-06-01T10:00:00Z", DANA, "Having second thoughts about the rollout scope.");
    assertEquals(List.of(), ids(assess()));
    assertEquals(List.of("regret_language"),
        ids(assess(ReviewPolicy.builder().closingWindow(Duration.ofDays(45)).build())));
  }

  @Test
  void gateFailingForASecondOpportunityOfTheSameAccountGoesToTheSalesManager() {
    var policy = ReviewPolicy.ofDefaults();
    deal.ticket("2026-03-10T10:00:00Z", "SSO login loops");  // no claim cites it: a gate fails
    QualityReport first = assess(policy);
    assertFalse(first.passed());
    assertEquals(List.of(), ids(first));

    QualityReport again = assess(policy);  // the same opportunity re-run is not a second failure
    assertEquals(List.of(), ids(again));

    deal.opportunityId = "006000000000002AAA";
    QualityReport second = assess(policy);
    assertEquals(List.of("repeated_gate_failure"), ids(second));
    assertEquals(Route.SALES_MANAGER, second.route());
    assertTrue(second.triggers().get(0).reason().contains("support_during_cycle"), second.triggers().get(0).reason());

    deal.accountId = "001000000000002AAA";  // another account starts clean
    assertEquals(List.of(), ids(assess(policy)));
  }

  @Test
  void historyIsTheHostsToReplace() {
    var calls = new java.util.ArrayList<String>();
    QualityHistory store = (account, opportunity, failed) -> {
      calls.add(account + "/" + opportunity + "/" + failed);
      return 2;
    };
    deal.ticket("2026-03-10T10:00:00Z", "SSO login loops");
    QualityReport q = assess(ReviewPolicy.builder().history(store).build());
    assertEquals(List.of("001000000000001AAA/006000000000001AAA/true"), calls);
    assertEquals(List.of("repeated_gate_failure"), ids(q));
  }

  @Test
  void aPassingReRunClearsTheOpportunitysFailure() {
    var history = QualityHistory.inMemory();
    assertEquals(1, history.record("A", "O1", true));
    assertEquals(0, history.record("A", "O1", false));
    assertEquals(1, history.record("A", "O2", true));
  }

  @Test
  void policySettersRefuseBadValuesNamingThem() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ReviewPolicy.builder().arrThreshold(new BigDecimal("-1")));
    assertEquals("arrThreshold must not be negative, not -1", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ReviewPolicy.builder().strategicLogos(Set.of(" ")));
    assertThrows(IllegalArgumentException.class, () -> ReviewPolicy.builder().closingWindow(Duration.ZERO));
  }

  @Test
  void aReportRefusesARouteThatDoesNotFitItsTriggers() {
    assertThrows(IllegalArgumentException.class, () -> new QualityReport(List.of(), List.of(), Route.AE));
    assertThrows(IllegalArgumentException.class, () -> new QualityReport(List.of(),
        List.of(new QualityReport.Trigger("x", "Because.", List.of(), List.of(), List.of())), Route.NONE));
  }
}
