package dev.hubpress.aws.testing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hubpress.aws.Json;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * What aws-ses-v2-local holds of the emails sent to it ({@code GET /store}): one JSON object per
 * email, with {@code from}, {@code destination.to}, {@code subject}, {@code body.text},
 * {@code body.html} and {@code headers} ({@code name}, {@code value}). The store is the emulator's,
 * shared by every test of the JVM, so tests look up addresses of their own. Only the local
 * emulator has it: a test reading it assumes {@link Emulators.Running#external()} is false.
 */
public final class SesStore {

    private SesStore() {
    }

    /** One email the store took, as far as counting goes: its recipients and the second SES took it (epoch seconds). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sent(List<String> to, long at) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Destination(List<String> to) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Stored(Destination destination, long at) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Store(List<Stored> emails) {
    }

    /**
     * Every email the store took from an epoch second on ({@code GET /store?since=}), oldest first,
     * read as a stream without keeping subjects and bodies: cheap for thousands of emails.
     */
    public static List<Sent> sentSince(long epochSecond) throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                Emulators.start().ses().resolve("/store?since=" + epochSecond)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream body = response.body()) {
            Store store = Json.MAPPER.readerFor(Store.class).readValue(body);
            List<Sent> sent = new ArrayList<>();
            for (Stored email : store.emails()) {
                sent.add(new Sent(email.destination() == null || email.destination().to() == null ? List.of()
                        : List.copyOf(email.destination().to()), email.at()));
            }
            return sent;
        }
    }

    /** The emails in the store addressed to someone, oldest first. */
    public static List<JsonNode> emailsTo(String address) throws IOException, InterruptedException {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(Emulators.start().ses().resolve("/store")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode email : Json.MAPPER.readTree(body).path("emails")) {
            for (JsonNode to : email.path("destination").path("to")) {
                if (to.asText().equals(address)) {
                    found.add(email);
                }
            }
        }
        return found;
    }
}
