package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.FanOutDigests;
import dev.hubpress.lambda.TimeLeft;

import java.util.Optional;

/**
 * Lambda handler of the weekly EventBridge schedule: plans the weekly subscribers' digests (one
 * merged digest of everything since their last one) as of the newest revision whose site is
 * published, onto the send queue, as the planner does ({@link DigestRunner#planLatest}); what it
 * has no time for continues on the planner's queue. Returns a one-line summary.
 */
public final class WeeklyDigestFunction implements RequestHandler<ScheduledEvent, String> {

    /** The function's name in its logs and the Function dimension of its metrics ({@link DigestRunner#PLANNER_METRICS}). */
    public static final String FUNCTION = "weekly-digest";

    private final DigestRunner runner;

    public WeeklyDigestFunction() {
        this(DigestPlannerFunction.fromEnvironment(FUNCTION));
    }

    public WeeklyDigestFunction(DigestRunner runner) {
        this.runner = runner;
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        runner.log().requestId(context == null ? "" : context.getAwsRequestId());
        Optional<FanOutDigests.Summary> plan = runner.planLatest(Cadence.WEEKLY, TimeLeft.moreThan(DigestPlannerFunction.MARGIN, context));
        return plan.map(p -> p.jobs() + " jobs for " + p.recipients() + " subscribers planned"
                + (p.finished() ? "" : ", the rest continues on the plan queue")).orElse("nothing published yet");
    }
}
