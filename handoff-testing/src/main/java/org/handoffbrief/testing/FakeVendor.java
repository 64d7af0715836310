package org.handoffbrief.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Objects;

/**
 * What every fake vendor system is: one WireMock server on loopback speaking one vendor's wire
 * format. A subclass starts the server, stubs the vendor's answers and says where
 * it listens in the vendor's own terms (an instance URL, an API base); tests reach the running
 * fake through {@link #requests} and {@link #inject}: a vendor that misbehaves on one call, with
 * every other answer unchanged.
 */
public abstract class FakeVendor implements AutoCloseable {
  /** The server; started by the subclass. */
  protected final WireMockServer server;

  /** Wraps {@code server}, which the subclass has started or is about to start. */
  protected FakeVendor(WireMockServer server) {
    this.server = Objects.requireNonNull(server, "server == null");
  }

  /** HTTP requests the fake has answered so far. */
  public int requests() {
    return server.getAllServeEvents().size();
  }

  /** HTTP requests so far that match {@code pattern}, e.g. one API path. */
  public int requests(RequestPatternBuilder pattern) {
    return server.countRequestsMatching(pattern.build()).getCount();
  }

  /** The HTTP requests so far that match {@code pattern}, oldest first: to read what a client sent. */
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

  /** Stops the server. */
  @Override
  public void close() {
    server.stop();
  }
}
