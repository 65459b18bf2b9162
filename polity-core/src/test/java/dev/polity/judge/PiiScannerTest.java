package dev.polity.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiiScannerTest {
    static final EnumSet<PiiKind> ALL = EnumSet.allOf(PiiKind.class);

    @Test
    void ibanNeedsItsCheckDigits() {
        // The worked example of ISO 13616 / the ECBS: GB82 WEST 1234 5698 7654 32 is valid.
        assertTrue(PiiScanner.validIban("GB82 WEST 1234 5698 7654 32"));
        assertTrue(PiiScanner.validIban("DE89370400440532013000"));
        assertFalse(PiiScanner.validIban("GB82 WEST 1234 5698 7654 33"));
        assertFalse(PiiScanner.validIban("DE89370400440532013001"));
        List<PiiMatch> found = PiiScanner.find("Pay to DE89 3704 0044 0532 0130 00 today, not DE89 3704 0044 0532 0130 01.", ALL);
        assertEquals(1, found.stream().filter(m -> m.kind() == PiiKind.IBAN).count());
    }

    @Test
    void findsEmailsAndPhones() {
        List<PiiMatch> f = PiiScanner.find("Write to ana.lopez+news@example.co.uk or call +49 30 1234 5678.", ALL);
        assertEquals(List.of(PiiKind.EMAIL, PiiKind.PHONE), f.stream().map(PiiMatch::kind).toList());
        assertEquals("ana.lopez+news@example.co.uk", f.get(0).value());
        assertTrue(PiiScanner.find("In 1999 we sold 12 units for 45.50 each.", ALL).isEmpty());
        assertEquals(PiiKind.PHONE, PiiScanner.find("Call (415) 555-0132 now", ALL).get(0).kind());
    }

    @Test
    void nationalIdsWithTheirRules() {
        assertEquals("US SSN", PiiScanner.find("SSN 123-45-6789", ALL).get(0).label());
        assertTrue(PiiScanner.find("SSN 666-45-6789 and 123-00-6789", EnumSet.of(PiiKind.NATIONAL_ID)).isEmpty());
        // 12345678 mod 23 = 14 -> 'Z'
        assertEquals("ES DNI", PiiScanner.find("DNI 12345678Z", ALL).get(0).label());
        assertTrue(PiiScanner.find("DNI 12345678A", EnumSet.of(PiiKind.NATIONAL_ID)).isEmpty());
        assertEquals("UK NINO", PiiScanner.find("NI number AB 12 34 56 C", ALL).get(0).label());
        assertTrue(PiiScanner.find("NI number GB 12 34 56 C", EnumSet.of(PiiKind.NATIONAL_ID)).isEmpty());
        // 1840275123456 mod 97 = 23 -> key 74
        assertTrue(PiiScanner.validNir("184027512345674"));
        assertFalse(PiiScanner.validNir("184027512345675"));
    }
}
