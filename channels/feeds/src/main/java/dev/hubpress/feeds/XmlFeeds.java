package dev.hubpress.feeds;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.LineSeparator;
import org.jdom2.output.XMLOutputter;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static dev.hubpress.feeds.Xml10.clean;

/**
 * RSS 2.0 and Atom 1.0 through Rome. Rome builds the JDOM tree; we write it with a fixed format
 * (UTF-8, two-space indent, LF line ends, text kept as it is) rather than Rome's own string
 * output, whose line separator JDOM reads from a system property.
 */
final class XmlFeeds {

    static final String RSS_TYPE = "application/rss+xml";
    static final String ATOM_TYPE = "application/atom+xml";
    private static final Namespace ATOM_NS = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

    private XmlFeeds() {
    }

    static String rss(FeedInfo info) {
        Channel channel = new Channel("rss_2.0");
        channel.setTitle(clean(info.title()));
        channel.setLink(info.homeUrl());
        channel.setDescription(clean(info.subtitle()));
        channel.setLanguage(clean(info.language()));
        channel.setGenerator(FeedInfo.GENERATOR);
        channel.setDocs("https://www.rssboard.org/rss-specification");
        channel.setPubDate(Date.from(info.updated()));
        channel.setLastBuildDate(Date.from(info.updated()));
        channel.setModules(creator(info.author()));
        // RSS has no self link of its own: the Atom namespace's, as the RSS Advisory Board recommends.
        Element self = new Element("link", ATOM_NS);
        self.setAttribute("href", info.selfUrl());
        self.setAttribute("rel", "self");
        self.setAttribute("type", RSS_TYPE);
        List<Element> foreign = new ArrayList<>();
        foreign.add(self);
        channel.setForeignMarkup(foreign);
        // An RSS <image> must be GIF, JPEG or PNG; the hub's icon is SVG, so RSS carries none.
        List<Item> items = new ArrayList<>(info.entries().size());
        for (FeedEntry entry : info.entries()) {
            Item item = new Item();
            item.setTitle(clean(entry.title()));
            item.setLink(entry.url());
            Guid guid = new Guid();
            guid.setPermaLink(false);
            guid.setValue(entry.id());
            item.setGuid(guid);
            item.setPubDate(Date.from(entry.date()));
            Description description = new Description();
            description.setType("text/html");
            description.setValue(clean(entry.contentHtml()));
            item.setDescription(description);
            items.add(item);
        }
        channel.setItems(items);
        return write(jdom(channel));
    }

    static String atom(FeedInfo info) {
        Feed feed = new Feed("atom_1.0");
        // The feed's own address is its id: stable as long as the hub keeps its address.
        feed.setId(info.selfUrl());
        feed.setTitleEx(text(info.title()));
        feed.setSubtitle(text(info.subtitle()));
        feed.setUpdated(Date.from(info.updated()));
        feed.setLanguage(clean(info.language()));
        feed.setAlternateLinks(List.of(link("alternate", "text/html", info.homeUrl())));
        feed.setOtherLinks(List.of(link("self", ATOM_TYPE, info.selfUrl())));
        Person author = new Person();
        author.setName(clean(info.author()));
        author.setUri(info.homeUrl());
        List<SyndPerson> authors = new ArrayList<>();
        authors.add(author);
        feed.setAuthors(authors);
        feed.setIcon(info.iconUrl());
        Generator generator = new Generator();
        generator.setValue(FeedInfo.GENERATOR);
        feed.setGenerator(generator);
        List<Entry> entries = new ArrayList<>(info.entries().size());
        for (FeedEntry e : info.entries()) {
            Entry entry = new Entry();
            entry.setId(e.id());
            entry.setTitleEx(text(e.title()));
            entry.setAlternateLinks(List.of(link("alternate", "text/html", e.url())));
            entry.setPublished(Date.from(e.date()));
            entry.setUpdated(Date.from(e.date()));
            entry.setSummary(text(e.summary()));
            Content content = new Content();
            content.setType("html");
            content.setValue(clean(e.contentHtml()));
            entry.setContents(List.of(content));
            entries.add(entry);
        }
        feed.setEntries(entries);
        Document document = jdom(feed);
        // Rome keeps the language on the model but does not write it: xml:lang on the root does.
        document.getRootElement().setAttribute("lang", clean(info.language()), Namespace.XML_NAMESPACE);
        return write(document);
    }

    private static List<Module> creator(String author) {
        DCModuleImpl dc = new DCModuleImpl();
        dc.setCreator(clean(author));
        List<Module> modules = new ArrayList<>();
        modules.add(dc);
        return modules;
    }

    private static Content text(String value) {
        Content content = new Content();
        content.setType("text");
        content.setValue(clean(value));
        return content;
    }

    private static Link link(String rel, String type, String href) {
        Link link = new Link();
        link.setRel(rel);
        link.setType(type);
        link.setHref(href);
        return link;
    }

    private static Document jdom(WireFeed feed) {
        try {
            return new WireFeedOutput().outputJDom(feed);
        } catch (FeedException e) {
            throw new IllegalStateException("Rome could not write the " + feed.getFeedType() + " feed: " + e.getMessage(), e);
        }
    }

    private static String write(Document document) {
        Format format = Format.getPrettyFormat()
                .setIndent("  ")
                .setLineSeparator(LineSeparator.UNIX)
                .setEncoding("UTF-8")
                .setTextMode(Format.TextMode.TRIM_FULL_WHITE);
        return new XMLOutputter(format).outputString(document);
    }
}
