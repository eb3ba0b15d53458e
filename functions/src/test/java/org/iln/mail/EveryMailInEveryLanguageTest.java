package org.iln.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.iln.matching.Reason;
import org.iln.messages.compiled.CompiledCatalogue;
import org.iln.messages.compiled.CompiledCatalogues;
import org.iln.round.DraftReview;
import org.iln.round.DraftRows;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mail template, in every language the site has, rendered with sample data in two shapes
 * (every optional part present, and the other branches): a key no catalogue has fails the
 * rendering; in any language but English no sentence is left in English (a line of the
 * rendered text or HTML, once the sample's names, titles and links are taken out, equal to a
 * line of the English rendering); Arabic mail is right to left and says so.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EveryMailInEveryLanguageTest {

    private static final Pattern URL = Pattern.compile("(https?://|mailto:)\\S+");
    private static final Pattern LETTERS = Pattern.compile("\\p{L}{2,}");

    private final MailRenderer renderer = new MailRenderer();

    /** Every mail the renderer has: each {@code <name>.txt.ftl} but the shared layout and partner list. */
    static List<String> templates() {
        try (Stream<Path> files = Files.list(Path.of(MailRenderer.class.getResource("/mail").toURI()))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".txt.ftl"))
                    .map(f -> f.substring(0, f.length() - ".txt.ftl".length()))
                    .filter(name -> !name.equals("layout") && !name.equals("partners")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> everyTemplateInEveryLanguage() {
        return templates().stream().flatMap(t -> CompiledCatalogues.bundled().tags().stream().map(l -> Arguments.of(t, l)));
    }

    static Stream<Arguments> everyTemplateInEveryOtherLanguage() {
        String english = CompiledCatalogues.bundled().defaultCatalogue().tag();
        return everyTemplateInEveryLanguage().filter(a -> !a.get()[1].equals(english));
    }

    /** A model with every optional part present: next round known, re-matching, a draft with a sheet. */
    static Map<String, Object> everything() {
        Map<String, Object> model = new HashMap<>(MailTest.MODEL);
        model.put("givenName", "Zoë");
        model.put("partners", List.of(Map.ofEntries(Map.entry("givenName", "Kim"), Map.entry("familyName", "Lee"),
                Map.entry("country", "Korea"), Map.entry("countryCode", "KR"), Map.entry("role", "Cataloguer"),
                Map.entry("sector", "Public library"), Map.entry("careerStage", "Mid-career"),
                Map.entry("interests", List.of("Metadata")), Map.entry("languages", List.of("ko", "en")),
                Map.entry("sharedLanguages", List.of("en")), Map.entry("timezone", "Asia/Seoul"),
                Map.entry("email", "kim@example.org"))));
        model.put("reasons", List.of("You both catalogue rare books"));
        model.put("partnerGivenNames", List.of("Kim", "Ana"));
        model.put("partnerGivenName", "Kim");
        model.put("reporterGivenName", "Ana");
        model.put("reasonCode", "noEligible");
        model.put("pageUrl", "https://iln.example.org/api/me?token=a.b.c");
        model.put("pages", List.of(Map.of("roundTitle", "Round 1, 2026", "pageUrl", "https://iln.example.org/api/me?token=p")));
        model.put("rematching", true);
        model.put("overLimit", true);
        model.put("pointUntranslated", true);
        model.put("pointLanguage", "en");
        model.put("pointDirection", "ltr");
        model.put("name", "Amina");
        model.put("email", "amina@example.org");
        model.put("country", "KE");
        model.put("offerCountry", "Kenya");
        model.put("languages", List.of("en", "sw"));
        model.put("why", "I run our association's newsletter.");
        model.put("hours", "4");
        model.put("scopeCountry", "AU");
        model.put("matchDateReached", false);
        model.put("approved", false);
        model.put("autoPublishOn", "2026-02-25");
        model.put("canApprove", true);
        model.put("coordinatorUrl", "https://iln.example.org/api/coordinate?token=c");
        model.put("actions", List.of("2026-02-20 10:00 team@example.org (programme): hold p-1 p-2"));
        model.put("rowsLeftOut", 3);
        model.put("draftValues", draftValues());
        model.put("summary", Map.of("participants", 412, "matched", 410, "pairs", 203, "groupsOfThree", 1,
                "unmatched", 2, "unapproved", true,
                "byCountry", List.of(Map.of("country", "KE", "matched", 20, "unmatched", 1))));
        model.put(CsvSheet.MODEL_KEY, new CsvSheet("draft-2026-1.csv", List.of("partnership", "member", "country",
                "sector", "stage", "score", "pinned", "reasons"), List.of(
                List.of("pair-1", "Kim Lee", "KR", "public", "mid", "7.5", "yes", "shared interests: metadata"),
                List.of("not matched", "", "NZ", "school", "early", "", "", "no eligible partner"))).toModel());
        return model;
    }

    /** The other branches: nothing known of the next round, no re-matching, published, nothing optional. */
    static Map<String, Object> theOtherBranches() {
        Map<String, Object> model = everything();
        model.put("nextRoundTitle", "");
        model.put("nextRoundOpens", "");
        model.put("roundEnds", "");
        model.put("matchDate", "");
        model.put("partnerGivenNames", List.of("Kim"));
        model.put("partnerGivenName", "");
        model.put("reasonCode", "");
        model.put("reason", "");
        model.put("rematching", false);
        model.put("overLimit", false);
        model.put("pointUntranslated", false);
        model.put("scopeCountry", "");
        model.put("draft", false);
        model.put("approved", true);
        model.put("rowsLeftOut", 1);
        model.put("summary", Map.of("problem", PROBLEM, "publishing", true));
        model.remove(CsvSheet.MODEL_KEY);
        return model;
    }

    /** The round report's figures: one country, each distribution with a shown and a suppressed count. */
    private static Map<String, Object> roundReport() {
        Map<String, Object> care = new HashMap<>();
        care.put("checkIns", List.of(Map.of("key", "met", "count", 12), Map.of("key", "arranging", "count", "<5"),
                Map.of("key", "no-reply", "count", "<5")));
        care.put("answers", 17);
        care.put("met", List.of(Map.of("key", "never", "count", "<5"), Map.of("key", "once", "count", 6),
                Map.of("key", "a-few-times", "count", 8), Map.of("key", "monthly", "count", "<5")));
        care.put("usefulness", List.of(Map.of("key", "4", "count", 9), Map.of("key", "5", "count", 8)));
        care.put("median", "4");
        care.put("recommend", List.of(Map.of("key", "yes", "count", 15), Map.of("key", "not-sure", "count", "<5"),
                Map.of("key", "no", "count", "<5")));
        care.put("recommendShare", "88");
        care.put("mayQuote", 7);
        return Map.of("roundEnds", "2026-05-10", "surveyCloses", "2026-06-07",
                "countries", List.of(Map.of("country", "KE", "applied", 20, "matched", 18, "rematched", 2, "withdrawn", 1)),
                "care", care, "threshold", 5, "summaryUrl", "https://iln.example.org/statistics/2026-1.html",
                CsvSheet.MODEL_KEY, new CsvSheet("round-report-2026-1.csv", List.of("section", "measure", "country", "count"),
                        List.of(List.of("participation", "applied", "KE", "20"))).toModel());
    }

    /** Every reason the matcher gives for leaving someone out. */
    private static final List<String> UNMATCHED = List.of("reason.unmatched.noSharedLanguage",
            "reason.unmatched.sameCountry|NZ", "reason.unmatched.noneEligible|4|1|2|1",
            "reason.unmatched.allTaken|1");

    /** Why publishing could not run, as MatchingNight stores it: a pin the matcher refused, and its rule. */
    private static final String PROBLEM = "reason.pin.refused|p-01|p-07|reason.rule.sameCountry|KE";

    /** A draft as the matcher leaves it: reasons as codes, someone left out for each reason there is. */
    private static final DraftRows DRAFT = new DraftRows("2026-1", List.of(
            new DraftRows.Row("pair", "pair-1", List.of("p-1", "p-2"), List.of("Kim Lee", "Ana Souza"),
                    List.of("KR", "BR"), 7, true, List.of("reason.sameSector|academic",
                    "reason.sharedInterests|open-access|research-data", "reason.hoursApart|3",
                    "reason.wish.region|p-1|Americas", "reason.waited|p-2|70")),
            new DraftRows.Row("group of three", "group-1", List.of("p-3", "p-4", "p-5"),
                    List.of("Lena Berg", "Omar Haddad", "Mei Chen"), List.of("SE", "JO", "TW"), 9, false,
                    List.of("reason.pair|p-3|p-4|reason.sameTimeZone", "reason.wish.laterStage|p-5")),
            new DraftRows.Row("not matched", "", List.of("p-9"), List.of("Zoë Smith"), List.of("NZ"), 0, false,
                    UNMATCHED)));

    /** What coordinators did, as the audit stores it: every kind of action. */
    private static final List<DraftReview.Action> ACTIONS = Stream.of("approve", "hold", "pin", "forbid", "withdraw",
            "resend introduction", "resend confirmation", "pair").map(action -> new DraftReview.Action(
                    Instant.parse("2026-02-20T10:00:00Z"), "Ana", action.equals("withdraw") ? "country:NZ" : "programme",
                    action, "p-1 / p-2")).toList();

    /**
     * The coordinators' mail with what Java words when it queues the mail (the draft's rows and
     * sheet, the audit lines, why people were left out, why publishing could not run) worded as DraftMail and MatchingNight word
     * them, in {@code language}; the ids, names and countries the rows fill in go into the sample,
     * as any value filled in.
     */
    private static void wordedWhenQueued(Map<String, Object> model, Map<String, Object> sample, String language) {
        CompiledCatalogue words = CompiledCatalogues.bundled().of(language);
        if (sample.containsKey(CsvSheet.MODEL_KEY)) {
            model.put(CsvSheet.MODEL_KEY, DRAFT.sheet("2026-02-20", words).toModel());
        }
        model.put("actions", ACTIONS.stream().map(a -> a.line(words)).toList());
        if (model.get("summary") instanceof Map<?, ?> summary && PROBLEM.equals(summary.get("problem"))) {
            model.put("summary", Map.of("problem", Reason.word(PROBLEM, Reason.coordinators(words), words),
                    "publishing", true));
        }
        model.put("unmatched", UNMATCHED.stream().map(code -> Map.of("participantId", "p-9", "country", "NZ",
                "reason", Reason.word(code, Reason.coordinators(words), words))).toList());
    }

    /** The values the draft's rows fill in: not words to translate. */
    private static List<String> draftValues() {
        List<String> values = new ArrayList<>(List.of("pair-1", "group-1", "2026-02-20 10:00", "p-1 / p-2"));
        for (DraftRows.Row row : DRAFT.rows()) {
            values.addAll(row.ids());
            values.addAll(row.names());
            values.addAll(row.countries());
            values.add(String.join(" / ", row.ids()));
            values.add(String.join(" / ", row.names()));
            values.add(String.join(" / ", row.countries()));
        }
        return values;
    }

    private MailRenderer.RenderedMail render(String template, Map<String, Object> sample, String language) {
        Map<String, Object> model = new HashMap<>(sample);
        if (template.equals("coordinator-report")) {
            model.put("matchDate", "2026-02-23"); // a draft always has one
            wordedWhenQueued(model, sample, language);
        }
        if (template.equals("coordinator-round-report")) {
            model.putAll(roundReport());
        }
        model.put(Wording.LANGUAGE, language);
        return renderer.render(template, model);
    }

    @Test
    void the_list_holds_every_mail_the_programme_sends() {
        assertThat(templates()).contains("confirm-address", "check-in", "discussion-point", "partner-nudge",
                "round-ending", "volunteer-confirm", "coordinator-report").hasSizeGreaterThanOrEqualTo(23);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyTemplateInEveryLanguage")
    void renders_from_the_catalogue_with_a_subject_and_the_language_and_direction_on_the_html(String template,
                                                                                              String language) {
        for (Map<String, Object> sample : List.of(everything(), theOtherBranches())) {
            // when: a key missing from the catalogue would throw here, naming it and the language
            MailRenderer.RenderedMail mail = render(template, sample, language);

            // then
            String dir = CompiledCatalogues.bundled().of(language).direction();
            assertThat(mail.subject()).isNotBlank().doesNotContain("\n");
            assertThat(mail.html()).contains("<html lang=\"" + language + "\" dir=\"" + dir + "\">");
            assertThat(mail.text()).doesNotContain("<p>");
        }
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyTemplateInEveryOtherLanguage")
    void leaves_no_sentence_in_english(String template, String language) {
        for (Map<String, Object> sample : List.of(everything(), theOtherBranches())) {
            // when
            MailRenderer.RenderedMail english = render(template, sample, "en");
            MailRenderer.RenderedMail translated = render(template, sample, language);

            // then
            assertThat(translated.subject()).isNotEqualTo(english.subject());
            Set<String> left = sentences(translated.text(), sample);
            left.retainAll(sentences(english.text(), sample));
            assertThat(left).as("English lines left in the text of %s in %s", template, language).isEmpty();
            Set<String> leftInHtml = sentences(visibleText(translated.html()), sample);
            leftInHtml.retainAll(sentences(visibleText(english.html()), sample));
            assertThat(leftInHtml).as("English lines left in the HTML of %s in %s", template, language).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void in_arabic_is_right_to_left_and_says_it_is_arabic(String template) {
        // when
        MailRenderer.RenderedMail mail = render(template, everything(), "ar");

        // then
        assertThat(mail.html()).contains("<html lang=\"ar\" dir=\"rtl\">");
        assertThat(mail.subject()).containsPattern("\\p{InArabic}");
    }

    /**
     * The lines of a rendering with words in them, once what the sample filled in (names, titles,
     * links, the programme's name, which is not translated) is taken out.
     */
    private static Set<String> sentences(String text, Map<String, Object> sample) {
        String stripped = URL.matcher(text.replace("\u2068", "").replace("\u2069", "")).replaceAll(" ");
        List<String> filledIn = new ArrayList<>();
        collect(sample, filledIn);
        filledIn.add(CompiledCatalogues.bundled().defaultCatalogue().format("mail.programme"));
        filledIn.sort((a, b) -> b.length() - a.length());
        for (String value : filledIn) {
            // a value as the text shows it, and as the HTML does (a point's body is markup); whole words only
            for (String shown : (value + "\n" + visibleText(value)).split("\n")) {
                if (shown.strip().length() > 1) {
                    stripped = stripped.replaceAll("(?<!\\p{L})" + Pattern.quote(shown.strip()) + "(?!\\p{L})", " ");
                }
            }
        }
        Set<String> lines = new LinkedHashSet<>();
        for (String line : stripped.split("\n")) {
            String trimmed = line.strip();
            if (LETTERS.matcher(trimmed).find()) {
                lines.add(trimmed);
            }
        }
        return lines;
    }

    private static void collect(Object value, List<String> into) {
        if (value instanceof String s) {
            into.add(s);
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, into));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, into));
        }
    }

    /** The text a reader sees of an HTML part: each element's text on its own line. */
    private static String visibleText(String html) {
        return html.replaceAll("(?s)<head>.*</head>", "").replaceAll("<[^>]+>", "\n").replace("&middot;", "\n")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
