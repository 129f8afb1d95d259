package dev.hubpress.functions;

import dev.hubpress.lambda.ChannelFunctionContract;

/** The site function (the generic ChannelFunction, with that channel on its classpath) keeps the channel function contract. */
class SiteFunctionTest extends ChannelFunctionContract {

    @Override
    protected String channel() {
        return "site";
    }

    @Override
    protected String sampleEvent() {
        return "events/site-sqs.json";
    }

    @Override
    protected String publishedKey() {
        return "index.html";
    }
}
