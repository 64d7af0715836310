package org.handoffbrief.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.extension.Extension;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What every fake vendor system is: one WireMock server on loopback speaking one vendor's wire
 * format. A subclass starts the server, stubs the vendor's answers and says where
 * it listens in the vendor's own terms (an instance URL, an API base); tests reach the running
 * fake through {@link #requests} and {@link #inject}: a vendor that misbehaves on one call, with
 * every other answer unchanged.
 */
public abstract class FakeVendor implements AutoCloseable {
  /**
   * The system property that, set to {@code true} before a fake starts, starts it without WireMock's
   * request journal: {@link #requests()} still counts, {@link #requests(RequestPatternBuilder)} and
   * {@link #received} then fail. For benchmarks, which should not measure the journal's heap.
   */
  public static final String NO_REQUEST_JOURNAL = "handoff.testing.noRequestJournal";

  /**
   * A started loopback server (127.0.0.1, a free port) that hands every request to {@code answer},
   * as the kit's own fakes answer from their data: {@link #inject}ed faults still come first, and
   * {@link #rateLimitPerSecond} works on it. For a fake of your own whose answers depend on what it
   * holds; for fixed answers, start a {@link WireMockServer} and stub it.
   */
  protected static WireMockServer answering(Function<Request, ResponseDefinition> answer) {
    return Answering.start(Objects.requireNonNull(answer, "answer == null"));
  }

  /** The server; started by the subclass. */
  protected final WireMockServer server;

  /** Wraps {@code server}, which the subclass has started or is about to start. */
  protected FakeVendor(WireMockServer server) {
    this.server = Objects.requireNonNull(server, "server == null");
  }

  /** HTTP requests the fake has answered so far. */
  public int requests() {
    if (!server.getOptions().requestJournalDisabled()) {
      return server.getAllServeEvents().size();
    }
    for (Extension e : server.getOptions().getDeclaredExtensions().getInstances().values()) {
      if (e instanceof Answering.Counted counted) {
        return counted.requests.get();
      }
    }
    throw new UnsupportedOperationException(getClass().getSimpleName() + " counts no requests without a journal");
  }

  /** HTTP requests so far that match {@code pattern}, e.g. one API path. */
  public int requests(RequestPatternBuilder pattern) {
    return server.countRequestsMatching(pattern.build()).getCount();
  }

  /** The requests so far that match {@code pattern}, oldest first: what a test reads a query or header from. */
  public List<LoggedRequest> received(RequestPatternBuilder pattern) {
    return server.findAll(pattern);
  }

  /**
   * Serves {@code fault} ahead of the fake's own answer to the requests it matches: it gets the
   * best priority, and WireMock prefers the stub added last among equals. Give it a scenario
   * state to make it answer once.
   */
  public void inject(MappingBuilder fault) {
    server.stubFor(fault.atPriority(1));
  }

  /** Holds every answer for {@code delay} first, as a distant or slow vendor does; returns this. */
  public FakeVendor delay(Duration delay) {
    server.setGlobalFixedDelay(Math.toIntExact(delay.toMillis()));
    return this;
  }

  /**
   * Answers more than {@code requests} calls in one clock second with the vendor's 429 and
   * {@code Retry-After: 1}, as a plan's rate limit does; 0 turns the limit off (the default).
   * Returns this.
   */
  public FakeVendor rateLimitPerSecond(int requests) {
    limit().set(requests, rateLimitedBody());
    return this;
  }

  /** Requests answered with 429 because {@link #rateLimitPerSecond} was exceeded. */
  public int rateLimited() {
    return limit().refused();
  }

  /** The body of the vendor's 429; a generic JSON error unless the vendor has its own. */
  protected String rateLimitedBody() {
    return "{\"error\":\"rate_limited\"}";
  }

  private PerSecondLimit limit() {
    for (Extension e : server.getOptions().getDeclaredExtensions().getInstances().values()) {
      if (e instanceof PerSecondLimit.Held held) {
        return held.limit();
      }
    }
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " has no rate limit: start its server with FakeVendor.answering(...) to have one");
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.stop();
  }
}
