package dev.hubpress.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command line of {@code ./hub subscribers …} and {@code ./hub digest}: positional words,
 * {@code --out DIR}, {@code --hub ID}, {@code --weekly}.
 */
record MailOptions(List<String> words, String out, String hub, boolean weekly, boolean help) {

    private static final Pattern HUB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    static MailOptions parse(String[] args, int from) throws HubCommand.UsageException {
        List<String> words = new ArrayList<>();
        String out = "out";
        String hub = "hub";
        boolean weekly = false;
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                value = arg.substring(equals + 1);
                arg = arg.substring(0, equals);
            }
            switch (arg) {
                case "-h", "--help" -> {
                    return new MailOptions(words, out, hub, weekly, true);
                }
                case "--weekly" -> {
                    if (value != null) {
                        throw new HubCommand.UsageException("--weekly takes no value");
                    }
                    weekly = true;
                }
                case "--out", "--hub" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new HubCommand.UsageException(arg + " needs a value");
                        }
                        value = args[++i];
                    }
                    if (value.isEmpty()) {
                        throw new HubCommand.UsageException(arg + " needs a value");
                    }
                    if (arg.equals("--out")) {
                        out = value;
                    } else if (!HUB_ID.matcher(value).matches()) {
                        throw new HubCommand.UsageException("--hub takes letters, digits, '-' and '_': " + value);
                    } else {
                        hub = value;
                    }
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new HubCommand.UsageException("unknown option '" + args[i] + "'");
                    }
                    words.add(args[i]);
                }
            }
        }
        return new MailOptions(List.copyOf(words), out, hub, weekly, false);
    }
}
