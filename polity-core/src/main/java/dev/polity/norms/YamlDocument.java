package dev.polity.norms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;
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
final class YamlDocument {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    final String file;
    final JsonNode root;
    private final Map<String, Location> locations;

    private YamlDocument(String file, JsonNode root, Map<String, Location> locations) {
        this.file = file;
        this.root = root;
        this.locations = locations;
    }

    /** Parses YAML; syntax errors become one {@link Diagnostic} each (the parser stops at the first). */
    static YamlDocument parse(String file, Reader reader) {
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
            throw new ConstitutionException(java.util.List.of(Diagnostic.error(at, "YAML syntax error: " + problem + context)));
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new ConstitutionException(java.util.List.of(Diagnostic.error(new Location(file, 1, 1), "YAML error: " + e.getMessage())));
        }
        Map<String, Location> locations = new HashMap<>();
        if (node == null) {
            return new YamlDocument(file, JSON.objectNode(), locations);
        }
        java.util.List<Diagnostic> problems = new java.util.ArrayList<>();
        JsonNode root = new YamlDocument(file, null, locations).convert(node, "", problems);
        if (!problems.isEmpty()) {
            throw new ConstitutionException(problems);
        }
        return new YamlDocument(file, root, locations);
    }

    Location at(String pointer) {
        String p = pointer;
        while (true) {
            Location l = locations.get(p);
            if (l != null) {
                return l;
            }
            if (p.isEmpty()) {
                return new Location(file, 1, 1);
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** Where the key {@code name} of the mapping at {@code pointer} was written. */
    Location keyAt(String pointer, String name) {
        Location l = locations.get(pointer + "/" + escape(name) + "#");
        return l != null ? l : at(pointer);
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private Location loc(Node n) {
        Mark m = n.getStartMark();
        return new Location(file, m.getLine() + 1, m.getColumn() + 1);
    }

    private JsonNode convert(Node n, String pointer, java.util.List<Diagnostic> problems) {
        locations.put(pointer, loc(n));
        if (n instanceof MappingNode map) {
            ObjectNode obj = JSON.objectNode();
            for (NodeTuple t : map.getValue()) {
                Node keyNode = t.getKeyNode();
                if (!(keyNode instanceof ScalarNode key)) {
                    problems.add(Diagnostic.error(loc(keyNode), "expected a plain key, found a " + kindOf(keyNode)));
                    continue;
                }
                String name = key.getValue();
                String child = pointer + "/" + escape(name);
                if (obj.has(name)) {
                    problems.add(Diagnostic.error(loc(keyNode), "duplicate key '" + name + "'"));
                    continue;
                }
                locations.put(child + "#", loc(keyNode));
                obj.set(name, convert(t.getValueNode(), child, problems));
            }
            return obj;
        }
        if (n instanceof SequenceNode seq) {
            ArrayNode arr = JSON.arrayNode();
            int i = 0;
            for (Node item : seq.getValue()) {
                arr.add(convert(item, pointer + "/" + i, problems));
                i++;
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
