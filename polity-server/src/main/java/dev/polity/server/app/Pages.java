package dev.polity.server.app;

import dev.polity.input.InvalidInputException;
import dev.polity.server.Gateway;
import dev.polity.store.DeliberationStore;
import dev.polity.store.StoreException;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the web pages share: the precompiled templates (jte, HTML escaping by default), the sessions, the
 * store and the results; rendering, the security headers, the CSRF check on every form, and failures shown as
 * a page in the reader's language, never a stack trace.
 */
public final class Pages {
    /** Refuses everything not from this server: no inline script runs, whatever text a participant writes. */
    private static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    final Sessions sessions;
    final DeliberationStore store;
    final Results results;
    final java.time.Clock clock;

    /** A failure shown to the reader as a page: its status and the message's key (and parameters). */
    static final class Refusal extends RuntimeException {
        final int status;
        final String key;
        final Object[] params;
        /** Where to send the reader instead of a message (the sign-in form), or null. */
        final String location;

        Refusal(int status, String key, Object... params) {
            this(status, key, null, params);
        }

        private Refusal(int status, String key, String location, Object... params) {
            super(key, null, false, false);
            this.status = status;
            this.key = key;
            this.location = location;
            this.params = params;
        }

        /** A page for operators asked for without an operator session: to the sign-in form. */
        static Refusal signIn() {
            return new Refusal(303, "error.operator", "/signin");
        }
    }

    Pages(Sessions sessions, DeliberationStore store, Results results, java.time.Clock clock) {
        this.sessions = sessions;
        this.store = store;
        this.results = results;
        this.clock = clock;
    }

    /** Whether a deliberation takes votes and statements: not closed, and its close date (if any) not passed. */
    boolean accepting(DeliberationStore.Stored d) {
        return d.isOpen() && (d.closes() == null || !java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC))
                .isAfter(java.time.LocalDate.parse(d.closes())));
    }

    /** A GET page: the headers, the language (a {@code ?lang=} choice is kept in the session), failures as pages. */
    public Handler page(Handler h) {
        return ctx -> guarded(ctx, () -> {
            String lang = ctx.queryParam("lang");
            if (lang != null && Messages.LANGUAGES.contains(lang)) {
                sessions.of(ctx).language = lang;
            }
            h.handle(ctx);
        });
    }

    /** A POST from a form: refused (403) unless it carries the session's CSRF token. */
    Handler form(Handler h) {
        return ctx -> guarded(ctx, () -> {
            if (!Sessions.tokenMatches(sessions.find(ctx), ctx.formParam("csrf"))) {
                throw new Refusal(403, "error.csrf");
            }
            h.handle(ctx);
        });
    }

    private interface Work {
        void run() throws Exception;
    }

    private void guarded(Context ctx, Work work) {
        ctx.header("Content-Security-Policy", POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer"); // invite links carry their token
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
        try {
            work.run();
        } catch (Refusal r) {
            if (r.location != null) {
                seeOther(ctx, r.location);
            } else {
                message(ctx, r.status, r.key, r.params);
            }
        } catch (InvalidInputException e) {
            ctx.status(400).html(render("participant/message", ctx, messages(ctx).plain("error.heading"),
                    Map.of("text", e.oneLine(), "key", "", "args", new Object[0])));
        } catch (StoreException e) {
            message(ctx, 503, "error.generic");
        } catch (Exception e) {
            // for the operator's log: the failure and where, never the request's text
            StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            System.err.println("polity: " + ctx.method() + " " + ctx.path() + " failed: " + e.getClass().getName() + ": " + e.getMessage()
                    + (at == null ? "" : " at " + at));
            message(ctx, 500, "error.generic");
        }
    }

    /** A page that only says something (an error, or that data was deleted). */
    void message(Context ctx, int status, String key, Object... params) {
        ctx.status(status);
        if (status == 429 && params.length > 0) {
            ctx.header("Retry-After", String.valueOf(params[0]));
        }
        ctx.html(render("participant/message", ctx, messages(ctx).plain("error.heading"), Map.of("text", "", "key", key, "args", params)));
    }

    /** The reader's language: chosen on the page (kept in the session), else from Accept-Language. */
    String language(Context ctx) {
        Session s = sessions.find(ctx);
        return Messages.pick(s == null ? null : s.language, ctx.header("Accept-Language"));
    }

    /**
     * The operator signed in with this request's session. Without one, a page (GET) sends the reader to the
     * sign-in form and a form (POST) is refused with 403.
     */
    public Gateway.Operator operator(Context ctx) {
        Session s = sessions.find(ctx);
        if (s == null || s.operator == null) {
            if ("GET".equals(ctx.method().name())) {
                throw Refusal.signIn();
            }
            throw new Refusal(403, "error.operator");
        }
        return s.operator;
    }

    Messages messages(Context ctx) {
        return Messages.of(language(ctx));
    }

    /** Renders a template with the layout's page (titled {@code title}) and the parameters. */
    public String render(String template, Context ctx, String title, Map<String, Object> params) {
        Session s = sessions.of(ctx);
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("page", new Page(messages(ctx), title, s.csrf, s.operator != null));
        StringOutput out = new StringOutput();
        templates.render(template + ".jte", all, out);
        return out.toString();
    }

    static void seeOther(Context ctx, String location) {
        ctx.redirect(location, HttpStatus.SEE_OTHER);
    }

    /** Takes a token from a session's bucket or refuses with 429 and the seconds to wait. */
    static void limit(dev.polity.server.TokenBucket bucket) {
        long wait = bucket.take(System.nanoTime());
        if (wait > 0) {
            throw new Refusal(429, "error.rate", Math.max(1, (wait + 999_999_999L) / 1_000_000_000L));
        }
    }
}
