package dev.hubpress.core.load;

import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;

import java.util.List;

/**
 * Turns the snapshot of an accepted revision back into its {@link Hub}: read, not checked again.
 * The gate checked the tree once, when the revision was made; publishing, retrying a channel or
 * sending a digest later only needs the model.
 */
public final class HubLoader {

    private final ContentReader reader;

    public HubLoader(ContentReader reader) {
        this.reader = reader;
    }

    /** The hub of an accepted revision's tree. */
    public Hub load(ContentTree tree) {
        return HubModel.hub(readable(tree));
    }

    /**
     * The pages among some files of an accepted revision's tree: a change set compares only the
     * pages whose files changed, so only those are read.
     */
    public List<Page> pages(ContentTree files) {
        return readable(files).pages().stream().map(HubModel::page).toList();
    }

    private ReadTree readable(ContentTree tree) {
        ReadTree read = reader.read(tree.files());
        if (!read.problems().isEmpty()) {
            GateError first = read.problems().get(0);
            throw new IllegalStateException("not the tree of an accepted revision: " + first
                    + (read.problems().size() > 1 ? " (and " + (read.problems().size() - 1) + " more)" : ""));
        }
        return read;
    }
}
