package dev.polity.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polity.input.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelSpecTest {
    @Test
    void parsesOpenAiWithUrlKeyEnvAndPolicy() {
        ModelSpec s = ModelSpec.parse("openai:Qwen/Qwen2.5-7B@http://10.0.0.5:8000/v1/?key-env=VLLM_KEY&timeout=90s&attempts=3&concurrency=16");
        assertThat(s).isEqualTo(new ModelSpec.OpenAi("Qwen/Qwen2.5-7B", "http://10.0.0.5:8000/v1", "VLLM_KEY", Duration.ofSeconds(90), 3, 16));
        assertThat(s.canonical()).isEqualTo("openai:Qwen/Qwen2.5-7B@http://10.0.0.5:8000/v1?key-env=VLLM_KEY");
        CallPolicy p = s.policy(CallPolicy.DEFAULT);
        assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(p.maxAttempts()).isEqualTo(3);
        assertThat(p.concurrency()).isEqualTo(16);
        assertThat(p.initialBackoff()).isEqualTo(CallPolicy.DEFAULT.initialBackoff());
    }

    @Test
    void defaultsToTheHostedUrlsAndThePolityKeyVariable() {
        assertThat(ModelSpec.parse("openai:gpt-4o-mini")).isEqualTo(
                new ModelSpec.OpenAi("gpt-4o-mini", "https://api.openai.com/v1", "POLITY_API_KEY", null, null, null));
        assertThat(ModelSpec.parse("ollama:llama3.1:8b")).isEqualTo(
                new ModelSpec.Ollama("llama3.1:8b", "http://localhost:11434", null, null, null));
        assertThat(ModelSpec.parse("ollama:llama3.1:8b@http://gpu:11434").canonical()).isEqualTo("ollama:llama3.1:8b@http://gpu:11434");
        assertThat(((ModelSpec.OpenAi) ModelSpec.parse("openai:m@http://h/v1")).withKeyEnv("MY_KEY").canonical())
                .isEqualTo("openai:m@http://h/v1?key-env=MY_KEY");
    }

    @Test
    void parsesReplayWithDefaultsAndEscapes() {
        ModelSpec s = ModelSpec.parse("replay:out/answers.csv?answer=model%20answer&model=who&only=gpt4&id=id");
        assertThat(s).isEqualTo(new ModelSpec.Replay(Path.of("out/answers.csv"),
                new ReplayMapping("prompt", "model answer", "who", "id", "gpt4", null)));
        assertThat(s.canonical()).isEqualTo("replay:out/answers.csv?prompt=prompt&answer=model answer&model=who&id=id&only=gpt4");
    }

    @Test
    void theKeyComesFromTheNamedVariableAndIsSentButNeverNamed() {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            ModelSpec spec = ModelSpec.parse("openai:fake@" + server.baseUrl() + "?key-env=TEST_KEY");
            AnswerSource source = spec.open(Map.of("TEST_KEY", "sk-abc")::get, CallPolicy.DEFAULT, new ConcurrencyLimit(1));
            assertThat(source.answer(AnswerRequest.of("hi")).text()).isEqualTo("You asked: hi");
            assertThat(server.authorizations()).containsExactly("Bearer sk-abc");
            assertThat(source.name()).doesNotContain("sk-abc").isEqualTo("openai:fake@" + server.baseUrl());
        }
    }

    /** Issue 10, defect 1: an address without its scheme was read as part of the model name and sent to api.openai.com. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "openai:llama@127.0.0.1:8000/v1|127.0.0.1:8000/v1",
            "openai:llama@localhost:8000/v1|localhost:8000/v1",
            "openai:llama@gpu01/v1|gpu01/v1",
            "ollama:llama3.1:8b@gpu:11434|gpu:11434",
    })
    void defect1SchemelessUrlIsAnErrorNeverTheHostedDefault(String spec, String address) {
        assertThatThrownBy(() -> ModelSpec.parse(spec)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.oneLine()).isEqualTo("--model: expected an http(s) base URL after '@', found '" + address
                        + "'; did you mean http://" + address + "?"));
    }

    @Test
    void theModelNameMayHoldAnAtSignWhenAnUrlFollows() {
        assertThat(ModelSpec.parse("openai:@cf/meta/llama-3@https://gateway.example/v1")).isEqualTo(
                new ModelSpec.OpenAi("@cf/meta/llama-3", "https://gateway.example/v1", "POLITY_API_KEY", null, null, null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gpt-4o|unknown model kind '' in 'gpt-4o'; expected openai:, ollama: or replay:",
            "hf:foo|unknown model kind 'hf' in 'hf:foo'; expected openai:, ollama: or replay:",
            "openai:|expected a model name after 'openai:', e.g. openai:llama3@http://localhost:8000/v1",
            "openai:m@http://|expected an http(s) base URL with a host after '@', found 'http://'",
            "openai:m@ftp://h/v1|expected an http(s) base URL after '@', found 'ftp://h/v1'",
            "openai:m@|expected an http(s) base URL after '@', found ''",
            "openai:@http://h/v1|expected a model name after 'openai:', e.g. openai:llama3@http://localhost:8000/v1",
            "openai:m?key=sk-123|unknown option 'key'; expected one of attempts, concurrency, key-env, timeout",
            "openai:m?key-env=1BAD|key-env must name an environment variable, found '1BAD'",
            "openai:m?timeout=soon|expected a duration such as 500ms, 30s or 2m, found 'soon'",
            "openai:m?timeout=0s|timeout must be positive, found '0s'",
            "ollama:m?attempts=0|attempts must be a whole number of at least 1, found '0'",
            "ollama:m?concurrency|expected NAME=VALUE in the options, found 'concurrency'",
            "replay:|expected a file after 'replay:', e.g. replay:answers.csv?prompt=prompt&answer=completion",
            "replay:a.csv?only=x|only=x needs model=COLUMN to filter on",
            "replay:a.csv?prompt=a&prompt=b|option 'prompt' given twice",
            "openai:m@http://h/v1?timeout=3%|expected %XX (two hex digits) after each '%' in the options, found '3%'",
    })
    void badSpecsGiveOneLineErrors(String spec, String message) {
        assertThatThrownBy(() -> ModelSpec.parse(spec)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.oneLine()).isEqualTo("--model: " + message));
    }
}
