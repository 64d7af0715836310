package org.handoffbrief.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import java.util.List;
import org.handoffbrief.extract.Span;
import org.handoffbrief.model.Evidence;
import org.junit.jupiter.api.Test;

class TextSpansTest {
  private static Evidence evidence(String text) {
    return Evidence.builder("salesforce", "Task", "00T000000000001AAA")
        .timestamp(OffsetDateTime.parse("2026-03-08T10:00:00Z")).text(text).build();
  }

  @Test
  void headerLinesAreFoundByLabelAndOnlyInTheHeader() {
    Evidence e = evidence("Subject: ERP review\nStatus: Completed\n\nStatus: this is prose, not a field");
    assertEquals("Completed", TextSpans.line(e, "Status").text());
    assertEquals("Completed", TextSpans.value(e, "Status"));
    assertNull(TextSpans.line(e, "Due"));
  }

  @Test
  void aBodyWithNoHeaderIsAllFreeTextButARecordOfFieldsOnlyHasNone() {
    Evidence bodyOnly = evidence("We will ship the export fix before go-live. Thanks for waiting.");
    assertEquals(List.of("We will ship the export fix before go-live.", "Thanks for waiting."),
        TextSpans.sentences(bodyOnly).stream().map(Span::text).toList());
    assertNull(TextSpans.line(bodyOnly, "We will ship the export fix before go-live. Thanks for waiting"));

    Evidence fieldsOnly = evidence("Subject: Renewal terms\nStatus: Open");
    assertEquals(List.of(), TextSpans.sentences(fieldsOnly));
    assertEquals("Open", TextSpans.value(fieldsOnly, "Status"));
  }

  @Test
  void sentencesAreExactSpansAndDecimalsDoNotSplitThem() {
    Evidence e = evidence("Subject: x\n\nThe quote was USD 168.5k for year one. Next:\n- Dana will send specs!  Done");
    List<Span> s = TextSpans.sentences(e);
    assertEquals(List.of("The quote was USD 168.5k for year one.", "Dana will send specs!"),
        s.stream().map(Span::text).toList());
    for (Span span : s) {
      assertEquals(span.text(), e.text().substring(span.cite().start(), span.cite().end()));
    }
  }
}
