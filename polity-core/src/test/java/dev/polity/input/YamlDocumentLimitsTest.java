package dev.polity.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10, defect 4: what a YAML document may hold is bounded, and each bound is one clear error naming
 * the place. Small limits stand in for the default ones, so no test needs a 50 MB string; one test runs the
 * defaults on the string that used to hang (the timeout only guards against a hang, it measures nothing).
 */
class YamlDocumentLimitsTest {
    private static final YamlDocument.Limits SMALL = new YamlDocument.Limits(10_000, 100, 150, 5, 3, 50);

    private static String error(String yaml, YamlDocument.Limits limits) {
        try {
            YamlDocument.parse("doc.yaml", yaml, limits);
        } catch (InvalidInputException e) {
            assertThat(e.oneLine()).doesNotContain("\n");
            return e.oneLine();
        }
        throw new AssertionError("accepted: " + yaml.substring(0, Math.min(80, yaml.length())));
    }

    @Test
    void defect4ALongLineIsRefusedBeforeScanning() {
        String yaml = "name: x\nnorms:\n  - statement: \"" + "x".repeat(101) + "\"\n";
        assertThat(error(yaml, SMALL)).isEqualTo("doc.yaml:3: this line holds 118 characters; Polity reads lines of at most 100 "
                + "(break a long text over several lines: a block scalar, | or >, keeps or folds the breaks)");
        assertThat(error("a: 1\r\n" + "#".repeat(101) + "\r\n", SMALL)).startsWith("doc.yaml:2: this line holds 101 characters");
    }

    @Test
    void defect4AValueOverManyLinesIsBoundedToo() {
        String yaml = "statement: |\n" + ("  " + "word ".repeat(12) + "\n").repeat(3);
        assertThat(error(yaml, SMALL)).isEqualTo("doc.yaml:1:12: this value holds 183 characters; Polity reads values of at most 150");
    }

    @Test
    void defect4TheWholeDocumentIsBounded() {
        String yaml = ("- " + "x".repeat(50) + "\n").repeat(200);
        assertThat(error(yaml, SMALL)).isEqualTo("doc.yaml: the document holds 10,600 characters; Polity reads YAML documents of at most 10,000 "
                + "(split it with include:)");
    }

    @Test
    void defect4NestingAndAliasesAreBounded() {
        assertThat(error("a: [[[[[[1]]]]]]\n", SMALL)).isEqualTo("doc.yaml: lists and mappings are nested more than 5 deep, the most Polity reads");
        assertThat(error("a: &a [x]\nb: [*a, *a, *a, *a]\n", SMALL))
                .isEqualTo("doc.yaml: more than 3 aliases (*name) to lists or mappings, the most Polity reads");
    }

    @Test
    void defect4AliasesCannotExpandIntoBillionsOfValues() {
        // Each level doubles the one below: 2^40 values from 80 aliases. Default limits, so SnakeYAML's alias count lets it through.
        StringBuilder yaml = new StringBuilder("l0: &l0 [x, y]\n");
        for (int i = 1; i <= 40; i++) {
            yaml.append('l').append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l").append(i - 1).append("]\n");
        }
        String e = error(yaml.toString(), new YamlDocument.Limits(1 << 20, 1 << 10, 1 << 10, 64, 100, 1_000_000));
        assertThat(e).matches("doc\\.yaml:\\d+:\\d+: aliases expand to more than 1,000,000 values \\(the value anchored here as &l\\d+ "
                + "is one of those repeated\\), the most Polity reads");
    }

    @Test
    void aValueThatContainsItselfIsAnErrorNotAStackOverflow() {
        assertThat(error("a: &x [1, *x]\n", YamlDocument.Limits.DEFAULT))
                .isEqualTo("doc.yaml:1:4: the value anchored here as &x contains itself through an alias");
    }

    @Test
    void aliasesWithinTheLimitsExpandAsBefore() {
        YamlDocument d = YamlDocument.parse("doc.yaml", "s: &s {jurisdictions: [DE]}\nn1: *s\nn2: *s\n", SMALL);
        assertThat(d.root().at("/n2/jurisdictions/0").asText()).isEqualTo("DE");
    }

    @Test
    void aHundredDigitNumberIsANumberALongerOneStaysText() {
        YamlDocument d = YamlDocument.parse("doc.yaml", "a: " + "9".repeat(100) + "\nb: " + "9".repeat(101) + "\n");
        assertThat(d.root().get("a").isBigInteger()).isTrue();
        assertThat(d.root().get("b").isTextual()).isTrue();
    }

    @Test
    @Timeout(value = 60) // a hang guard: scanning this took 19 s and 1 GB before the line bound
    void defect4AnEightMegabyteStringIsRefusedAtOnceWithTheDefaults() {
        String yaml = "norms:\n  - statement: \"" + "x".repeat(8 << 20) + "\"\n";
        assertThat(error(yaml, YamlDocument.Limits.DEFAULT)).isEqualTo("doc.yaml:2: this line holds 8,388,625 characters; "
                + "Polity reads lines of at most 262,144 (break a long text over several lines: a block scalar, | or >, keeps or folds the breaks)");
    }
}
