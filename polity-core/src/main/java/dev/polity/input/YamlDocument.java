package dev.polity.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
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

    /**
     * What one document may hold; past any of these, one clear error instead of a hang or an exhausted heap.
     * The line bound is what keeps reading linear: SnakeYAML copies its window of unread text every 1,023
     * characters while it scans one token (a word, a comment, a line of a block scalar), so a token of n
     * characters costs n squared (8 MB on one line took 19 s and 1 GB), and no token spans two lines.
     *
     * @param maxCharacters    the whole document (SnakeYAML's code point limit)
     * @param maxLine          one line
     * @param maxValue         one value (a scalar may span many lines)
     * @param maxDepth         lists and mappings inside each other (SnakeYAML's nesting depth limit)
     * @param maxAliases       aliases ({@code *name}) to lists and mappings (SnakeYAML's limit)
     * @param maxAliasedValues values reached through aliases, counted as often as they are reached, so that
     *                         a few nested aliases cannot expand into billions of values
     */
    public record Limits(int maxCharacters, int maxLine, int maxValue, int maxDepth, int maxAliases, int maxAliasedValues) {
        public static final Limits DEFAULT = new Limits(64 << 20, 256 << 10, 1 << 20, 64, 100, 1_000_000);
    }

    /** Parses YAML within {@link Limits#DEFAULT}. */
    public static YamlDocument parse(String file, String text) {
        return parse(file, text, Limits.DEFAULT);
    }

    /** Parses YAML; syntax errors become one {@link Diagnostic} each (the parser stops at the first). */
    public static YamlDocument parse(String file, String text, Limits limits) {
        checkSize(file, text, limits);
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(limits.maxCharacters());
        options.setNestingDepthLimit(limits.maxDepth());
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setAllowRecursiveKeys(false);
        Yaml yaml = new Yaml(options);
        Node node;
        try {
            node = yaml.compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Location at = m == null ? new Location(file, 1, 1) : new Location(file, m.getLine() + 1, m.getColumn() + 1);
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            Mark cm = e.getContextMark();
            String context = e.getContext() == null ? ""
                    : " (" + e.getContext() + (cm != null && cm != m ? " that starts at line " + (cm.getLine() + 1) + ", column " + (cm.getColumn() + 1) : "") + ")";
            throw new InvalidInputException(java.util.List.of(Diagnostic.error(at, "YAML syntax error: " + problem + context)));
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new InvalidInputException(new Location(file, 0, 0), explain(e.getMessage(), limits));
        }
        if (node == null) {
            return new YamlDocument(file, JSON.objectNode(), null);
        }
        java.util.List<Diagnostic> problems = new java.util.ArrayList<>();
        YamlDocument shell = new YamlDocument(file, null, node);
        JsonNode root = shell.new Conversion(limits, problems).convert(node);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new YamlDocument(file, root, node);
    }

    /** The document and line bounds, checked in one pass before SnakeYAML sees the text. */
    private static void checkSize(String file, String text, Limits limits) {
        if (text.length() > limits.maxCharacters()) {
            throw new InvalidInputException(new Location(file, 0, 0), String.format(java.util.Locale.ROOT,
                    "the document holds %,d characters; Polity reads YAML documents of at most %,d (split it with include:)",
                    text.length(), limits.maxCharacters()));
        }
        int line = 1;
        int start = 0;
        for (int i = 0, n = text.length(); i <= n; i++) {
            char c = i == n ? '\n' : text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (i - start > limits.maxLine()) {
                    throw new InvalidInputException(new Location(file, line, 0), String.format(java.util.Locale.ROOT,
                            "this line holds %,d characters; Polity reads lines of at most %,d (break a long text over several lines: "
                                    + "a block scalar, | or >, keeps or folds the breaks)", i - start, limits.maxLine()));
                }
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                start = i + 1;
            }
        }
    }

    /** SnakeYAML's own limits, said the way a user can act on them. */
    private static String explain(String message, Limits limits) {
        String m = String.valueOf(message);
        if (m.startsWith("Nesting Depth exceeded")) {
            return "lists and mappings are nested more than " + limits.maxDepth() + " deep, the most Polity reads";
        }
        if (m.startsWith("Number of aliases for non-scalar nodes")) {
            return "more than " + limits.maxAliases() + " aliases (*name) to lists or mappings, the most Polity reads";
        }
        return "YAML error: " + m;
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

    /** One walk from the composed YAML tree to JSON, within the limits on values and on what aliases expand to. */
    private final class Conversion {
        private final Limits limits;
        private final java.util.List<Diagnostic> problems;
        /** Anchored nodes converted at least once, and those being converted now (identity: aliases share the node). */
        private final java.util.Set<Node> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        private final java.util.Set<Node> open = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        private int insideAlias;
        private long aliased;

        Conversion(Limits limits, java.util.List<Diagnostic> problems) {
            this.limits = limits;
            this.problems = problems;
        }

        JsonNode convert(Node n) {
            boolean anchored = n.getAnchor() != null;
            if (anchored && open.contains(n)) {
                problems.add(Diagnostic.error(loc(n), "the value anchored here as &" + n.getAnchor() + " contains itself through an alias"));
                return JSON.nullNode();
            }
            boolean repeat = anchored && !seen.add(n);
            if (repeat) {
                insideAlias++;
            }
            if (anchored) {
                open.add(n);
            }
            try {
                if (insideAlias > 0 && ++aliased > limits.maxAliasedValues()) {
                    throw new InvalidInputException(loc(n), String.format(java.util.Locale.ROOT,
                            "aliases expand to more than %,d values%s, the most Polity reads", limits.maxAliasedValues(),
                            n.getAnchor() == null ? "" : " (the value anchored here as &" + n.getAnchor() + " is one of those repeated)"));
                }
                return value(n);
            } finally {
                if (anchored) {
                    open.remove(n);
                }
                if (repeat) {
                    insideAlias--;
                }
            }
        }

        private JsonNode value(Node n) {
            if (n instanceof MappingNode map) {
                ObjectNode obj = JSON.objectNode();
                for (NodeTuple t : map.getValue()) {
                    Node keyNode = t.getKeyNode();
                    if (!(keyNode instanceof ScalarNode key)) {
                        problems.add(Diagnostic.error(loc(keyNode), "expected a plain key, found a " + kindOf(keyNode)));
                        continue;
                    }
                    String name = text(key);
                    if (obj.has(name)) {
                        problems.add(Diagnostic.error(loc(keyNode), "duplicate key '" + name + "'"));
                        continue;
                    }
                    obj.set(name, convert(t.getValueNode()));
                }
                return obj;
            }
            if (n instanceof SequenceNode seq) {
                ArrayNode arr = JSON.arrayNode();
                for (Node item : seq.getValue()) {
                    arr.add(convert(item));
                }
                return arr;
            }
            ScalarNode s = (ScalarNode) n;
            Tag tag = s.getTag();
            String v = text(s);
            try {
                if (Tag.NULL.equals(tag)) {
                    return JSON.nullNode();
                }
                if (Tag.BOOL.equals(tag)) {
                    return JSON.booleanNode(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on"));
                }
                if (Tag.INT.equals(tag) && v.length() <= 100) { // parsing a longer number costs its length squared; it stays text
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

        /** A scalar's text, or an error (and an empty text) when it is longer than one value may be. */
        private String text(ScalarNode s) {
            String v = s.getValue();
            if (v.length() > limits.maxValue()) {
                problems.add(Diagnostic.error(loc(s), String.format(java.util.Locale.ROOT,
                        "this value holds %,d characters; Polity reads values of at most %,d", v.length(), limits.maxValue())));
                return "";
            }
            return v;
        }
    }

    private static String kindOf(Node n) {
        return n instanceof MappingNode ? "mapping" : n instanceof SequenceNode ? "list" : "scalar";
    }
}
