package dev.polity.server.app;

import dev.polity.deliberation.Deliberation;
import dev.polity.server.Gateway;
import dev.polity.store.DeliberationStore;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The participation web app (issue 14) beside the gateway on the same server: the participants' pages under
 * {@code /d/}, the organisers' under {@code /organise} (an operator key signs in at {@code /signin}), and what
 * the dashboard builds on ({@link #pages()}). Its deliberations live in the gateway's store; every result comes
 * from the deliberation engine through {@link Results}.
 */
public final class WebApp implements Gateway.Room, AutoCloseable {
    private static final String CSS = resource("app.css");
    private final boolean secureCookies;
    private DeliberationStore store;
    private Pages pages;

    /**
     * @param secureCookies whether the session cookie is {@code Secure} (true in production, behind TLS; false only
     *                      for plain-HTTP tests on loopback, see docs/APP.md)
     */
    public WebApp(boolean secureCookies) {
        this.secureCookies = secureCookies;
    }

    @Override
    public void routes(Gateway gateway, RoutesConfig r) {
        store = DeliberationStore.open(gateway.settings().store(), gateway.settings().clock());
        pages = new Pages(new Sessions(secureCookies), store, new Results(store, Deliberation.Options.DEFAULTS),
                gateway.settings().clock());
        r.get("/static/app.css", ctx -> ctx.contentType("text/css; charset=utf-8").header("Cache-Control", "max-age=3600").result(CSS));
        new ParticipantPages(pages).routes(r);
        new OrganiserPages(pages, gateway).routes(r);
    }

    /** The pages' shared parts, for the dashboard (sessions, operator sign-in, rendering); set once routes are declared. */
    public Pages pages() {
        return pages;
    }

    private static String resource(String name) {
        try (InputStream in = WebApp.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
