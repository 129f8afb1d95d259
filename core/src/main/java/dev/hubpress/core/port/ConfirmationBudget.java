package dev.hubpress.core.port;

import java.time.Instant;

/**
 * Counters of confirmation emails, so that no mailbox, domain or deployment gets more than its
 * budget however the subscribe form is used ({@link dev.hubpress.core.mail.ConfirmationLimits}
 * names the counters). Spending is one atomic conditional write: an UpdateItem that adds 1 on
 * condition that the count is below the limit on DynamoDB, a file rewritten under a lock locally.
 * <p>
 * A counter's name includes its time window, so a new window is a new counter; {@code until} says
 * when the counter may be forgotten (a DynamoDB TTL, a file deleted later). Nothing is ever given
 * back: a unit spent on an email that then failed stays spent, which errs on the side of fewer emails.
 */
public interface ConfirmationBudget {

    /**
     * Spends one unit of the counter if fewer than {@code limit} were spent on it.
     *
     * @param counter what is counted, and in which window (e.g. {@code address:<hash>:<window>})
     * @param limit   how many units the counter allows; 0 allows none
     * @param until   when the counter may be forgotten: the end of its window
     * @return true for the first {@code limit} calls on a counter, however many callers race;
     *         false, changing nothing, after that
     */
    boolean spend(String counter, int limit, Instant until);
}
