package dev.polity.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.polity.input.AtomicFile;
import java.io.File;
import java.io.FileOutputStream;
import java.io.FileWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, defect 2: every file a command writes is replaced whole or not at all, through {@link AtomicFile}.
 * Core and CLI main classes; the embedding cache appends records under a lock and is the one exception.
 */
class AtomicWritesRuleTest {
    private static final JavaClasses MAIN = ByteStableRulesTest.MAIN;

    @Test
    void filesAreWrittenOnlyThroughAtomicFile() {
        noClasses().that().doNotBelongToAnyOf(AtomicFile.class)
                .should().callMethod(Files.class, "writeString", Path.class, CharSequence.class, java.nio.file.OpenOption[].class)
                .orShould().callMethod(Files.class, "writeString", Path.class, CharSequence.class, java.nio.charset.Charset.class,
                        java.nio.file.OpenOption[].class)
                .orShould().callMethod(Files.class, "write", Path.class, byte[].class, java.nio.file.OpenOption[].class)
                .orShould().callMethod(Files.class, "write", Path.class, Iterable.class, java.nio.file.OpenOption[].class)
                .orShould().callMethod(Files.class, "write", Path.class, Iterable.class, java.nio.charset.Charset.class,
                        java.nio.file.OpenOption[].class)
                .orShould().callMethod(Files.class, "newBufferedWriter", Path.class, java.nio.file.OpenOption[].class)
                .orShould().callMethod(Files.class, "newBufferedWriter", Path.class, java.nio.charset.Charset.class,
                        java.nio.file.OpenOption[].class)
                .orShould().callMethod(Files.class, "newOutputStream", Path.class, java.nio.file.OpenOption[].class)
                .orShould().callMethod(Files.class, "copy", java.io.InputStream.class, Path.class, java.nio.file.CopyOption[].class)
                .orShould().callConstructor(FileWriter.class, String.class)
                .orShould().callConstructor(FileWriter.class, File.class)
                .orShould().callConstructor(FileOutputStream.class, String.class)
                .orShould().callConstructor(FileOutputStream.class, File.class)
                .orShould().callMethod(com.fasterxml.jackson.databind.ObjectMapper.class, "writeValue", File.class, Object.class)
                .because("a file written in place is half old, half new after a failure; use AtomicFile.write (temporary file + rename)")
                .check(MAIN);
    }
}
