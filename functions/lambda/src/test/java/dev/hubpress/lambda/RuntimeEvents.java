package dev.hubpress.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Events read the way the managed Java runtime reads them before a handler runs, with its own
 * serializer ({@code com.amazonaws:aws-lambda-java-serialization}), chosen as the runtime chooses it
 * (aws-lambda-java-runtime-interface-client, {@code EventHandlerLoader.getSerializer}): an event
 * class the library supports ({@code SQSEvent}, {@code DynamodbEvent}, {@code SNSEvent},
 * {@code ScheduledEvent}, ...) through {@code LambdaEventSerializers.serializerFor}, with its
 * mixins; any other type ({@code APIGatewayV2HTTPEvent}, {@code Map<String, Object>}, a class of
 * our own) through the library's {@code JacksonFactory}. Plain Jackson defaults are not what the
 * runtime uses: a sample read by them proves nothing about a deployed function.
 */
public final class RuntimeEvents {

    private RuntimeEvents() {
    }

    /** The event type a handler class declares: the first type argument of its {@link RequestHandler}. */
    public static Type inputType(Class<?> handler) {
        for (Class<?> c = handler; c != null; c = c.getSuperclass()) {
            for (Type candidate : c.getGenericInterfaces()) {
                if (candidate instanceof ParameterizedType parameterized && parameterized.getRawType() == RequestHandler.class) {
                    return parameterized.getActualTypeArguments()[0];
                }
            }
        }
        throw new IllegalArgumentException(handler.getName() + " implements no RequestHandler with type arguments");
    }

    /** The serializer the runtime uses for an event type, with the class loader of the handler (the function's jar). */
    @SuppressWarnings("unchecked")
    public static PojoSerializer<Object> serializerFor(Type type, ClassLoader loader) {
        if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
            return LambdaEventSerializers.serializerFor((Class<Object>) c, loader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    /**
     * The event a handler receives for this JSON, as the runtime builds it.
     *
     * @throws RuntimeException as the runtime does when the JSON does not fit the handler's type (the
     *                          invocation then fails before the handler runs)
     */
    public static <T> T read(Class<? extends RequestHandler<T, ?>> handler, String json) {
        @SuppressWarnings("unchecked")
        T event = (T) serializerFor(inputType(handler), handler.getClassLoader()).fromJson(json);
        return event;
    }

    /** An event read as the runtime reads it, written back by the same serializer: what of the JSON arrived. */
    public static String roundTrip(Type type, ClassLoader loader, String json) {
        PojoSerializer<Object> serializer = serializerFor(type, loader);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(serializer.fromJson(json), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
