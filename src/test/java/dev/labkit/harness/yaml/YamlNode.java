package dev.labkit.harness.yaml;

import java.io.StringReader;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML document read for checks that must say where things are: every node knows its line. Keys
 * and scalars are kept as written (the key {@code on} stays "on", not YAML 1.1's true). A missing
 * node answers every question with "nothing", so checks can walk paths without null tests. A
 * duplicate key is kept (the first one answers); linters such as actionlint report it.
 */
public final class YamlNode {

  private static final YamlNode MISSING = new YamlNode(null);

  private final Node node;

  private YamlNode(Node node) {
    this.node = node;
  }

  /** Parses one document; an empty document is a missing root. */
  public static YamlNode parse(String text) throws YamlSyntaxError {
    var options = new LoaderOptions();
    options.setMaxAliasesForCollections(50);
    try {
      var root = new Yaml(options).compose(new StringReader(text));
      return root == null ? MISSING : new YamlNode(root);
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new YamlSyntaxError(
          mark == null ? null : mark.getLine() + 1,
          mark == null ? null : mark.getColumn() + 1,
          e.getProblem() == null ? e.getMessage() : e.getProblem());
    } catch (YAMLException e) {
      throw new YamlSyntaxError(null, null, e.getMessage());
    }
  }

  /** The node that stands for "not there". */
  public static YamlNode missing() {
    return MISSING;
  }

  public boolean isMissing() {
    return node == null;
  }

  public boolean isMap() {
    return node instanceof MappingNode;
  }

  public boolean isList() {
    return node instanceof SequenceNode;
  }

  public boolean isScalar() {
    return node instanceof ScalarNode;
  }

  /** The 1-based line the node starts on; null for a missing node. */
  public Integer line() {
    return node == null ? null : node.getStartMark().getLine() + 1;
  }

  /** A scalar's text as written; "" for anything else. */
  public String text() {
    return node instanceof ScalarNode scalar ? scalar.getValue() : "";
  }

  /** The value under a key of a map; missing when this is no map or has no such key. */
  public YamlNode get(String key) {
    return entry(key).map(Map.Entry::getValue).orElse(MISSING);
  }

  /** Whether a map has the key, whatever its value (an empty {@code workflow_dispatch:} too). */
  public boolean has(String key) {
    return entry(key).isPresent();
  }

  /** The line of a key in a map, for "this key is wrong" messages. */
  public Integer keyLine(String key) {
    if (node instanceof MappingNode map) {
      for (var tuple : map.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
          return scalar.getStartMark().getLine() + 1;
        }
      }
    }
    return null;
  }

  /** A map's entries in file order, keys as text; empty for anything else. */
  public List<Map.Entry<String, YamlNode>> entries() {
    if (!(node instanceof MappingNode map)) {
      return List.of();
    }
    return map.getValue().stream()
        .<Map.Entry<String, YamlNode>>map(
            tuple ->
                new AbstractMap.SimpleImmutableEntry<>(
                    tuple.getKeyNode() instanceof ScalarNode key ? key.getValue() : "",
                    new YamlNode(tuple.getValueNode())))
        .toList();
  }

  /** A list's items; empty for anything else. */
  public List<YamlNode> items() {
    if (!(node instanceof SequenceNode list)) {
      return List.of();
    }
    return list.getValue().stream().map(YamlNode::new).toList();
  }

  /** A scalar as one text, or a list's scalar items: the two ways YAML writes "one or more". */
  public List<String> texts() {
    if (isScalar()) {
      return List.of(text());
    }
    return items().stream().filter(YamlNode::isScalar).map(YamlNode::text).toList();
  }

  /** Every scalar at or below this node, with its line: for searches through a whole file. */
  public List<YamlNode> scalars() {
    if (isScalar()) {
      return List.of(this);
    }
    var found = new java.util.ArrayList<YamlNode>();
    entries().forEach(entry -> found.addAll(entry.getValue().scalars()));
    items().forEach(item -> found.addAll(item.scalars()));
    return found;
  }

  /**
   * The same node: an alias ({@code *name}) and its anchor are one node, so a walk through a whole
   * document can visit each once.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof YamlNode yaml && yaml.node == node;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(node);
  }

  private Optional<Map.Entry<String, YamlNode>> entry(String key) {
    return entries().stream().filter(entry -> entry.getKey().equals(key)).findFirst();
  }

  /** A document YAML cannot read, with where it stopped. */
  public static final class YamlSyntaxError extends Exception {
    private final Integer line;
    private final Integer column;

    YamlSyntaxError(Integer line, Integer column, String message) {
      super(message);
      this.line = line;
      this.column = column;
    }

    public Integer line() {
      return line;
    }

    public Integer column() {
      return column;
    }
  }
}
