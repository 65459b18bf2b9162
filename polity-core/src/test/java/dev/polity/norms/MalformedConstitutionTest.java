package dev.polity.norms;

import dev.polity.input.InvalidInputException;
import dev.polity.input.Diagnostic;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed constitution is refused with an error that names the file, the line and the problem. */
class MalformedConstitutionTest {

    @TempDir
    Path dir;

    private static final String HEAD = "norms:\n";
    private static final String GOOD = """
              - id: a.one
                statement: One.
                kind: must
                tier: law
                topic: t
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("syntax error", HEAD + "  - id: a\n    statement: x: y\n", 3, "YAML syntax error: mapping values are not allowed here"),
                Arguments.of("unclosed list", HEAD + "  - id: a\n    values: [one\n", 4, "flow sequence that starts at line 3"),
                Arguments.of("tab indentation", HEAD + "  - id: a.one\n\tkind: must\n", 3, "YAML syntax error"),
                Arguments.of("unknown top-level field", "nroms: []\n", 1, "unknown field 'nroms'"),
                Arguments.of("unknown norm field", HEAD + GOOD + "    colour: red\n", 7, "unknown field 'colour'"),
                Arguments.of("bad kind enum", HEAD + GOOD.replace("kind: must", "kind: mustnt"), 4, "'mustnt' is not allowed; expected one of must, must_not"),
                Arguments.of("missing statement", HEAD + "  - id: a.one\n    kind: must\n    tier: law\n    topic: t\n", 2, "missing required field 'statement'"),
                Arguments.of("values not a list", HEAD + GOOD + "    values: fairness\n", 7, "expected a list, found the text 'fairness'"),
                Arguments.of("norms not a list", "norms:\n  id: a\n", 2, "expected a list, found a mapping"),
                Arguments.of("unknown country", HEAD + GOOD + "    scope:\n      jurisdictions: [XQ]\n", 8, "XQ"),
                Arguments.of("unknown subdivision", HEAD + GOOD + "    scope:\n      jurisdictions: [DE-ZZ]\n", 8, "not a subdivision of DE in ISO 3166-2:DE"),
                Arguments.of("malformed jurisdiction code", HEAD + GOOD + "    scope:\n      jurisdictions: [de]\n", 8, "is not a jurisdiction code"),
                Arguments.of("duplicate id", HEAD + GOOD + GOOD, 7, "duplicate norm id 'a.one' (first defined at"),
                Arguments.of("duplicate key", HEAD + GOOD + "    kind: may\n", 7, "duplicate key 'kind'"),
                Arguments.of("unknown tier", HEAD + GOOD.replace("tier: law", "tier: bylaw"), 5, "unknown tier 'bylaw'"),
                Arguments.of("dangling override", HEAD + GOOD + "    overrides: [b.two]\n", 2, "overrides 'b.two', which no loaded file defines"),
                Arguments.of("lower tier overrides higher", HEAD + GOOD + GOOD.replace("a.one", "b.two").replace("tier: law", "tier: user")
                        + "    overrides: [a.one]\n", 7, "a lower tier never overrides a higher one"),
                Arguments.of("bad date", HEAD + GOOD + "    effective:\n      from: 2026-02-30\n", 8, "not a calendar date"),
                Arguments.of("date not a date", HEAD + GOOD + "    effective:\n      from: soon\n", 8, "YYYY-MM-DD"),
                Arguments.of("until before from", HEAD + GOOD + "    effective:\n      from: 2026-01-01\n      until: 2025-01-01\n", 9, "must be after effective.from"),
                Arguments.of("bad id", HEAD + GOOD.replace("id: a.one", "id: A One"), 2, "dotted lower-case id"),
                Arguments.of("undeclared domain", "domains: [healthcare]\n" + HEAD + GOOD + "    scope:\n      domains: [helthcare]\n", 9, "unknown domain 'helthcare'"),
                Arguments.of("unknown grouping member", "groupings:\n  NORDIC:\n    members: [SE, XX]\n" + HEAD + GOOD, 2, "grouping NORDIC"),
                Arguments.of("scalar document", "just text\n", 1, "expected a mapping"),
                Arguments.of("residual authority for unknown tier", "residual_authority:\n  parliament: x\n" + HEAD + GOOD, 2, "unknown tier 'parliament'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithLineAndProblem(String name, String yaml, int line, String problem) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, yaml);
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> ConstitutionLoader.load(file));
        assertThat(e.errors()).as(name).anySatisfy(d -> {
            assertThat(d.toString()).contains(problem);
            assertThat(d.location().line()).isEqualTo(line);
            assertThat(d.location().file()).endsWith("bad.yaml");
            assertThat(d.location().column()).isPositive();
            assertThat(d.toString()).doesNotContain("\n");
        });
    }

    /** Issue 10, defect 11: an empty constitution (0 bytes) linted with exit 0 and "0 norms". */
    @ParameterizedTest(name = "[{index}]")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "# only a comment\n", "{}\n", "\n\n"})
    void defect11AnEmptyConstitutionIsAnError(String text) throws IOException {
        Path file = dir.resolve("empty.yaml");
        Files.writeString(file, text);
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class, () -> ConstitutionLoader.load(file));
        assertThat(e.oneLine()).endsWith("empty.yaml: the file is empty; expected a mapping with `norms:` (and optionally name, include, tiers, groupings)");
        Files.writeString(dir.resolve("root.yaml"), "include: [empty.yaml]\nnorms: []\n");
        e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class, () -> ConstitutionLoader.load(dir.resolve("root.yaml")));
        assertThat(e.oneLine()).endsWith("root.yaml:1:11: included file " + dir.resolve("empty.yaml").toString().replace(
                java.nio.file.Path.of("").toAbsolutePath() + "/", "") + ": the file is empty; expected a mapping with `norms:` (and optionally name, include, tiers, groupings)");
    }

    @org.junit.jupiter.api.Test
    void includeCycleNamesTheChainAndTheLine() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "include: [b.yaml]\nnorms: []\n");
        Files.writeString(dir.resolve("b.yaml"), "norms: []\ninclude:\n  - c.yaml\n");
        Files.writeString(dir.resolve("c.yaml"), "include: [a.yaml]\n");
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> ConstitutionLoader.load(dir.resolve("a.yaml")));
        assertThat(e.errors()).hasSize(1);
        Diagnostic d = e.errors().get(0);
        assertThat(d.location().file()).endsWith("c.yaml");
        assertThat(d.location().line()).isEqualTo(1);
        assertThat(d.message()).contains("include cycle").contains("a.yaml -> ").contains("b.yaml -> ").contains("c.yaml -> ");
    }

    @org.junit.jupiter.api.Test
    void missingIncludeIsReportedAtTheIncludeLine() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "norms: []\ninclude:\n  - nowhere.yaml\n");
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> ConstitutionLoader.load(dir.resolve("a.yaml")));
        assertThat(e.errors().get(0).location().line()).isEqualTo(3);
        assertThat(e.errors().get(0).message()).contains("nowhere.yaml does not exist");
    }

    @org.junit.jupiter.api.Test
    void anIncludedFileThatIsNotUtf8IsNamedWithItsLine() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "include: [b.yaml]\nnorms: []\n");
        Files.write(dir.resolve("b.yaml"), "norms: []\n# Stra\u00dfe\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> ConstitutionLoader.load(dir.resolve("a.yaml")));
        assertThat(e.oneLine()).endsWith("b.yaml:2: expected UTF-8 text, found the byte 0xDF (save the file as UTF-8)");
    }

    /** Issue 10, defect 3: a cycle of three overrides was not detected, and lint called the norms unreachable. */
    @ParameterizedTest(name = "cycle of {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3, 5})
    void defect3OverridesCycleOfAnyLengthIsNamed(int length) throws IOException {
        StringBuilder yaml = new StringBuilder(HEAD);
        for (int i = 0; i < length; i++) {
            yaml.append(GOOD.replace("a.one", "n.n" + i)).append("    overrides: [n.n").append((i + 1) % length).append("]\n");
        }
        yaml.append(GOOD.replace("a.one", "n.outside")).append("    overrides: [n.n0]\n");
        Path file = dir.resolve("cycle.yaml");
        Files.writeString(file, yaml.toString());
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> ConstitutionLoader.load(file));
        String path = String.join(" -> ", java.util.stream.IntStream.rangeClosed(0, length).mapToObj(i -> "n.n" + i % length).toList());
        assertThat(e.errors()).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("overrides cycle: " + path + " (each would set the next aside, so none would apply)");
            assertThat(d.location().line()).isEqualTo(2);
        });
    }

    @org.junit.jupiter.api.Test
    void groupingCycleIsReportedOnce() throws IOException {
        Path file = dir.resolve("g.yaml");
        Files.writeString(file, "groupings:\n  NORTH:\n    members: [SE, SOUTH]\n  SOUTH:\n    members: [IT, WEST]\n"
                + "  WEST:\n    members: [PT, NORTH]\n" + HEAD + GOOD);
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> ConstitutionLoader.load(file));
        assertThat(e.errors()).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("grouping cycle: NORTH -> SOUTH -> WEST -> NORTH");
            assertThat(d.location().line()).isEqualTo(2);
        });
    }

    @org.junit.jupiter.api.Test
    void allErrorsAreReportedAtOnce() throws IOException {
        Path file = dir.resolve("many.yaml");
        Files.writeString(file, HEAD + GOOD.replace("kind: must", "kind: maybe") + GOOD.replace("a.one", "a.two").replace("tier: law", "tier: king")
                + "    scope:\n      jurisdictions: [QQ]\n");
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> ConstitutionLoader.load(file));
        List<Integer> lines = e.errors().stream().map(d -> d.location().line()).toList();
        assertThat(lines).contains(4, 10, 13);
        assertThat(lines).isSorted();
    }
}
