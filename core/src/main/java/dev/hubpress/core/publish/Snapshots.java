package dev.hubpress.core.publish;

import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.port.BlobStore;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Content-addressed snapshots of content trees and of channel output listings, kept in a
 * {@link BlobStore}. A manifest lists "hash TAB url-encoded-path" per line, in path order.
 */
public final class Snapshots {

    private final BlobStore blobs;

    public Snapshots(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** Stores every blob of the tree and its manifest; returns the manifest's hash. */
    public String store(ContentTree tree) {
        for (ContentFile file : tree.files()) {
            blobs.put(file.blobHash(), file.bytes());
        }
        return storeListing(tree.manifest());
    }

    /** Rebuilds the tree of a stored manifest. */
    public ContentTree load(String manifestHash) {
        return load(listing(manifestHash), manifestHash);
    }

    /** Rebuilds the files of a manifest's listing whose paths are given (a part of its tree). */
    public ContentTree load(Map<String, String> listing, Set<String> paths) {
        Map<String, String> some = new LinkedHashMap<>(listing);
        some.keySet().retainAll(paths);
        return load(some, "(part of a manifest)");
    }

    private ContentTree load(Map<String, String> listing, String manifestHash) {
        List<ContentFile> files = new ArrayList<>();
        for (Map.Entry<String, String> entry : listing.entrySet()) {
            byte[] bytes = blobs.get(entry.getValue())
                    .orElseThrow(() -> new IllegalStateException("snapshot blob missing: " + entry.getValue()
                            + " (" + entry.getKey() + ") of manifest " + manifestHash));
            files.add(new ContentFile(entry.getKey(), bytes));
        }
        return new ContentTree(files);
    }

    /** Stores a key to hash listing (a manifest, or a channel's published objects); returns its hash. */
    public String storeListing(Map<String, String> listing) {
        StringBuilder text = new StringBuilder();
        listing.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                text.append(e.getValue()).append('\t').append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('\n'));
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        String hash = Hashing.sha256Hex(bytes);
        blobs.put(hash, bytes);
        return hash;
    }

    /** A stored listing (key to hash, in key order); empty for an empty hash. */
    public Map<String, String> listing(String hash) {
        Map<String, String> listing = new LinkedHashMap<>();
        if (hash == null || hash.isEmpty()) {
            return listing;
        }
        byte[] bytes = blobs.get(hash).orElseThrow(() -> new IllegalStateException("listing missing: " + hash));
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                listing.put(URLDecoder.decode(line.substring(tab + 1), StandardCharsets.UTF_8), line.substring(0, tab));
            }
        }
        return listing;
    }
}
