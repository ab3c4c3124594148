package io.dihit.examples.demo;

import io.dihit.examples.data.DataLayout;
import io.dihit.examples.data.EmojiCatalog;
import io.dihit.examples.data.EmojiManifests;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** What the stages share: the configuration, the data, and each stage's results as later stages need them. */
public final class DemoContext {

    private final DemoConfig config;
    private final DataLayout layout;
    private final PrintStream log;
    private final List<StageRecord> stages = new ArrayList<>();
    private EmojiCatalog catalog;
    private EmojiManifests.Written manifests;

    public DemoContext(DemoConfig config, DataLayout layout, PrintStream log) {
        this.config = config;
        this.layout = layout;
        this.log = log;
    }

    public DemoConfig config() {
        return config;
    }

    public DataLayout layout() {
        return layout;
    }

    public PrintStream log() {
        return log;
    }

    public List<StageRecord> stages() {
        return List.copyOf(stages);
    }

    void record(StageRecord record) {
        stages.add(record);
    }

    public EmojiCatalog catalog() {
        if (catalog == null) {
            throw new IllegalStateException("the manifest stage has not loaded the catalog yet");
        }
        return catalog;
    }

    public boolean hasCatalog() {
        return catalog != null;
    }

    void catalog(EmojiCatalog catalog) {
        this.catalog = catalog;
    }

    public EmojiManifests.Written manifests() {
        if (manifests == null) {
            throw new IllegalStateException("the manifest stage has not run");
        }
        return manifests;
    }

    public boolean hasManifests() {
        return manifests != null;
    }

    void manifests(EmojiManifests.Written manifests) {
        this.manifests = manifests;
    }
}
