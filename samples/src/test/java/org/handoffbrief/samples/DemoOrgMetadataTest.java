package org.handoffbrief.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.handoffbrief.testing.SObjectField;
import org.handoffbrief.testing.SObjectType;
import org.junit.jupiter.api.Test;

/**
 * The demo org is the org an admin gets by deploying {@code salesforce-writeback/force-app}: every
 * custom field the project ships exists in the demo org with the describe type and length
 * Salesforce gives it, so the demo writes exactly what a real org with the metadata takes.
 */
class DemoOrgMetadataTest {
  private static final Path OBJECTS = Path.of("..", "salesforce-writeback", "force-app", "main", "default", "objects");
  private static final Map<String, String> DESCRIBE_TYPE = Map.of("Text", "string", "LongTextArea", "textarea",
      "Lookup", "reference", "Number", "double", "Date", "date", "Url", "url");

  @Test
  void everyShippedFieldIsInTheDemoOrgWithItsTypeLengthAndExternalId() throws IOException {
    Map<String, SObjectType> org = DemoOrgSchema.objects(DemoOrgSchema.Metadata.DEPLOYED);
    int checked = 0;
    for (Path fieldFile : shippedFields()) {
      String object = fieldFile.getParent().getParent().getFileName().toString();
      String demoObject = object.equals("Activity") ? "Task" : object;
      String field = fieldFile.getFileName().toString().replace(".field-meta.xml", "");
      String xml = Files.readString(fieldFile);
      SObjectType def = org.get(demoObject);
      assertNotNull(def, demoObject + " is shipped but not in the demo org");
      SObjectField f = def.fields().get(field);
      assertNotNull(f, demoObject + "." + field + " is shipped but not in the demo org");
      assertEquals(DESCRIBE_TYPE.get(tag(xml, "type")), f.type(), demoObject + "." + field + " type");
      String length = tag(xml, "length");
      if (length != null) {
        assertEquals(Integer.parseInt(length), f.length(), demoObject + "." + field + " length");
      }
      assertEquals("true".equals(tag(xml, "externalId")), f.externalId(), demoObject + "." + field + " externalId");
      checked++;
    }
    assertTrue(checked >= 16, "found " + checked + " shipped fields");
  }

  @Test
  void withoutTheMetadataTheDemoOrgHasNoneOfTheShippedObjects() {
    Map<String, SObjectType> org = DemoOrgSchema.objects(DemoOrgSchema.Metadata.NOT_DEPLOYED);
    assertFalse(org.containsKey(DemoOrgSchema.BRIEF_OBJECT));
    assertFalse(org.containsKey(DemoOrgSchema.PLAN_OBJECT));
    assertFalse(org.get("Task").fields().containsKey(DemoOrgSchema.KEY_FIELD));
  }

  private static List<Path> shippedFields() throws IOException {
    try (Stream<Path> files = Files.walk(OBJECTS)) {
      return files.filter(p -> p.toString().endsWith(".field-meta.xml")).sorted().toList();
    }
  }

  private static String tag(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
    return m.find() ? m.group(1).strip() : null;
  }
}
