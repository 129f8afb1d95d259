package dev.hubpress.it;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dev.hubpress.it.TemplateTest.TEMPLATE;
import static dev.hubpress.it.TemplateTest.list;
import static dev.hubpress.it.TemplateTest.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SNS topics AWS services publish to (CloudWatch alarms, SES event destinations) can be
 * published to: a topic encrypted with the AWS-managed key alias/aws/sns silently drops every
 * alarm and every bounce, because that key's policy cannot let the services' principals use it.
 * Such a topic is unencrypted or encrypted with a customer-managed key of this template whose
 * policy grants the publishing service what SNS needs of it, only on behalf of this account.
 */
class TopicKeysTest {

    /** The topics a service principal publishes to, by topic logical id. */
    static Map<String, String> publishedTopics() {
        Map<String, String> topics = new TreeMap<>();
        map(TEMPLATE.get("Resources")).forEach((name, r) -> {
            Map<String, Object> resource = map(r);
            Map<String, Object> properties = map(resource.get("Properties"));
            if ("AWS::CloudWatch::Alarm".equals(resource.get("Type"))) {
                for (String actions : List.of("AlarmActions", "OKActions", "InsufficientDataActions")) {
                    list(properties.get(actions)).forEach(action -> topics.put(topic(action, name), "cloudwatch.amazonaws.com"));
                }
            }
            if ("AWS::SES::ConfigurationSetEventDestination".equals(resource.get("Type"))) {
                Object topic = map(map(properties.get("EventDestination")).get("SnsDestination")).get("TopicARN");
                if (topic != null) {
                    topics.merge(topic(topic, name), "ses.amazonaws.com", (a, b) -> a + "," + b);
                }
            }
        });
        return topics;
    }

    /** The logical id of the template's topic an action or destination names (!Ref of an SNS topic). */
    private static String topic(Object reference, String where) {
        Object id = map(reference).get("Ref");
        assertThat(id).as(where + " publishes to " + reference + ": a topic of this template (!Ref), whose key this test can see")
                .isInstanceOf(String.class);
        assertThat(map(map(TEMPLATE.get("Resources")).get(id)).get("Type")).as(where + " -> " + id).isEqualTo("AWS::SNS::Topic");
        return (String) id;
    }

    @Test
    void alarmsAndSesPublishToTopics() {
        // GIVEN the template
        // WHEN the topics alarms and SES publish to are listed
        Map<String, String> topics = publishedTopics();

        // THEN there are both kinds (this test checks something)
        assertThat(topics).containsValue("cloudwatch.amazonaws.com").containsValue("ses.amazonaws.com");
    }

    @Test
    void noTopicAServicePublishesToUsesAnAwsManagedKey() {
        // GIVEN the topics alarms and SES publish to
        List<String> wrong = new ArrayList<>();
        Map<String, Object> resources = map(TEMPLATE.get("Resources"));
        publishedTopics().forEach((topic, services) -> {
            // WHEN the key that encrypts each is read
            Object key = map(map(resources.get(topic)).get("Properties")).get("KmsMasterKeyId");
            if (key == null) {
                return; // not encrypted at rest by SNS: every publisher may publish
            }
            // THEN it is a customer-managed key of this template, never alias/aws/… (nor a key it cannot see)
            if (key instanceof String literal) {
                wrong.add(topic + ": " + literal + (literal.startsWith("alias/aws/")
                        ? " is AWS-managed: its policy cannot grant " + services : " is not a key of this template"));
                return;
            }
            Object keyId = map(key).get("Ref");
            Map<String, Object> keyResource = map(resources.get(keyId));
            if (!"AWS::KMS::Key".equals(keyResource.get("Type"))) {
                wrong.add(topic + ": " + key + " is not an AWS::KMS::Key of this template");
                return;
            }
            Map<String, Object> properties = map(keyResource.get("Properties"));
            if (!Boolean.TRUE.equals(properties.get("EnableKeyRotation"))) {
                wrong.add(keyId + ": key rotation is off");
            }
            // AND its policy lets each publishing service generate data keys and decrypt, for this account only
            for (String service : services.split(",")) {
                boolean granted = list(map(properties.get("KeyPolicy")).get("Statement")).stream().map(TemplateTest::map)
                        .anyMatch(statement -> "Allow".equals(statement.get("Effect"))
                                && service.equals(map(statement.get("Principal")).get("Service"))
                                && actions(statement).containsAll(Set.of("kms:GenerateDataKey*", "kms:Decrypt"))
                                && Map.of("Ref", "AWS::AccountId").equals(
                                        map(map(statement.get("Condition")).get("StringEquals")).get("aws:SourceAccount")));
                if (!granted) {
                    wrong.add(keyId + " (key of " + topic + "): no statement lets " + service
                            + " use kms:GenerateDataKey* and kms:Decrypt with aws:SourceAccount = this account");
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    private static List<Object> actions(Map<String, Object> statement) {
        Object action = statement.get("Action");
        return action instanceof String a ? List.of(a) : list(action);
    }
}
