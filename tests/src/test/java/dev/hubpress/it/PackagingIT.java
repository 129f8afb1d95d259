package dev.hubpress.it;

import dev.hubpress.aws.testing.HttpClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lambda artifacts the reactor built (template.yaml's CodeUri): each holds its handler, no
 * Apache or Netty HTTP client, the PDF stack only in the guide, SES and Secrets Manager only in the
 * email functions, SQS only in those that send to a queue, and stays within its size budget.
 */
class PackagingIT {

    private static final long MB = 1024 * 1024;
    /** Every function artifact. */
    private static final String[] MODULES = {"ingest-function", "dispatch-function", "site-function", "feed-function",
            "guide-function", "digest-function", "subscription-function"};

    /** The Lambda jar of a function artifact, e.g. site-function: functions/site/target/site-function.jar. */
    private static Path jar(String artifact) {
        return TemplateTest.functions().values().stream().map(f -> TemplateTest.ROOT.resolve((String) f.get("CodeUri")))
                .filter(p -> p.getFileName().toString().equals(artifact + ".jar")).findFirst()
                .orElseThrow(() -> new AssertionError("no function in template.yaml is packaged as " + artifact + ".jar"));
    }

    @Test
    void everyFunctionJarHoldsItsHandlerAndNoOtherHttpClient() throws IOException {
        for (Map.Entry<String, Map<String, Object>> function : TemplateTest.functions().entrySet()) {
            Path jar = TemplateTest.ROOT.resolve((String) function.getValue().get("CodeUri"));
            assertThat(jar).as(function.getKey()).isRegularFile();
            String handler = (String) function.getValue().get("Handler");
            String entry = handler.substring(0, handler.indexOf("::")).replace('.', '/') + ".class";
            try (JarFile file = new JarFile(jar.toFile())) {
                assertThat(file.getEntry(entry)).as(function.getKey() + " " + entry).isNotNull();
                assertThat(file.getEntry("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class")).isNotNull();
            }
            assertThat(HttpClients.forbiddenEntries(jar)).as(jar.getFileName().toString()).isEmpty();
        }
    }

    @Test
    void thePdfStackShipsOnlyWithTheGuide() throws IOException {
        for (String module : MODULES) {
            try (JarFile file = new JarFile(jar(module).toFile())) {
                boolean pdf = file.stream().anyMatch(e -> e.getName().startsWith("org/apache/pdfbox/")
                        || e.getName().startsWith("com/openhtmltopdf/"));
                assertThat(pdf).as(module).isEqualTo(module.equals("guide-function"));
                // channels are independent: the guide draws its chart with the core, not with the site
                boolean site = file.getEntry("dev/hubpress/site/SiteRenderer.class") != null;
                assertThat(site).as(module + " carries the site renderer").isEqualTo(module.equals("site-function"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-function", "dispatch-function"})
    @SuppressWarnings("unchecked")
    void theIngestAndDispatchFunctionsKnowEveryChannelsDeclarationAndCarryNoRenderer(String module) throws Exception {
        // GIVEN the function's jar alone, as Lambda loads it (the ingest's gate checks every channel's
        // settings; the dispatcher wakes each channel by what it reads)
        Path jar = jar(module);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
             JarFile file = new JarFile(jar.toFile())) {
            // WHEN the channel registry looks at that classpath
            Class<?> channels = loader.loadClass("dev.hubpress.core.channel.Channels");
            Object registry = channels.getMethod("discover").invoke(null);

            // THEN it knows the four channels' declarations (the gate's settings and paths, what wakes each)
            assertThat((List<Object>) channels.getMethod("ids").invoke(registry)).containsExactlyInAnyOrder("email", "feeds", "guide", "site");
            // AND the characters the guide can print, without a font: CJK yes, private use no
            Object guide = ((java.util.Optional<?>) channels.getMethod("get", String.class).invoke(registry, "guide")).orElseThrow();
            Object printable = ((java.util.Optional<?>) loader.loadClass("dev.hubpress.core.channel.Channel")
                    .getMethod("printable").invoke(guide)).orElseThrow();
            java.lang.reflect.Method contains = printable.getClass().getMethod("contains", int.class);
            assertThat((Boolean) contains.invoke(printable, 0x4E00)).isTrue();
            assertThat((Boolean) contains.invoke(printable, 0xE000)).isFalse();
            // AND not one renderer, template or font came with them, only the guide's list of what it prints
            assertThat(file.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> !n.endsWith("/"))
                    .filter(n -> n.startsWith("dev/hubpress/site/") || n.startsWith("dev/hubpress/guide/")
                            || n.startsWith("dev/hubpress/feeds/") || n.startsWith("dev/hubpress/digest/"))
                    .toList()).containsExactlyInAnyOrder("dev/hubpress/site/SiteChannel.class", "dev/hubpress/guide/GuideChannel.class",
                    "dev/hubpress/guide/printable.txt", "dev/hubpress/feeds/FeedsChannel.class", "dev/hubpress/digest/EmailChannel.class");
        }
    }

    @Test
    void onlyTheEmailFunctionsCarrySesAndSecretsManager() throws IOException {
        for (String module : MODULES) {
            try (JarFile file = new JarFile(jar(module).toFile())) {
                boolean ses = file.getEntry("software/amazon/awssdk/services/sesv2/SesV2Client.class") != null;
                assertThat(ses).as(module).isEqualTo(module.equals("digest-function") || module.equals("subscription-function"));
                boolean secrets = file.getEntry("software/amazon/awssdk/services/secretsmanager/SecretsManagerClient.class") != null;
                assertThat(secrets).as(module).isEqualTo(module.equals("digest-function") || module.equals("subscription-function"));
            }
        }
    }

    @Test
    void onlyTheFunctionsThatSendToAQueueCarrySqs() throws IOException {
        // The channel functions are fed by their queues (Lambda's event source polls them): they send nothing.
        for (String module : MODULES) {
            try (JarFile file = new JarFile(jar(module).toFile())) {
                boolean sqs = file.getEntry("software/amazon/awssdk/services/sqs/SqsClient.class") != null;
                assertThat(sqs).as(module).isEqualTo(module.equals("dispatch-function") || module.equals("digest-function"));
            }
        }
    }

    @Test
    void onlyTheChannelFunctionsCarryCloudFront() throws IOException {
        // They invalidate what they changed; no other function touches the CDN.
        for (String module : MODULES) {
            try (JarFile file = new JarFile(jar(module).toFile())) {
                boolean cloudFront = file.getEntry("software/amazon/awssdk/services/cloudfront/CloudFrontClient.class") != null;
                assertThat(cloudFront).as(module).isEqualTo(List.of("site-function", "feed-function", "guide-function").contains(module));
            }
        }
    }

    @Test
    void jarsStayWithinTheirSizeBudgets() throws IOException {
        assertThat(Files.size(jar("ingest-function"))).isLessThanOrEqualTo(20 * MB);
        assertThat(Files.size(jar("dispatch-function"))).isLessThanOrEqualTo(20 * MB);
        // The site and feed functions invalidate CloudFront: its SDK client is 5.4 MB (compressed; its
        // model of every CloudFront API), so they have 24 MB where the others have 20.
        assertThat(Files.size(jar("site-function"))).isLessThanOrEqualTo(24 * MB);
        assertThat(Files.size(jar("feed-function"))).isLessThanOrEqualTo(24 * MB);
        assertThat(Files.size(jar("guide-function"))).isLessThanOrEqualTo(40 * MB);
        // The digest planner and sender share a jar with five SDK clients (S3, DynamoDB, SES v2,
        // Secrets Manager and SQS, 0.8 MB of it): 22 MB, where the others have 20.
        assertThat(Files.size(jar("digest-function"))).isLessThanOrEqualTo(22 * MB);
        // The subscription functions carry the digest channel and all of the core, which the redline,
        // moves, lineage and edge-cache models grew by 55 KB past 20 MB (20.03 MB): 21 MB.
        assertThat(Files.size(jar("subscription-function"))).isLessThanOrEqualTo(21 * MB);
    }
}
