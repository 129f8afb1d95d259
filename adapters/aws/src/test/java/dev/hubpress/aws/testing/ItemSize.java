package dev.hubpress.aws.testing;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The size DynamoDB counts for an item against its 400 KB limit, as its developer guide states it:
 * each attribute's name in UTF-8 bytes plus its value; a string its UTF-8 bytes, a number about one
 * byte per two significant digits plus one, a boolean or null one byte, a list or map 3 bytes plus
 * one per element plus the elements (a map's with their names). dynalite refuses an item over the
 * limit by much the same count.
 */
public final class ItemSize {

    /** DynamoDB's limit on one item, names included. */
    public static final int LIMIT = 400 * 1024;

    private ItemSize() {
    }

    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + value(attribute.getValue());
        }
        return size;
    }

    private static long value(AttributeValue v) {
        if (v.s() != null) {
            return utf8(v.s());
        }
        if (v.n() != null) {
            int digits = new BigDecimal(v.n()).stripTrailingZeros().precision();
            return 1 + (digits + 1) / 2;
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
            return 1;
        }
        if (v.hasL()) {
            return 3 + v.l().stream().mapToLong(e -> 1 + value(e)).sum();
        }
        if (v.hasM()) {
            return 3 + v.m().entrySet().stream().mapToLong(e -> 1 + utf8(e.getKey()) + value(e.getValue())).sum();
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToLong(ItemSize::utf8).sum();
        }
        throw new IllegalArgumentException("an attribute value of no type this count knows: " + v);
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
