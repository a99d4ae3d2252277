package io.ballast.server.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds the known word closest to a misspelt one, for "did you mean" hints. */
final class Nearest {

    private Nearest() {
    }

    /** The candidate within an edit distance of a third of the word's length (at least 2), if any. */
    static Optional<String> of(String word, Collection<String> candidates) {
        int limit = Math.max(2, word.length() / 3);
        return candidates.stream()
                .filter(c -> distance(word, c) <= limit)
                .min(Comparator.comparingInt(c -> distance(word, c)));
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
