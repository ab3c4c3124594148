package io.dihit.examples.demo;

import io.dihit.core.data.ImageTextRecord;
import io.dihit.core.data.Manifests;
import io.dihit.examples.data.EmojiConcept;
import io.dihit.examples.data.EmojiStyle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a demo manifest (the full one or CAT's kept rows) back into pairs that point into the image cache. */
public final class TrainPairs {

    private TrainPairs() {
    }

    /**
     * Ids are {@code <style>/<concept id>/<caption index>} (see EmojiManifests.rowId); an injected
     * image of its own has {@code <style>/<concept id>~<tag>/<n>} (see NoiseInjector).
     */
    public static List<TrainPair> read(Path manifest, List<EmojiConcept> concepts) throws IOException {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < concepts.size(); i++) {
            index.put(concepts.get(i).id(), i);
        }
        List<TrainPair> pairs = new ArrayList<>();
        for (ImageTextRecord r : Manifests.readAll(manifest).records()) {
            String[] parts = r.id().split("/");
            Integer concept = parts.length == 3 ? index.get(parts[1].split("~", 2)[0]) : null;
            if (concept == null) {
                throw new IllegalArgumentException(manifest + ": row id '" + r.id() + "' is not <style>/<concept>/<n> of this catalog");
            }
            pairs.add(new TrainPair(r.id(), EmojiStyle.parse(parts[0]), concept, r.caption()));
        }
        return pairs;
    }
}
