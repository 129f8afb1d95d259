package dev.hubpress.core.mail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailAddressTest {

    @Test
    void trimsLowercasesTheDomainAndKeepsTheLocalPart() {
        // GIVEN an address typed with spaces and capitals WHEN parsed THEN one canonical spelling
        assertThat(EmailAddress.parse("  Ann.Lee+hub@Example.COM \t").value()).isEqualTo("Ann.Lee+hub@example.com");
    }

    @Test
    void internationalisedDomainsBecomePunycode() {
        assertThat(EmailAddress.parse("jorg@Bücher.example").value()).isEqualTo("jorg@xn--bcher-kva.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "ann", "@example.com", "ann@", "ann@@example.com", "ann@b@example.com",
            "Ann Lee <ann@example.com>", "<ann@example.com>", "\"ann\"@example.com", "ann@example.com\r\nBcc: x@evil.test",
            "ann@example.com\n", "an n@example.com", "ann@exa mple.com", "ann@localhost", "ann@example..com",
            "ann@-example.com", "ann.@example.com", ".ann@example.com", "a..b@example.com", "ann@example.com,bob@example.com",
            "ann(comment)@example.com", "ann@[127.0.0.1]", "ann@127.0.0.1", "jörg@example.com", "ann@exam_ple.com"})
    void refusesAnythingButOnePlainAddress(String raw) {
        assertThat(EmailAddress.isValid(raw)).as(raw).isFalse();
        assertThatThrownBy(() -> EmailAddress.parse(raw)).isInstanceOf(EmailAddress.InvalidEmailAddressException.class)
                .hasMessage("not a valid email address");
    }

    @Test
    void refusesAddressesLongerThan254Characters() {
        String domain = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".com";
        assertThat(EmailAddress.isValid("x@" + domain)).as("%d chars", 2 + domain.length()).isFalse();
        String ok = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + ".com";
        assertThat(EmailAddress.isValid("x@" + ok)).isTrue();
        assertThat(EmailAddress.isValid(null)).isFalse();
    }

    @Test
    void theRecordConstructorOnlyTakesNormalisedAddresses() {
        assertThatThrownBy(() -> new EmailAddress("Ann@Example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new EmailAddress("Ann@example.com").domain()).isEqualTo("example.com");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "Ann@Example.com,                  ann@example.com",
            "ANN.LEE+hub@example.com,          ann.lee+hub@example.com",
            "J.Doe+news@gmail.com,             jdoe@gmail.com",
            "j.d.o.e@GoogleMail.com,           jdoe@gmail.com",
            "jdoe+a+b@googlemail.com,          jdoe@gmail.com",
            "Sam+shop@Outlook.com,             sam@outlook.com",
            "sam.x+1@hotmail.com,              sam.x@hotmail.com",
            "sam+1@live.com,                   sam@live.com",
            "sam.x+1@yahoo.com,                sam.x+1@yahoo.com",
            "first.last+tag@company.example,   first.last+tag@company.example",
            "+tag@gmail.com,                   +tag@gmail.com"})
    void theCanonicalFormNamesTheMailboxByTheDocumentedRulesOnly(String typed, String mailbox) {
        // GIVEN an address as typed WHEN its mailbox is asked for THEN case always, dots and tags only where the provider ignores them
        EmailAddress address = EmailAddress.parse(typed);
        assertThat(address.canonical()).isEqualTo(mailbox);
        // AND the address itself is kept as typed, for delivery
        assertThat(address.value()).isEqualTo(typed.substring(0, typed.indexOf('@')) + typed.substring(typed.indexOf('@')).toLowerCase());
    }

    @Test
    void theFingerprintIsTheMailboxsAndRevealsNoPartOfIt() {
        // GIVEN two spellings of one mailbox and another mailbox
        EmailAddress typed = EmailAddress.parse("J.Doe+x@googlemail.com");
        EmailAddress plain = EmailAddress.parse("jdoe@gmail.com");

        // WHEN their fingerprints are taken THEN the same for the same mailbox, short hex, nothing of the address in it
        assertThat(typed.fingerprint()).isEqualTo(plain.fingerprint()).matches("sha256:[0-9a-f]{16}")
                .doesNotContain("jdoe").doesNotContain("gmail");
        assertThat(typed.sameMailbox(plain)).isTrue();
        assertThat(EmailAddress.parse("jdoe@example.com").fingerprint()).isNotEqualTo(plain.fingerprint());
    }
}
