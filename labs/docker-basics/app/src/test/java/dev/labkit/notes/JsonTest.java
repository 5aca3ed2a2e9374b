package dev.labkit.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

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
