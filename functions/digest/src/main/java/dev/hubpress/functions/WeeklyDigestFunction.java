package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.SendDigests;

import java.util.Optional;

/**
 * Lambda handler of the weekly EventBridge schedule: sends the weekly subscribers one merged digest
 * of everything since their last one, as of the newest accepted revision. Returns a one-line summary.
 */
public final class WeeklyDigestFunction implements RequestHandler<ScheduledEvent, String> {

    /** The function's name in its logs and the Function dimension of its metrics ({@link DigestRunner#METRICS}). */
    public static final String FUNCTION = "weekly-digest";

    private final DigestRunner runner;

    public WeeklyDigestFunction() {
        this(DigestRunner.fromEnvironment(FUNCTION));
    }

    public WeeklyDigestFunction(DigestRunner runner) {
        this.runner = runner;
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        runner.log().requestId(context == null ? "" : context.getAwsRequestId());
        Optional<SendDigests.Report> report = runner.runLatest(Cadence.WEEKLY);
        return report.map(r -> r.sent() + " sent, " + r.skipped() + " skipped, "
                + (r.failedTransient() + r.failedPermanent()) + " failed").orElse("nothing published yet");
    }
}
