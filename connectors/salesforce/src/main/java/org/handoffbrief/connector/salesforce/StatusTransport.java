package org.handoffbrief.connector.salesforce;

import com.sforce.ws.ConnectorConfig;
import com.sforce.ws.transport.JdkHttpTransport;
import com.sforce.ws.transport.Transport;
import com.sforce.ws.transport.TransportFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;

/**
 * force-wsc's own HTTP transport, streaming each request (so none is sent twice unseen) and
 * remembering whether the last answer was an HTTP error. The SDK
 * hides the status, yet an HTML 503 from a proxy or maintenance page (an outage, worth retrying)
 * must not read like a broken SOAP message (which is not).
 */
final class StatusTransport implements Transport {
  private final JdkHttpTransport delegate = new JdkHttpTransport();
  private final Factory factory;

  private StatusTransport(Factory factory) {
    this.factory = factory;
  }

  /** Makes transports for one connection and keeps what the last one saw. */
  static final class Factory implements TransportFactory {
    private volatile boolean httpError;

    @Override
    public Transport createTransport() {
      httpError = false;
      return new StatusTransport(this);
    }

    /** True when the last answer had a status other than 200 (the Partner API sends faults as 500). */
    boolean lastAnswerWasHttpError() {
      return httpError;
    }

    /**
     * Installs this factory on a config. Requests are sent in chunked streaming mode: a buffered
     * HttpURLConnection sends a POST a second time, silently, when the connection resets before the
     * answer ({@code sun.net.http.retryPost}, on by default), so one counted attempt could be two
     * requests, a write done twice. A streamed request is never sent again behind our back; retrying
     * is the retry policy's job, counted and within the deadline.
     */
    ConnectorConfig install(ConnectorConfig config) {
      config.setTransportFactory(this);
      config.setUseChunkedPost(true);
      return config;
    }
  }

  @Override
  public void setConfig(ConnectorConfig config) {
    delegate.setConfig(config);
  }

  @Override
  public OutputStream connect(String url, String soapAction) throws IOException {
    return delegate.connect(url, soapAction);
  }

  @Override
  public OutputStream connect(String url, HashMap<String, String> headers) throws IOException {
    return delegate.connect(url, headers);
  }

  @Override
  public OutputStream connect(String url, HashMap<String, String> headers, boolean compress) throws IOException {
    return delegate.connect(url, headers, compress);
  }

  @Override
  public InputStream getContent() throws IOException {
    InputStream in = delegate.getContent();
    factory.httpError = !delegate.isSuccessful();
    return in;
  }

  @Override
  public boolean isSuccessful() {
    return delegate.isSuccessful();
  }
}
