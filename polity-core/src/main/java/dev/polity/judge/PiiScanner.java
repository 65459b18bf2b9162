package dev.polity.judge;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data by pattern and, where the format has one, by its check digits, so that a random
 * number of the right length is not taken for an IBAN or an id.
 */
public final class PiiScanner {
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24}\\b");
    // International form (+CC ...) or North American (NPA) NXX-XXXX; digits are counted after matching.
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+])(?:\\+\\d{1,3}[ .-]?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{1,4}(?:[ .-]?\\d{2,4}){2,4}"
                    + "|\\(\\d{3}\\)[ .-]?\\d{3}[ .-]?\\d{4}|\\b\\d{3}[.-]\\d{3}[.-]\\d{4})(?![\\w-])");
    private static final Pattern IBAN = Pattern.compile(
            "\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b");
    private static final Pattern US_SSN = Pattern.compile("\\b(\\d{3})-(\\d{2})-(\\d{4})\\b");
    private static final Pattern UK_NINO = Pattern.compile(
            "\\b([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(\\d{2}) ?(\\d{2}) ?(\\d{2}) ?([A-D])\\b");
    private static final Pattern ES_DNI = Pattern.compile("\\b([XYZ]?)(\\d{7,8})-?([A-Z])\\b");
    private static final Pattern FR_NIR = Pattern.compile(
            "\\b([12]) ?(\\d{2}) ?(\\d{2}) ?(\\d{2}|2[AB]) ?(\\d{3}) ?(\\d{3}) ?(\\d{2})\\b");
    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    private PiiScanner() {
    }

    /** Every match of the requested kinds, in text order; overlapping matches of one kind are not repeated. */
    public static List<PiiMatch> find(String text, Set<PiiKind> kinds) {
        List<PiiMatch> out = new ArrayList<>();
        if (kinds.contains(PiiKind.EMAIL)) {
            scan(EMAIL, text, m -> new PiiMatch(PiiKind.EMAIL, m.start(), m.end(), m.group(), "e-mail address"), out);
        }
        if (kinds.contains(PiiKind.IBAN)) {
            scan(IBAN, text, m -> validIban(m.group())
                    ? new PiiMatch(PiiKind.IBAN, m.start(), m.end(), m.group(), "IBAN") : null, out);
        }
        if (kinds.contains(PiiKind.NATIONAL_ID)) {
            scan(US_SSN, text, m -> validSsn(m.group(1), m.group(2), m.group(3))
                    ? new PiiMatch(PiiKind.NATIONAL_ID, m.start(), m.end(), m.group(), "US SSN") : null, out);
            scan(UK_NINO, text, m -> validNinoPrefix(m.group(1))
                    ? new PiiMatch(PiiKind.NATIONAL_ID, m.start(), m.end(), m.group(), "UK NINO") : null, out);
            scan(ES_DNI, text, m -> validDni(m.group(1), m.group(2), m.group(3))
                    ? new PiiMatch(PiiKind.NATIONAL_ID, m.start(), m.end(), m.group(), m.group(1).isEmpty() ? "ES DNI" : "ES NIE") : null, out);
            scan(FR_NIR, text, m -> validNir(m.group().replace(" ", ""))
                    ? new PiiMatch(PiiKind.NATIONAL_ID, m.start(), m.end(), m.group(), "FR NIR") : null, out);
        }
        if (kinds.contains(PiiKind.PHONE)) {
            scan(PHONE, text, m -> {
                int digits = m.group().replaceAll("\\D", "").length();
                boolean taken = out.stream().anyMatch(p -> p.start() < m.end() && m.start() < p.end());
                return digits >= 9 && digits <= 15 && !taken
                        ? new PiiMatch(PiiKind.PHONE, m.start(), m.end(), m.group(), "phone number") : null;
            }, out);
        }
        out.sort(Comparator.comparingInt(PiiMatch::start));
        return List.copyOf(out);
    }

    private static void scan(Pattern p, String text, java.util.function.Function<Matcher, PiiMatch> f, List<PiiMatch> out) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            PiiMatch hit = f.apply(m);
            if (hit != null) {
                out.add(hit);
            }
        }
    }

    /** ISO 13616 / ISO 7064 MOD 97-10: move the first four characters to the end, letters to 10..35, remainder 1. */
    public static boolean validIban(String iban) {
        String s = iban.replace(" ", "").toUpperCase(Locale.ROOT);
        if (s.length() < 15 || s.length() > 34 || !s.matches("[A-Z]{2}\\d{2}[A-Z0-9]+")) {
            return false;
        }
        String moved = s.substring(4) + s.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : moved.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    // SSA: area 000, 666 and 900-999, group 00 and serial 0000 are never issued.
    static boolean validSsn(String area, String group, String serial) {
        int a = Integer.parseInt(area);
        return a != 0 && a != 666 && a < 900 && !group.equals("00") && !serial.equals("0000");
    }

    // HMRC: the prefixes BG, GB, KN, NK, NT, TN and ZZ are not allocated.
    static boolean validNinoPrefix(String prefix) {
        return !Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ").contains(prefix);
    }

    // Spanish DNI/NIE: the letter is the number mod 23 looked up in a fixed table; NIE's X/Y/Z stand for 0/1/2.
    static boolean validDni(String niePrefix, String number, String letter) {
        String n = switch (niePrefix) {
            case "X" -> "0" + number;
            case "Y" -> "1" + number;
            case "Z" -> "2" + number;
            default -> number;
        };
        if (niePrefix.isEmpty() && number.length() != 8 || !niePrefix.isEmpty() && number.length() != 7) {
            return false;
        }
        return DNI_LETTERS.charAt((int) (Long.parseLong(n) % 23)) == letter.charAt(0);
    }

    // INSEE NIR: the two-digit key is 97 - (the 13-digit number mod 97); Corsica's 2A/2B count as 19/18.
    static boolean validNir(String nir) {
        String body = nir.substring(0, 13).replace("2A", "19").replace("2B", "18");
        if (!body.matches("\\d{13}")) {
            return false;
        }
        long key = 97 - Long.parseLong(body) % 97;
        return key == Long.parseLong(nir.substring(13));
    }
}
