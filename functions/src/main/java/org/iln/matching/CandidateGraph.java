package org.iln.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The sparse graph the solver sees: for each person, their best {@code k} eligible candidates
 * among a group of people, found without comparing everyone with everyone.
 *
 * <p>People are bucketed by (language, interest) and by language alone; each bucket is sorted by
 * UTC offset. A person looks, in every bucket they belong to, at the {@code breadth / 2} nearest
 * people by offset and at {@code breadth / 2} more spread evenly over the bucket (so that one big
 * country filling a time zone cannot hide everyone else). That is
 * O(n · buckets per person · breadth) score evaluations instead of O(n²), and every candidate
 * found shares a language, and usually an interest, with the person.
 */
final class CandidateGraph {

    private CandidateGraph() {
    }

    /**
     * Candidate edges among {@code members} (cohort indexes), as sorted, distinct keys
     * {@link Cohort#key(int, int)}.
     */
    static long[] build(Cohort cohort, int[] members, int k, int breadth) {
        Map<Long, int[]> buckets = buckets(cohort, members);
        int[][] best = new int[members.length][];
        ThreadLocal<int[]> seen = ThreadLocal.withInitial(() -> new int[cohort.size]);
        IntStream.range(0, members.length).parallel().forEach(m -> {
            int[] stamp = seen.get();
            best[m] = bestFor(cohort, members[m], m + 1, stamp, buckets, k, breadth);
        });
        int total = 0;
        for (int[] b : best) {
            total += b.length;
        }
        long[] keys = new long[total];
        int n = 0;
        for (int m = 0; m < members.length; m++) {
            for (int j : best[m]) {
                keys[n++] = Cohort.key(members[m], j);
            }
        }
        Arrays.sort(keys);
        int distinct = 0;
        for (int i = 0; i < keys.length; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                keys[distinct++] = keys[i];
            }
        }
        return Arrays.copyOf(keys, distinct);
    }

    private static Map<Long, int[]> buckets(Cohort cohort, int[] members) {
        Map<Long, List<Integer>> lists = new HashMap<>();
        for (int p : members) {
            for (int l : cohort.languages[p]) {
                lists.computeIfAbsent(bucketKey(l, -1), x -> new ArrayList<>()).add(p);
                for (int i : cohort.interests[p]) {
                    lists.computeIfAbsent(bucketKey(l, i), x -> new ArrayList<>()).add(p);
                }
            }
        }
        Map<Long, int[]> buckets = new HashMap<>();
        lists.forEach((key, list) -> buckets.put(key, list.stream()
                .sorted((a, b) -> {
                    int c = Integer.compare(cohort.offsetMinutes[a], cohort.offsetMinutes[b]);
                    return c != 0 ? c : Integer.compare(mix(a), mix(b));
                })
                .mapToInt(Integer::intValue).toArray()));
        return buckets;
    }

    private static long bucketKey(int language, int interest) {
        return ((long) language << 32) | (interest + 1);
    }

    private static int[] bestFor(Cohort cohort, int p, int mark, int[] stamp, Map<Long, int[]> buckets,
                                 int k, int breadth) {
        int[] topId = new int[k];
        int[] topScore = new int[k];
        int[] count = {0};
        for (int l : cohort.languages[p]) {
            scan(cohort, p, mark, stamp, buckets.get(bucketKey(l, -1)), breadth, topId, topScore, count);
            for (int i : cohort.interests[p]) {
                scan(cohort, p, mark, stamp, buckets.get(bucketKey(l, i)), breadth, topId, topScore, count);
            }
        }
        return Arrays.copyOf(topId, count[0]);
    }

    private static void scan(Cohort cohort, int p, int mark, int[] stamp, int[] bucket, int breadth,
                             int[] topId, int[] topScore, int[] count) {
        int n = bucket.length;
        if (n <= breadth + 1) {
            for (int q : bucket) {
                consider(cohort, p, q, mark, stamp, topId, topScore, count);
            }
            return;
        }
        // nearest by offset: walk outwards from p's place in the bucket
        int at = lowerBound(cohort, bucket, cohort.offsetMinutes[p]);
        int half = breadth / 2;
        for (int d = 0; d < half; d++) {
            int q = (d & 1) == 0 ? at + d / 2 : at - 1 - d / 2;
            consider(cohort, p, bucket[Math.floorMod(q, n)], mark, stamp, topId, topScore, count);
        }
        // spread: evenly over the whole bucket, from a start that depends on p
        int spread = breadth - half;
        int stride = n / spread;
        int start = Math.floorMod(mix(p), stride);
        for (int s = 0; s < spread; s++) {
            consider(cohort, p, bucket[start + s * stride], mark, stamp, topId, topScore, count);
        }
    }

    private static void consider(Cohort cohort, int p, int q, int mark, int[] stamp,
                                 int[] topId, int[] topScore, int[] count) {
        if (stamp[q] == mark || !cohort.eligible(p, q)) {
            return;
        }
        stamp[q] = mark;
        int score = cohort.score(p, q);
        int k = topId.length;
        if (count[0] < k) {
            topId[count[0]] = q;
            topScore[count[0]] = score;
            count[0]++;
            return;
        }
        // replace the worst (lowest score, then highest index) if q is better
        int worst = 0;
        for (int i = 1; i < k; i++) {
            if (topScore[i] < topScore[worst] || (topScore[i] == topScore[worst] && topId[i] > topId[worst])) {
                worst = i;
            }
        }
        if (score > topScore[worst] || (score == topScore[worst] && q < topId[worst])) {
            topId[worst] = q;
            topScore[worst] = score;
        }
    }

    private static int lowerBound(Cohort cohort, int[] bucket, int offset) {
        int lo = 0;
        int hi = bucket.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cohort.offsetMinutes[bucket[mid]] < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** A fixed integer hash, so sampling is deterministic yet not in id order. */
    static int mix(int x) {
        int h = x * 0x9E3779B9;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h & 0x7fffffff;
    }
}
