package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.FanOutDigests;
import dev.hubpress.lambda.TimeLeft;

import java.util.Map;
import java.util.Optional;

/**
 * Lambda handler of the weekly schedule: plans the weekly subscribers' digests (one merged digest
 * of everything since their last one) as of the newest revision whose site is published, onto the
 * send queue, as the planner does ({@link DigestRunner#planLatest}); what it has no time for
 * continues on the planner's queue. Returns a one-line summary.
 *
 * <p>Its event is a plain map, not {@code ScheduledEvent}: EventBridge Scheduler (the template's
 * {@code ScheduleV2}, without an {@code Input}) sends {@code "detail": "{}"}, a string, which the
 * managed runtime cannot read into {@code ScheduledEvent}'s map, and fails the invocation before
 * the handler runs (aws-lambda-java-libs issue #479). A map takes that, an EventBridge rule's
 * {@code "detail": {}} and a hand-made {@code sam local invoke} event alike; only the schedule's
 * event id and time are read, for the log.
 */
public final class WeeklyDigestFunction implements RequestHandler<Map<String, Object>, String> {

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
    public String handleRequest(Map<String, Object> event, Context context) {
        runner.log().requestId(context == null ? "" : context.getAwsRequestId());
        Map<String, Object> schedule = event == null ? Map.of() : event;
        runner.log().info("weekly schedule", Map.of("event", String.valueOf(schedule.getOrDefault("id", "")),
                "scheduledAt", String.valueOf(schedule.getOrDefault("time", ""))));
        Optional<FanOutDigests.Summary> plan = runner.planLatest(Cadence.WEEKLY, TimeLeft.moreThan(DigestPlannerFunction.MARGIN, context));
        return plan.map(p -> p.jobs() + " jobs for " + p.recipients() + " subscribers planned"
                + (p.finished() ? "" : ", the rest continues on the plan queue")).orElse("nothing published yet");
    }
}
