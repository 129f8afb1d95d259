package dev.hubpress.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.MailerException;
import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.port.SendLedger;
import dev.hubpress.core.port.SubscriberDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The email adapters on DynamoDB (dynalite) and SES v2 (aws-ses-v2-local), with the contracts of the ports. */
@ExtendWith(Emulators.class)
class EmailAdaptersIT {

    private static final Instant NOW = Instant.parse("2026-03-14T09:26:53Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final DynamoDbClient dynamo = AwsClients.dynamo();

    private static Subscriber subscriber(String id, String email, SubscriberStatus status, Cadence cadence) {
        return Subscriber.create(id, EmailAddress.parse(email), status, cadence, NOW, 0, null);
    }

    @Test
    void theDirectoryIsConditionalOnAddressAndVersionAndPagesConfirmedSubscribers() {
        DynamoSubscriberDirectory directory = new DynamoSubscriberDirectory(dynamo, AwsFixtures.subscribersTable(dynamo, "subscribers"));

        // create: one address is one subscriber; ids are unique too
        assertThat(directory.create(subscriber("s1", "ann@example.com", SubscriberStatus.PENDING, Cadence.EVERY_UPDATE))).isTrue();
        assertThat(directory.create(subscriber("s2", "ann@example.com", SubscriberStatus.PENDING, Cadence.WEEKLY))).isFalse();
        assertThat(directory.create(subscriber("s1", "other@example.com", SubscriberStatus.PENDING, Cadence.WEEKLY))).isFalse();
        Subscriber ann = directory.find(EmailAddress.parse("ann@example.com")).orElseThrow();
        assertThat(ann.id()).isEqualTo("s1");
        assertThat(ann.version()).isEqualTo(1);
        assertThat(directory.get("s1")).contains(ann);
        assertThat(directory.get("nobody")).isEmpty();

        // update: conditional on the version read
        Subscriber confirmed = ann.withStatus(SubscriberStatus.CONFIRMED, NOW.plusSeconds(5)).withLastDelivered(3, NOW.plusSeconds(5));
        assertThat(directory.update(confirmed)).isTrue();
        assertThat(directory.update(confirmed)).as("a stale version").isFalse();
        Subscriber stored = directory.find(EmailAddress.parse("ann@example.com")).orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.lastDeliveredSeq()).isEqualTo(3);
        assertThat(stored.confirmed()).isTrue();

        // confirmed: only CONFIRMED ones of the cadence, paged without repeats
        for (int i = 0; i < 7; i++) {
            Subscriber s = subscriber("w" + i, "weekly" + i + "@example.com", SubscriberStatus.PENDING, Cadence.WEEKLY);
            directory.create(s);
            if (i != 3) {
                directory.update(directory.get("w" + i).orElseThrow().withStatus(SubscriberStatus.CONFIRMED, NOW));
            }
        }
        directory.create(subscriber("u1", "gone@example.com", SubscriberStatus.UNSUBSCRIBED, Cadence.WEEKLY));
        List<String> weekly = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            SubscriberDirectory.Page page = directory.confirmed(Cadence.WEEKLY, cursor, 2);
            page.items().forEach(s -> weekly.add(s.id()));
            cursor = page.next();
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(weekly).containsExactlyInAnyOrder("w0", "w1", "w2", "w4", "w5", "w6");
        assertThat(new HashSet<>(weekly)).hasSize(weekly.size());
        assertThat(pages).isGreaterThan(1);
        List<String> everyUpdate = new ArrayList<>();
        directory.forEachConfirmed(Cadence.EVERY_UPDATE, s -> everyUpdate.add(s.id()));
        assertThat(everyUpdate).containsExactly("s1");

        // a subscriber that leaves drops out of the confirmed index
        directory.update(directory.get("s1").orElseThrow().withStatus(SubscriberStatus.UNSUBSCRIBED, NOW));
        List<String> after = new ArrayList<>();
        directory.forEachConfirmed(Cadence.EVERY_UPDATE, s -> after.add(s.id()));
        assertThat(after).isEmpty();
    }

    @Test
    void aReservationIsGrantedToExactlyOneOfManyThreadsAndMarksAreRecorded() throws Exception {
        DynamoSendLedger ledger = new DynamoSendLedger(dynamo, AwsFixtures.revisionsTable(dynamo, "ledger"), CLOCK);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            claims.add(() -> ledger.reserve("hub-r0-r3", "s1"));
        }
        int winners = 0;
        for (Future<Boolean> result : pool.invokeAll(claims)) {
            winners += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(winners).isEqualTo(1);
        assertThat(ledger.get("hub-r0-r3", "s1")).contains(new SendLedger.Entry("hub-r0-r3", "s1", SendLedger.State.RESERVED, ""));

        ledger.markSent("hub-r0-r3", "s1", "ses-message-1");
        assertThat(ledger.get("hub-r0-r3", "s1").orElseThrow().state()).isEqualTo(SendLedger.State.SENT);
        assertThat(ledger.reserve("hub-r0-r3", "s1")).as("never twice, whatever became of it").isFalse();

        assertThat(ledger.reserve("hub-r0-r3", "s2")).isTrue();
        ledger.markFailed("hub-r0-r3", "s2", SendLedger.Failure.PERMANENT, "MessageRejected");
        assertThat(ledger.get("hub-r0-r3", "s2")).contains(
                new SendLedger.Entry("hub-r0-r3", "s2", SendLedger.State.FAILED_PERMANENT, "MessageRejected"));
        assertThat(ledger.get("other", "s1")).isEmpty();

        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = dynamo.getItem(b -> b
                .tableName(dynamo.listTables().tableNames().stream().filter(t -> t.startsWith("ledger-")).findFirst().orElseThrow())
                .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("DIGEST#hub-r0-r3"),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("SUB#s1")))).item();
        assertThat(Long.parseLong(item.get(DynamoSendLedger.EXPIRES_AT).n()))
                .isEqualTo(NOW.plus(DynamoSendLedger.RETENTION).getEpochSecond());
    }

    @Test
    void sesSendsSimpleContentWithTheListUnsubscribeHeaders() throws Exception {
        Emulators.Running emulators = Emulators.start();
        assumeFalse(emulators.external(), "the SES store is aws-ses-v2-local's");
        SesMailer mailer = new SesMailer(SesClients.ses(), null);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<https://hub.test/api/unsubscribe?t=abc>, <mailto:unsubscribe@hub.test?subject=abc>");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        String to = "reader-" + System.nanoTime() + "@example.com";
        OutgoingEmail email = new OutgoingEmail(new OutgoingEmail.Mailbox(EmailAddress.parse("digest@hub.test"), "Backend Engineer Hub — Digest"),
                EmailAddress.parse(to), "3 pages updated", "<p>Hello</p>", "Hello", headers, NOW, "m1@hub.test", "k1");

        String messageId = mailer.send(email);

        assertThat(messageId).isNotBlank();
        JsonNode store = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(emulators.ses() + "/store")).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        JsonNode sent = null;
        for (JsonNode e : store.path("emails")) {
            if (e.toString().contains(to)) {
                sent = e;
            }
        }
        assertThat(sent).as("the email in the SES emulator's store").isNotNull();
        String text = sent.toString();
        assertThat(text).contains("3 pages updated").contains("<p>Hello</p>").contains("List-Unsubscribe-Post")
                .contains("List-Unsubscribe=One-Click").contains("https://hub.test/api/unsubscribe?t=abc");
    }

    @Test
    void mailboxesWithNonAsciiNamesAreEncodedWords() {
        assertThat(SesMailer.mailbox(new OutgoingEmail.Mailbox(EmailAddress.parse("a@hub.test"), "Hub"))).isEqualTo("Hub <a@hub.test>");
        assertThat(SesMailer.mailbox(new OutgoingEmail.Mailbox(EmailAddress.parse("a@hub.test"), "Hub — Digest")))
                .startsWith("=?UTF-8?B?").endsWith("?= <a@hub.test>");
        assertThat(SesMailer.mailbox(new OutgoingEmail.Mailbox(EmailAddress.parse("a@hub.test"), ""))).isEqualTo("a@hub.test");
    }

    @Test
    void sesErrorsMapOntoThrottledTransientAndPermanent() {
        OutgoingEmail email = new OutgoingEmail(new OutgoingEmail.Mailbox(EmailAddress.parse("digest@hub.test"), "Hub"),
                EmailAddress.parse("x@example.com"), "s", "<p>h</p>", "t", Map.of(), NOW, "m@hub.test", "k");
        Map<RuntimeException, Class<?>> cases = new LinkedHashMap<>();
        cases.put(software.amazon.awssdk.services.sesv2.model.TooManyRequestsException.builder().message("slow down").statusCode(429).build(),
                MailerException.Throttled.class);
        cases.put(software.amazon.awssdk.services.sesv2.model.MessageRejectedException.builder().message("rejected").statusCode(400).build(),
                MailerException.Permanent.class);
        cases.put(software.amazon.awssdk.services.sesv2.model.SendingPausedException.builder().message("paused").statusCode(400).build(),
                MailerException.Permanent.class);
        cases.put((RuntimeException) software.amazon.awssdk.services.sesv2.model.SesV2Exception.builder().message("oops").statusCode(503).build(),
                MailerException.Transient.class);
        cases.put(software.amazon.awssdk.core.exception.SdkClientException.create("connection reset"), MailerException.Transient.class);
        cases.forEach((thrown, expected) -> {
            software.amazon.awssdk.services.sesv2.SesV2Client failing = (software.amazon.awssdk.services.sesv2.SesV2Client)
                    java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                            new Class<?>[] {software.amazon.awssdk.services.sesv2.SesV2Client.class}, (proxy, method, args) -> {
                                if (method.getName().equals("sendEmail")) {
                                    throw thrown;
                                }
                                throw new UnsupportedOperationException(method.getName());
                            });
            assertThatThrownBy(() -> new SesMailer(failing, "set").send(email)).as(thrown.toString()).isInstanceOf(expected);
        });
    }
}
