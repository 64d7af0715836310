package org.handoffbrief.internal;

import java.util.function.Consumer;
import org.handoffbrief.observe.HandoffListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls a host's listener without letting its bugs break a brief. */
public final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private Listeners() {}

  /** Runs the callback; an exception from the host's listener is logged and dropped. */
  public static void safely(HandoffListener listener, Consumer<HandoffListener> callback) {
    try {
      callback.accept(listener);
    } catch (RuntimeException e) {
      LOG.warn("HandoffListener {} threw {}; ignored", listener.getClass().getName(), e.toString());
    }
  }
}
