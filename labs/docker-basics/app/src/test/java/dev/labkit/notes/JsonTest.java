package dev.labkit.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class JsonTest {

  /**
   * Printed once the tests ran: a CI pipeline's log then shows that it tested, not only built (a
   * build with -DskipTests prints nothing here). The github-actions-deploy checks look for it.
   */
  static final String TESTS_RAN = "labkit: the notes API's tests ran";

  @AfterAll
  static void sayTheTestsRan() {
    System.out.println(TESTS_RAN);
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertEquals("\"say \\\"hi\\\"\\\\\\n\\u0001\"", Json.string("say \"hi\"\\\n\u0001"));
  }

  @Test
  void listsNotesInOrder() {
    var notes = List.of(new NoteStore.Note(1, "milk"), new NoteStore.Note(2, "eggs"));
    assertEquals("[{\"id\":1,\"text\":\"milk\"},{\"id\":2,\"text\":\"eggs\"}]", Json.notes(notes));
  }
}
