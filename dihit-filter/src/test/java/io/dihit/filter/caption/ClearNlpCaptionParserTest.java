package io.dihit.filter.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Complexity and actions of hand-written captions through the real ClearNLP models. Expected values
 * follow the definitions in {@link SceneGraphBuilder} applied to the linguistically correct parse.
 */
class ClearNlpCaptionParserTest {
    private static CaptionAnalyzer analyzer;

    @BeforeAll
    static void loadModels() {
        analyzer = new CaptionAnalyzer(new ClearNlpCaptionParser());
    }

    @ParameterizedTest(name = "{0} -> C={1} A={2}")
    @CsvSource(delimiter = '|', textBlock = """
            # single nouns
            dog                                                | 0 | 0
            sunset                                             | 0 | 0
            # product titles: modifiers but no action; a title-case name is one entity
            wireless bluetooth headphones                      | 2 | 0
            cotton t-shirt for men                             | 2 | 0
            Stainless Steel Water Bottle                       | 0 | 0
            # attributes only
            a red car                                          | 1 | 0
            coffee cup                                         | 1 | 0
            the car is red                                     | 1 | 0
            a cat on a mat                                     | 1 | 0
            New York City skyline at night                     | 2 | 0
            # actions
            a man riding a bike                                | 1 | 1
            a large brown dog chasing a red ball in the park   | 4 | 2
            children playing soccer in the street              | 2 | 2
            she holds a cup of coffee                          | 2 | 1
            a dog running                                      | 1 | 1
            a man trying to catch a frisbee                    | 1 | 1
            # passive voice
            the bike is ridden by a man                        | 1 | 1
            the cake was eaten by the children                 | 1 | 1
            a red and white bus parked on the street           | 3 | 1
            # gerunds and participles
            a boy eating an apple                              | 1 | 1
            kids jumping into a swimming pool                  | 2 | 1
            # coordination
            a man and his son are riding bikes                 | 2 | 2
            a woman sitting on a bench and reading a book      | 2 | 2
            a woman cutting a cake and smiling                 | 2 | 2
            a kitchen with a stove, a sink and a refrigerator  | 3 | 0
            # relative clauses
            a man who rides a bike                             | 1 | 1
            the bike that the man rides                        | 1 | 1
            the dog that was rescued by the firemen            | 1 | 1
            # numbers
            three dogs                                         | 1 | 0
            2 cats playing with 1 ball                         | 2 | 1
            # stop words only, non-English, emoji
            of the and a                                       | 0 | 0
            一只狗在草地上奔跑                                   | 0 | 0
            🐶🐱                                               | 0 | 0
            a dog 🐶 running                                   | 1 | 1
            """)
    void complexityAndActions(String caption, int complexity, int actions) {
        SceneGraph graph = analyzer.analyze(caption);
        assertEquals(complexity, graph.complexity(), () -> caption + ": " + graph.describe());
        assertEquals(actions, graph.actions(), () -> caption + ": " + graph.describe());
    }

    @Test
    void graphIsExposed() {
        SceneGraph g = analyzer.analyze("a large brown dog chasing a red ball in the park");
        assertEquals(List.of("dog", "ball", "park"), g.entities().stream().map(SceneGraph.Entity::name).toList());
        assertEquals(List.of("large", "brown", "red"), g.attributes().stream().map(SceneGraph.Attribute::word).toList());
        assertEquals(List.of("chase", "chase in"), g.relations().stream().map(SceneGraph.Relation::predicate).toList());
        assertEquals(4, g.edgesAt(g.entities().get(0).token()));
    }

    @Test
    void sentencesEndAtFinalMarks() {
        assertEquals(List.of(List.of("a", "dog", "."), List.of("two", "cats", "!?"), List.of("end")),
                ClearNlpCaptionParser.sentences(List.of("a", "dog", ".", "two", "cats", "!?", "end")));
        SceneGraph g = analyzer.analyze("Two people are walking. A dog runs after them.");
        assertEquals(List.of("walk", "run after"), g.relations().stream().map(SceneGraph.Relation::predicate).toList());
    }

    @Test
    void emptyAndBlankCaptions() {
        assertEquals(SceneGraph.EMPTY, analyzer.analyze(""));
        assertEquals(SceneGraph.EMPTY, analyzer.analyze("   \t\n"));
        assertEquals(SceneGraph.EMPTY, analyzer.analyze(null));
    }

    @Test
    void spanishGetsNoEnglishAction() {
        SceneGraph g = analyzer.analyze("un perro corriendo en la playa");
        assertEquals(0, g.actions(), g::describe);
        assertTrue(g.complexity() <= 1, g::describe);
    }

    @Test
    void longCaptionsAreCutAndComplexityStaysLocal() {
        String sentence = "a dog chasing a ball in the park. ";
        String caption = sentence.repeat(2000 / sentence.length() + 1);
        assertTrue(caption.length() >= 2000);
        CaptionParse parse = analyzer.parser().parse(caption);
        assertTrue(parse.truncated());
        assertEquals(ClearNlpCaptionParser.Config.DEFAULT.maxTokens(), parse.size());
        SceneGraph g = analyzer.analyze(caption);
        // Each sentence gives dog two relations; complexity is per node, so length does not raise it.
        assertEquals(2, g.complexity(), g::describe);
        int fullSentences = ClearNlpCaptionParser.Config.DEFAULT.maxTokens() / 9;
        assertTrue(g.actions() >= 2 * fullSentences, g::describe);

        SceneGraph oneWord = analyzer.analyze("a".repeat(2000));
        assertEquals(0, oneWord.complexity());
        assertEquals(0, oneWord.actions());
    }

    @Test
    void concurrentParsesEqualSequentialOnes() throws Exception {
        List<String> captions = List.of("a man riding a bike", "a red and white bus parked on the street",
                "a woman sitting on a bench and reading a book", "the dog that was rescued by the firemen",
                "children playing soccer in the street", "a kitchen with a stove, a sink and a refrigerator",
                "two boys and a girl playing football", "she holds a cup of coffee");
        List<CaptionParse> expected = captions.stream().map(analyzer.parser()::parse).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<CaptionParse>> futures = new ArrayList<>();
            for (int round = 0; round < 25; round++) {
                for (String c : captions) {
                    futures.add(pool.submit(() -> analyzer.parser().parse(c)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(expected.get(i % captions.size()), futures.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
