package cn.yaan.carbonsink;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * PIT's threshold is one score over all classes, so a well-tested class can hide a weak one. This reads PIT's
 * {@code mutations.xml} and fails the build when any listed class (a nested class counts with its outer class) scores
 * under the minimum, or has no mutants at all (a renamed class would otherwise drop out silently). It also writes the
 * table docs/MUTATION.md shows to {@code target/pit-reports/scores.md}. Run by the {@code mutation} profile after PIT.
 *
 * <p>Arguments: the report, the minimum score in percent, the class patterns given to PIT (comma-separated, a trailing
 * {@code *} as PIT has it).
 */
public final class MutationScores {

    private MutationScores() {
    }

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args[0]);
        int minimum = Integer.parseInt(args[1]);
        Map<String, int[]> byClass = new TreeMap<>();
        for (String pattern : args[2].split(",")) {
            byClass.put(pattern.strip().replace("*", ""), new int[2]);
        }
        NodeList mutations = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
                .getElementsByTagName("mutation");
        for (int i = 0; i < mutations.getLength(); i++) {
            Element mutation = (Element) mutations.item(i);
            String mutated = mutation.getElementsByTagName("mutatedClass").item(0).getTextContent();
            int[] counts = byClass.get(mutated.contains("$") ? mutated.substring(0, mutated.indexOf('$')) : mutated);
            if (counts == null) {
                throw new IllegalStateException("PIT mutated " + mutated + ", which the list does not name");
            }
            counts[0]++;
            counts[1] += "true".equals(mutation.getAttribute("detected")) ? 1 : 0;
        }

        StringBuilder table = new StringBuilder("| class | mutants | killed | score |\n|---|---:|---:|---:|\n");
        List<String> weak = new ArrayList<>();
        int total = 0;
        int killed = 0;
        for (Map.Entry<String, int[]> e : byClass.entrySet()) {
            int[] c = e.getValue();
            int score = percent(c[1], c[0]);
            table.append(String.format(Locale.ROOT, "| `%s` | %d | %d | %d%% |%n",
                    e.getKey().substring(e.getKey().lastIndexOf('.') + 1), c[0], c[1], score));
            if (c[0] == 0 || 100L * c[1] < (long) minimum * c[0]) {
                weak.add(e.getKey() + " " + c[1] + "/" + c[0]);
            }
            total += c[0];
            killed += c[1];
        }
        table.append(String.format(Locale.ROOT, "| **all** | %d | %d | %d%% |%n", total, killed,
                percent(killed, total)));
        Files.writeString(report.resolveSibling("scores.md"), table);
        System.out.println("Mutation scores per class (at least " + minimum + "% each):\n" + table);
        if (!weak.isEmpty()) {
            throw new IllegalStateException("Mutation score under " + minimum + "% (or no mutants) in: " + weak);
        }
    }

    /** Whole percent rounded down, so that a table showing 90% never hides 89.6%. */
    private static int percent(int killed, int mutants) {
        return mutants == 0 ? 0 : 100 * killed / mutants;
    }
}
