package org.iln.round;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.iln.matching.MatchResult;
import org.iln.store.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matching that never pairs two people who were partners before, without reading everyone's
 * past partners first. Reading them person by person was a query each (10,000 for a round of
 * 10,000, most of the matching night's time against the emulator) although almost nobody in a
 * pool is proposed with a past partner. So: match, read the past-partner records of the proposed
 * partnerships only ({@link PartnershipStore#pastPartnersAmong}, 100 keys a request), and if some
 * were partners before, match again with those as previous partners; until no proposed
 * partnership pairs two people who were partners before. Each pass adds at least one pair the
 * matcher then never proposes again, so it ends; a pair once read is not read again.
 */
final class PastPartners {

    private static final Logger LOG = LoggerFactory.getLogger(PastPartners.class);

    private PastPartners() {
    }

    /**
     * The result of {@code match} (given each person's previous partners, as sorted participant
     * ids) in which nobody of {@code pool} is paired with a past partner.
     */
    static MatchResult avoided(String round, Map<String, Application> pool, PartnershipStore partnerships,
                               Function<Map<String, List<String>>, MatchResult> match) {
        Map<String, Set<String>> previous = new HashMap<>();
        Set<List<String>> read = new HashSet<>();
        for (int pass = 1; ; pass++) {
            Map<String, List<String>> known = new HashMap<>();
            previous.forEach((id, ids) -> known.put(id, List.copyOf(ids)));
            MatchResult result = match.apply(known);
            // Each two members of a proposed partnership (a group of three is three pairs), by address hashes.
            Map<List<String>, List<String>> idsByHashes = new LinkedHashMap<>();
            for (MatchResult.Partnership partnership : result.partnerships()) {
                List<String> members = partnership.members();
                for (int i = 0; i < members.size(); i++) {
                    for (int j = i + 1; j < members.size(); j++) {
                        List<String> ids = List.of(members.get(i), members.get(j));
                        Application a = pool.get(ids.get(0));
                        Application b = pool.get(ids.get(1));
                        if (read.add(ids) && a != null && b != null) {
                            idsByHashes.put(List.of(a.addressHash(), b.addressHash()), ids);
                        }
                    }
                }
            }
            List<List<String>> before = new ArrayList<>();
            partnerships.pastPartnersAmong(idsByHashes.keySet()).forEach(hashes -> before.add(idsByHashes.get(hashes)));
            if (before.isEmpty()) {
                return result;
            }
            for (List<String> ids : before) {
                previous.computeIfAbsent(ids.get(0), k -> new TreeSet<>()).add(ids.get(1));
                previous.computeIfAbsent(ids.get(1), k -> new TreeSet<>()).add(ids.get(0));
            }
            LOG.info("round {}: matching pass {} proposed {} pairs of past partners: matching again without them",
                    round, pass, before.size());
        }
    }
}
