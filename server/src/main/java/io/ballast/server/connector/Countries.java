package io.ballast.server.connector;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The economies an export-control rule names, found by their English names in its text (the ones BIS rules name
 * most), as ISO 3166-1 alpha-3 codes. Hong Kong and Macau are their own codes, as in the Entity List. North Korea is
 * found before Korea, so that it is never read as the Republic of Korea.
 */
final class Countries {

    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        name("PRK", "North Korea", "Democratic People's Republic of Korea", "DPRK");
        name("CHN", "People's Republic of China", "China", "Chinese", "PRC");
        name("HKG", "Hong Kong");
        name("MAC", "Macau", "Macao");
        name("RUS", "Russian Federation", "Russia", "Russian");
        name("BLR", "Belarus", "Belarusian");
        name("IRN", "Iran", "Iranian");
        name("KOR", "Republic of Korea", "South Korea", "Korea");
        name("JPN", "Japan", "Japanese");
        name("DEU", "Germany", "German");
        name("IND", "India");
        name("PAK", "Pakistan");
        name("ARE", "United Arab Emirates", "UAE");
        name("TUR", "Turkey", "Türkiye", "Turkiye");
        name("MMR", "Burma", "Myanmar");
        name("SGP", "Singapore");
        name("TWN", "Taiwan");
        name("VNM", "Vietnam");
        name("ISR", "Israel");
        name("SAU", "Saudi Arabia");
        name("SYR", "Syria");
        name("VEN", "Venezuela");
        name("CUB", "Cuba");
        name("NLD", "Netherlands");
        name("GBR", "United Kingdom");
        name("FRA", "France");
        name("CAN", "Canada");
        name("MYS", "Malaysia");
        name("THA", "Thailand");
        name("ARM", "Armenia");
        name("KGZ", "Kyrgyzstan");
        name("KAZ", "Kazakhstan");
        name("UZB", "Uzbekistan");
        name("AFG", "Afghanistan");
        name("LBN", "Lebanon");
        name("EGY", "Egypt");
    }

    private static void name(String code, String... names) {
        for (String n : names) {
            NAMES.put(n, code);
        }
    }

    private static final Pattern ANY = Pattern.compile("\\b(" + String.join("|", NAMES.keySet().stream()
            .map(Pattern::quote).toList()) + ")\\b");

    private Countries() {
    }

    /** The codes of the economies named in {@code text}, in order of first mention. */
    static List<String> in(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = ANY.matcher(text);
        while (m.find()) {
            out.add(NAMES.get(m.group(1)));
        }
        return List.copyOf(out);
    }

    /** The names that stand for {@code code}. */
    static List<String> namesOf(String code) {
        return NAMES.entrySet().stream().filter(e -> e.getValue().equals(code)).map(Map.Entry::getKey).toList();
    }
}
