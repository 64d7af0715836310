package org.handoffbrief.samples.camel;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;

/**
 * Camel's platform-http Vert.x server, taking the form fields Slack sends. Add it to the context
 * as {@code context.addService(new SlackSizedHttpServer(configuration))} instead of a plain
 * {@link VertxPlatformHttpServer}.
 *
 * <p>Why: Vert.x refuses a form field over {@code HttpServerOptions.maxFormAttributeSize} (8 KB by
 * default) with a bare 400 before Camel sees the request, even with
 * {@code populateBodyWithForm=false} or {@code useStreaming=true}, and Slack's interactivity
 * requests carry the whole message in one field ({@code payload}): a click on a review DM is
 * over 10 KB. Camel 4.22 builds the server's options itself and offers no setting for this, so
 * this server hands Camel a Vert.x whose {@code createHttpServer} raises the limit to
 * {@value #MAX_FORM_FIELD_BYTES} bytes; everything else is the Vert.x instance Camel would use
 * (the registry's, else one it makes and closes).
 */
public class SlackSizedHttpServer extends VertxPlatformHttpServer {
  /** The largest form field taken: far above Slack's largest message (50 blocks of 3,000 characters, encoded). */
  public static final int MAX_FORM_FIELD_BYTES = 1 << 20;

  public SlackSizedHttpServer(VertxPlatformHttpServerConfiguration configuration) {
    super(configuration);
  }

  @Override
  protected Vertx lookupVertx() {
    Vertx found = super.lookupVertx();
    return found == null ? null : raisingFormLimit(found);
  }

  @Override
  protected Vertx createVertxInstance() {
    return raisingFormLimit(super.createVertxInstance());
  }

  /**
   * {@code vertx}, except that each HTTP server it creates takes form fields up to
   * {@value #MAX_FORM_FIELD_BYTES} bytes. A proxy over every interface of the instance (Vert.x
   * casts to its internal one), so every other call reaches {@code vertx} unchanged.
   */
  static Vertx raisingFormLimit(Vertx vertx) {
    var interfaces = new java.util.LinkedHashSet<Class<?>>(java.util.List.of(Vertx.class));
    for (Class<?> c = vertx.getClass(); c != null; c = c.getSuperclass()) {
      interfaces.addAll(java.util.List.of(c.getInterfaces()));
    }
    return (Vertx) Proxy.newProxyInstance(SlackSizedHttpServer.class.getClassLoader(),
        interfaces.toArray(Class<?>[]::new), (proxy, method, args) -> {
          if (method.getName().equals("createHttpServer") && args != null && args.length == 1
              && args[0] instanceof HttpServerOptions options
              && options.getMaxFormAttributeSize() < MAX_FORM_FIELD_BYTES) {
            options.setMaxFormAttributeSize(MAX_FORM_FIELD_BYTES);
          }
          try {
            return method.invoke(vertx, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
