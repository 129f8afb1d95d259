package dev.hubpress.aws;

import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.MailerException;
import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.port.Mailer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Sends through SES v2 with Simple content (subject, HTML and text parts) and the email's own
 * headers ({@code List-Unsubscribe}, {@code List-Unsubscribe-Post}) passed verbatim, in the
 * configuration set that publishes bounces and complaints. SES has no idempotency key: the send
 * ledger's reservation is what keeps a digest from going out twice. Errors map onto the port's
 * three kinds: throttling, transient (network, 5xx), permanent (rejected, paused, unverified), and
 * say nothing of SES's error text or the addresses in it ({@link #describe}). One {@link #send}
 * is one SendEmail request (the client from {@link SesClients} does not retry): the caller backs off.
 */
public final class SesMailer implements Mailer {

    private final SesV2Client ses;
    private final String configurationSet;

    /** @param configurationSet the configuration set's name, or null for none */
    public SesMailer(SesV2Client ses, String configurationSet) {
        this.ses = ses;
        this.configurationSet = configurationSet == null || configurationSet.isBlank() ? null : configurationSet;
    }

    @Override
    public String send(OutgoingEmail email) {
        List<MessageHeader> headers = new ArrayList<>();
        email.headers().forEach((name, value) -> headers.add(MessageHeader.builder().name(name).value(value).build()));
        SendEmailRequest request = SendEmailRequest.builder()
                .fromEmailAddress(mailbox(email.from()))
                .destination(d -> d.toAddresses(email.to().value()))
                .configurationSetName(configurationSet)
                .content(c -> c.simple(m -> m
                        .subject(s -> s.data(email.subject()).charset("UTF-8"))
                        .body(b -> b.html(h -> h.data(email.html()).charset("UTF-8"))
                                .text(t -> t.data(email.text()).charset("UTF-8")))
                        .headers(headers)))
                .build();
        try {
            return ses.sendEmail(request).messageId();
        } catch (TooManyRequestsException | LimitExceededException e) {
            throw new MailerException.Throttled(describe(e));
        } catch (MessageRejectedException | MailFromDomainNotVerifiedException | SendingPausedException
                 | AccountSuspendedException e) {
            throw new MailerException.Permanent(describe(e));
        } catch (SesV2Exception e) {
            if (e.statusCode() == 429) {
                throw new MailerException.Throttled(describe(e));
            }
            if (e.statusCode() >= 500) {
                throw new MailerException.Transient(describe(e));
            }
            throw new MailerException.Permanent(describe(e));
        } catch (SdkClientException e) {
            throw new MailerException.Transient(describe(e));
        }
    }

    /**
     * The account's maximum send rate, emails per second ({@code GetAccount} → {@code SendQuota.MaxSendRate}):
     * what the digest senders pace themselves to, together.
     */
    public double maxSendRate() {
        return ses.getAccount(b -> { }).sendQuota().maxSendRate();
    }

    /**
     * What a failure may say where it ends up (the function's log, the send ledger's entry, the
     * stack trace Lambda prints): the kind of error, SES's status and request id, and a fingerprint
     * of SES's text, never the text. SES's messages name addresses ("… failed the check in region
     * US-EAST-1: reader@example.com"). The SDK's exception is not attached as the cause, as its
     * message holds that text; the request id finds the call in SES's records, the fingerprint
     * tells equal texts apart.
     */
    static String describe(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            String text = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorMessage();
            return "SES " + (code == null ? e.getClass().getSimpleName() : code) + " (HTTP " + service.statusCode()
                    + ", request " + service.requestId() + "; text " + EmailAddress.fingerprint(String.valueOf(text)) + ")";
        }
        return "SES not reached: " + e.getClass().getSimpleName() + " (text " + EmailAddress.fingerprint(String.valueOf(e.getMessage())) + ")";
    }

    /** {@code Name <address>}, the name as an RFC 2047 encoded word when it is not plain ASCII. */
    static String mailbox(OutgoingEmail.Mailbox from) {
        String name = from.name();
        if (name.isEmpty()) {
            return from.address().value();
        }
        boolean plain = name.chars().allMatch(c -> c >= 0x20 && c < 0x7f && "\"\\()<>@,;:[]".indexOf(c) < 0);
        String shown = plain ? name
                : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8)) + "?=";
        return shown + " <" + from.address().value() + ">";
    }
}
