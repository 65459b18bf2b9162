package dev.polity.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polity.RealData;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every rule on every PrefLib file in the shared data, pinned. The Condorcet facts and the winners the data
 * notes (SOURCE.md) or the elections published were checked: shirt (no Condorcet winner, plurality 1,
 * Borda/IRV/Schulze 10), breakfast 4 (Condorcet winner 9, IRV and plurality 2), education (Condorcet winner
 * 2, plurality 6), Burlington 2009 (IRV elected 1, Kiss; Condorcet winner 2, Montroll), Debian 2002
 * (Bdale Garbee, 3, elected). The other rankings were checked for consistency with the majority matrix
 * (Condorcet winner first under every Condorcet rule) and are kept as regression values.
 */
class PrefLibDataTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // file | voters | condorcet winner | loser | smith | plurality borda copeland schulze ranked-pairs irv kemeny maximal-lotteries (winners)
            "00002-debian/00002-00000001.soi | 475 | 3 | 4 | 3 | 3 3 3 3 3 3 3 3",
            "00002-debian/00002-00000001.toc | 475 | 3 | 4 | 3 | 3 3 3 3 3 3 3 3",
            "00005-burlington/00005-00000002.toi | 8980 | 2 | 6 | 2 | 5 2 2 2 2 1 2 2",
            "00005-burlington/00005-00000002.toc | 8980 | 2 | 6 | 2 | 5 2 2 2 2 1 2 2",
            "00007-ers/00007-00000001.soi | 380 | 1 | 5 | 1 | 1 1 1 1 1 1 1 1",
            "00009-agh/00009-00000001.soc | 146 | 9 | 1 | 9 | 9 9 9 9 9 9 9 9",
            "00009-agh/00009-00000002.soc | 153 | 7 | 1 | 7 | 7 7 7 7 7 7 7 7",
            // shirt: 10 beats 1 by 4 and ties 6, 1 beats 6 by 8, so the maximal lotteries are p(6) in [0, 1/3], p(10) = 1 - p(6);
            // the one closest to uniform is (1/3, 2/3), and its support is 6 and 10
            "00012-shirt/00012-00000001.soc | 30 | - | 9 | 1 6 10 | 1 10 10 10 10 10 10 6,10",
            "00032-education/00032-00000002.soc | 15 | 2 | 4 | 2 | 6 2 2 2 2 1,2 2 2",
            "00035-breakfast/00035-00000002.soc | 42 | 12 | 1 | 12 | 12 12 12 12 12 12 12 12",
            "00035-breakfast/00035-00000004.soc | 42 | 9 | 1 | 9 | 2 9 9 9 9 2 9 9",
    })
    void everyRuleOnEveryFile(String file, int voters, String cw, String cl, String smith, String winners) {
        Path dir = RealData.require("preflib");
        Profile p = PrefLibReader.read(dir.resolve(file));
        MajorityMatrix m = p.majority();
        assertEquals(voters, p.voters(), 0);
        assertEquals(cw, m.condorcetWinner() < 0 ? "-" : p.items().get(m.condorcetWinner()).toString());
        assertEquals(cl, m.condorcetLoser() < 0 ? "-" : p.items().get(m.condorcetLoser()).toString());
        assertEquals(smith, String.join(" ", p.labels(m.smithSet()).stream().map(Object::toString).toList()));
        String[] expected = winners.split(" ");
        Map<String, String> got = new LinkedHashMap<>();
        Map<String, String> want = new LinkedHashMap<>();
        for (int i = 0; i < Rule.values().length; i++) {
            Rule r = Rule.values()[i];
            RuleResult res = r.apply(p);
            got.put(r.id(), String.join(",", p.labels(res.winners()).stream().map(Object::toString).toList()));
            want.put(r.id(), expected[i]);
            assertEquals(Integer.class, p.items().get(res.winner()).getClass());
        }
        assertEquals(want, got);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "00012-shirt/00012-00000001.soc | schulze | 10 1 6 11 3 8 2 7 5 4 9",
            "00012-shirt/00012-00000001.soc | borda | 10 6 1 11 3 8 2 5 9 7 4",
            "00005-burlington/00005-00000002.toi | irv | 1 5 2 4 6 3",
            "00005-burlington/00005-00000002.toi | kemeny | 2 1 5 4 3 6",
            "00035-breakfast/00035-00000004.soc | kemeny | 9 2 8 10 3 6 12 14 5 11 13 7 15 4 1",
            "00035-breakfast/00035-00000004.soc | ranked-pairs | 9 2 8 10 3 6 12 14 5 11 13 7 15 4 1",
            "00007-ers/00007-00000001.soi | schulze | 1 9 3 8 7 4 2 10 6 5",
    })
    void pinnedRankings(String file, String rule, String ranking) {
        Profile p = PrefLibReader.read(RealData.require("preflib").resolve(file));
        List<Integer> r = Rule.byId(rule).apply(p).ranking();
        assertEquals(ranking, String.join(" ", p.labels(r).stream().map(Object::toString).toList()));
    }
}
