package dev.hubpress.aws.testing;

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
