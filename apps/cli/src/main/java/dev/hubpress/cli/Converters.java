package dev.hubpress.cli;

import dev.hubpress.core.mail.EmailAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.regex.Pattern;

/**
 * The values ./hub's options take, checked as they are parsed. An option's message follows its
 * name: {@code hub: --port takes a number from 0 to 65535: 70000}.
 */
final class Converters {

    private Converters() {
    }

    /** Any text but the empty one (a folder). */
    static final class Required implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isEmpty()) {
                throw new TypeConversionException("needs a value");
            }
            return value;
        }
    }

    /** A hub id: letters, digits, '-' and '_', 64 at most, starting with a letter or digit. */
    static final class HubId implements ITypeConverter<String> {
        private static final Pattern HUB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

        @Override
        public String convert(String value) {
            if (!HUB_ID.matcher(new Required().convert(value)).matches()) {
                throw new TypeConversionException("takes letters, digits, '-' and '_': " + value);
            }
            return value;
        }
    }

    /** A TCP port, 0 for any free one. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int port;
            try {
                port = Integer.parseInt(new Required().convert(value));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) {
                throw new TypeConversionException("takes a number from 0 to 65535: " + value);
            }
            return port;
        }
    }

    /** One plain email address. */
    static final class Email implements ITypeConverter<EmailAddress> {
        @Override
        public EmailAddress convert(String value) {
            try {
                return EmailAddress.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a valid email address (one plain address, no name or <>)");
            }
        }
    }

    /** A revision: {@code r5} or {@code 5}. */
    static final class RevisionNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return dev.hubpress.core.revision.Revision.seqOf(value).orElseThrow(() ->
                    new TypeConversionException("a revision is rN or N, N from 1: '" + value + "'"));
        }
    }
}
