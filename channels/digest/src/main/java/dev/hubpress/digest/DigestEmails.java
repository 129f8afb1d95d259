package dev.hubpress.digest;

import dev.hubpress.core.markdown.HtmlText;
import dev.hubpress.core.mail.Digest;
import dev.hubpress.core.mail.DigestArchive;
import dev.hubpress.core.mail.MailComposer;
import dev.hubpress.core.mail.MailRouting;
import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.mail.Recipient;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.Topics;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.RedlineExcerpt;
import dev.hubpress.core.revision.SectionChange;
import dev.hubpress.core.revision.SectionDiff;
import dev.hubpress.core.channel.GuideInfo;
import dev.hubpress.digest.view.ConfirmationView;
import dev.hubpress.digest.view.DigestView;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The emails of one hub, as of its head revision: the digest (subject, HTML with inlined styles in
 * a 600px single column, a plain-text part with the same content) and the confirmation email.
 * A changed section shows a short redline of its words: "Before:"/"After:" with {@code <del>} and
 * {@code <ins>} in HTML, "-" and "+" lines in plain text ({@link RedlineExcerpt}).
 * Every link is absolute: changed pages anchored at their changed sections, the PDF guide, and the
 * recipient's manage and unsubscribe links. A digest is rendered once per cohort; addressing it to
 * a recipient fills the template's own blanks ({@link FormLetter}) with their tokens and address,
 * which nothing in the content can reach. The sender and the endpoints come from the deployment
 * ({@link MailRouting}).
 * <p>
 * Every addressed digest passes the {@link EmailGate} or is refused; one that would be too big for
 * it is rendered shorter first (no excerpts, then the first changes and a link to the rest). Each
 * digest links its public page in the archive ("View in browser", {@link DigestArchive}).
 */
public final class DigestEmails implements MailComposer {

    /** Longest subject; longer ones are cut at a title boundary with "…". */
    public static final int MAX_SUBJECT = 120;
    // Struck through and underlined whatever the client does with colour; the labels say it in words.
    private static final String DEL_STYLE = " style=\"background-color:#fde8e8;color:#8a1c1c;text-decoration:line-through;\"";
    private static final String INS_STYLE = " style=\"background-color:#e2f3e5;color:#14532d;text-decoration:underline;\"";
    private static final DateTimeFormatter HUMAN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    // How often the digest template (digest.jte) and text() place each per-recipient value.
    private static final Map<FormLetter.Blank, Integer> BLANKS = Map.of(FormLetter.Blank.UNSUBSCRIBE_TOKEN, 1,
            FormLetter.Blank.MANAGE_TOKEN, 1, FormLetter.Blank.RECIPIENT, 1, FormLetter.Blank.CADENCE, 1);
    /** Room kept in the HTML for a recipient's values: an address of 254 characters escaped, two tokens, the cadence. */
    private static final int PERSONAL_BYTES = 4096;
    /** Titles the preheader names. */
    private static final int PREHEADER_TITLES = 3;

    private final Hub hub;
    private final HubConfig config;
    private final EmailSettings settings;
    private final Duration confirmValidity;
    private final EmailGate gate;

    /**
     * @param routing where the mail comes from and its links lead: the deployment's, never the content's
     */
    public DigestEmails(Hub hub, MailRouting routing, Duration confirmValidity) {
        this.hub = hub;
        this.config = hub.config();
        this.settings = EmailSettings.of(config, routing);
        this.confirmValidity = confirmValidity;
        this.gate = new EmailGate(config.baseUrl(), routing);
    }

    public DigestEmails(Hub hub, MailRouting routing) {
        this(hub, routing, dev.hubpress.core.mail.Tokens.DEFAULT_CONFIRM_VALIDITY);
    }

    public EmailSettings settings() {
        return settings;
    }

    /** The quality gate this hub's emails pass: every digest is checked with it; other emails may be. */
    public EmailGate gate() {
        return gate;
    }

    /** {@code <baseUrl>/guide/<title-slug>.pdf}: the stable URL of the latest PDF guide. */
    public String guideUrl() {
        return config.absoluteUrl(GuideInfo.latestKey(config));
    }

    @Override
    public Rendered digest(Digest digest) {
        String archive = config.absoluteUrl(DigestArchive.sitePath(digest.archiveSeq()));
        // A digest of one revision is all on its archive page; the index lists the pages of several.
        String rest = digest.archiveSeq() == digest.fromSeq() + 1 ? archive : config.absoluteUrl(DigestArchive.INDEX);
        return fitted("digest " + digest.key(), digest.key(), digest.date(), subject(digest), preheader(digest), intro(digest),
                archive, rest, items(digest), removed(digest), digest.files());
    }

    /** The changed and added pages of a digest, as the template lists them. */
    private List<DigestView.Item> items(Digest digest) {
        List<DigestView.Item> items = new ArrayList<>();
        for (PageChange change : digest.pages()) {
            if (change.kind() == ChangeKind.REMOVED) {
                continue;
            }
            String summary = hub.page(change.slug()).map(Page::summary).orElse("");
            List<DigestView.Section> sections = new ArrayList<>();
            Map<String, SectionDiff> redline = new HashMap<>();
            RedlineExcerpt.of(change).sections().forEach(s -> redline.put(s.anchor(), s.diff()));
            for (SectionChange section : change.sections()) {
                SectionDiff diff = redline.get(section.anchor());
                sections.add(new DigestView.Section(section.title(),
                        section.kind() == ChangeKind.REMOVED ? null : link(change.slug(), section.anchor()), section.kind().word(),
                        diff == null ? "" : RedlineExcerpt.html(diff, DEL_STYLE, INS_STYLE),
                        diff == null ? "" : RedlineExcerpt.text(diff, "      ")));
            }
            items.add(new DigestView.Item(change.title(), link(change.slug(), ""), change.kind() == ChangeKind.ADDED,
                    summary, sections));
        }
        return items;
    }

    private static List<String> removed(Digest digest) {
        return digest.pages().stream().filter(p -> p.kind() == ChangeKind.REMOVED).map(PageChange::title).toList();
    }

    /**
     * The email as long as the gate's size allows: whole if it fits; else without its redline
     * excerpts; else the first changes only (as many as fit, found by halving) and a link to the rest.
     */
    private Rendered fitted(String what, String key, Instant date, String subject, String preheader, String intro,
                            String archive, String rest, List<DigestView.Item> items, List<String> removed, List<String> files) {
        Rendered whole = render(what, key, date, subject, preheader, intro, archive, rest, items, removed, 0, files);
        if (whole.fits()) {
            return whole;
        }
        List<DigestView.Item> plainItems = items.stream().map(DigestView.Item::withoutRedlines).toList();
        Rendered plain = render(what, key, date, subject, preheader, intro, archive, rest, plainItems, removed, 0, files);
        if (plain.fits()) {
            return plain;
        }
        int entries = plainItems.size() + removed.size();
        int low = 0;
        int high = entries - 1;
        Rendered best = render(what, key, date, subject, preheader, intro, archive, rest, List.of(), List.of(), entries, files);
        while (low < high) {
            int shown = (low + high + 1) / 2;
            Rendered candidate = render(what, key, date, subject, preheader, intro, archive, rest,
                    plainItems.subList(0, Math.min(shown, plainItems.size())),
                    removed.subList(0, Math.max(0, shown - plainItems.size())), entries - shown, files);
            if (candidate.fits()) {
                best = candidate;
                low = shown;
            } else {
                high = shown - 1;
            }
        }
        return best;
    }

    private Rendered render(String what, String key, Instant date, String subject, String preheader, String intro, String archive,
                            String rest, List<DigestView.Item> items, List<String> removed, int more, List<String> files) {
        DigestView view = new DigestView(config.language(), subject, preheader, config.title(), config.baseUrl() + "/",
                intro, archive, items, removed, more, rest, files, guideUrl(), FormLetter.Blank.CADENCE.mark(),
                settings.routing().manageUrl(FormLetter.Blank.MANAGE_TOKEN.mark()),
                settings.routing().unsubscribeUrl(FormLetter.Blank.UNSUBSCRIBE_TOKEN.mark()), FormLetter.Blank.RECIPIENT.mark());
        return new Rendered(what, key, date, subject, FormLetter.of(Templates.render("digest.jte", view, 16 * 1024), BLANKS),
                FormLetter.of(text(view), BLANKS));
    }

    /**
     * The welcome email: the digest's layout, saying what the subscriber follows, with the newest
     * change in it; or, when nothing of it changed lately, its pages as they are now.
     */
    @Override
    public OutgoingEmail welcome(Recipient recipient, Digest latest, Instant date) {
        Topics topics = recipient.subscriber().topics();
        String subject = "Welcome to " + config.title();
        String following = "You follow " + following(topics) + ".";
        // Not in the body, which begins "Welcome!": the gate wants a preheader of its own.
        String preheader = "Your subscription to " + config.title() + " is confirmed.";
        Rendered rendered;
        if (latest != null) {
            String intro = "Welcome! " + following + " The latest change in it: " + counts(latest) + ", published "
                    + HUMAN_DATE.format(latest.date()) + " (r" + latest.toSeq() + ").";
            String archive = config.absoluteUrl(DigestArchive.sitePath(latest.archiveSeq()));
            rendered = fitted("welcome email", "welcome", date, subject, preheader, intro, archive, archive,
                    items(latest), removed(latest), List.of());
        } else {
            String intro = "Welcome! " + following + " Nothing in it changed lately; these are its pages as they are now.";
            List<DigestView.Item> items = hub.pages().stream()
                    .filter(p -> topics.follows(new PageChange(p.slug(), p.title(), ChangeKind.CHANGED, false, List.of(), p.section())))
                    .map(p -> new DigestView.Item(p.title(), link(p.slug(), ""), false, p.summary(), List.of(), "Page"))
                    .toList();
            String home = config.baseUrl() + "/";
            rendered = fitted("welcome email", "welcome", date, subject, preheader, intro,
                    config.absoluteUrl(DigestArchive.INDEX), home, items, List.of(), List.of());
        }
        return rendered.to(recipient);
    }

    /** "everything in Hub", or "Career levels, Deep skills and the page “FAQ”". */
    private String following(Topics topics) {
        if (topics.wholeHub()) {
            return "everything in " + config.title();
        }
        List<String> names = new ArrayList<>();
        topics.sections().forEach(id -> names.add(config.section(id).map(HubConfig.SectionInfo::title).orElse(id)));
        topics.pages().forEach(slug -> names.add("the page \u201c" + hub.page(slug).map(Page::title).orElse(slug) + "\u201d"));
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    @Override
    public OutgoingEmail preferenceLink(Subscriber subscriber, String manageToken, Instant date) {
        String subject = "Your email settings for " + config.title();
        String url = settings.routing().manageUrl(manageToken);
        ConfirmationView view = new ConfirmationView(config.language(), subject, "Your email settings",
                "Someone, hopefully you, asked for a link to the email settings of this address for", config.title(),
                config.baseUrl() + "/", url, "Open my email settings",
                "There you can change what you follow and how often, pause, or unsubscribe. If you did not ask for this, ignore this "
                        + "email: nothing changes unless you use the link.", subscriber.email().value());
        String html = Templates.render("confirmation.jte", view, 4 * 1024);
        String text = "Your email settings\n\n"
                + "Someone, hopefully you, asked for a link to the email settings of " + subscriber.email().value() + " at "
                + config.title() + " (" + config.baseUrl() + "/).\n\n"
                + "Change what you follow, how often, pause or unsubscribe:\n" + url + "\n\n"
                + "If you did not ask for this, ignore this email: nothing changes unless you use the link.\n";
        String key = "settings." + subscriber.id() + "." + date.getEpochSecond();
        return new OutgoingEmail(settings.from(), subscriber.email(), subject, html, text, Map.of(), date,
                key + "@" + settings.host(), key);
    }

    /** A digest rendered once; {@link #to} fills in one recipient. */
    public final class Rendered implements ComposedDigest {
        private final String what;
        private final String key;
        private final Instant date;
        private final String subject;
        private final FormLetter html;
        private final FormLetter text;
        private volatile boolean passed;

        Rendered(String what, String key, Instant date, String subject, FormLetter html, FormLetter text) {
            this.what = what;
            this.key = key;
            this.date = date;
            this.subject = subject;
            this.html = html;
            this.text = text;
        }

        @Override
        public String subject() {
            return subject;
        }

        /** Whether its HTML is within the gate's size with any recipient's values in it. */
        boolean fits() {
            return EmailGate.encodedBytes(html.withoutRecipient()) + PERSONAL_BYTES <= EmailGate.MAX_HTML_BYTES;
        }

        @Override
        public OutgoingEmail to(Recipient recipient) {
            Subscriber s = recipient.subscriber();
            String cadence = s.cadence() == Cadence.WEEKLY ? "a weekly digest" : "a digest on every update";
            String address = s.email().value();
            Map<FormLetter.Blank, String> values = new EnumMap<>(FormLetter.Blank.class);
            values.put(FormLetter.Blank.UNSUBSCRIBE_TOKEN, recipient.unsubscribeToken());
            values.put(FormLetter.Blank.MANAGE_TOKEN, recipient.manageToken());
            values.put(FormLetter.Blank.CADENCE, cadence);
            values.put(FormLetter.Blank.RECIPIENT, address);
            String personalText = text.fill(values);
            values.put(FormLetter.Blank.RECIPIENT, HtmlText.escape(address));
            String personalHtml = html.fill(values);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("List-Unsubscribe", settings.listUnsubscribe(recipient.unsubscribeToken()));
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            headers.put("List-Id", "<digest." + settings.host() + ">");
            headers.put("X-Hubpress-Digest", key);
            headers.put("X-Hubpress-Idempotency-Key", recipient.idempotencyKey());
            OutgoingEmail email = new OutgoingEmail(settings.from(), s.email(), subject, personalHtml, personalText, headers,
                    date, recipient.idempotencyKey() + "@" + settings.host(), recipient.idempotencyKey());
            // Recipients' emails differ only in the template's blanks (base64url tokens, the escaped
            // address, the cadence's words), which no rule but the size can tell apart: the whole gate
            // runs until one passes, then the size alone.
            if (passed) {
                return gate.checkSize(what, email);
            }
            gate.check(what, email);
            passed = true;
            return email;
        }

        /** The HTML as it is before it is addressed, with no one's address or links: for previews. */
        public String html() {
            return html.withoutRecipient();
        }
    }

    @Override
    public OutgoingEmail confirmation(Subscriber subscriber, String confirmToken, Instant date) {
        String subject = "Confirm your subscription to " + config.title();
        String validity = validity(confirmValidity);
        ConfirmationView view = new ConfirmationView(config.language(), subject, "Confirm your subscription",
                "Someone, hopefully you, asked to get email digests of what changes in", config.title(), config.baseUrl() + "/",
                settings.routing().confirmUrl(confirmToken), "Yes, send me the digests",
                "The link works for " + validity + ". If you did not ask for this, ignore this email: nothing will be sent unless you confirm.",
                subscriber.email().value());
        String html = Templates.render("confirmation.jte", view, 4 * 1024);
        String text = "Confirm your subscription\n\n"
                + "Someone, hopefully you, asked to get email digests of what changes in " + config.title()
                + " (" + config.baseUrl() + "/) at " + subscriber.email().value() + ".\n\n"
                + "Yes, send me the digests:\n" + settings.routing().confirmUrl(confirmToken) + "\n\n"
                + "The link works for " + validity + ". If you did not ask for this, ignore this email: "
                + "nothing will be sent unless you confirm.\n";
        String key = "confirm." + subscriber.id() + "." + date.getEpochSecond();
        return new OutgoingEmail(settings.from(), subscriber.email(), subject, html, text, Map.of(), date,
                key + "@" + settings.host(), key);
    }

    /** "Backend Engineer Hub: 1 page updated, 2 new pages — Senior compensation, Staff scope, …" within {@link #MAX_SUBJECT}. */
    String subject(Digest digest) {
        String what = counts(digest);
        String head = config.title() + ": " + what;
        List<String> titles = new ArrayList<>();
        digest.pages().stream().filter(p -> p.kind() != ChangeKind.REMOVED).forEach(p -> titles.add(p.title()));
        digest.pages().stream().filter(p -> p.kind() == ChangeKind.REMOVED).forEach(p -> titles.add(p.title()));
        StringBuilder subject = new StringBuilder(head);
        for (int i = 0; i < titles.size(); i++) {
            String title = titles.get(i).replaceAll("\\s+", " ").strip();
            String separator = i == 0 ? " — " : ", ";
            boolean last = i == titles.size() - 1;
            int room = MAX_SUBJECT - subject.length() - separator.length() - (last ? 0 : 3);
            if (title.length() > room) {
                if (i == 0 && room > 10) {
                    subject.append(separator).append(title, 0, room - 1).append('…');
                } else {
                    subject.append(i == 0 ? " — …" : ", …");
                }
                break;
            }
            subject.append(separator).append(title);
        }
        return subject.length() <= MAX_SUBJECT ? subject.toString() : subject.substring(0, MAX_SUBJECT - 1) + "…";
    }

    /** "1 page updated, 2 new pages, 1 page removed": the same words in the subject and the body. */
    private static String counts(Digest digest) {
        return Digest.counts(digest.pages());
    }

    /**
     * "In this digest: Senior compensation, Staff scope and 2 more." A line that is not in the body
     * (the body never says "In this digest"), so a client's preview beside the subject adds to it.
     */
    private static String preheader(Digest digest) {
        List<String> titles = new ArrayList<>();
        digest.pages().stream().filter(p -> p.kind() != ChangeKind.REMOVED).forEach(p -> titles.add(p.title()));
        digest.pages().stream().filter(p -> p.kind() == ChangeKind.REMOVED).forEach(p -> titles.add(p.title()));
        int shown = Math.min(PREHEADER_TITLES, titles.size());
        String named = String.join(", ", titles.subList(0, shown).stream().map(t -> t.replaceAll("\\s+", " ").strip()).toList());
        return "In this digest: " + named + (titles.size() > shown ? " and " + (titles.size() - shown) + " more" : "") + ".";
    }

    private String intro(Digest digest) {
        String since = digest.fromSeq() > 0 ? " since your last digest" : "";
        return counts(digest) + since + ". Published " + HUMAN_DATE.format(digest.date()) + " (r" + digest.toSeq() + ").";
    }

    /** A page's absolute URL, at a section: in ASCII, so that a plain-text reader makes it one link whatever the script. */
    private String link(String slug, String anchor) {
        return ascii(config.absoluteUrl(slug + ".html") + (anchor == null || anchor.isEmpty() ? "" : "#" + anchor));
    }

    /** Percent-encodes (UTF-8) every character outside ASCII, and white space; a URL's ASCII stays as it is. */
    static String ascii(String url) {
        StringBuilder out = new StringBuilder(url.length() + 16);
        url.codePoints().forEach(c -> {
            if (c > 0x20 && c < 0x7f) {
                out.append((char) c);
            } else {
                for (byte b : new String(Character.toChars(c)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xFF));
                }
            }
        });
        return out.toString();
    }

    private String text(DigestView view) {
        StringBuilder t = new StringBuilder();
        t.append(view.hubTitle()).append(" — what changed\n").append(view.homeUrl()).append("\n\n").append(view.intro()).append("\n");
        t.append("View in browser: ").append(view.archiveUrl()).append('\n');
        for (DigestView.Item item : view.items()) {
            t.append("\n* ").append(item.label().toUpperCase(Locale.ROOT)).append(": ").append(item.title()).append('\n');
            t.append("  ").append(item.href()).append('\n');
            if (!item.summary().isEmpty()) {
                t.append("  ").append(item.summary()).append('\n');
            }
            for (DigestView.Section section : item.sections()) {
                t.append("  - ").append(section.title()).append(" (").append(section.change()).append(")");
                if (section.href() != null) {
                    t.append(": ").append(section.href());
                }
                t.append('\n').append(section.redlineText());
            }
        }
        if (!view.removed().isEmpty()) {
            t.append("\nRemoved: ").append(String.join(", ", view.removed())).append('\n');
        }
        if (view.more() > 0) {
            t.append("\n").append(view.moreText()).append(". See them all in the digest archive: ").append(view.moreUrl()).append('\n');
        }
        if (!view.files().isEmpty()) {
            t.append("\nAlso updated: ").append(String.join(", ", view.files())).append('\n');
        }
        t.append("\nPrefer to read it all in one place? The PDF guide: ").append(view.guideUrl()).append('\n');
        t.append("\n-- \nYou get this email because ").append(view.recipient()).append(" subscribed to ")
                .append(view.hubTitle()).append(" (").append(view.cadenceText()).append(").\n");
        t.append("Manage your subscription: ").append(view.manageUrl()).append('\n');
        t.append("Unsubscribe: ").append(view.unsubscribeUrl()).append('\n');
        return t.toString();
    }

    private static String validity(Duration d) {
        long hours = d.toHours();
        return hours >= 48 && hours % 24 == 0 ? hours / 24 + " days" : hours == 1 ? "1 hour" : hours + " hours";
    }
}
