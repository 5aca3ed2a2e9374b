package dev.labkit.harness.http;

import java.util.Map;
import java.util.TreeMap;

/**
 * The head of an HTTP response as {@code curl -D} writes it (a status line, then "Name: value"
 * lines), read back for rule tests on recorded answers: the status and the headers by name, in any
 * case.
 */
public record ResponseHead(int status, Map<String, String> headers) {

  public static ResponseHead parse(String text) {
    var lines = text.lines().toList();
    var statusLine = lines.isEmpty() ? new String[0] : lines.get(0).split(" ");
    var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
    lines.stream()
        .skip(1)
        .filter(line -> line.contains(":"))
        .forEach(
            line ->
                headers.put(
                    line.substring(0, line.indexOf(':')).strip(),
                    line.substring(line.indexOf(':') + 1).strip()));
    return new ResponseHead(statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : 0, headers);
  }
}
