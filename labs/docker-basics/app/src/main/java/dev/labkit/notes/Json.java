package dev.labkit.notes;

import java.util.List;
import java.util.stream.Collectors;

/** The few JSON shapes the API answers with; no library needed for writing them. */
final class Json {

  static String notes(List<NoteStore.Note> notes) {
    return notes.stream().map(Json::note).collect(Collectors.joining(",", "[", "]"));
  }

  static String note(NoteStore.Note note) {
    return "{\"id\":" + note.id() + ",\"text\":" + string(note.text()) + "}";
  }

  static String string(String value) {
    var json = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"').toString();
  }

  private Json() {}
}
