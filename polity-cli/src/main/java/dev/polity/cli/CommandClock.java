package dev.polity.cli;

import dev.polity.input.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * The clock every command reads "now" and "today" from: the system's, or the instant in
 * {@code POLITY_FIXED_TIME} (ISO-8601, e.g. {@code 2026-01-01T00:00:00Z}, read as UTC), which pins run ids,
 * timestamps and today's date so that two runs of a command write the same bytes (docs/EVALUATION.md).
 */
final class CommandClock {
    static final String FIXED_TIME = "POLITY_FIXED_TIME";

    private CommandClock() {
    }

    static Clock get() {
        return of(System::getenv);
    }

    static Clock of(Function<String, String> env) {
        String fixed = env.apply(FIXED_TIME);
        if (fixed == null || fixed.isBlank()) {
            return Clock.systemDefaultZone();
        }
        try {
            return Clock.fixed(Instant.parse(fixed.strip()), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(null, FIXED_TIME + ": expected an ISO-8601 instant such as 2026-01-01T00:00:00Z, got '" + fixed + "'");
        }
    }

    /** The value of a {@code --date} option (YYYY-MM-DD), or today by the clock when it is not given. */
    static LocalDate date(String option, String given) {
        if (given == null) {
            return LocalDate.now(get());
        }
        try {
            return LocalDate.parse(given);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(null, option + ": expected YYYY-MM-DD, got '" + given + "'");
        }
    }
}
