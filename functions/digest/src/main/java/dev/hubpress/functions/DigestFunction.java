package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.hubpress.lambda.RevisionRecords;
import dev.hubpress.core.mail.Cadence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda handler of the revisions stream (filtered to new accepted revisions): sends the
 * every-update subscribers their digest of each revision. Records are handled in order; at the
 * first failure the handler reports that record and stops, so Lambda retries from it. A retry
 * sends nobody a digest twice: the send ledger's reservations hold.
 */
public final class DigestFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    /** The function's name in its logs and the Function dimension of its metrics ({@link DigestRunner#METRICS}). */
    public static final String FUNCTION = "digest";

    private final DigestRunner runner;

    /** The Lambda runtime's constructor: clients, tables and the token secret from the environment, once per container. */
    public DigestFunction() {
        this(DigestRunner.fromEnvironment(FUNCTION));
    }

    public DigestFunction(DigestRunner runner) {
        this.runner = runner;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        runner.log().requestId(context == null ? "" : context.getAwsRequestId());
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords() == null ? List.<DynamodbEvent.DynamodbStreamRecord>of() : event.getRecords()) {
            Optional<RevisionRecords.RevisionRef> ref = RevisionRecords.newAcceptedRevision(record);
            if (ref.isEmpty()) {
                continue;
            }
            try {
                runner.run(ref.get().hub(), ref.get().seq(), Cadence.EVERY_UPDATE);
            } catch (RuntimeException e) {
                runner.log().error("digest of " + ref.get().id() + " failed; Lambda retries from this record",
                        Map.of("hub", ref.get().hub(), "revision", ref.get().id(), "error", String.valueOf(e.getMessage())));
                failures.add(StreamsEventResponse.BatchItemFailure.builder()
                        .withItemIdentifier(record.getDynamodb().getSequenceNumber()).build());
                break;
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }
}
