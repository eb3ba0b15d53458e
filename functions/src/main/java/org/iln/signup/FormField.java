package org.iln.signup;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A field a form may send, with the label a person sees beside it: what the signup and the
 * volunteer forms' field lists have in common, so both derive their accepted names and their
 * error pages' labels the same way.
 */
interface FormField {

    /** The field's name in the form and in JSON. */
    String formName();

    /** What a person sees beside it; empty for a field nobody fills in by hand. */
    Optional<String> label();

    /** Every field's name as the form sends it. */
    static Set<String> names(FormField[] fields) {
        return Arrays.stream(fields).map(FormField::formName).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * What error pages call each field: the labelled fields, and the names an error may give
     * that are not fields of the form ({@code others}: the body as a whole, the round).
     */
    static Map<String, String> labels(FormField[] fields, Map<String, String> others) {
        Map<String, String> labels = new HashMap<>();
        for (FormField field : fields) {
            field.label().ifPresent(label -> labels.put(field.formName(), label));
        }
        labels.putAll(others);
        return Map.copyOf(labels);
    }
}
