package dev.hubpress.it;

import dev.hubpress.it.SamTranslation.Environment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.hubpress.it.TemplateTest.TEMPLATE;
import static dev.hubpress.it.TemplateTest.list;
import static dev.hubpress.it.TemplateTest.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The links in emails work as deployed: hub.yaml's apiBaseUrl defaults to the site's baseUrl +
 * /api, and CloudFront routes /api/* to the subscription API, uncached and with what the API
 * reads (the token in the query string, the form body's headers). One-click unsubscribe has a
 * throttle of its own, and every request is in the API's access log.
 */
class SubscriptionApiTest {

    /** Managed CachingDisabled. */
    static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    /** Managed AllViewerExceptHostHeader: all headers but Host, all query strings and cookies. */
    static final String ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

    private static Map<String, Object> properties(String resource) {
        return map(map(map(TEMPLATE.get("Resources")).get(resource)).get("Properties"));
    }

    @Test
    void cloudFrontRoutesApiUnderTheSiteToTheApiStageOfThatName() {
        // GIVEN the distribution and the HTTP API
        Map<String, Object> distribution = map(properties("SiteDistribution").get("DistributionConfig"));
        String stage = (String) properties("SubscriptionApi").get("StageName");

        // WHEN the cache behaviour of /api/* and its origin are read
        Map<String, Object> behaviour = list(distribution.get("CacheBehaviors")).stream().map(TemplateTest::map)
                .filter(b -> "/api/*".equals(b.get("PathPattern"))).findFirst().orElseThrow();
        Map<String, Object> origin = list(distribution.get("Origins")).stream().map(TemplateTest::map)
                .filter(o -> o.get("Id").equals(behaviour.get("TargetOriginId"))).findFirst().orElseThrow();

        // THEN the path reaches the stage named like it (execute-api keeps the path: /api/x is stage api, route /x),
        // over HTTPS, on the API's own domain
        assertThat(stage).isEqualTo("api");
        assertThat(map(origin.get("DomainName")).get("Fn::Sub")).isEqualTo("${SubscriptionApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}");
        assertThat(origin).doesNotContainKey("OriginPath");
        assertThat(map(origin.get("CustomOriginConfig")).get("OriginProtocolPolicy")).isEqualTo("https-only");
        // AND nothing is cached, everything but the Host reaches the API, POST is allowed and never redirected
        assertThat(behaviour.get("CachePolicyId")).isEqualTo(CACHING_DISABLED);
        assertThat(behaviour.get("OriginRequestPolicyId")).isEqualTo(ALL_VIEWER_EXCEPT_HOST);
        assertThat(list(behaviour.get("AllowedMethods"))).contains("GET", "HEAD", "POST");
        assertThat(behaviour.get("ViewerProtocolPolicy")).isEqualTo("https-only");
        // AND the API the stack reports is that one under the site
        Object apiUrl = map(map(TEMPLATE.get("Outputs")).get("ApiUrl")).get("Value");
        assertThat(StackValues.ofTemplate("hubpress-dev", Map.of()).evaluate(apiUrl))
                .isEqualTo("https://hubpress-dev/SiteDistribution.DomainName/api");
        assertThat(StackValues.ofTemplate("hubpress-dev", Map.of("SiteDomain", "hub.example.com",
                "SiteCertificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/x")).evaluate(apiUrl))
                .isEqualTo("https://hub.example.com/api");
    }

    @Test
    void everyRouteTheEmailsLinkIsAnEventOfTheApi() {
        // GIVEN the routes of the subscription function
        Set<String> routes = new java.util.TreeSet<>();
        map(TemplateTest.functions().get("SubscriptionFunction").get("Events")).values().forEach(e -> {
            Map<String, Object> p = map(map(e).get("Properties"));
            assertThat(p.get("ApiId")).isEqualTo(Map.of("Ref", "SubscriptionApi"));
            routes.add(p.get("Method") + " " + p.get("Path"));
        });

        // WHEN they are compared with the links of EmailSettings (confirm, unsubscribe, manage), the form, and the
        // buttons of the pages those links show (each posts back to its link: a GET never changes anything)
        // THEN each is there
        assertThat(routes).contains("POST /subscribe", "GET /confirm", "POST /confirm", "GET /unsubscribe", "POST /unsubscribe",
                "GET /manage", "POST /manage", "POST /preference-link");
    }

    @Test
    void oneClickUnsubscribeHasItsOwnThrottleApartFromSubscribing() {
        // GIVEN the translated API stage
        Environment dev = SamTranslation.environments().get("dev");
        Map<String, Object> stage = dev.resources().values().stream().map(TemplateTest::map)
                .filter(r -> "AWS::ApiGatewayV2::Stage".equals(r.get("Type")))
                .map(r -> map(r.get("Properties"))).findFirst().orElseThrow();
        Map<String, Object> api = map(map(dev.resources().get("SubscriptionApi")).get("Properties"));

        // WHEN its route settings are read
        Map<String, Object> defaults = map(stage.get("DefaultRouteSettings"));
        Map<String, Object> unsubscribe = map(map(stage.get("RouteSettings")).get("POST /unsubscribe"));

        // THEN every route is throttled by default, and POST /unsubscribe by a parameter of its own
        assertThat(stage.get("StageName")).isEqualTo("api");
        assertThat(defaults).containsKeys("ThrottlingBurstLimit", "ThrottlingRateLimit");
        assertThat(unsubscribe).containsKeys("ThrottlingBurstLimit", "ThrottlingRateLimit");
        assertThat(unsubscribe.get("ThrottlingRateLimit")).isEqualTo(Map.of("Ref", "UnsubscribeRateLimit"))
                .isNotEqualTo(defaults.get("ThrottlingRateLimit"));
        assertThat(map(TEMPLATE.get("Parameters"))).containsKey("UnsubscribeRateLimit");
        // AND that route key is a route of the API's definition (a stage naming a route the API lacks fails to deploy)
        assertThat(map(map(map(api.get("Body")).get("paths")).get("/unsubscribe"))).containsKey("post");
    }

    @Test
    void everyRequestIsInTheAccessLogWithoutItsToken() {
        // GIVEN the API's access log settings
        Map<String, Object> settings = map(properties("SubscriptionApi").get("AccessLogSettings"));

        // WHEN they are read
        Object group = list(map(settings.get("DestinationArn")).get("Fn::GetAtt")).get(0);
        String format = (String) settings.get("Format");

        // THEN they name a log group of the stack with a retention, and log each request but never its query string
        assertThat(map(map(TEMPLATE.get("Resources")).get(group)).get("Type")).isEqualTo("AWS::Logs::LogGroup");
        assertThat(properties((String) group)).containsKey("RetentionInDays");
        assertThat(format).contains("$context.requestId", "$context.routeKey", "$context.status");
        assertThat(List.of("querystring", "$request.", "$context.path")).noneMatch(format::contains);
    }
}
