package dev.hubpress.digest;

import dev.hubpress.core.mail.Answer;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.Topics;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.testing.NuHtmlChecker;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionPagesTest {

    static final NuHtmlChecker CHECKER = new NuHtmlChecker();
    static final String TOKEN = "s000001.MANAGE.abc_-";

    /** One page of every kind the subscription endpoints answer with. */
    static Map<String, String> everyPage() {
        Map<String, String> pages = new LinkedHashMap<>();
        for (Answer.Outcome outcome : Answer.Outcome.values()) {
            Answer answer = outcome == Answer.Outcome.MANAGE_PAGE ? new Answer(outcome, Cadence.WEEKLY) : Answer.of(outcome);
            pages.put(outcome.name(), SubscriptionPages.answer(answer, TOKEN));
        }
        pages.put("preferences of a paused section follower", preferencePage());
        pages.put("not found", SubscriptionPages.notFound());
        pages.put("try again later", SubscriptionPages.tryAgainLater());
        pages.put("opens once published", SubscriptionPages.opensOncePublished());
        return pages;
    }

    @TestFactory
    Stream<DynamicTest> everyPageIsValidEnglishHtmlWithATitleAndNothingFromElsewhere() {
        // GIVEN every kind of page, WHEN it is checked, THEN it is valid, titled, in English, self-contained and not indexed
        return everyPage().entrySet().stream().map(page -> DynamicTest.dynamicTest(page.getKey(), () -> {
            String html = page.getValue();
            assertThat(CHECKER.errors(html)).as(page.getKey()).isEmpty();
            assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">")
                    .containsPattern("<title>[^<]+</title>").contains("<meta name=\"robots\" content=\"noindex\">")
                    .doesNotContain("<script").doesNotContain("<link").doesNotContain("<img")
                    .doesNotContain("src=").doesNotContain("http:").doesNotContain("https:").doesNotContain("//");
        }));
    }

    @Test
    void theSentenceOfTheAnswerIsTheTitleAndTheText() {
        // WHEN the page of an answer is rendered
        String html = SubscriptionPages.answer(Answer.of(Answer.Outcome.CHECK_INBOX), TOKEN);

        // THEN its sentence is the title and the text, and there is no form
        String sentence = Answer.Outcome.CHECK_INBOX.message();
        assertThat(html).contains("<title>" + sentence + "</title>").contains("<h1>" + sentence + "</h1>").doesNotContain("<form");
    }

    @Test
    void anUnsubscribeLinkShowsAOneClickButtonPostingBackToTheLink() {
        // WHEN the unsubscribe page is rendered for a link
        String html = SubscriptionPages.answer(Answer.of(Answer.Outcome.UNSUBSCRIBE_PAGE), "a token/with+reserved&chars");

        // THEN one form posts the RFC 8058 body to the same link, its token URL-encoded
        assertThat(html).contains("<form method=\"post\" action=\"?token=a+token%2Fwith%2Breserved%26chars\">")
                .contains("<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">")
                .contains("<button type=\"submit\">Unsubscribe</button>");
        assertThat(count(html, "<form")).isEqualTo(1);
    }

    @Test
    void aConfirmLinkShowsAButtonPostingBackToTheLink() {
        // WHEN the page of a confirm link is rendered
        String html = SubscriptionPages.answer(Answer.of(Answer.Outcome.CONFIRM_PAGE), "k1.a token/with+reserved&chars");

        // THEN one form posts to the same link, its token URL-encoded: the GET changed nothing, the POST confirms
        assertThat(html).contains("<form method=\"post\" action=\"?token=k1.a+token%2Fwith%2Breserved%26chars\">")
                .contains("<button type=\"submit\">Confirm subscription</button>")
                .contains("<title>" + Answer.Outcome.CONFIRM_PAGE.message() + "</title>");
        assertThat(count(html, "<form")).isEqualTo(1);
    }

    @Test
    void aManageLinkOffersEveryCadenceWithTheSubscribersChecked() {
        for (Cadence current : Cadence.values()) {
            // WHEN the manage page is rendered for a subscriber with this cadence
            String html = SubscriptionPages.answer(new Answer(Answer.Outcome.MANAGE_PAGE, current), TOKEN);

            // THEN one radio button per cadence, only theirs checked, in a form posting back to the link
            List<String> radios = new ArrayList<>();
            Matcher radio = Pattern.compile("<input type=\"radio\" name=\"cadence\" value=\"([a-z_]+)\"( checked)?>").matcher(html);
            while (radio.find()) {
                radios.add(radio.group(1) + (radio.group(2) == null ? "" : " checked"));
            }
            assertThat(radios).as(current.name()).containsExactly(
                    "every_update" + (current == Cadence.EVERY_UPDATE ? " checked" : ""),
                    "weekly" + (current == Cadence.WEEKLY ? " checked" : ""));
            assertThat(html).contains("<form method=\"post\" action=\"?token=" + TOKEN + "\">")
                    .contains("> Once a week</label>").contains("> After every update</label>");
        }
    }

    static String preferencePage() {
        Answer answer = new Answer(Answer.Outcome.MANAGE_PAGE, Cadence.WEEKLY, Topics.of(List.of("careers"), List.of("faq")), true);
        return SubscriptionPages.answer(answer, TOKEN, List.of(new HubConfig.SectionInfo("careers", "Career levels"),
                new HubConfig.SectionInfo("skills", "Deep skills")), slug -> slug.equals("faq") ? "Frequently asked questions" : slug);
    }

    @Test
    void thePreferencePageTicksWhatIsFollowedAndOffersTheOtherSections() {
        String html = preferencePage();
        assertThat(html).contains("<input type=\"radio\" name=\"follow\" value=\"some\" checked>")
                .contains("<input type=\"checkbox\" id=\"section-careers\" name=\"section\" value=\"careers\" checked>")
                .contains("<input type=\"checkbox\" id=\"section-skills\" name=\"section\" value=\"skills\">")
                .contains("<input type=\"checkbox\" id=\"page-faq\" name=\"page\" value=\"faq\" checked>")
                .contains("<label for=\"page-faq\">Page: Frequently asked questions</label>")
                .contains("<input type=\"checkbox\" name=\"paused\" value=\"yes\" checked>")
                .contains("<button type=\"submit\" name=\"leave\" value=\"all\">Unsubscribe from everything</button>");
        // Save is the settings form's first button (Enter saves); each thing followed has a form of its own to stop following it
        assertThat(html.indexOf("name=\"save\"")).isLessThan(html.indexOf("name=\"leave\""));
        assertThat(html).contains("<input type=\"hidden\" name=\"unfollow-section\" value=\"careers\"><button type=\"submit\">"
                        + "Stop following Career levels</button>")
                .contains("name=\"unfollow-page\" value=\"faq\"").doesNotContain("name=\"unfollow-section\" value=\"skills\"");
        assertThat(count(html, "<form")).isEqualTo(3);
    }

    @Test
    void whatThePreferenceFormPostsIsReadBackAsTheButtonPressedAndTheSettings() {
        PreferenceForm saved = PreferenceForm.parse("follow=some&section=careers&section=skills&page=faq&cadence=weekly&paused=yes&save=yes");
        assertThat(saved.leave()).isFalse();
        assertThat(saved.unfollowSection()).isNull();
        assertThat(saved.preferences()).isEqualTo(new dev.hubpress.core.mail.ManageSubscription.Preferences(Cadence.WEEKLY,
                Topics.of(List.of("careers", "skills"), List.of("faq")), true));
        assertThat(PreferenceForm.parse("follow=all&section=careers&cadence=every_update").preferences().topics()).isEqualTo(Topics.WHOLE_HUB);
        assertThat(PreferenceForm.parse("follow=some&section=careers&unfollow-section=careers").unfollowSection()).isEqualTo("careers");
        assertThat(PreferenceForm.parse("follow=some&unfollow-page=careers%2Fstaff").unfollowPage()).isEqualTo("careers/staff");
        assertThat(PreferenceForm.parse("cadence=weekly&leave=all").leave()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PreferenceForm.parse("follow=some&section=a%20b"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PreferenceForm.parse("cadence=hourly"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
