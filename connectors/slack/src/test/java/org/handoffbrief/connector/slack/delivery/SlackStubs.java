package org.handoffbrief.connector.slack.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Slack Web API stubs in its wire format (fixtures under slack/delivery/) and readers of what was asked. */
final class SlackStubs {
  static final String TOKEN = "xoxb-FAKE-posting-token";
  static final String SECRET = "fake0signing0secret0for0tests00";

  private SlackStubs() {}

  static SlackDeliveryConfig config(WireMockExtension wm, String channel) {
    return SlackDeliveryConfig.builder().baseUrl(URI.create(wm.baseUrl())).botToken(TOKEN).channel(channel)
        .signingSecret(SECRET).briefLink("https://briefs.example.com/b/{briefId}").build();
  }

  static MappingBuilder method(String name) {
    return post(urlPathEqualTo("/api/" + name));
  }

  static ResponseDefinitionBuilder fixture(String name) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(read(name));
  }

  static String read(String name) {
    try (InputStream in = SlackStubs.class.getResourceAsStream("/slack/delivery/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<LoggedRequest> requests(WireMockExtension wm, String method) {
    return wm.findAll(postRequestedFor(urlPathEqualTo("/api/" + method)));
  }

  /** A form-encoded request body as a map. */
  static Map<String, String> form(LoggedRequest r) {
    var out = new HashMap<String, String>();
    for (String pair : r.getBodyAsString().split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
