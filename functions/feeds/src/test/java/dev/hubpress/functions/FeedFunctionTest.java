package dev.hubpress.functions;

import dev.hubpress.lambda.ChannelFunctionContract;

/** The feed function (the generic ChannelFunction, with that channel on its classpath) keeps the channel function contract. */
class FeedFunctionTest extends ChannelFunctionContract {

    @Override
    protected String channel() {
        return "feeds";
    }

    @Override
    protected String sampleEvent() {
        return "events/feed-sqs.json";
    }

    @Override
    protected String publishedKey() {
        return "feeds/atom.xml";
    }
}
