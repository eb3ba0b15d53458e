package org.iln.cli.abuse;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every email address, name and secret key the suite hands to the programme, so that the last
 * test can search all logs for them. Tests record a value where they make it:
 * {@code UsedIdentities.email("ana@example.org")} returns its argument.
 */
public final class UsedIdentities {

    private static final Set<String> PERSONAL = ConcurrentHashMap.newKeySet();
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    private UsedIdentities() {
    }

    /** Records an email address the suite submits; returns it. */
    public static String email(String address) {
        PERSONAL.add(address);
        return address;
    }

    /** Records a name the suite submits; returns it. */
    public static String name(String name) {
        // Names shorter than four characters ("Al") would match ordinary words in any log.
        if (name.strip().length() >= 4) {
            PERSONAL.add(name.strip());
        }
        return name;
    }

    /** Records a secret key in every encoding a log could show it in; returns it. */
    static byte[] secret(byte[] key) {
        SECRETS.add(Base64.getEncoder().encodeToString(key));
        SECRETS.add(Base64.getUrlEncoder().withoutPadding().encodeToString(key));
        SECRETS.add(HexFormat.of().formatHex(key));
        return key;
    }

    static List<String> personal() {
        return List.copyOf(PERSONAL);
    }

    static List<String> secrets() {
        return List.copyOf(SECRETS);
    }
}
