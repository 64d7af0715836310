package org.handoffbrief.samples;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.util.Objects;

/**
 * What every demo system is: one WireMock server on loopback speaking one vendor's wire format.
 * Fault tests reach it through {@link #inject}: a vendor that misbehaves on one call, with the
 * rest of the demo unchanged.
 */
abstract class DemoServer implements AutoCloseable {
  /** The server; started by the subclass's {@code start()}. */
  final WireMockServer server;

  DemoServer(WireMockServer server) {
    this.server = Objects.requireNonNull(server, "server == null");
  }

  /** HTTP requests the server has answered so far. */
  int requests() {
    return server.getAllServeEvents().size();
  }

  /** HTTP requests so far that match {@code pattern}, e.g. one API path. */
  int requests(RequestPatternBuilder pattern) {
    return server.countRequestsMatching(pattern.build()).getCount();
  }

  /**
   * Serves {@code fault} ahead of the demo's own answer to the requests it matches: it gets the
   * demo's best priority, and WireMock prefers the stub added last among equals. Give it a
   * scenario state to make it answer once.
   */
  void inject(MappingBuilder fault) {
    server.stubFor(fault.atPriority(1));
  }

  @Override
  public void close() {
    server.stop();
  }
}
