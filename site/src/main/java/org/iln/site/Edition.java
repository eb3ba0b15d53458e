package org.iln.site;

import com.ibm.icu.text.Collator;
import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.util.ULocale;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.iln.messages.Catalogue;
import org.iln.messages.Language;
import org.iln.messages.compiled.M49Regions;

/**
 * The site in one language: where its pages live ({@code /} for the default language,
 * {@code /es/} for Spanish...), its messages, and how it writes dates, numbers and names and
 * sorts lists, all from CLDR through ICU.
 *
 * @param languages every language of the site, the default first, for alternates and the switcher
 */
record Edition(Language language, Catalogue catalogue, List<Language> languages) {

    Edition {
        languages = List.copyOf(languages);
    }

    boolean isDefault() {
        return language.equals(languages.get(0));
    }

    /** The folder of this edition's pages inside the site: empty for the default language, else {@code es/}. */
    String folder() {
        return folder(language);
    }

    /** The site path of this edition's home: {@code /} or {@code /es/}. */
    String root() {
        return "/" + folder();
    }

    private String folder(Language other) {
        return other.equals(languages.get(0)) ? "" : other.tag() + "/";
    }

    String message(String key, Object... arguments) {
        return catalogue.format(key, arguments);
    }

    /** A date as the language writes it in full: "6 December 2026", "6 de diciembre de 2026". */
    String date(LocalDate date) {
        if (date == null) {
            return "";
        }
        DateFormat format = DateFormat.getInstanceForSkeleton("dMMMMy", language.formatLocale());
        format.setTimeZone(com.ibm.icu.util.TimeZone.GMT_ZONE);
        return format.format(Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    String number(long number) {
        return NumberFormat.getInstance(language.formatLocale()).format(number);
    }

    /** A number that may have a fraction (a median of 3.5), as the language writes it. */
    String decimal(double number) {
        return NumberFormat.getInstance(language.formatLocale()).format(number);
    }

    /** A country's name in this language from CLDR; the data file's name in the default language. */
    String countryName(String code, String dataName) {
        return isDefault() ? dataName : new ULocale("", code).getDisplayCountry(language.locale());
    }

    /** A language's name in this language from CLDR; the data file's name in the default language. */
    String languageName(String code, String dataName) {
        if (isDefault()) {
            return dataName;
        }
        String name = new ULocale(code).getDisplayLanguage(language.locale());
        return name.isEmpty() || name.equals(code) ? dataName : name;
    }

    /** A UN M49 region's name in this language from CLDR ("África", "أفريقيا"). */
    String regionName(String dataName) {
        String code = M49Regions.code(dataName).orElse(null);
        return isDefault() || code == null ? dataName : new ULocale("und_" + code).getDisplayCountry(language.locale());
    }

    /** Orders values by a name, as this language sorts ("Österreich" with the O's in German, "Ñ" after "N" in Spanish). */
    <T> Comparator<T> byName(Function<T, String> name) {
        Collator collator = Collator.getInstance(language.locale());
        return Comparator.comparing(name, collator::compare);
    }

    /** What every template sees as {@code lang}. */
    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("tag", language.tag());
        view.put("dir", language.direction());
        view.put("root", root());
        // CloudFront serves index.html for the root only, so other languages link their home by name
        view.put("home", isDefault() ? "/" : root() + "index.html");
        view.put("ogLocale", language.formatLocale().toString().equals("en_001") ? "en_GB" : language.locale().toString());
        Language first = languages.get(0);
        view.put("defaultTag", first.tag());
        view.put("defaultDir", first.direction());
        view.put("defaultName", first.locale().getDisplayLanguage(language.locale()));
        List<Map<String, String>> all = new ArrayList<>();
        for (Language other : languages) {
            all.add(Map.of("tag", other.tag(), "dir", other.direction(), "root", "/" + folder(other), "name", other.ownName()));
        }
        view.put("languages", all);
        return view;
    }
}
