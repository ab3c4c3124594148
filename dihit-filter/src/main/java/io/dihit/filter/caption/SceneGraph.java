package io.dihit.filter.caption;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A caption's scene graph: entities (noun heads), attribute edges hanging off entities, and relations
 * between entities. Built by {@link SceneGraphBuilder}; immutable.
 */
public record SceneGraph(List<Entity> entities, List<Attribute> attributes, List<Relation> relations) {
    public static final SceneGraph EMPTY = new SceneGraph(List.of(), List.of(), List.of());

    /** A noun head. {@code name} is its word, or its whole proper name ("New York") for merged proper nouns. */
    public record Entity(int token, String name) {
        public Entity {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * An attribute edge: {@code word} modifies entity {@code entity} (a token index).
     *
     * @param kind the dependency that made it: amod, nummod, compound, or acomp (predicate adjective)
     */
    public record Attribute(int entity, int token, String word, String kind) {
        public Attribute {
            Objects.requireNonNull(word, "word");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * A relation edge. {@code subject} and {@code object} are entity token indices or -1 when that
     * argument is absent or not an entity; at least one is present.
     *
     * @param predicate      the verb (lemma), the verb lemma plus preposition ("ride on"), or the preposition
     * @param predicateToken token index of the verb, or of the preposition for noun-preposition-noun
     * @param action         the predicate is a verb that is not an auxiliary or copula
     */
    public record Relation(int subject, String predicate, int predicateToken, int object, boolean action) {
        public Relation {
            Objects.requireNonNull(predicate, "predicate");
            if (subject < 0 && object < 0) {
                throw new IllegalArgumentException("a relation needs a subject or an object entity");
            }
        }

        public boolean touches(int entityToken) {
            return subject == entityToken || object == entityToken;
        }
    }

    public SceneGraph {
        entities = List.copyOf(entities);
        attributes = List.copyOf(attributes);
        relations = List.copyOf(relations);
    }

    /** Number of edges (attributes plus relations) at an entity. */
    public int edgesAt(int entityToken) {
        long attributeEdges = attributes.stream().filter(a -> a.entity() == entityToken).count();
        long relationEdges = relations.stream().filter(r -> r.touches(entityToken)).count();
        return Math.toIntExact(attributeEdges + relationEdges);
    }

    /** The largest number of edges at any entity node; 0 without entities. */
    public int complexity() {
        return entities.stream().mapToInt(e -> edgesAt(e.token())).max().orElse(0);
    }

    /** The number of relations whose predicate is an action verb. */
    public int actions() {
        return Math.toIntExact(relations.stream().filter(Relation::action).count());
    }

    /** Readable form for logs and tests, e.g. {@code [man, bike] {car: red} (man -ride-> bike)}. */
    public String describe() {
        String names = entities.stream().map(Entity::name).collect(Collectors.joining(", ", "[", "]"));
        String attrs = attributes.stream().map(a -> nameOf(a.entity()) + ": " + a.word())
                .collect(Collectors.joining(", ", "{", "}"));
        String rels = relations.stream()
                .map(r -> "(" + nameOf(r.subject()) + " -" + r.predicate() + "-> " + nameOf(r.object()) + ")")
                .collect(Collectors.joining(" "));
        return names + " " + attrs + " " + rels;
    }

    private String nameOf(int entityToken) {
        return entities.stream().filter(e -> e.token() == entityToken).map(Entity::name).findFirst().orElse("_");
    }
}
