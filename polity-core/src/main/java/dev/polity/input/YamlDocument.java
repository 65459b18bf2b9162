package dev.polity.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Reader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML document read into a JSON tree that remembers where every value (and every mapping key) was
 * written, so schema and semantic errors can name a line and column. Keys are JSON pointers
 * ({@code /norms/3/kind}); a key's own position is stored under the pointer with a trailing {@code #}.
 */
public final class YamlDocument {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    final String file;
    final JsonNode root;
    /** The composed YAML tree, kept so a pointer can be turned into a line and column only when needed. */
    private final Node yaml;

    /** The file name errors are reported under. */
    public String file() {
        return file;
    }

    /** The document as a JSON tree (an empty mapping for an empty file). */
    public JsonNode root() {
        return root;
    }

    private YamlDocument(String file, JsonNode root, Node yaml) {
        this.file = file;
        this.root = root;
        this.yaml = yaml;
    }

    /** Parses YAML; syntax errors become one {@link Diagnostic} each (the parser stops at the first). */
    public static YamlDocument parse(String file, Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(64 * 1024 * 1024);
        Yaml yaml = new Yaml(options);
        Node node;
        try {
            node = yaml.compose(reader);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Location at = m == null ? new Location(file, 1, 1) : new Location(file, m.getLine() + 1, m.getColumn() + 1);
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            Mark cm = e.getContextMark();
            String context = e.getContext() == null ? ""
                    : " (" + e.getContext() + (cm != null && cm != m ? " that starts at line " + (cm.getLine() + 1) + ", column " + (cm.getColumn() + 1) : "") + ")";
            throw new InvalidInputException(java.util.List.of(Diagnostic.error(at, "YAML syntax error: " + problem + context)));
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new InvalidInputException(java.util.List.of(Diagnostic.error(new Location(file, 1, 1), "YAML error: " + e.getMessage())));
        }
        if (node == null) {
            return new YamlDocument(file, JSON.objectNode(), null);
        }
        java.util.List<Diagnostic> problems = new java.util.ArrayList<>();
        YamlDocument shell = new YamlDocument(file, null, node);
        JsonNode root = shell.convert(node, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new YamlDocument(file, root, node);
    }

    /** Where the value at a JSON pointer was written; the nearest existing ancestor when it is absent. */
    public Location at(String pointer) {
        Node n = find(pointer, false);
        return n == null ? new Location(file, 1, 1) : loc(n);
    }

    /** Where the key {@code name} of the mapping at {@code pointer} was written. */
    public Location keyAt(String pointer, String name) {
        Node n = find(pointer + "/" + escape(name), true);
        return n == null ? at(pointer) : loc(n);
    }

    private Node find(String pointer, boolean keyOfLast) {
        if (yaml == null) {
            return null;
        }
        Node n = yaml;
        if (pointer.isEmpty()) {
            return n;
        }
        String[] parts = pointer.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].replace("~1", "/").replace("~0", "~");
            Node next = null;
            if (n instanceof MappingNode map) {
                for (NodeTuple t : map.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(part)) {
                        next = keyOfLast && i == parts.length - 1 ? k : t.getValueNode();
                        break;
                    }
                }
            } else if (n instanceof SequenceNode seq && part.matches("\\d+") && Integer.parseInt(part) < seq.getValue().size()) {
                next = seq.getValue().get(Integer.parseInt(part));
            }
            if (next == null) {
                return n;
            }
            n = next;
        }
        return n;
    }

    /** Escapes a mapping key for use in a JSON pointer (RFC 6901). */
    public static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private Location loc(Node n) {
        Mark m = n.getStartMark();
        return new Location(file, m.getLine() + 1, m.getColumn() + 1);
    }

    private JsonNode convert(Node n, java.util.List<Diagnostic> problems) {
        if (n instanceof MappingNode map) {
            ObjectNode obj = JSON.objectNode();
            for (NodeTuple t : map.getValue()) {
                Node keyNode = t.getKeyNode();
                if (!(keyNode instanceof ScalarNode key)) {
                    problems.add(Diagnostic.error(loc(keyNode), "expected a plain key, found a " + kindOf(keyNode)));
                    continue;
                }
                String name = key.getValue();
                if (obj.has(name)) {
                    problems.add(Diagnostic.error(loc(keyNode), "duplicate key '" + name + "'"));
                    continue;
                }
                obj.set(name, convert(t.getValueNode(), problems));
            }
            return obj;
        }
        if (n instanceof SequenceNode seq) {
            ArrayNode arr = JSON.arrayNode();
            for (Node item : seq.getValue()) {
                arr.add(convert(item, problems));
            }
            return arr;
        }
        ScalarNode s = (ScalarNode) n;
        Tag tag = s.getTag();
        String v = s.getValue();
        try {
            if (Tag.NULL.equals(tag)) {
                return JSON.nullNode();
            }
            if (Tag.BOOL.equals(tag)) {
                return JSON.booleanNode(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on"));
            }
            if (Tag.INT.equals(tag)) {
                return JSON.numberNode(new java.math.BigInteger(v.replace("_", "")));
            }
            if (Tag.FLOAT.equals(tag)) {
                return JSON.numberNode(Double.parseDouble(v.replace("_", "")));
            }
        } catch (NumberFormatException e) {
            return JSON.textNode(v);
        }
        return JSON.textNode(v);
    }

    private static String kindOf(Node n) {
        return n instanceof MappingNode ? "mapping" : n instanceof SequenceNode ? "list" : "scalar";
    }
}
