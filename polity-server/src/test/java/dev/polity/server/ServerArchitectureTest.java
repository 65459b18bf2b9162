package dev.polity.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.polity.ArchitectureTest;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** polity-server's rooms use only the server rooms their row of docs/ARCHITECTURE.md names, with no cycles. */
class ServerArchitectureTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.polity.server");

    /** The rows of polity-server's table, each with the server rooms it may use. */
    static Map<String, Set<String>> serverRooms() throws IOException {
        Map<String, Set<String>> rooms = new TreeMap<>();
        ArchitectureTest.roomsInArchitectureDoc().forEach((room, uses) -> {
            if (room.startsWith("server")) {
                rooms.put(room, new TreeSet<>(uses.stream().filter(u -> u.startsWith("server")).toList()));
            }
        });
        return rooms;
    }

    @Test
    void everyServerRoomUsesOnlyWhatTheArchitectureDocAllows() throws IOException {
        Map<String, Set<String>> rooms = serverRooms();
        Set<String> packages = new TreeSet<>();
        SERVER.forEach(c -> packages.add(c.getPackageName().replaceFirst("^dev\\.polity\\.", "")));
        assertThat(rooms.keySet()).as("every package of polity-server has a row in docs/ARCHITECTURE.md").containsAll(packages);
        for (var e : rooms.entrySet()) {
            String[] forbidden = rooms.keySet().stream().filter(o -> !o.equals(e.getKey()) && !e.getValue().contains(o))
                    .map(o -> "dev.polity." + o).toArray(String[]::new);
            if (forbidden.length == 0 || !packages.contains(e.getKey())) {
                continue;
            }
            noClasses().that().resideInAPackage("dev.polity." + e.getKey())
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .because("docs/ARCHITECTURE.md lets " + e.getKey() + " use only " + e.getValue())
                    .check(SERVER);
        }
    }

    @Test
    void noCyclesBetweenServerRooms() {
        slices().matching("dev.polity.(**)").should().beFreeOfCycles().check(SERVER);
    }
}
