package dev.polity.model;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Answers from any LangChain4j {@link ChatModel}, with the resilience a long evaluation run needs: a bounded
 * number of requests in flight, retries with jittered exponential backoff on rate limits, server errors,
 * timeouts and dropped connections, and one-line errors for everything else.
 */
public final class ChatModelSource implements AnswerSource {
    private final String name;
    private final ChatModel model;
    private final CallPolicy policy;
    private final ConcurrencyLimit limit;
    private final Function<AnswerRequest, ChatRequestParameters> parameters;
    private final Liveness liveness;

    /**
     * @param name       the spec this source was made from (never a key)
     * @param parameters turns a request's settings into the provider's parameters (seed is provider-specific)
     */
    public ChatModelSource(String name, ChatModel model, CallPolicy policy, ConcurrencyLimit limit,
                           Function<AnswerRequest, ChatRequestParameters> parameters) {
        this.name = Objects.requireNonNull(name, "name");
        this.model = Objects.requireNonNull(model, "model");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.limit = Objects.requireNonNull(limit, "limit");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.liveness = new Liveness(name, policy.timeout());
    }

    /** Any ChatModel; the seed is not passed on, since the portable parameters have none. */
    public static ChatModelSource of(String name, ChatModel model, CallPolicy policy) {
        return new ChatModelSource(name, model, policy, new ConcurrencyLimit(policy.concurrency()),
                r -> ChatRequestParameters.builder().temperature(r.temperature()).maxOutputTokens(r.maxTokens()).build());
    }

    /**
     * An OpenAI-compatible endpoint (OpenAI, vLLM, llama.cpp server, LM Studio, ...). LangChain4j's own
     * retries are switched off so that this source's policy is the only one.
     */
    public static ChatModelSource openAi(String modelName, String baseUrl, String apiKey, CallPolicy policy, ConcurrencyLimit limit) {
        OpenAiChatModel model = OpenAiChatModel.builder()
                .httpClientBuilder(new StatusAwareHttpClient.Builder())
                .baseUrl(baseUrl)
                .apiKey(apiKey == null || apiKey.isEmpty() ? "none" : apiKey)
                .modelName(modelName)
                .timeout(policy.timeout())
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
        return new ChatModelSource("openai:" + modelName + "@" + baseUrl, model, policy, limit,
                r -> OpenAiChatRequestParameters.builder().temperature(r.temperature()).maxOutputTokens(r.maxTokens())
                        .seed(r.seed()).build());
    }

    /** A model served by Ollama at {@code baseUrl} (e.g. http://localhost:11434). */
    public static ChatModelSource ollama(String modelName, String baseUrl, CallPolicy policy, ConcurrencyLimit limit) {
        OllamaChatModel model = OllamaChatModel.builder()
                .httpClientBuilder(new StatusAwareHttpClient.Builder())
                .baseUrl(baseUrl)
                .modelName(modelName)
                .timeout(policy.timeout())
                .maxRetries(0)
                .build();
        return new ChatModelSource("ollama:" + modelName + "@" + baseUrl, model, policy, limit,
                r -> OllamaChatRequestParameters.builder().temperature(r.temperature()).maxOutputTokens(r.maxTokens())
                        .seed(r.seed()).build());
    }

    @Override
    public String name() {
        return name;
    }

    public CallPolicy policy() {
        return policy;
    }

    @Override
    public Answer answer(AnswerRequest request) {
        ChatRequest chat = ChatRequest.builder().messages(messages(request)).parameters(parameters.apply(request)).build();
        Failure last = null;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            if (attempt > 1) {
                sleep(policy.backoff(attempt - 1, ThreadLocalRandom.current().nextDouble(), last.retryAfter()));
            }
            try {
                Answer a = limit.within(() -> {
                    liveness.check(); // after waiting for a slot too: the endpoint may have been judged dead meanwhile
                    return once(chat);
                });
                liveness.answered();
                return a;
            } catch (AnswerUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                last = Failure.of(e, policy.timeout());
                if (last.timedOut()) {
                    liveness.timedOut();
                }
                if (!last.isTransient()) {
                    throw new AnswerUnavailableException(name + ": " + last.reason(), false, e);
                }
            }
        }
        throw new AnswerUnavailableException(name + ": " + last.reason() + " (gave up after " + policy.maxAttempts()
                + (policy.maxAttempts() == 1 ? " attempt)" : " attempts)"), true, last.cause());
    }

    private Answer once(ChatRequest chat) {
        long start = System.nanoTime();
        ChatResponse response = model.chat(chat);
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        AiMessage message = response == null ? null : response.aiMessage();
        if (message == null || message.text() == null) {
            throw new MalformedResponse("the response holds no answer text");
        }
        TokenUsage usage = response.tokenUsage();
        String modelId = response.modelName() != null ? response.modelName() : name;
        return new Answer(message.text(), modelId, latency,
                usage == null ? null : usage.inputTokenCount(), usage == null ? null : usage.outputTokenCount(),
                response.finishReason() == null ? null : response.finishReason().name().toLowerCase(java.util.Locale.ROOT));
    }

    private static List<ChatMessage> messages(AnswerRequest request) {
        List<ChatMessage> out = new ArrayList<>(request.conversation().size());
        for (Message m : request.conversation()) {
            out.add(switch (m.role()) {
                case SYSTEM -> SystemMessage.from(m.text());
                case USER -> UserMessage.from(m.text());
                case ASSISTANT -> AiMessage.from(m.text());
            });
        }
        return out;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnswerUnavailableException("interrupted during backoff", false, e);
        }
    }

    private static final class MalformedResponse extends RuntimeException {
        MalformedResponse(String message) {
            super(message);
        }
    }

    /** Why one attempt failed, and whether another attempt may succeed. */
    record Failure(String reason, boolean isTransient, Duration retryAfter, Throwable cause, boolean timedOut) {
        Failure(String reason, boolean isTransient, Duration retryAfter, Throwable cause) {
            this(reason, isTransient, retryAfter, cause, false);
        }

        static Failure of(RuntimeException e, Duration timeout) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof HttpException h) {
                    int s = h.statusCode();
                    boolean again = s == 408 || s == 429 || s >= 500;
                    Duration after = t instanceof StatusAwareHttpClient.StatusException se ? se.retryAfter() : null;
                    return new Failure("HTTP " + s + (s == 429 ? " (rate limited)" : "") + ": " + brief(h.getMessage()), again, after, e);
                }
                if (t instanceof dev.langchain4j.exception.TimeoutException || t instanceof HttpTimeoutException
                        || t instanceof java.util.concurrent.TimeoutException) {
                    // the attempt got no answer within the timeout: what a dead endpoint does
                    return new Failure("no response within " + timeout.toMillis() + " ms", true, null, e, true);
                }
                if (t instanceof MalformedResponse) {
                    return new Failure("malformed response: " + t.getMessage(), false, null, e);
                }
                if (t instanceof com.fasterxml.jackson.core.JacksonException j) {
                    return new Failure("malformed response (not the expected JSON): " + brief(j.getOriginalMessage()), false, null, e);
                }
                if (t instanceof IOException || t instanceof UncheckedIOException) {
                    return new Failure("connection failed: " + brief(String.valueOf(t.getMessage())), true, null, e);
                }
            }
            if (e instanceof RateLimitException || e instanceof InternalServerException || e instanceof RetriableException) {
                return new Failure(brief(e.getMessage()), true, null, e);
            }
            return new Failure(e.getClass().getSimpleName() + ": " + brief(String.valueOf(e.getMessage())), false, null, e);
        }

        /** One line of at most 200 characters, so an error never floods a terminal. */
        static String brief(String s) {
            if (s == null) {
                return "";
            }
            String one = s.replaceAll("\\s+", " ").trim();
            return one.length() <= 200 ? one : one.substring(0, 200) + "...";
        }
    }
}
