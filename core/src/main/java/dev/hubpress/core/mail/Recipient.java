package dev.hubpress.core.mail;

/**
 * One subscriber as a digest addresses them: the tokens for their links and the key that makes
 * this (digest, subscriber) send recognisable.
 *
 * @param idempotencyKey {@link dev.hubpress.core.port.SendLedger#idempotencyKey}
 */
public record Recipient(Subscriber subscriber, String unsubscribeToken, String manageToken, String idempotencyKey) {
}
