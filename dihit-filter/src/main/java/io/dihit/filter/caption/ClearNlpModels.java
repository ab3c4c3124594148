package io.dihit.filter.caption;

import edu.emory.clir.clearnlp.component.AbstractComponent;
import edu.emory.clir.clearnlp.component.mode.dep.DEPConfiguration;
import edu.emory.clir.clearnlp.component.utils.GlobalLexica;
import edu.emory.clir.clearnlp.component.utils.NLPUtils;
import edu.emory.clir.clearnlp.tokenization.AbstractTokenizer;
import edu.emory.clir.clearnlp.util.lang.TLanguage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ClearNLP 3 English models (tokeniser, POS tagger, morphological analyser, dependency parser),
 * loaded once per JVM from the Maven artefacts on the class path ({@code general-en-pos.xz},
 * {@code general-en-dep.xz}, the Brown-cluster lexicon). Loading takes ~30 s and ~4 GB of heap.
 *
 * <p>Sharing across threads: in decode mode ClearNLP 3.1.2 creates all per-sentence state
 * ({@code POSState}, {@code DEPStateBranch}) inside {@code process(DEPTree)} and only reads the models,
 * lexica and dictionaries. The one exception is beam search: with a beam size above 1,
 * {@code DEPStateBranch.setBest} writes to the unsynchronised static map {@code DEPStateBranch.mmm}.
 * The parser is therefore built with beam size 1 (greedy), which never reaches that code, and the
 * components below can be called concurrently ({@code ClearNlpCaptionParserTest} checks that parallel
 * parses equal sequential ones).
 */
final class ClearNlpModels {
    private static final Logger LOG = LoggerFactory.getLogger(ClearNlpModels.class);
    static final String POS_MODEL = "general-en-pos.xz";
    static final String DEP_MODEL = "general-en-dep.xz";
    static final String BROWN_CLUSTERS = "brown-rcv1.clean.tokenized-CoNLL03.txt-c1000-freq1.txt.xz";

    private static volatile ClearNlpModels shared;

    final AbstractTokenizer tokenizer;
    /** In pipeline order: POS tagging, lemmatisation, dependency parsing. */
    final List<AbstractComponent> components;

    private ClearNlpModels() {
        long start = System.nanoTime();
        TLanguage language = TLanguage.ENGLISH;
        GlobalLexica.initDistributionalSemanticsWords(List.of(BROWN_CLUSTERS));
        DEPConfiguration depConfig = new DEPConfiguration("root");
        depConfig.setBeamSize(1);
        tokenizer = NLPUtils.getTokenizer(language);
        components = List.of(
                NLPUtils.getPOSTagger(language, POS_MODEL),
                NLPUtils.getMPAnalyzer(language),
                NLPUtils.getDEPParser(language, DEP_MODEL, depConfig));
        LOG.info("ClearNLP models loaded in {} s", String.format("%.1f", (System.nanoTime() - start) / 1e9));
    }

    /** The JVM-wide instance, loaded on first use. */
    static ClearNlpModels shared() {
        ClearNlpModels models = shared;
        if (models == null) {
            synchronized (ClearNlpModels.class) {
                models = shared;
                if (models == null) {
                    models = new ClearNlpModels();
                    shared = models;
                }
            }
        }
        return models;
    }
}
