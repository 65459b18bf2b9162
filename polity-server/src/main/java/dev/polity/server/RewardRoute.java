package dev.polity.server;

import dev.polity.guard.Guard;
import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.reward.Combination;
import dev.polity.reward.Reward;
import dev.polity.reward.RewardBatch;
import dev.polity.reward.RewardModel;
import dev.polity.reward.SocietalReward;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /get_reward}: OpenRLHF's remote reward model protocol ({@link RewardBatch}), each answer's societal
 * reward from {@link SocietalReward} with the decomposition in {@code extra_logs}. The context comes from the URL
 * ({@code /get_reward?jurisdiction=DE&domain=healthcare&audience=...}) or, when it names no jurisdiction, from the
 * server's default; with neither, no norm penalties apply. The norms are judged by the gateway's guard (its
 * constitution, configuration and reloads) over the gateway's embedder, so an answer is embedded once for the
 * reward's features and the detectors. HTTP only: parsing, the context, the response.
 */
final class RewardRoute {
    private final Gateway gw;
    private final SocietalReward reward;
    private final Settings.Reward settings;

    private RewardRoute(Gateway gw, SocietalReward reward, Settings.Reward settings) {
        this.gw = gw;
        this.reward = reward;
        this.settings = settings;
    }

    /**
     * Loads the model, checks the combination and the default context, and embeds once so that the first request
     * does not wait for the embedding model.
     *
     * @throws InvalidInputException naming the model file or the option that cannot be used
     */
    static RewardRoute load(Gateway gw, Settings.Reward s, TextEmbedder embedder) {
        RewardModel model = RewardModel.read(s.model());
        SocietalReward reward = new SocietalReward(model, embedder, Combination.of(s.welfare(), model, s.groupWeights()));
        RewardRoute route = new RewardRoute(gw, reward, s);
        SocietalReward.Norms norms = route.norms(s.jurisdiction(), s.domain(), s.audience(), "--");
        reward.score(List.of(new SocietalReward.Exchange("Hello?", "Hello.")), norms, n -> { });
        return route;
    }

    void handle(Context ctx) {
        RewardBatch batch;
        try {
            batch = RewardBatch.parse(gw.body(ctx, new byte[1][]));
        } catch (InvalidInputException e) {
            throw ApiError.invalid(e.location().file().startsWith("<") ? null : e.location().file(), e.oneLine());
        }
        String j = ctx.queryParam("jurisdiction");
        SocietalReward.Norms norms = j == null || j.isBlank()
                ? norms(settings.jurisdiction(), settings.domain(), settings.audience(), "--")
                : norms(j, ctx.queryParam("domain"), ctx.queryParam("audience"), "");
        List<Reward> rewards = reward.score(batch.exchanges(), norms, n -> { });
        ctx.contentType("application/json").result(Gateway.write(batch.response(rewards)));
    }

    /**
     * The norms of a context in the guard's constitution, or null without a jurisdiction.
     *
     * @param prefix "--" when the context came from options, "" from URL parameters: how an error names the field
     */
    private SocietalReward.Norms norms(String jurisdiction, String domain, String audience, String prefix) {
        if (jurisdiction == null || jurisdiction.isBlank()) {
            return null;
        }
        Guard guard = gw.guards.get().standard();
        try {
            dev.polity.norms.Context c = guard.context(jurisdiction, domain, audience, LocalDate.now(gw.settings.clock().withZone(ZoneOffset.UTC)));
            return SocietalReward.Norms.standard(guard, c, settings.tierPenalties());
        } catch (InvalidInputException e) {
            String field = prefix + e.location().file();
            throw new InvalidInputException(new Location(field, 0, 0), e.errors().get(0).message());
        }
    }

    /** What {@code /health} says of the reward model. */
    Map<String, Object> describe() {
        RewardModel m = reward.model();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", settings.model().getFileName().toString());
        out.put("data_sha256", m.provenance() == null ? null : m.provenance().dataSha256());
        out.put("groups", m.heads().stream().map(RewardModel.Head::name).toList());
        out.put("welfare", settings.welfare());
        out.put("default_context", settings.jurisdiction() == null ? null
                : settings.jurisdiction() + "/" + (settings.domain() == null ? "*" : settings.domain()) + "/" + (settings.audience() == null ? "*" : settings.audience()));
        return out;
    }
}
