package dev.polity.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/**
 * What keeps output byte-stable in any JVM and locale (DESIGN.md): numbers and case mapping with an explicit
 * locale, and "now" and "today" from an injected clock. Core and CLI main classes, test classes left out.
 */
class ByteStableRulesTest {
    /** Polity's main classes (core, server, CLI), imported once for every rule about them. */
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
            .importPackages("dev.polity");

    @Test
    void numbersAndCaseAreFormattedWithAnExplicitLocale() {
        noClasses().should().callMethod(String.class, "format", String.class, Object[].class)
                .orShould().callMethod(String.class, "formatted", Object[].class)
                .orShould().callMethod(PrintWriter.class, "printf", String.class, Object[].class)
                .orShould().callMethod(PrintWriter.class, "format", String.class, Object[].class)
                .orShould().callMethod(PrintStream.class, "printf", String.class, Object[].class)
                .orShould().callMethod(PrintStream.class, "format", String.class, Object[].class)
                .orShould().callMethod(String.class, "toLowerCase")
                .orShould().callMethod(String.class, "toUpperCase")
                .because("the default locale writes 0,18 in German and Arabic-Indic digits in ar-EG; pass Locale.ROOT")
                .check(MAIN);
    }

    @Test
    void nowAndTodayComeFromAnInjectedClock() {
        noClasses().should().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(Instant.class, "now")
                .because("dates and times that reach output come from a Clock (CommandClock; POLITY_FIXED_TIME pins it)")
                .check(MAIN);
    }
}
