package org.handoffbrief.samples;

import java.net.URI;
import java.util.List;
import org.handoffbrief.connector.gong.GongConfig;
import org.handoffbrief.connector.gong.GongConnector;
import org.handoffbrief.spi.SourceConnector;
import org.handoffbrief.testing.FakeGong;

/**
 * The demo company's Gong, the test kit's {@link FakeGong} seeded with the calls and transcripts
 * under {@code demo/gong/} (recorded answers of API v2), serving the calls in pages of four.
 *
 * <p>Every request must carry the Basic credentials of the access key made here at start (its
 * secret is random and never written anywhere); anything else gets Gong's 401. The calls: Meridian
 * Health's discovery (Jan 14), technical deep dive (Feb 6), CFO ROI review (Mar 12) and final review
 * before signature (Mar 25); and the noise the connector must drop: a Harborview Clinic call with
 * another "Dana Okonkwo", an internal forecast call, and a Meridian call of November 2025, before
 * the deal's window (Gong's date filter leaves it out).
 */
final class DemoGong implements AutoCloseable {

  /** The demo's access key (not a secret by itself; the secret is made at start). */
  static final String ACCESS_KEY = "DEMO-NORTHWIND-GONG-KEY";

  private static final String FIXTURES = "/demo/gong/";
  /** Calls a page: the recorded answers came in pages of four, so the demo makes the calls it always made. */
  private static final int PAGE_SIZE = 4;

  private final FakeGong gong;

  private DemoGong(FakeGong gong) {
    this.gong = gong;
  }

  /** Starts Gong on 127.0.0.1 on a free port. */
  static DemoGong start() {
    var gong = FakeGong.start(ACCESS_KEY);
    try {
      gong.pageSize(PAGE_SIZE);
      for (String file : List.of("calls-extensive-page1.json", "calls-extensive-page2.json", "transcripts.json")) {
        gong.load(DemoFixtures.read(FIXTURES + file));
      }
    } catch (RuntimeException e) {
      gong.close();
      throw e;
    }
    return new DemoGong(gong);
  }

  /** Stands in for {@code https://api.gong.io}. */
  URI baseUrl() {
    return gong.baseUrl();
  }

  /** HTTP requests Gong has answered so far. */
  int requests() {
    return gong.requests();
  }

  /** The real Gong connector, pointed at this server with the access key made at start. */
  SourceConnector connector() {
    return GongConnector.create(GongConfig.builder().baseUrl(baseUrl())
        .accessKey(ACCESS_KEY, gong.accessKeySecret()).build());
  }

  @Override
  public void close() {
    gong.close();
  }
}
