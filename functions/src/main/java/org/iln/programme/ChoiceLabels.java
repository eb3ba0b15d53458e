package org.iln.programme;

import java.util.List;
import org.iln.messages.compiled.CompiledCatalogue;

/**
 * The programme's choice labels (sectors, career stages, interests, "heard from") in a reader's
 * language: the catalogue's {@code choice.<list>.<id>}, which the site's signup form is baked
 * from too; the data file's English label for an id the catalogue does not have yet.
 */
public final class ChoiceLabels {

    /** The list of library sectors ({@code choice.sector.<id>}). */
    public static final String SECTOR = "sector";
    /** The list of career stages ({@code choice.careerStage.<id>}). */
    public static final String CAREER_STAGE = "careerStage";
    /** The list of areas of interest ({@code choice.interest.<id>}). */
    public static final String INTEREST = "interest";
    /** The list of ways one heard of the programme ({@code choice.heardFrom.<id>}). */
    public static final String HEARD_FROM = "heardFrom";

    private ChoiceLabels() {
    }

    /** The label of {@code choice} from {@code list}, in {@code words}' language. */
    public static String label(String list, Programme.Choice choice, CompiledCatalogue words) {
        String key = "choice." + list + "." + choice.id();
        return words.has(key) ? words.format(key) : choice.label();
    }

    /** The label of the choice {@code id} among {@code choices}; the id itself if no choice has it. */
    public static String label(String list, List<Programme.Choice> choices, String id, CompiledCatalogue words) {
        return choices.stream().filter(c -> c.id().equals(id)).findFirst().map(c -> label(list, c, words))
                .orElseGet(() -> words.has("choice." + list + "." + id) ? words.format("choice." + list + "." + id) : id);
    }
}
