package dev.polity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.choice.BallotCsvReader;
import dev.polity.choice.GroupAnalysis;
import dev.polity.choice.PairwiseReader;
import dev.polity.choice.PrefLibReader;
import dev.polity.choice.RatingsReader;
import dev.polity.deliberation.PolisExport;
import dev.polity.deliberation.Promotion;
import dev.polity.eval.SuiteLoader;
import dev.polity.guard.CheckRequest;
import dev.polity.guard.GuardConfig;
import dev.polity.input.Diagnostic;
import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;
import dev.polity.judge.learn.JudgeModel;
import dev.polity.judge.train.DerogationTrainer;
import dev.polity.judge.train.TrainingData;
import dev.polity.model.ModelSpec;
import dev.polity.model.CallPolicy;
import dev.polity.norms.ConstitutionLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Assertions;

/**
 * Issue 10: whatever bytes a reader is given, random or a valid file mutated, it gives a result or an
 * {@link InvalidInputException} whose every line names the place (the file, or the option or field) and says
 * what is wrong on one line; never another exception. The timeout only guards against a hang.
 */
class AnyInputPropertiesTest {
    /** Generous: a hang guard, not a measure; the slowest reading here takes milliseconds. */
    private static final Duration HANG = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dir;
    private static int files;

    @BeforeContainer
    static void folder() throws IOException {
        Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(Path.of("target"), "any-input");
    }

    @AfterContainer
    static void clean() throws IOException {
        try (var all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A reader under test: what it reads, a valid example to mutate, and where its errors may point. */
    enum Reader {
        CONSTITUTION("yaml", """
                name: Example
                groupings: {NORDIC: {members: [SE, FI]}}
                norms:
                  - id: a.one
                    statement: Say you are an AI.
                    kind: must
                    tier: operator
                    topic: ai-disclosure
                    scope: {jurisdictions: [EU], domains: [health]}
                    effective: {from: 2026-08-02}
                  - {id: b.two, statement: Be brief., kind: should, tier: law, topic: style, overrides: [a.one]}
                """) {
            @Override
            void read(Path file) {
                ConstitutionLoader.load(file);
            }
        },
        SUITE("yaml", """
                name: s
                constitution: c.yaml
                date: 2026-09-01
                contexts:
                  uk: {jurisdiction: GB}
                  de: {jurisdiction: DE, domain: health}
                cases:
                  - {id: hi, prompt: "Hi?", expect: answer, tags: [x]}
                probes: [context, {sycophancy: {}}]
                models: ["replay:a.csv", "openai:m@http://localhost:1/v1"]
                gates: {min_compliance: 0.5}
                """) {
            @Override
            void read(Path file) throws IOException {
                Files.writeString(file.resolveSibling("c.yaml"), "norms: []\n");
                SuiteLoader.constitution(SuiteLoader.load(file, LocalDate.of(2026, 9, 1)));
            }
        },
        PREFLIB("toi", "# NUMBER ALTERNATIVES: 3\n# ALTERNATIVE NAME 1: a\n# NUMBER VOTERS: 6\n4: 3,{1,2}\n2: 2\n") {
            @Override
            void read(Path file) {
                PrefLibReader.read(file);
            }
        },
        BALLOTS("csv", "ranking,count,country\na > b = c,3,DE\nc > a,2,FR\n") {
            @Override
            void read(Path file) {
                BallotCsvReader.read(file);
            }
        },
        PAIRWISE("csv", "winner,loser,rater,weight,tie,country\na,b,r1,1,0,DE\nb,c,r2,2,false,FR\nc,a,r1,1,yes,DE\n") {
            @Override
            void read(Path file) {
                PairwiseReader.read(file);
            }
        },
        RATINGS("csv", "rater,item,rating,region\np1,a,3,north\np2,a,1,south\np1,b,4.5,north\n") {
            @Override
            void read(Path file) {
                RatingsReader.read(file, RatingsReader.Columns.AUTO);
            }
        },
        WEIGHTS("csv", "group,weight\nDE,3\nFR,1.5\n") {
            @Override
            void read(Path file) {
                GroupAnalysis.readWeights(file, "--weights");
            }
        },
        JUDGE_CSV("csv", "id,text,label,region\n1,\"Nice, thanks.\",0.1,north\n2,Rude.,0.9,south\n1,\"Nice, thanks.\",0.3,south\n") {
            @Override
            void read(Path file) {
                DerogationTrainer.rated(TrainingData.read(List.of(file), new TrainingData.Columns("text", null, "label", "id", List.of("region"))));
            }
        },
        VOTES_CSV("csv", "participant,statement,vote\np0,s0,1\np0,s1,-1\np1,s0,0\n") {
            @Override
            void read(Path file) {
                PolisExport.read(file, Set.of());
            }
        },
        POLIS_COMMENTS("csv", "timestamp,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,0,0,0,0,1,First.\n2,1,1,0,0,0,Second.\n") {
            @Override
            void read(Path file) throws IOException {
                Path export = Files.createDirectories(file.resolveSibling(file.getFileName() + ".export"));
                Files.copy(file, export.resolve("comments.csv"));
                Files.writeString(export.resolve("votes.csv"), "timestamp,datetime,comment-id,voter-id,vote\n1,,0,0,1\n2,,1,1,-1\n");
                PolisExport.read(export, Set.of());
            }
        },
        REPLAY_CSV("csv", "prompt,answer,model\nHi?,Hello.,m\n\"A, b?\",\"C\nd.\",m\n") {
            @Override
            void read(Path file) {
                ModelSpec.parse("replay:" + file).open(CallPolicy.DEFAULT);
            }
        },
        JSONL("jsonl", "{\"prompt\": \"Hi?\", \"answer\": \"Hello.\"}\n{\"prompt\": \"Caf\u00e9?\", \"answer\": \"Oui.\", \"id\": 3}\n") {
            @Override
            void read(Path file) {
                ModelSpec.parse("replay:" + file).open(CallPolicy.DEFAULT);
            }
        },
        CHECK_REQUEST("json", "{\"jurisdiction\": \"DE\", \"date\": \"2026-09-01\", \"prompt\": \"Hi?\", \"answer\": \"Hello.\"}") {
            @Override
            void read(Path file) throws IOException {
                try {
                    CheckRequest.parse(JSON.readTree(Files.readString(file, StandardCharsets.ISO_8859_1)));
                } catch (JsonProcessingException notJson) {
                    // the command and the server say 'not JSON' before CheckRequest sees anything
                }
            }

            @Override
            boolean placed(Location at, Path file) {
                return true; // a request's errors name its field, or none when the whole request is wrong
            }
        },
        MODEL_SPEC("txt", "openai:gpt-4o-mini@https://api.example.org/v1?timeout=30s&attempts=3&key-env=KEY") {
            @Override
            void read(Path file) throws IOException {
                ModelSpec.parse(Files.readString(file, StandardCharsets.ISO_8859_1));
            }

            @Override
            boolean placed(Location at, Path file) {
                return at.file().equals("--model");
            }
        },
        GATEWAY_CONFIG("yaml", """
                enforcement:
                  actions: {law: block, operator: review}
                  norms: [{match: "topic:ai-disclosure.*", action: disclose}]
                  fail_closed: {tiers: [law], action: block}
                  min_confidence: 0.7
                judge: {detectors: [], model: "openai:m@http://localhost:1/v1"}
                limits: {requests_per_minute: 60, burst: 5}
                """) {
            @Override
            void read(Path file) {
                GuardConfig.load(file);
            }
        },
        PROMOTION_MAPPING("yaml", "\"0\": {kind: must, topic: t, jurisdictions: [\"*\"], values: [honesty]}\n\"*\": {topic: u, domains: \"a, b\"}\n") {
            @Override
            void read(Path file) {
                Promotion.mappings(file);
            }
        },
        JUDGE_MODEL("json", "{\"format\": \"polity-judge-model\", \"version\": 1, \"detector\": \"derogation\", \"kind\": \"ridge\","
                + " \"embedder\": \"e\", \"features\": \"derogation-v1\", \"outputs\": [\"score\"], \"mean\": [0.5, 1],"
                + " \"scale\": [1, 2], \"weights\": [[0.1, -0.2]], \"bias\": [0.3], \"provenance\": null}\n") {
            @Override
            void read(Path file) {
                JudgeModel.read(file);
            }
        };

        final String extension;
        final byte[] valid;

        Reader(String extension, String valid) {
            this.extension = extension;
            this.valid = valid.getBytes(StandardCharsets.UTF_8);
        }

        abstract void read(Path file) throws IOException;

        /** Where an error may point: the file read, or a file beside it (an include, a suite's constitution, a Polis export's). */
        boolean placed(Location at, Path file) {
            return at.file().startsWith(file.getParent().toString());
        }
    }

    /** Bytes that matter to YAML, CSV and JSON readers, with pieces of UTF-8 (and of broken UTF-8) among them. */
    private static final byte[] ALPHABET = "\n\r\t ,;:\"'#-[]{}&*!|>?%@=/\\0123456789.eE+aAbz_".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HIGH = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 0xC3, (byte) 0xA9, (byte) 0xE9, (byte) 0xF0,
        (byte) 0x9F, (byte) 0x80, (byte) 0xFF, 0};

    private static Arbitrary<Byte> someByte() {
        List<Byte> interesting = new ArrayList<>();
        for (byte b : ALPHABET) {
            interesting.add(b);
        }
        for (byte b : HIGH) {
            interesting.add(b);
        }
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(interesting)), Tuple.of(1, Arbitraries.bytes()));
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return someByte().list().ofMaxSize(300).map(AnyInputPropertiesTest::bytes);
    }

    /** One edit of a file: at a position (a fraction of its length), delete, insert, replace, repeat or cut. */
    record Edit(int kind, double at, int length, List<Byte> inserted) {
        byte[] apply(byte[] in) {
            int pos = (int) (at * in.length);
            int len = Math.min(length, in.length - pos);
            List<Byte> out = new ArrayList<>();
            for (byte b : in) {
                out.add(b);
            }
            switch (kind) {
                case 0 -> out.subList(pos, pos + len).clear();
                case 1 -> out.addAll(pos, inserted);
                case 2 -> {
                    for (int i = 0; i < Math.min(len, inserted.size()); i++) {
                        out.set(pos + i, inserted.get(i));
                    }
                }
                case 3 -> out.addAll(pos, new ArrayList<>(out.subList(pos, pos + len)));
                default -> out.subList(pos, out.size()).clear();
            }
            return bytes(out);
        }
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.doubles().between(0, 0.999).ofScale(3),
                Arbitraries.integers().between(1, 40), someByte().list().ofMinSize(1).ofMaxSize(8)).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 400)
    void randomBytesGiveAResultOrOneLinePerProblem(@ForAll Reader reader, @ForAll("randomBytes") byte[] bytes) throws IOException {
        check(reader, bytes);
    }

    @Property(tries = 800)
    void aMutatedValidFileGivesAResultOrOneLinePerProblem(@ForAll Reader reader, @ForAll("edits") List<Edit> edits) throws IOException {
        byte[] bytes = reader.valid;
        for (Edit e : edits) {
            bytes = e.apply(bytes);
        }
        check(reader, bytes);
    }

    /** The examples the mutations start from are valid, so that mutating them explores near good files. */
    @Example
    void theValidExamplesAreRead() {
        for (Reader reader : Reader.values()) {
            Path file = write(reader, reader.valid);
            Assertions.assertTimeoutPreemptively(HANG, () -> reader.read(file), reader::name);
        }
    }

    private static void check(Reader reader, byte[] bytes) throws IOException {
        Path file = write(reader, bytes);
        try {
            Assertions.assertTimeoutPreemptively(HANG, () -> reader.read(file));
        } catch (InvalidInputException e) {
            assertThat(e.errors()).isNotEmpty();
            for (Diagnostic d : e.errors()) {
                assertThat(d.message()).as(reader + ": one line saying what is wrong").isNotBlank().doesNotContain("\n", "\r");
                assertThat(d.location()).as(reader + ": the place of " + d).matches(placed(reader, file));
                assertThat(d.message()).as(reader + ": no Java in a user's message").doesNotContain("Exception", "java.", "Source: ");
            }
        }
    }

    private static Predicate<Location> placed(Reader reader, Path file) {
        return at -> at != null && reader.placed(at, file);
    }

    private static Path write(Reader reader, byte[] bytes) {
        try {
            Path folder = Files.createDirectories(dir.resolve(reader.name().toLowerCase(java.util.Locale.ROOT) + "-" + (files++)));
            return Files.write(folder.resolve("input." + reader.extension), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(List<Byte> list) {
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
