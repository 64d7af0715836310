package org.handoffbrief;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.model.SourceReport;
import org.handoffbrief.spi.ConnectorConfig;
import org.handoffbrief.spi.Resolution;
import org.handoffbrief.spi.SourceResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HandoffBuilderTest {

  private static final String SETTINGS_RESOURCE = "META-INF/services/org.handoffbrief.spi.ConnectorProvider";

  @Test
  void buildWithoutResolverFailsWithASentenceSayingWhatToAdd() {
    var e = assertThrows(IllegalStateException.class, () -> Handoff.builder().build());
    assertTrue(e.getMessage().startsWith("no deal resolver: call resolver(...)"), e.getMessage());
    assertTrue(e.getMessage().contains("configure(...)"), e.getMessage());
  }

  @Test
  void secondConnectorForTheSameSystemIsRefusedNamingTheSystem() {
    var builder = Handoff.builder().connector(Fakes.answering("gmail", "a"));
    var e = assertThrows(IllegalArgumentException.class, () -> builder.connector(Fakes.answering("gmail", "b")));
    assertEquals("a connector for gmail is already registered", e.getMessage());
  }

  @Test
  void connectorClaimingTheResolversSystemIsRefusedAtBuild() {
    var builder = Handoff.builder().resolver(Fakes.resolver()).connector(Fakes.answering(Fakes.CRM, "x"));
    var e = assertThrows(IllegalStateException.class, builder::build);
    assertTrue(e.getMessage().contains("both claim testcrm"), e.getMessage());
  }

  static Stream<Arguments> nonPositiveDurations() {
    return Stream.of(Arguments.of(Duration.ZERO), Arguments.of(Duration.ofMillis(-1)));
  }

  @ParameterizedTest
  @MethodSource("nonPositiveDurations")
  void nonPositiveDeadlinesAreRefusedNamingSettingAndValue(Duration bad) {
    var b = Handoff.builder();
    assertEquals("deadline must be positive, not " + bad,
        assertThrows(IllegalArgumentException.class, () -> b.deadline(bad)).getMessage());
    assertEquals("sourceDeadline must be positive, not " + bad,
        assertThrows(IllegalArgumentException.class, () -> b.sourceDeadline(bad)).getMessage());
    assertEquals("sourceDeadline(gmail) must be positive, not " + bad,
        assertThrows(IllegalArgumentException.class, () -> b.sourceDeadline("gmail", bad)).getMessage());
  }

  @Test
  void callBudgetBelowOneIsRefusedWithTheValue() {
    var b = Handoff.builder();
    assertEquals("callBudget must be at least 1, not 0",
        assertThrows(IllegalArgumentException.class, () -> b.callBudget(0)).getMessage());
    assertEquals("callBudget must be at least 1, not -3",
        assertThrows(IllegalArgumentException.class, () -> b.callBudget(-3)).getMessage());
  }

  static Stream<Arguments> nullArguments() {
    var b = Handoff.builder();
    return Stream.of(
        Arguments.of("resolver == null", (Executable) () -> b.resolver(null)),
        Arguments.of("connector == null", (Executable) () -> b.connector(null)),
        Arguments.of("connector.system() == null", (Executable) () -> b.connector(Fakes.answering(null, "x"))),
        Arguments.of("classLoader == null", (Executable) () -> b.classLoader(null)),
        Arguments.of("settings == null", (Executable) () -> b.configure(null)),
        Arguments.of("executor == null", (Executable) () -> b.executor(null)),
        Arguments.of("deadline == null", (Executable) () -> b.deadline(null)),
        Arguments.of("sourceDeadline == null", (Executable) () -> b.sourceDeadline(null)),
        Arguments.of("system == null", (Executable) () -> b.sourceDeadline(null, Duration.ofSeconds(1))),
        Arguments.of("sourceDeadline(gmail) == null", (Executable) () -> b.sourceDeadline("gmail", null)),
        Arguments.of("listener == null", (Executable) () -> b.listener(null)),
        Arguments.of("extractor == null", (Executable) () -> b.extractor(null)),
        Arguments.of("clock == null", (Executable) () -> b.clock(null)),
        Arguments.of("review == null", (Executable) () -> b.review(null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nullArguments")
  void nullArgumentsAreRefusedNamingTheArgument(String message, Executable call) {
    assertEquals(message, assertThrows(NullPointerException.class, call).getMessage());
  }

  @Test
  void sourceDeadlineForAnUnconfiguredSystemIsRefusedListingTheConfiguredOnes() {
    var builder = Handoff.builder().resolver(Fakes.resolver()).connector(Fakes.answering("gmail", "x"))
        .sourceDeadline("slack", Duration.ofSeconds(5));
    var e = assertThrows(IllegalStateException.class, builder::build);
    assertEquals("sourceDeadline set for slack, which is not configured (configured: testcrm, gmail)", e.getMessage());
  }

  @Test
  void sourceDeadlineLongerThanTheOverallDeadlineIsRefused() {
    var builder = Handoff.builder().resolver(Fakes.resolver())
        .deadline(Duration.ofSeconds(30)).sourceDeadline(Duration.ofSeconds(60));
    var e = assertThrows(IllegalStateException.class, builder::build);
    assertTrue(e.getMessage().startsWith("sourceDeadline PT1M exceeds the overall deadline PT30S"), e.getMessage());
  }

  @Test
  void oneSourcesDeadlineLongerThanTheOverallDeadlineIsRefusedNamingTheSource() {
    var builder = Handoff.builder().resolver(Fakes.resolver()).connector(Fakes.answering("gmail", "x"))
        .deadline(Duration.ofSeconds(30)).sourceDeadline("gmail", Duration.ofSeconds(31));
    var e = assertThrows(IllegalStateException.class, builder::build);
    assertTrue(e.getMessage().startsWith("sourceDeadline(gmail) PT31S exceeds the overall deadline PT30S"),
        e.getMessage());
  }

  @Test
  void overallDeadlineShorterThanTheDefaultSourceDeadlineAlsoBoundsEachSource() {
    var seen = new AtomicReference<Instant>();
    var handoff = Handoff.builder()
        .resolver(Fakes.resolver((ref, ctx) -> {
          seen.set(ctx.deadline());
          return new Resolution(Fakes.deal(), SourceResult.of(List.of()));
        }))
        .clock(Clock.fixed(Fakes.T0, ZoneOffset.UTC))
        .deadline(Duration.ofSeconds(10))
        .build();
    try (handoff) {
      handoff.brief(Fakes.OPPORTUNITY_ID);
    }
    assertEquals(Fakes.T0.plusSeconds(10), seen.get());
  }

  @Test
  void defaultsAndCallBudgetReachTheSourceContext() {
    var deadline = new AtomicReference<Instant>();
    var budget = new AtomicInteger();
    var handoff = Handoff.builder()
        .resolver(Fakes.resolver())
        .connector(Fakes.connector("gmail", (deal, ctx) -> {
          deadline.set(ctx.deadline());
          budget.set(ctx.callBudget());
          return SourceResult.of(List.of());
        }))
        .clock(Clock.fixed(Fakes.T0, ZoneOffset.UTC))
        .callBudget(7)
        .build();
    try (handoff) {
      handoff.brief(Fakes.OPPORTUNITY_ID);
    }
    assertEquals(Fakes.T0.plus(Handoff.DEFAULT_SOURCE_DEADLINE), deadline.get());
    assertEquals(7, budget.get());
  }

  @Test
  void everyBriefCarriesAQualityReportRoutedByTheConfiguredPolicy() {
    var policy = org.handoffbrief.quality.ReviewPolicy.builder()
        .strategicLogos(java.util.Set.of(Fakes.deal().account().name())).build();
    HandoffBrief brief;
    try (var handoff = Handoff.builder().resolver(Fakes.resolver()).review(policy).build()) {
      brief = handoff.brief(Fakes.OPPORTUNITY_ID);
    }
    assertEquals(5, brief.quality().checks().size());
    assertEquals(org.handoffbrief.model.QualityReport.Route.SALES_MANAGER, brief.quality().route());
    assertEquals("strategic_logo", brief.quality().triggers().get(0).id());
  }

  // --- configure(Map) with providers found by ServiceLoader ---

  @Test
  void configureCreatesTheResolverAndConnectorsFromProvidersOnTheClassPath() {
    var handoff = Handoff.builder().configure(Map.of(
        "testcrm.instanceUrl", "https://crm.example.test",
        "testsource.baseUrl", "https://source.example.test/api",
        "testsource.token", "fake-token-0000",
        "testsource.pageSize", " 25 ",
        "testsource.enabled", "true")).build();
    HandoffBrief brief;
    try (handoff) {
      brief = handoff.brief(Fakes.OPPORTUNITY_ID);
    }
    assertEquals(List.of(Fakes.CRM, "testsource"), brief.sources().stream().map(SourceReport::system).toList());
    ConnectorConfig config = TestProviders.Source.LAST_CONFIG.get();
    assertEquals("https://source.example.test/api", config.require("testsource.baseUrl"));
    assertEquals(25, config.getInt("testsource.pageSize"));
    assertEquals(Duration.ofSeconds(10), config.getDuration("testsource.timeout"));
    assertEquals("fake-token-0000", config.require("testsource.token"));
  }

  @Test
  void configureSetsTheReviewPolicyFromReviewKeys() {
    HandoffBrief brief;
    try (var handoff = Handoff.builder().configure(Map.of(
        "testcrm.instanceUrl", "https://crm.example.test",
        "review.strategicLogos", Fakes.deal().account().id())).build()) {
      brief = handoff.brief(Fakes.OPPORTUNITY_ID);
    }
    assertTrue(brief.quality().reviewRequired());
    assertEquals("strategic_logo", brief.quality().triggers().get(0).id());
  }

  @Test
  void configureWithAnUnknownReviewKeyNamesItAndTheKnownKeys() {
    var builder = Handoff.builder();
    var e = assertThrows(IllegalArgumentException.class, () -> builder.configure(Map.of("review.threshold", "1")));
    assertEquals("review configuration: unknown setting review.threshold (known: review.arrThreshold,"
        + " review.strategicLogos, review.strategicFlagField, review.closingWindow)", e.getMessage());
  }

  @Test
  void configureNamingASystemNoProviderServesSaysWhichAndWhatToAdd() {
    var builder = Handoff.builder();
    var e = assertThrows(IllegalArgumentException.class,
        () -> builder.configure(Map.of("zendesk.subdomain", "meridian")));
    assertEquals("settings name zendesk, but no connector for it is on the class path (found: testcrm, testsource);"
        + " add its module as a dependency", e.getMessage());
  }

  @Test
  void configureWithAMisspelledKeyNamesItAndTheKnownKeys() {
    var builder = Handoff.builder();
    var e = assertThrows(IllegalArgumentException.class, () -> builder.configure(Map.of(
        "testsource.baseUrl", "https://source.example.test", "testsource.pageSzie", "10")));
    assertTrue(e.getMessage().startsWith("testsource configuration: unknown setting testsource.pageSzie (known: "
        + "testsource.baseUrl, testsource.token, testsource.pageSize, testsource.timeout)"), e.getMessage());
  }

  @Test
  void configureWithAValueOfTheWrongTypeNamesKeyTypeAndValue() {
    var builder = Handoff.builder();
    var e = assertThrows(IllegalArgumentException.class, () -> builder.configure(Map.of(
        "testsource.baseUrl", "https://source.example.test", "testsource.pageSize", "many")));
    assertEquals("testsource configuration: testsource.pageSize must be an integer, not 'many'", e.getMessage());
  }

  @Test
  void configureSkipsASystemWhoseEnabledIsFalseEvenWithoutItsModule() {
    var handoff = Handoff.builder().configure(Map.of(
        "testcrm.instanceUrl", "https://crm.example.test",
        "testsource.enabled", "FALSE",
        "testsource.baseUrl", "not even a url",
        "zendesk.enabled", "false",
        "zendesk.subdomain", "meridian")).build();
    HandoffBrief brief;
    try (handoff) {
      brief = handoff.brief(Fakes.OPPORTUNITY_ID);
    }
    assertEquals(List.of(Fakes.CRM), brief.sources().stream().map(SourceReport::system).toList());
  }

  @Test
  void configureFindsProvidersThroughTheCallersClassLoader(@TempDir Path dir) throws IOException {
    Path services = dir.resolve(SETTINGS_RESOURCE);
    Files.createDirectories(services.getParent());
    Files.writeString(services, TestProviders.Isolated.class.getName() + "\n");
    var settings = Map.of("testcrm.instanceUrl", "https://crm.example.test", "isolated.channel", "deal-room");

    assertThrows(IllegalArgumentException.class, () -> Handoff.builder().configure(settings),
        "without the host's loader the isolated provider is invisible");
    assertFalse(Handoff.providers(getClass().getClassLoader()).containsKey("isolated"));

    try (var hostLoader = new URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      assertEquals(List.of("isolated", "testcrm", "testsource"),
          List.copyOf(Handoff.providers(hostLoader).keySet()));
      var handoff = Handoff.builder().classLoader(hostLoader).configure(settings).build();
      HandoffBrief brief;
      try (handoff) {
        brief = handoff.brief(Fakes.OPPORTUNITY_ID);
      }
      assertEquals(SourceReport.Status.OK, Fakes.report(brief, "isolated").status());
      assertEquals(1, Fakes.report(brief, "isolated").items());
    }
  }

  @Test
  void newBuilderDerivesAVariantWithTheSameSourcesAndItsOwnChanges() {
    var gmailReads = new AtomicInteger();
    try (Handoff base = Handoff.builder().resolver(Fakes.resolver())
        .connector(Fakes.connector("gmail", (deal, ctx) -> {
          gmailReads.incrementAndGet();
          return org.handoffbrief.spi.SourceResult.of(List.of());
        }))
        .build();
        Handoff variant = base.newBuilder()
            .connector(Fakes.connector("zendesk", (deal, ctx) -> org.handoffbrief.spi.SourceResult.of(List.of())))
            .build()) {
      HandoffBrief fromVariant = variant.brief(Fakes.OPPORTUNITY_ID);
      HandoffBrief fromBase = base.brief(Fakes.OPPORTUNITY_ID);

      assertEquals(List.of(Fakes.CRM, "gmail", "zendesk"),
          fromVariant.sources().stream().map(SourceReport::system).toList());
      assertEquals(List.of(Fakes.CRM, "gmail"), fromBase.sources().stream().map(SourceReport::system).toList(),
          "the variant's connector does not reach the instance it came from");
      assertEquals(2, gmailReads.get(), "both read the shared connector");
    }
  }
}
