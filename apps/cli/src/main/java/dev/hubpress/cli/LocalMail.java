package dev.hubpress.cli;

import dev.hubpress.local.FileBlobStore;
import dev.hubpress.local.FileSendLedger;
import dev.hubpress.local.FileSubscriberDirectory;
import dev.hubpress.local.JsonLinesRevisionLog;
import dev.hubpress.local.OutboxMailer;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.load.HubLoader;
import dev.hubpress.core.mail.MailRouting;
import dev.hubpress.core.mail.Tokens;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.publish.PublishRevision;
import dev.hubpress.core.revision.Announcements;
import dev.hubpress.core.revision.Revision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded email stores of one output folder: subscribers in {@code state/subscribers/}, the
 * send ledger in {@code state/ledger/}, the token secret in {@code state/token-secret} (made on
 * first use; {@code HUB_TOKEN_SECRET} overrides it) and the outbox in {@code outbox/}.
 */
final class LocalMail {

    /** Environment variable with the token secret (at least 32 characters). */
    static final String SECRET_ENV = "HUB_TOKEN_SECRET";
    /** Environment variables of where mail comes from and its links lead: the deployment's, never content's. */
    static final String MAIL_FROM_ENV = "HUB_MAIL_FROM";
    static final String API_BASE_URL_ENV = "HUB_API_BASE_URL";
    static final String UNSUBSCRIBE_MAILTO_ENV = "HUB_UNSUBSCRIBE_MAILTO";
    /**
     * Without them, local mail says plainly that it goes nowhere: the .invalid names (RFC 2606) of
     * an outbox nobody sends.
     */
    static final String DEFAULT_MAIL_FROM = "digest@hub.invalid";
    static final String DEFAULT_API_BASE_URL = "https://hub.invalid/api";

    final Path out;
    final Path state;
    final String hubId;
    final Clock clock;
    final FileSubscriberDirectory directory;
    final FileSendLedger ledger;
    final OutboxMailer outbox;
    final JsonLinesRevisionLog log;
    private final Map<String, String> env;

    LocalMail(Path out, String hubId, Clock clock, Map<String, String> env, Consumer<String> warnings) {
        this.out = out;
        this.state = out.resolve("state");
        this.hubId = hubId;
        this.clock = clock;
        this.env = env;
        this.directory = new FileSubscriberDirectory(state.resolve("subscribers"));
        this.ledger = new FileSendLedger(state.resolve("ledger"));
        this.outbox = new OutboxMailer(out.resolve("outbox"));
        this.log = new JsonLinesRevisionLog(state.resolve("revisions.jsonl"), warnings);
    }

    /**
     * The revision digests announce: the newest accepted one whose site is published
     * ({@link Announcements}), so that no digest links to a page the site does not have yet.
     */
    Optional<Revision> head() {
        return Announcements.newestPublished(log.recent(hubId, PublishRevision.HISTORY).accepted());
    }

    /** The hub as of a revision, from the content snapshots. */
    Hub hub(Revision revision) {
        Snapshots snapshots = new Snapshots(new FileBlobStore(state.resolve("blobs")));
        return new HubLoader(new ContentReader(MarkdownEngine.standard())).load(snapshots.load(revision.manifest()));
    }

    /** The sender and the links' endpoints, from the environment ({@link #MAIL_FROM_ENV} …), else the .invalid defaults. */
    MailRouting routing() {
        try {
            return MailRouting.of(env.getOrDefault(MAIL_FROM_ENV, DEFAULT_MAIL_FROM),
                    env.getOrDefault(API_BASE_URL_ENV, DEFAULT_API_BASE_URL), env.get(UNSUBSCRIBE_MAILTO_ENV));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MAIL_FROM_ENV + ", " + API_BASE_URL_ENV + ", " + UNSUBSCRIBE_MAILTO_ENV + ": " + e.getMessage(), e);
        }
    }

    Tokens tokens() {
        return new Tokens(secret(), Tokens.DEFAULT_CONFIRM_VALIDITY, clock);
    }

    private byte[] secret() {
        String fromEnv = env.get(SECRET_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            byte[] bytes = fromEnv.strip().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < Tokens.MIN_SECRET_BYTES) {
                throw new IllegalArgumentException(SECRET_ENV + " must be at least " + Tokens.MIN_SECRET_BYTES + " characters");
            }
            return bytes;
        }
        Path file = state.resolve("token-secret");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(state);
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                try {
                    Files.write(file, HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE_NEW);
                    try {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException ignored) {
                        // not a POSIX filesystem
                    }
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs
                }
            }
            byte[] secret = Files.readAllBytes(file);
            if (secret.length < Tokens.MIN_SECRET_BYTES) {
                throw new IllegalStateException(file + " holds fewer than " + Tokens.MIN_SECRET_BYTES + " bytes; delete it to make a new one");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token secret " + file + ": " + e.getMessage(), e);
        }
    }
}
