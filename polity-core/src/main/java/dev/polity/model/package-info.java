/**
 * Models under test: a {@link dev.polity.model.ModelSpec} names one (an OpenAI-compatible or Ollama server
 * through LangChain4j, or a replay of recorded answers), and an {@link dev.polity.model.AnswerSource} answers
 * {@link dev.polity.model.AnswerRequest}s with retries, timeouts and a shared concurrency limit. Knows
 * nothing of norms; uses only {@code input}. A new kind of model is one {@code AnswerSource} and one case in
 * {@code ModelSpec}.
 */
package dev.polity.model;
