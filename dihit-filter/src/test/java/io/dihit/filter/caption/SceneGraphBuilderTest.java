package io.dihit.filter.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scene-graph rules on hand-written parses (no parser involved). */
class SceneGraphBuilderTest {
    private final SceneGraphBuilder builder = new SceneGraphBuilder();

    /** Tokens as "form/lemma/POS/head/deprel", head 0-based, -1 for the root. */
    private static CaptionParse parse(String... tokens) {
        List<ParsedToken> out = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            String[] f = tokens[i].split("/");
            out.add(new ParsedToken(i, f[0], f[1], f[2], Integer.parseInt(f[3]), f[4]));
        }
        return new CaptionParse(out, false);
    }

    @Test
    void properNounCompoundsAreOneNameCommonOnesAreAttributes() {
        SceneGraph g = builder.build(parse("New/new/NNP/1/compound", "York/york/NNP/3/compound",
                "coffee/coffee/NN/3/compound", "shop/shop/NN/-1/root"));
        assertEquals(List.of("shop"), g.entities().stream().map(SceneGraph.Entity::name).toList());
        assertEquals(List.of("New York", "coffee"), g.attributes().stream().map(SceneGraph.Attribute::word).toList());
        assertEquals(2, g.complexity());
        assertEquals(0, g.actions());
    }

    @Test
    void copulaGivesAttributesAndNonActionRelations() {
        SceneGraph red = builder.build(parse("car/car/NN/1/nsubj", "is/be/VBZ/-1/root", "red/red/JJ/1/acomp",
                "and/and/CC/2/cc", "shiny/shiny/JJ/2/conj"));
        assertEquals(2, red.complexity());
        assertEquals(0, red.actions());
        SceneGraph on = builder.build(parse("man/man/NN/1/nsubj", "is/be/VBZ/-1/root", "on/on/IN/1/prep", "bike/bike/NN/2/pobj"));
        assertEquals("be on", on.relations().get(0).predicate());
        assertEquals(0, on.actions());
        assertEquals(1, on.complexity());
    }

    @Test
    void conjoinedSubjectsEachGetTheRelation() {
        SceneGraph g = builder.build(parse("man/man/NN/4/nsubj", "and/and/CC/0/cc", "woman/woman/NN/0/conj",
                "are/be/VBP/4/aux", "riding/ride/VBG/-1/root", "bikes/bike/NNS/4/dobj"));
        assertEquals(2, g.actions());
        assertEquals(2, g.complexity());
    }

    @Test
    void passiveWithoutAgentMakesThePatientTheSubject() {
        SceneGraph g = builder.build(parse("bus/bus/NN/-1/root", "parked/park/VBN/0/acl", "on/on/IN/1/prep",
                "street/street/NN/2/pobj"));
        SceneGraph.Relation r = g.relations().get(0);
        assertEquals("park on", r.predicate());
        assertEquals(0, r.subject());
        assertEquals(3, r.object());
        assertEquals(1, g.actions());
    }

    @Test
    void relativePronounsResolveAndAuxiliariesAreNoActions() {
        SceneGraph g = builder.build(parse("bike/bike/NN/-1/root", "that/that/WDT/4/dobj", "the/the/DT/3/det",
                "man/man/NN/4/nsubj", "rides/ride/VBZ/0/relcl"));
        assertEquals(1, g.relations().size());
        assertEquals(3, g.relations().get(0).subject());
        assertEquals(0, g.relations().get(0).object());
        SceneGraph aux = builder.build(parse("man/man/NN/2/nsubj", "has/have/VBZ/2/aux", "eaten/eat/VBN/-1/root"));
        assertEquals(1, aux.actions());
        assertEquals("eat", aux.relations().get(0).predicate());
    }

    @Test
    void controlVerbsLeaveTheActionToTheirComplement() {
        SceneGraph g = builder.build(parse("man/man/NN/-1/root", "trying/try/VBG/0/acl", "to/to/TO/3/aux",
                "catch/catch/VB/1/xcomp", "frisbee/frisbee/NN/3/dobj"));
        assertEquals(List.of("catch"), g.relations().stream().map(SceneGraph.Relation::predicate).toList());
        assertEquals(0, g.relations().get(0).subject());
    }

    @Test
    void symbolsAreNoEntitiesAndVerbsWithoutEntitiesMakeNoRelations() {
        SceneGraph g = builder.build(parse("123/0/CD/-1/root"));
        assertEquals(SceneGraph.EMPTY, g);
        SceneGraph run = builder.build(parse("run/run/VB/-1/root"));
        assertEquals(0, run.actions());
    }
}
