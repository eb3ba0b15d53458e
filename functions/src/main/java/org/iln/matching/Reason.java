package org.iln.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.iln.messages.compiled.CompiledCatalogue;

/**
 * One reason why two people make a good pair, why the matcher left someone out
 * ({@code reason.unmatched.*}), which hard rule a pair breaks ({@code reason.rule.*}) or why a
 * coordinators' pin was refused ({@code reason.pin.*}), these three for the coordinators, as data: a catalogue key ({@code reason.*})
 * and its arguments (participant ids, choice ids, country codes, numbers), worded only when
 * someone reads it, in the reader's language, naming the reader "you" and the others by name.
 *
 * <p>Partnerships store a reason as its {@link #code()} ({@code reason.sameSector|academic}); a
 * stored reason that is not a code is a sentence from before reasons were data and is shown as
 * it is ({@link #word}).
 */
public record Reason(String key, List<String> arguments) {

    private static final String PREFIX = "reason.";
    private static final String SEPARATOR = "|";

    public Reason {
        Objects.requireNonNull(key, "key");
        if (!key.startsWith(PREFIX) || key.contains(SEPARATOR)) {
            throw new IllegalArgumentException("a reason's key starts with " + PREFIX + " and has no " + SEPARATOR);
        }
        arguments = List.copyOf(arguments);
    }

    static Reason of(String key, String... arguments) {
        return new Reason(PREFIX + key, Arrays.asList(arguments));
    }

    /** Why a pin of a and b cannot stand: the hard rule ({@code rule}, a {@code reason.rule.*} code) they break. */
    static Reason pinRefused(String a, String b, String rule) {
        return of("pin.refused", a, b, rule);
    }

    /** Both members of a group of three that {@code inner} is about, for the reason of one of its pairs. */
    static String pair(String first, String second, String inner) {
        return PREFIX + "pair" + SEPARATOR + first + SEPARATOR + second + SEPARATOR + inner;
    }

    /** The reason as stored: its key and arguments on one line. */
    public String code() {
        List<String> parts = new ArrayList<>();
        parts.add(key);
        parts.addAll(arguments);
        return String.join(SEPARATOR, parts);
    }

    /** The reason a stored line codes, if it is a code (and not a sentence stored before reasons were data). */
    public static Optional<Reason> parse(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return Optional.empty();
        }
        // A pair's or a pin's last argument is itself a reason's code, separators and all.
        String[] parts = stored.split("\\|", stored.startsWith(PREFIX + "pair" + SEPARATOR)
                || stored.startsWith(PREFIX + "pin.refused" + SEPARATOR) ? 4 : -1);
        return Optional.of(new Reason(parts[0], Arrays.asList(parts).subList(1, parts.length)));
    }

    /** Who reads a reason, and the words for the people and choices it names. */
    public interface Reader {

        /** Whether the participant {@code id} is the reader (named "you"). */
        boolean isReader(String id);

        /** What the reader calls the participant {@code id} (a given name; an id for coordinators). */
        String name(String id);

        /** The label of an area of interest, by id. */
        String interest(String id);

        /** The name of a region, as the data files name it. */
        String region(String name);

        /**
         * Whether the reader is one of the pair the reasons are about (a participant: "you both"),
         * or reads about others (a coordinator: "they both").
         */
        default boolean isInThePair() {
            return true;
        }
    }

    /**
     * A stored reason worded for {@code reader} in {@code words}' language; a sentence stored before
     * reasons were data comes back unchanged.
     */
    public static String word(String stored, Reader reader, CompiledCatalogue words) {
        return parse(stored).map(r -> r.word(reader, words, reader.isInThePair() ? "you" : "they")).orElse(stored);
    }

    /**
     * The sentence; {@code both} names the pair a "both" sentence is about: "you" (the reader is
     * one of them) or "they" (a group of three's third member reads about the other two).
     */
    private String word(Reader reader, CompiledCatalogue words, String both) {
        List<String> a = arguments;
        return switch (key.substring(PREFIX.length())) {
            case "pair" -> {
                String first = a.get(0);
                String second = a.get(1);
                boolean mine = reader.isReader(first) || reader.isReader(second);
                String inner = parse(a.get(2)).map(r -> r.word(reader, words, mine ? "you" : "they")).orElse(a.get(2));
                yield mine ? words.format(key, "you", reader.name(reader.isReader(first) ? second : first), "", inner)
                        : words.format(key, "other", reader.name(first), reader.name(second), inner);
            }
            case "sameSector" -> words.format(key, both, sector(a.get(0), words));
            case "sharedInterests" -> words.format(key, a.size(), String.join(words.format("reason.listSeparator") + " ",
                    a.stream().map(reader::interest).toList()));
            case "sameTimeZone" -> words.format(key, both);
            case "hoursApart" -> words.format(key, a.get(0), a.get(0).equals("1") ? "one" : "other");
            case "wish.sameSector", "wish.differentSector", "wish.sameStage", "wish.earlierStage", "wish.laterStage",
                 "waited" -> words.format(key, who(reader, a.get(0)), reader.name(a.get(0)), a.size() > 1 ? a.get(1) : "");
            case "wish.region" -> words.format(key, who(reader, a.get(0)), reader.name(a.get(0)), reader.region(a.get(1)));
            // Why someone was left out, for the coordinators: counts choose their plural forms.
            case "unmatched.noSharedLanguage" -> words.format(key);
            case "unmatched.sameCountry" -> words.format(key, a.get(0));
            case "unmatched.noneEligible", "unmatched.allTaken" -> words.format(key, a.stream().map(Reason::count).toArray());
            // The hard rule a hand pairing would break, for the coordinator who tried it.
            case "rule.sameCountry" -> words.format(key, a.get(0));
            case "rule.noLanguage", "rule.forbidden", "rule.before" -> words.format(key);
            case "rule.excluded" -> words.format(key, reader.name(a.get(0)), a.get(1));
            // Why a matching or a publishing could not run, for the coordinators: a pin they made.
            case "pin.refused" -> words.format(key, reader.name(a.get(0)), reader.name(a.get(1)),
                    parse(a.get(2)).map(r -> r.word(reader, words, "they")).orElse(a.get(2)));
            case "pin.twice" -> words.format(key, reader.name(a.get(0)));
            default -> code();
        };
    }

    private static Object count(String n) {
        try {
            return Long.valueOf(n);
        } catch (NumberFormatException e) {
            return n;
        }
    }

    private static String who(Reader reader, String id) {
        return reader.isReader(id) ? "you" : "other";
    }

    private static String sector(String id, CompiledCatalogue words) {
        return words.has("reason.sector." + id) ? words.format("reason.sector." + id)
                : words.format("reason.sector.unknown", id.replace('-', ' '));
    }

    /**
     * The reader of the coordinators' draft: nobody is "you" (a pair is "they both"), people are
     * named by participant id, interests by id ("open access"): the matcher's own words.
     */
    public static Reader coordinators() {
        return coordinators(null);
    }

    /**
     * The coordinators' reader in {@code words}' language: people by participant id, interests by
     * their label in the catalogue ({@code choice.interest.<id>}, the id if it has none), regions by
     * their name from CLDR; with no {@code words}, interests and regions as the matcher names them.
     */
    public static Reader coordinators(CompiledCatalogue words) {
        return new Reader() {
            @Override
            public boolean isReader(String id) {
                return false;
            }

            @Override
            public String name(String id) {
                return id;
            }

            @Override
            public String interest(String id) {
                String key = "choice.interest." + id;
                return words != null && words.has(key) ? words.format(key) : id.replace('-', ' ');
            }

            @Override
            public String region(String name) {
                return words == null ? name : words.regionName(name);
            }

            @Override
            public boolean isInThePair() {
                return false;
            }
        };
    }
}
