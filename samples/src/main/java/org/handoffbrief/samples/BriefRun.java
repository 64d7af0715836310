package org.handoffbrief.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.handoffbrief.Handoff;
import org.handoffbrief.model.BriefChanges;
import org.handoffbrief.model.BriefKind;
import org.handoffbrief.model.DealRef;
import org.handoffbrief.model.HandoffBrief;
import org.handoffbrief.render.HtmlBriefRenderer;
import org.handoffbrief.render.JsonBriefRenderer;
import org.handoffbrief.render.MarkdownBriefRenderer;

/**
 * What {@code demo} and {@code brief} share once their connectors are set up: make the brief with
 * progress on the terminal, write it as JSON, Markdown and HTML, and print where.
 */
final class BriefRun {
  private BriefRun() {}

  /**
   * Makes and writes the brief (brief.json, brief.md, brief.html); prints each file's absolute
   * path on {@code terminal.out()}. With a store on the builder the brief is stored as the next
   * version of its kind and shows what changed since the brief before it; the change count is
   * printed too.
   *
   * @return the brief written
   * @throws ConfigException when the builder's configuration is incomplete or contradictory
   */
  static HandoffBrief run(Terminal terminal, Handoff.Builder builder, DealRef ref, BriefKind kind, Path outDir) {
    builder.listener(new TerminalProgress(terminal.err()));
    Handoff handoff;
    try {
      handoff = builder.build();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    try (handoff) {
      HandoffBrief brief = handoff.brief(ref, kind);
      List<Path> files = write(brief, outDir);
      files.forEach(f -> terminal.out().println(TerminalText.safe(f)));
      if (brief.changes() != null) {
        terminal.out().println(TerminalText.safe(describe(brief.changes())));
      }
      return brief;
    }
  }

  /** E.g. {@code What changed since handoff v1: 3 items (new risk 1, resolved risk 1, closed open_thread 1)}. */
  static String describe(BriefChanges changes) {
    var since = changes.since();
    String head = "What changed since " + since.kind().wireId() + " v" + since.version() + ": ";
    if (changes.isEmpty()) {
      return head + "nothing.";
    }
    var counts = new java.util.TreeMap<String, Integer>();
    changes.items().forEach(i -> counts.merge(i.change().wireId() + " " + i.category().wireId(), 1, Integer::sum));
    var parts = new ArrayList<String>();
    counts.forEach((k, n) -> parts.add(k + " " + n));
    return head + changes.items().size() + " item" + (changes.items().size() == 1 ? "" : "s") + " ("
        + String.join(", ", parts) + "); see the brief's \"What changed\" block.";
  }

  /** Writes brief.json, brief.md and brief.html to {@code outDir}, replacing what was there. */
  static List<Path> write(HandoffBrief brief, Path outDir) {
    Path dir = outDir.toAbsolutePath().normalize();
    var files = new ArrayList<Path>();
    try {
      Files.createDirectories(dir);
      files.add(Files.writeString(dir.resolve("brief.json"), JsonBriefRenderer.create().render(brief),
          StandardCharsets.UTF_8));
      files.add(Files.writeString(dir.resolve("brief.md"), MarkdownBriefRenderer.create().render(brief),
          StandardCharsets.UTF_8));
      files.add(Files.writeString(dir.resolve("brief.html"), HtmlBriefRenderer.create().render(brief),
          StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the brief to " + dir + ": " + e.getMessage(), e);
    }
    return files;
  }
}
