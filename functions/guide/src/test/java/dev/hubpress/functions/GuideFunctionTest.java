package dev.hubpress.functions;

import dev.hubpress.lambda.ChannelFunctionContract;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.testing.ContentFixtures;

/** The guide function (the generic ChannelFunction, with that channel on its classpath) keeps the channel function contract. */
class GuideFunctionTest extends ChannelFunctionContract {

    @Override
    protected String channel() {
        return "guide";
    }

    @Override
    protected String sampleEvent() {
        return "events/guide-sqs.json";
    }

    @Override
    protected String publishedKey() {
        return "guide/r1.pdf";
    }


    /** A two-page hub: the PDF layout of the whole repository would only slow the contract down. */
    @Override
    protected ContentTree content() {
        return ContentFixtures.tree();
    }
}
