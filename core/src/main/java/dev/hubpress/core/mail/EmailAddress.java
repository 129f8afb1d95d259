package dev.hubpress.core.mail;

import dev.hubpress.core.content.Hashing;

import java.net.IDN;
import java.util.Locale;
import java.util.Set;

/**
 * A normalised, validated mailbox address: {@code local@domain} and nothing else. Parsing trims
 * surrounding white space, lower-cases the domain and turns an internationalised domain into its
 * ASCII (punycode) form, so one mailbox has one spelling and subscribing twice finds the first
 * subscription. The local part keeps its case (RFC 5321 leaves it to the receiving host): the
 * address is delivered to as typed. Which mailbox it reaches is {@link #canonical()}, the key of
 * limits and suppression.
 * Refused: display names ({@code Ann <ann@example.com>}), comments, quoted local parts, white
 * space or control characters anywhere (CR/LF header injection), more or fewer than one
 * {@code @}, a non-ASCII local part (no SMTPUTF8), a domain without a dot, and addresses longer
 * than 254 characters.
 */
public record EmailAddress(String value) {

    public static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL = 64;
    private static final String ATEXT_SPECIALS = "!#$%&'*+/=?^_`{|}~-";

    public EmailAddress {
        if (value == null || !value.equals(normalise(value))) {
            throw new InvalidEmailAddressException();
        }
    }

    /**
     * Validates and normalises an address as typed.
     *
     * @throws InvalidEmailAddressException when it is not one plain address
     */
    public static EmailAddress parse(String raw) {
        String normalised = normalise(raw);
        if (normalised == null) {
            throw new InvalidEmailAddressException();
        }
        return new EmailAddress(normalised);
    }

    /** Whether {@link #parse} would accept it. */
    public static boolean isValid(String raw) {
        return normalise(raw) != null;
    }

    public String localPart() {
        return value.substring(0, value.indexOf('@'));
    }

    public String domain() {
        return value.substring(value.indexOf('@') + 1);
    }

    /** Domains whose mail is Gmail's: one mailbox ignores dots and a {@code +tag} in the local part. */
    static final Set<String> GMAIL = Set.of("gmail.com", "googlemail.com");
    /** Domains that deliver {@code local+tag} to the mailbox {@code local} (Outlook.com's subaddressing). */
    static final Set<String> PLUS_TAGS = Set.of("outlook.com", "hotmail.com", "live.com");

    /**
     * The mailbox this address reaches, as far as we can tell without asking its host: the key of
     * the subscriber directory, the confirmation budgets and suppression, so that another spelling
     * of a suppressed or flooded mailbox is the same mailbox. Conservative (only rules that hold
     * for every mailbox of the domain): the local part in lower case for every domain (no host we
     * know of tells mailboxes apart by case, though RFC 5321 lets one); for {@link #GMAIL} domains,
     * {@code googlemail.com} as {@code gmail.com}, the dots of the local part removed and anything
     * from its first {@code +} on; for {@link #PLUS_TAGS} domains, anything from the first
     * {@code +} on. Nothing else: on other domains dots and {@code +} may tell mailboxes apart.
     */
    public String canonical() {
        String domain = canonicalDomain();
        String local = localPart().toLowerCase(Locale.ROOT);
        if (GMAIL.contains(domain)) {
            local = withoutTag(local).replace(".", "");
        } else if (PLUS_TAGS.contains(domain)) {
            local = withoutTag(local);
        }
        return local + "@" + domain;
    }

    /** The domain of {@link #canonical()}: {@code googlemail.com} is {@code gmail.com}. */
    public String canonicalDomain() {
        return GMAIL.contains(domain()) ? "gmail.com" : domain();
    }

    /** Whether both reach the same mailbox ({@link #canonical()}). */
    public boolean sameMailbox(EmailAddress other) {
        return canonical().equals(other.canonical());
    }

    /**
     * What logs, metrics and error messages say instead of the address: {@code sha256:} and the
     * first 16 hex digits of the SHA-256 of {@link #canonical()}. The same mailbox, however spelt,
     * has the same fingerprint, so an operator can follow one through the logs without reading it.
     */
    public String fingerprint() {
        return fingerprint(canonical());
    }

    /** The fingerprint of any text that must not be logged in clear (an address, a provider's error text). */
    public static String fingerprint(String text) {
        return "sha256:" + Hashing.sha256Hex(text).substring(0, 16);
    }

    private static String withoutTag(String local) {
        int plus = local.indexOf('+');
        return plus > 0 ? local.substring(0, plus) : local;
    }

    @Override
    public String toString() {
        return value;
    }

    /** The normalised form, or null when the text is not one plain address. */
    private static String normalise(String raw) {
        if (raw == null || raw.length() > 4 * MAX_LENGTH || raw.indexOf('\r') >= 0 || raw.indexOf('\n') >= 0) {
            return null;
        }
        String s = raw.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)
                    || Character.isSpaceChar(c)) {
                return null;
            }
        }
        int at = s.indexOf('@');
        if (at <= 0 || at != s.lastIndexOf('@') || at == s.length() - 1) {
            return null;
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        if (!validLocal(local)) {
            return null;
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain.toLowerCase(Locale.ROOT), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!validDomain(ascii)) {
            return null;
        }
        String address = local + "@" + ascii;
        return address.length() <= MAX_LENGTH ? address : null;
    }

    private static boolean validLocal(String local) {
        if (local.isEmpty() || local.length() > MAX_LOCAL || local.startsWith(".") || local.endsWith(".")
                || local.contains("..")) {
            return false;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || ATEXT_SPECIALS.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean validDomain(String domain) {
        if (domain.isEmpty() || domain.length() > 253 || !domain.contains(".")) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    return false;
                }
            }
        }
        // A top-level domain is never all digits: that would be an IP address in disguise.
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    /** The one answer for every malformed address: it says nothing about which rule failed. */
    public static final class InvalidEmailAddressException extends IllegalArgumentException {
        public InvalidEmailAddressException() {
            super("not a valid email address");
        }
    }
}
