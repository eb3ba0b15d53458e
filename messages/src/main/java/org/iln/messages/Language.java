package org.iln.messages;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.util.ULocale;
import java.util.Objects;

/**
 * One language of the programme, named by its BCP 47 tag ({@code en}, {@code es}, {@code ar}).
 *
 * <p>Its writing direction and its own name come from CLDR through ICU, not from a list of ours.
 */
public record Language(String tag) {

    public Language {
        Objects.requireNonNull(tag, "tag");
        if (!tag.matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
            throw new IllegalArgumentException("language tag '" + tag + "' is not a BCP 47 tag such as en or pt-BR");
        }
    }

    /** ICU's locale for this language, for formats, collation and display names. */
    public ULocale locale() {
        return ULocale.forLanguageTag(tag);
    }

    /**
     * The locale dates and numbers are written in: the language's own, except that English, for an
     * international programme, follows CLDR's world English ({@code en-001}: "6 December 2026")
     * rather than US English.
     */
    public ULocale formatLocale() {
        return tag.equals("en") ? ULocale.forLanguageTag("en-001") : locale();
    }

    /** {@code rtl} for a right-to-left script (Arabic, Hebrew...), else {@code ltr}: the html dir attribute. */
    public String direction() {
        return locale().isRightToLeft() ? "rtl" : "ltr";
    }

    /** The language's name in itself, as a reader looks for it in a language switcher ("español", "العربية"). */
    public String ownName() {
        ULocale locale = locale();
        String name = locale.getDisplayName(locale);
        return UCharacter.toTitleCase(locale, name.substring(0, 1), null) + name.substring(1);
    }

    /** The language's name in English, for build errors and logs. */
    public String englishName() {
        return locale().getDisplayName(ULocale.ENGLISH);
    }
}
