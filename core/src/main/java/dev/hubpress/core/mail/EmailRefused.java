package dev.hubpress.core.mail;

/**
 * An email its composer's quality gate refused: it is not sent and nothing is recorded for it (no
 * ledger reservation, no delivered revision), so it goes out once the gate passes it. The message
 * is one line naming the rule, and it names no recipient.
 */
public final class EmailRefused extends RuntimeException {

    private final String rule;

    /**
     * @param email  what the email is, without an address: {@code digest hub.r4-r6}, {@code confirmation}
     * @param rule   the rule's name, e.g. {@code preheader}
     * @param detail what broke it
     */
    public EmailRefused(String email, String rule, String detail) {
        super("email refused: " + email + ": " + rule + ": " + detail);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
