package dev.hubpress.core.mail;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a hub's mail comes from and where the links in it lead: deployment configuration (the
 * stack's parameters on AWS, the environment of {@code ./hub}), never content. An editor can change
 * {@code hub.yaml}; letting it name the sender or the endpoints that receive subscribers' tokens
 * would let content send as anyone the stack may send as, or collect every reader's tokens.
 *
 * @param from              the sender address; the stack may send from this identity only
 * @param apiBaseUrl        the subscription endpoints ({@code /confirm}, {@code /unsubscribe},
 *                          {@code /manage}): an absolute http(s) URL without query, fragment or trailing slash
 * @param unsubscribeMailto the mailto address of {@code List-Unsubscribe}, when someone reads it
 */
public record MailRouting(EmailAddress from, String apiBaseUrl, Optional<EmailAddress> unsubscribeMailto) {

    private static final String URL = "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$'()*+,;=:@/-]*)?";

    public MailRouting {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(unsubscribeMailto, "unsubscribeMailto");
        if (apiBaseUrl == null || !apiBaseUrl.matches(URL) || apiBaseUrl.endsWith("/")) {
            throw new IllegalArgumentException("the API base URL must be an absolute http(s) URL without query, fragment"
                    + " or trailing slash, e.g. https://hub.example.com/api, not '" + apiBaseUrl + "'");
        }
    }

    /**
     * Routing from configuration values as given (environment variables, stack parameters); an
     * empty or missing unsubscribe address means none.
     *
     * @throws IllegalArgumentException saying which value is not valid
     */
    public static MailRouting of(String from, String apiBaseUrl, String unsubscribeMailto) {
        return new MailRouting(address(from, "the sender"), apiBaseUrl,
                unsubscribeMailto == null || unsubscribeMailto.isBlank() ? Optional.empty()
                        : Optional.of(address(unsubscribeMailto, "the unsubscribe address")));
    }

    private static EmailAddress address(String raw, String what) {
        if (raw == null || !EmailAddress.isValid(raw)) {
            throw new IllegalArgumentException(what + " must be one plain email address, not '" + raw + "'");
        }
        return EmailAddress.parse(raw);
    }

    /** The host that names the hub's mail (Message-ID, List-Id): the sender's domain. */
    public String host() {
        return from.domain();
    }

    public String unsubscribeUrl(String token) {
        return apiBaseUrl + "/unsubscribe?token=" + token;
    }

    public String manageUrl(String token) {
        return apiBaseUrl + "/manage?token=" + token;
    }

    public String confirmUrl(String token) {
        return apiBaseUrl + "/confirm?token=" + token;
    }
}
