package dev.hubpress.core.testing;

import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.port.Mailer;
import dev.hubpress.core.port.MailerContract;

import java.util.List;

/** The recording mailer keeps the port's contract: what it records is what a provider would deliver. */
class RecordingMailerTest extends MailerContract {

    @Override
    protected Mailer createMailer() {
        return new RecordingMailer();
    }

    @Override
    protected List<Delivered> deliveredTo(EmailAddress address) {
        return ((RecordingMailer) mailer).sent().stream().filter(e -> e.to().equals(address))
                .map(e -> new Delivered(e.from().address().value(), e.to().value(), e.subject(), e.text(), e.html(), e.headers()))
                .toList();
    }
}
