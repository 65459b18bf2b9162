package dev.polity.judge;

/**
 * A chat model used as a judge: one system message and one user message in, the model's reply out.
 * The runner wires any chat model (an OpenAI-compatible endpoint, Ollama) behind it; a failure throws,
 * and {@link LlmJudge} turns it into an uncertain verdict.
 */
@FunctionalInterface
public interface JudgeChat {
    String complete(String system, String user);
}
