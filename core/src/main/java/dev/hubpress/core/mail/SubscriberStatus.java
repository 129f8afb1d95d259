package dev.hubpress.core.mail;

/**
 * Where a subscriber is in the lifecycle. Only CONFIRMED subscribers are ever sent digests.
 * <ul>
 *   <li>PENDING: subscribed, confirmation email sent, not confirmed yet (double opt-in);</li>
 *   <li>CONFIRMED: clicked the confirmation link; gets digests;</li>
 *   <li>PAUSED: confirmed, and asked for no digests until they resume from the preference page;
 *       resuming does not mail what changed meanwhile ({@link ManageSubscription});</li>
 *   <li>UNSUBSCRIBED: left (one-click or the unsubscribe page); may subscribe again;</li>
 *   <li>SUPPRESSED: the address bounced or complained; never mailed again, whatever it asks.</li>
 * </ul>
 */
public enum SubscriberStatus {
    PENDING,
    CONFIRMED,
    PAUSED,
    UNSUBSCRIBED,
    SUPPRESSED
}
