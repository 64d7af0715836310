package org.handoffbrief.samples;

import java.util.List;
import org.handoffbrief.HandoffException;
import org.handoffbrief.store.BriefStore;
import org.handoffbrief.store.OutboxWrite;
import org.handoffbrief.store.StoredBrief;
import org.handoffbrief.writeback.salesforce.SalesforceWriteback;
import org.handoffbrief.writeback.salesforce.WritebackPlan;
import org.handoffbrief.writeback.salesforce.WritebackResult;
import org.handoffbrief.writeback.salesforce.WritebackStoppedException;

/**
 * What {@code demo} and {@code brief --write-back} do once the brief is stored: show the plan of
 * Salesforce writes, ask before writing (or take {@code --yes}), write through the store's outbox,
 * and print what was written with record ids. A plan whose writes were all made before is not
 * shown again: the run says so and writes nothing.
 */
final class WriteBackStep {
  private WriteBackStep() {}

  /** How the person asked the app to treat writes. */
  enum Mode {
    /** Show the plan, write nothing. */
    DRY_RUN,
    /** Show the plan and ask; without anyone to ask, write nothing and say how to write. */
    ASK,
    /** Show the plan and write it. */
    YES
  }

  /**
   * Plans and, when allowed, makes the writes for {@code stored}.
   *
   * @return {@link HandoffSamples#EXIT_OK}, or {@link HandoffSamples#EXIT_WRITE} when a write failed
   *     or a whole call stopped the run (what was done is kept and a rerun completes the rest)
   */
  static int run(Terminal terminal, SalesforceWriteback writeback, BriefStore store, StoredBrief stored, Mode mode) {
    WritebackPlan plan = writeback.plan(stored);
    List<OutboxWrite> before = store.writes(plan.planKey());
    if (!before.isEmpty() && before.stream().allMatch(w -> w.status() == OutboxWrite.Status.DONE)) {
      terminal.out().println("Write-back: nothing new to write. The " + before.size() + " writes of "
          + TerminalText.safe(plan.planKey()) + " were made before:");
      before.forEach(w -> terminal.out().println("  " + TerminalText.safe(w.target()) + " " + TerminalText.safe(
          w.recordId()) + "  " + TerminalText.safe(w.description())));
      return HandoffSamples.EXIT_OK;
    }
    terminal.out().println();
    print(terminal, plan.render());
    int toWrite = (int) plan.writes().stream().filter(w -> !w.skipped()).count();
    switch (mode) {
      case DRY_RUN -> {
        terminal.out().println("Dry run: nothing was written.");
        return HandoffSamples.EXIT_OK;
      }
      case ASK -> {
        if (!terminal.interactive()) {
          terminal.out().println("Not written: nobody here to confirm. Run again with --yes to write these "
              + toWrite + " records, or --dry-run to only see the plan.");
          return HandoffSamples.EXIT_OK;
        }
        if (!terminal.confirm("Write these " + toWrite + " records to Salesforce?")) {
          terminal.out().println("Not written.");
          return HandoffSamples.EXIT_OK;
        }
      }
      case YES -> { }
    }
    WritebackResult result;
    try {
      result = writeback.execute(plan);
    } catch (WritebackStoppedException e) {
      print(terminal, e.result().render());
      terminal.err().println("error: the write-back stopped: " + TerminalText.safe(e.getMessage())
          + " What was written is recorded; run again to write the rest.");
      return HandoffSamples.EXIT_WRITE;
    } catch (HandoffException e) {
      terminal.err().println("error: the write-back could not start: " + TerminalText.safe(e.getMessage()));
      return HandoffSamples.EXIT_WRITE;
    }
    print(terminal, "Written: " + result.render());
    int held = result.with(WritebackResult.Status.IN_PROGRESS_ELSEWHERE).size();
    if (held > 0) {
      // Not done yet: held by another run, or left behind by one that died mid-write (see each write's message).
      terminal.err().println("error: " + held + " write(s) not made by this run: another run holds them; run again"
          + " when its lease has passed to complete them.");
    }
    return result.with(WritebackResult.Status.FAILED).isEmpty() && held == 0 ? HandoffSamples.EXIT_OK
        : HandoffSamples.EXIT_WRITE;
  }

  /** Prints text line by line: each line made safe for the terminal, the line breaks kept. */
  private static void print(Terminal terminal, String text) {
    text.lines().map(TerminalText::safe).forEach(terminal.out()::println);
  }
}
