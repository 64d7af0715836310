package org.handoffbrief.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback server whose answers a fake computes from its data: one catch-all stub below
 * {@link FakeVendor#inject}'s priority hands each request to {@code answer}, so an injected fault
 * still comes first.
 */
final class Answering implements ResponseDefinitionTransformerV2, PerSecondLimit.Held {
  private static final String NAME = "handoff-testing-answering";
  private final Function<Request, ResponseDefinition> answer;
  private final PerSecondLimit limit = new PerSecondLimit();

  private Answering(Function<Request, ResponseDefinition> answer) {
    this.answer = answer;
  }

  /** Starts a server on 127.0.0.1 on a free port, answering every request with {@code answer}. */
  static WireMockServer start(Function<Request, ResponseDefinition> answer) {
    var server = new WireMockServer(options(new Answering(answer)));
    server.start();
    server.stubFor(any(anyUrl()).atPriority(5).willReturn(aResponse().withTransformers(NAME)));
    return server;
  }

  /**
   * What every fake's server starts with: 127.0.0.1, a free port, WireMock's log through SLF4J and
   * {@code extensions}; without WireMock's request journal when the system property
   * {@value FakeVendor#NO_REQUEST_JOURNAL} is {@code true}, as a benchmark runs them: the journal keeps
   * every request and answer, body and all, in the heap of the JVM being measured.
   */
  static WireMockConfiguration options(Extension... extensions) {
    var options = WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
        .notifier(new Slf4jNotifier(false)).extensions(extensions).extensions(new Counted());
    return Boolean.getBoolean(FakeVendor.NO_REQUEST_JOURNAL) ? options.disableRequestJournal() : options;
  }

  /** Counts every request a server serves, which {@link FakeVendor#requests()} reads when there is no journal. */
  static final class Counted implements ServeEventListener {
    final AtomicInteger requests = new AtomicInteger();

    @Override
    public String getName() {
      return "handoff-testing-counted";
    }

    @Override
    public void beforeMatch(ServeEvent event, Parameters parameters) {
      requests.incrementAndGet();
    }
  }

  /** An answer with {@code status}, {@code contentType} and {@code body}. */
  static ResponseDefinition answer(int status, String contentType, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body).build();
  }

  /** A JSON answer with {@code status} and {@code body}. */
  static ResponseDefinition json(int status, String body) {
    return answer(status, "application/json; charset=utf-8", body);
  }

  /** A JSON answer with {@code status} and {@code body}. */
  static ResponseDefinition json(int status, com.fasterxml.jackson.databind.JsonNode body) {
    return json(status, body.toString());
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public PerSecondLimit limit() {
    return limit;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    ResponseDefinition refused = limit.refuse();
    return refused != null ? refused : answer.apply(event.getRequest());
  }
}
