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
        assertThat(EmailAddress.parse("ann@example.com").masked()).isEqualTo("a•••@example.com");
    }
}
