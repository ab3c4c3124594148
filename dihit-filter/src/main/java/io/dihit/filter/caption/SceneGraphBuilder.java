package io.dihit.filter.caption;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a {@link SceneGraph} from a dependency parse (ClearNLP / Stanford-style labels, Penn tags).
 *
 * <ul>
 *   <li>Entities: nouns (NN, NNS, NNP, NNPS) and personal pronouns (PRP) that contain a letter and do
 *       not modify another noun as a compound. A proper noun compounded onto a proper noun is part of its
 *       name ("New York"), not a separate entity or an attribute.</li>
 *   <li>Attribute edges: amod, nummod and (common-noun) compound children of an entity; a predicate
 *       adjective of a copula ("the car is red") is an attribute of the subject. Conjoined modifiers
 *       ("red and white") each count.</li>
 *   <li>Relations: for each verb, subject-verb-object (nsubj / passive agent -> dobj / nsubjpass),
 *       subject-verb+preposition-object (prep -> pobj), and subject-verb alone for intransitive verbs;
 *       for each entity, entity-preposition-entity. Participles and relative clauses get their
 *       subject or object from the noun they modify, relative pronouns are resolved to that noun,
 *       conjoined verbs and open complements (xcomp) share their head's subject, conjoined nouns
 *       share the relation.</li>
 *   <li>A relation is an action when its predicate is a verb that is not an auxiliary (aux, auxpass) and
 *       not a copula or linking verb (be, become, seem, remain).</li>
 * </ul>
 * Stateless and thread-safe.
 */
final class SceneGraphBuilder {
    private static final Set<String> LINKING_VERBS = Set.of("be", "become", "seem", "remain");
    private static final Set<String> ATTRIBUTE_DEPS = Set.of("amod", "nummod", "compound");
    private static final Set<String> RELATIVE_PRONOUNS = Set.of("who", "whom", "which", "that", "whose");

    public SceneGraph build(CaptionParse parse) {
        return new Run(parse).graph();
    }

    /** The per-parse working state: children lists and entity resolution. */
    private static final class Run {
        private final CaptionParse parse;
        private final List<List<Integer>> children = new ArrayList<>();
        private final List<SceneGraph.Entity> entities = new ArrayList<>();
        private final List<SceneGraph.Attribute> attributes = new ArrayList<>();
        private final List<SceneGraph.Relation> relations = new ArrayList<>();
        private final Set<String> seenRelations = new LinkedHashSet<>();

        Run(CaptionParse parse) {
            this.parse = parse;
            for (int i = 0; i < parse.size(); i++) {
                children.add(new ArrayList<>());
            }
            for (ParsedToken t : parse.tokens()) {
                if (!t.isRoot()) {
                    children.get(t.head()).add(t.index());
                }
            }
        }

        SceneGraph graph() {
            for (ParsedToken t : parse.tokens()) {
                if (isEntity(t)) {
                    entities.add(new SceneGraph.Entity(t.index(), nameOf(t)));
                }
            }
            for (SceneGraph.Entity e : entities) {
                addAttributes(e.token());
                addNounPrepositionRelations(e.token());
            }
            for (ParsedToken t : parse.tokens()) {
                if (isVerb(t) && !t.deprel().startsWith("aux")) {
                    addVerbRelations(t);
                }
            }
            return new SceneGraph(entities, attributes, relations);
        }

        // ---------------------------------------------------------------- entities and attributes

        private boolean isEntity(ParsedToken t) {
            boolean nounLike = t.pos().startsWith("NN") || t.pos().equals("PRP");
            return nounLike && hasLetter(t.form()) && !isCompoundModifier(t);
        }

        private boolean isCompoundModifier(ParsedToken t) {
            return !t.isRoot() && t.deprel().equals("compound") && isNoun(parse.token(t.head()));
        }

        private boolean isProperNameChunk(ParsedToken t) {
            return isCompoundModifier(t) && isProper(t) && isProper(parse.token(t.head()));
        }

        private String nameOf(ParsedToken head) {
            List<Integer> parts = new ArrayList<>();
            collectNameParts(head.index(), parts);
            parts.sort(null);
            StringBuilder name = new StringBuilder();
            for (int p : parts) {
                name.append(name.length() == 0 ? "" : " ").append(parse.token(p).form());
            }
            return name.toString();
        }

        /** The head plus every proper noun compounded onto it, recursively ("Nike Air Zoom Pegasus"). */
        private void collectNameParts(int token, List<Integer> parts) {
            parts.add(token);
            for (int c : children.get(token)) {
                if (isProperNameChunk(parse.token(c))) {
                    collectNameParts(c, parts);
                }
            }
        }

        private void addAttributes(int entity) {
            for (int c : children.get(entity)) {
                ParsedToken child = parse.token(c);
                if (ATTRIBUTE_DEPS.contains(child.deprel()) && !isProperNameChunk(child) && hasLetterOrDigit(child.form())) {
                    for (int m : withConjuncts(c)) {
                        String word = isProper(parse.token(m)) ? nameOf(parse.token(m)) : parse.token(m).form();
                        attributes.add(new SceneGraph.Attribute(entity, m, word, child.deprel()));
                    }
                }
            }
        }

        /** Resolves a token to the entity it denotes: itself, a relative pronoun's antecedent, or none (-1). */
        private int entityOf(int token) {
            if (token < 0) {
                return -1;
            }
            ParsedToken t = parse.token(token);
            if (RELATIVE_PRONOUNS.contains(t.lemma()) && t.pos().startsWith("W")) {
                ParsedToken clause = parse.token(t.head() < 0 ? token : t.head());
                return clause.deprel().equals("relcl") && !clause.isRoot() ? entityOf(clause.head()) : -1;
            }
            if (isProperNameChunk(t)) {
                return entityOf(t.head());
            }
            return isEntity(t) ? token : -1;
        }

        // ---------------------------------------------------------------- relations

        private void addNounPrepositionRelations(int entity) {
            for (int p : childrenWith(entity, "prep")) {
                for (int o : objectsOfPreposition(p)) {
                    addRelation(entity, parse.token(p).lemma(), p, o, false);
                }
            }
        }

        private void addVerbRelations(ParsedToken verb) {
            boolean action = !LINKING_VERBS.contains(verb.lemma());
            List<Integer> agents = subjectsOf(verb.index());
            List<Integer> patients = objectsOf(verb.index());
            // Without an agent ("a bus parked on the street") the patient is the one the clause is about.
            boolean agentless = agents.isEmpty() && isPassive(verb);
            List<Integer> subjects = agentless ? patients : agents.isEmpty() ? List.of(-1) : agents;
            List<Integer> objects = agentless ? List.of() : patients;
            int made = 0;
            for (int s : subjects) {
                for (int o : objects) {
                    made += addRelation(s, verb.lemma(), verb.index(), o, action);
                }
                for (int p : childrenWith(verb.index(), "prep")) {
                    String predicate = verb.lemma() + " " + parse.token(p).lemma();
                    for (int o : objectsOfPreposition(p)) {
                        made += addRelation(s, predicate, verb.index(), o, action);
                    }
                }
            }
            // An intransitive verb ("a dog running") is still an action of its subject; a verb whose
            // content is a clausal complement ("trying to catch ...") is left to that complement.
            boolean clausal = !childrenWith(verb.index(), "xcomp").isEmpty() || !childrenWith(verb.index(), "ccomp").isEmpty();
            if (action && made == 0 && objects.isEmpty() && !clausal) {
                for (int s : subjects) {
                    addRelation(s, verb.lemma(), verb.index(), -1, true);
                }
            }
            if (!action) {
                for (int s : subjects) {
                    for (int a : childrenWith(verb.index(), "acomp")) {
                        for (int m : withConjuncts(a)) {
                            if (s >= 0) {
                                attributes.add(new SceneGraph.Attribute(s, m, parse.token(m).form(), "acomp"));
                            }
                        }
                    }
                }
            }
        }

        /** Subject entities of a verb (explicit, passive agent, or inherited), -1 entries removed. */
        private List<Integer> subjectsOf(int verb) {
            List<Integer> found = new ArrayList<>();
            for (int s : childrenWith(verb, "nsubj")) {
                found.addAll(withConjuncts(s));
            }
            for (int agent : childrenWith(verb, "agent")) {
                for (int o : childrenWith(agent, "pobj")) {
                    found.addAll(withConjuncts(o));
                }
            }
            ParsedToken v = parse.token(verb);
            if (found.isEmpty() && !v.isRoot()) {
                switch (v.deprel()) {
                    case "acl", "relcl" -> {
                        if (!isPassive(v)) {
                            found.addAll(withConjuncts(v.head()));
                        }
                    }
                    case "conj", "xcomp" -> {
                        if (isVerb(parse.token(v.head()))) {
                            return subjectsOf(v.head());
                        }
                    }
                    default -> { }
                }
            }
            return entitiesOnly(found);
        }

        /** Object entities of a verb: direct objects, passive subjects, or the noun a passive participle modifies. */
        private List<Integer> objectsOf(int verb) {
            List<Integer> found = new ArrayList<>();
            for (int o : childrenWith(verb, "dobj")) {
                found.addAll(withConjuncts(o));
            }
            for (int o : childrenWith(verb, "nsubjpass")) {
                found.addAll(withConjuncts(o));
            }
            ParsedToken v = parse.token(verb);
            if (found.isEmpty() && !v.isRoot() && (v.deprel().equals("acl") || v.deprel().equals("relcl")) && isPassive(v)) {
                found.addAll(withConjuncts(v.head()));
            }
            return entitiesOnly(found);
        }

        private List<Integer> objectsOfPreposition(int preposition) {
            List<Integer> found = new ArrayList<>();
            for (int o : childrenWith(preposition, "pobj")) {
                found.addAll(withConjuncts(o));
            }
            return entitiesOnly(found);
        }

        /** A past participle without an active subject: passive clause or passive participle modifier. */
        private boolean isPassive(ParsedToken verb) {
            return verb.pos().equals("VBN") && childrenWith(verb.index(), "nsubj").isEmpty()
                    && childrenWith(verb.index(), "dobj").isEmpty();
        }

        /** Adds a relation unless it is a duplicate or touches no entity; returns 1 when added. */
        private int addRelation(int subject, String predicate, int predicateToken, int object, boolean action) {
            if ((subject < 0 && object < 0) || subject == object) {
                return 0;
            }
            if (!seenRelations.add(subject + "|" + predicate + "|" + predicateToken + "|" + object)) {
                return 0;
            }
            relations.add(new SceneGraph.Relation(subject, predicate, predicateToken, object, action));
            return 1;
        }

        // ---------------------------------------------------------------- tree helpers

        private List<Integer> entitiesOnly(List<Integer> tokens) {
            Set<Integer> out = new LinkedHashSet<>();
            for (int t : tokens) {
                int e = entityOf(t);
                if (e >= 0) {
                    out.add(e);
                }
            }
            return new ArrayList<>(out);
        }

        private List<Integer> childrenWith(int head, String deprel) {
            List<Integer> out = new ArrayList<>();
            for (int c : children.get(head)) {
                if (parse.token(c).deprel().equals(deprel)) {
                    out.add(c);
                }
            }
            return out;
        }

        /** The token and everything conjoined to it ("a man and a woman" -> man, woman). */
        private List<Integer> withConjuncts(int token) {
            List<Integer> out = new ArrayList<>();
            out.add(token);
            for (int i = 0; i < out.size(); i++) {
                out.addAll(childrenWith(out.get(i), "conj"));
            }
            return out;
        }

        private static boolean isVerb(ParsedToken t) {
            return t.pos().startsWith("VB");
        }

        private static boolean isNoun(ParsedToken t) {
            return t.pos().startsWith("NN");
        }

        private static boolean isProper(ParsedToken t) {
            return t.pos().startsWith("NNP");
        }

        private static boolean hasLetter(String s) {
            return s.codePoints().anyMatch(Character::isLetter);
        }

        private static boolean hasLetterOrDigit(String s) {
            return s.codePoints().anyMatch(Character::isLetterOrDigit);
        }
    }
}
