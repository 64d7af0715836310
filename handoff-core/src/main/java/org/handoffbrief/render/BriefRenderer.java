package org.handoffbrief.render;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.handoffbrief.model.HandoffBrief;

/**
 * Turns a {@link HandoffBrief} into a document a person or a program reads. Every renderer shows
 * every section's gaps and every source that failed or was skipped: a missing piece is never
 * silently left out.
 *
 * <p>Renderers are immutable and safe to share between threads.
 *
 * <pre>{@code
 * BriefRenderer.html().write(brief, Path.of("brief.html"));
 * }</pre>
 */
public interface BriefRenderer {

  /** The canonical JSON form; see {@code docs/schema/}. */
  static BriefRenderer json() {
    return JsonBriefRenderer.create();
  }

  /** Markdown that fits a CRM note, timestamps shown in UTC. */
  static BriefRenderer markdown() {
    return MarkdownBriefRenderer.create();
  }

  /** One self-contained HTML page, timestamps shown in UTC. */
  static BriefRenderer html() {
    return HtmlBriefRenderer.create();
  }

  /** Renders the whole brief as one string. */
  String render(HandoffBrief brief);

  /** Writes the rendered brief to {@code out}; the writer is flushed, not closed. */
  default void render(HandoffBrief brief, Writer out) throws IOException {
    Objects.requireNonNull(out, "out == null");
    out.write(render(brief));
    out.flush();
  }

  /** Writes the rendered brief to {@code file} as UTF-8, replacing what was there. */
  default void write(HandoffBrief brief, Path file) throws IOException {
    Objects.requireNonNull(file, "file == null");
    Files.writeString(file, render(brief), StandardCharsets.UTF_8);
  }

  /** The usual file name extension without the dot, e.g. {@code json}. */
  String fileExtension();

  /** The media type of the rendered form, e.g. {@code text/html; charset=utf-8}. */
  String mediaType();
}
