package dev.polity.norms;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cycles of a directed graph of names (norms that override norms, groupings that hold groupings):
 * one per knot, so a cycle of any length is found and reported once, however many closed paths run
 * through it.
 */
final class Cycles {
    private Cycles() {
    }

    /**
     * One closed path per strongly connected component that holds a cycle (a self-loop counts), each the
     * shortest one from the component's smallest name back to it ({@code [a, b, c, a]}), ordered by that
     * name. Targets that are not keys of {@code edges} lead nowhere.
     */
    static List<List<String>> of(Map<String, ? extends Collection<String>> edges) {
        List<List<String>> out = new ArrayList<>();
        for (Set<String> component : components(edges)) {
            String start = component.iterator().next();
            List<String> cycle = shortestBack(start, edges, component);
            if (cycle != null) {
                out.add(cycle);
            }
        }
        out.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        return out;
    }

    /**
     * Strongly connected components, each sorted, by Tarjan's algorithm (Tarjan 1972, "Depth-first search
     * and linear graph algorithms", SIAM J. Comput. 1(2)), run with an explicit stack so that a long chain
     * of overrides cannot overflow the thread's.
     */
    private static List<TreeSet<String>> components(Map<String, ? extends Collection<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<TreeSet<String>> out = new ArrayList<>();
        for (String root : new TreeSet<>(edges.keySet())) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<Map.Entry<String, Iterator<String>>> work = new ArrayDeque<>();
            visit(root, edges, index, low, stack, onStack, work);
            while (!work.isEmpty()) {
                Map.Entry<String, Iterator<String>> top = work.peek();
                String v = top.getKey();
                if (top.getValue().hasNext()) {
                    String w = top.getValue().next();
                    if (!edges.containsKey(w)) {
                        continue;
                    }
                    if (!index.containsKey(w)) {
                        visit(w, edges, index, low, stack, onStack, work);
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = work.peek().getKey();
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    TreeSet<String> component = new TreeSet<>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        component.add(w);
                    } while (!w.equals(v));
                    out.add(component);
                }
            }
        }
        return out;
    }

    private static void visit(String v, Map<String, ? extends Collection<String>> edges, Map<String, Integer> index,
                              Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                              Deque<Map.Entry<String, Iterator<String>>> work) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        work.push(Map.entry(v, List.copyOf(edges.get(v)).iterator()));
    }

    /** Breadth first from {@code start} inside {@code component}: the shortest path back to it, or null (a lone name without a self-loop). */
    private static List<String> shortestBack(String start, Map<String, ? extends Collection<String>> edges, Set<String> component) {
        Map<String, String> parent = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String u = queue.poll();
            for (String w : edges.get(u)) {
                if (w.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String x = u; !x.equals(start); x = parent.get(x)) {
                        path.add(x);
                    }
                    path.add(start);
                    Collections.reverse(path);
                    return path;
                }
                if (component.contains(w) && !parent.containsKey(w)) {
                    parent.put(w, u);
                    queue.add(w);
                }
            }
        }
        return null;
    }
}
