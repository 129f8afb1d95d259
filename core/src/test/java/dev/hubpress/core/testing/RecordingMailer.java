package dev.hubpress.core.testing;

import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.port.Mailer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A {@link Mailer} that keeps what it sent. {@link #failAt} scripts a failure for the n-th call
 * (1-based, counting every call, failed ones included): a {@code MailerException} to exercise
 * retries, or an {@link Error} such as {@link Crash} to kill the run mid-way.
 */
public final class RecordingMailer implements Mailer {

    /** Stands for the process dying: nothing catches it. */
    public static final class Crash extends Error {
        public Crash(String message) {
            super(message);
        }
    }

    private final List<OutgoingEmail> sent = new ArrayList<>();
    private final Map<Integer, Supplier<? extends Throwable>> failures = new ConcurrentHashMap<>();
    private int calls;

    public RecordingMailer failAt(int call, Supplier<? extends Throwable> failure) {
        failures.put(call, failure);
        return this;
    }

    @Override
    public String send(OutgoingEmail email) {
        Supplier<? extends Throwable> failure;
        synchronized (this) {
            calls++;
            failure = failures.remove(calls);
            if (failure == null) {
                sent.add(email);
                return "msg-" + calls;
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        throw (Error) t;
    }

    public synchronized List<OutgoingEmail> sent() {
        return List.copyOf(sent);
    }

    public synchronized int calls() {
        return calls;
    }

    /** Recipients of the sent emails, in order. */
    public synchronized List<String> recipients() {
        return sent.stream().map(e -> e.to().value()).toList();
    }
}
