package dev.hubpress.it;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.hubpress.it.TemplateTest.TEMPLATE;
import static dev.hubpress.it.TemplateTest.list;
import static dev.hubpress.it.TemplateTest.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sending identity: a domain with Easy DKIM and a custom MAIL FROM (SPF and DKIM aligned
 * with the From domain, as Gmail, Yahoo and Outlook.com require of bulk senders), or a single
 * address; created by one stack per account, and the only sender the functions may use.
 */
class SesIdentityTest {

    private static final String ACCOUNT = SamTranslation.ACCOUNT_ID;

    private static Map<String, Object> resource(String name) {
        return map(map(TEMPLATE.get("Resources")).get(name));
    }

    @Test
    void aDomainIdentitySignsWithEasyDkimAndBouncesToItsOwnMailFromDomain() {
        // GIVEN the stack of a hub that sends from example.com
        StackValues stack = StackValues.ofTemplate("hubpress-prod", Map.of("SenderDomain", "example.com",
                "SenderAddress", "digest@example.com"));

        // WHEN its identities are created
        Map<String, Object> domain = resource("SenderDomainIdentity");
        Map<String, Object> properties = map(domain.get("Properties"));

        // THEN the domain is the identity (not the address), DKIM signs with a 2048-bit key, MAIL FROM is bounce.example.com
        assertThat(stack.creates(domain)).isTrue();
        assertThat(stack.creates(resource("SenderIdentity"))).isFalse();
        assertThat(stack.evaluate(properties.get("EmailIdentity"))).isEqualTo("example.com");
        assertThat(map(properties.get("DkimAttributes")).get("SigningEnabled")).isEqualTo(true);
        assertThat(map(properties.get("DkimSigningAttributes")).get("NextSigningKeyLength")).isEqualTo("RSA_2048_BIT");
        List<Object> mailFrom = list(map(properties.get("MailFromAttributes")).get("Fn::If"));
        assertThat(stack.holds((String) mailFrom.get(0))).isTrue();
        assertThat(stack.evaluate(map(mailFrom.get(1)).get("MailFromDomain"))).isEqualTo("bounce.example.com");
        // AND the stack gives the DNS records to publish: DKIM, MAIL FROM (MX and SPF) and DMARC
        Map<String, Object> outputs = map(TEMPLATE.get("Outputs"));
        for (String output : List.of("SenderDkimRecords", "SenderMailFromRecords", "SenderDmarcRecord")) {
            assertThat(stack.holds((String) map(outputs.get(output)).get("Condition"))).as(output).isTrue();
        }
        assertThat(stack.evaluate(map(outputs.get("SenderMailFromRecords")).get("Value")))
                .contains("bounce.example.com MX 10 feedback-smtp.us-east-1.amazonses.com")
                .contains("bounce.example.com TXT \"v=spf1 include:amazonses.com ~all\"");
        assertThat(stack.evaluate(map(outputs.get("SenderDmarcRecord")).get("Value"))).startsWith("_dmarc.example.com TXT \"v=DMARC1;");
    }

    @Test
    void aSingleAddressStillWorksAndASecondStageReusesTheIdentity() {
        // GIVEN a stack sending from one address, one without a sender, and a second stage of the same domain
        StackValues address = StackValues.ofTemplate("hubpress-dev", Map.of("SenderAddress", "me@example.org"));
        StackValues none = StackValues.ofTemplate("hubpress-dev", Map.of());
        StackValues second = StackValues.ofTemplate("hubpress-dev", Map.of("SenderDomain", "example.com",
                "CreateSenderIdentity", "false"));

        // WHEN their identities are created
        // THEN the address gets an email identity, no sender none, and the second stage leaves the first one's alone
        assertThat(address.creates(resource("SenderIdentity"))).isTrue();
        assertThat(address.creates(resource("SenderDomainIdentity"))).isFalse();
        assertThat(address.evaluate(map(resource("SenderIdentity").get("Properties")).get("EmailIdentity"))).isEqualTo("me@example.org");
        for (StackValues stack : List.of(none, second)) {
            assertThat(stack.creates(resource("SenderIdentity"))).isFalse();
            assertThat(stack.creates(resource("SenderDomainIdentity"))).isFalse();
        }
    }

    /** The send policy's resources and From condition as that stack has them. */
    private static List<String> sendPolicy(StackValues stack) {
        Map<String, Object> statement = map(list(map(map(resource("MailSendPolicy").get("Properties")).get("PolicyDocument"))
                .get("Statement")).get(0));
        assertThat(statement.get("Action")).isEqualTo("ses:SendEmail");
        List<String> granted = new ArrayList<>();
        list(statement.get("Resource")).stream().map(stack::evaluate).filter(Objects::nonNull).forEach(granted::add);
        granted.add("From " + stack.evaluate(map(map(statement.get("Condition")).get("StringLike")).get("ses:FromAddress")));
        return granted;
    }

    @Test
    void theFunctionsMaySendOnlyAsTheConfiguredSender() {
        String ses = "arn:aws:ses:us-east-1:" + ACCOUNT + ":";
        // GIVEN a domain sender, an address sender, and a domain sender in the SES sandbox
        // WHEN the send policy is evaluated for each
        // THEN it names that identity and the stack's configuration set, and the From address it allows
        assertThat(sendPolicy(StackValues.ofTemplate("s", Map.of("SenderDomain", "example.com", "SenderAddress", "digest@example.com"))))
                .containsExactly(ses + "identity/example.com", ses + "configuration-set/s/MailConfigurationSet", "From digest@example.com");
        assertThat(sendPolicy(StackValues.ofTemplate("s", Map.of("SenderDomain", "example.com"))))
                .containsExactly(ses + "identity/example.com", ses + "configuration-set/s/MailConfigurationSet", "From *@example.com");
        assertThat(sendPolicy(StackValues.ofTemplate("s", Map.of("SenderAddress", "me@example.org"))))
                .containsExactly(ses + "identity/me@example.org", ses + "configuration-set/s/MailConfigurationSet", "From me@example.org");
        // AND in the sandbox SES also authorises the verified recipients' identities, still only from that sender
        assertThat(sendPolicy(StackValues.ofTemplate("s", Map.of("SenderAddress", "me@example.org", "SesSandbox", "true"))))
                .containsExactly(ses + "identity/me@example.org", ses + "identity/*", ses + "configuration-set/s/MailConfigurationSet",
                        "From me@example.org");
    }
}
