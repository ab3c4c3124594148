package io.dihit.filter.job;

import io.dihit.filter.CatRule;
import io.dihit.filter.CatScorer;
import io.dihit.filter.caption.CaptionAnalyzer;
import io.dihit.filter.caption.ClearNlpCaptionParser;
import io.dihit.filter.ocr.OcrEngine;
import io.dihit.filter.spotting.TextMatcher;
import java.util.Map;

/**
 * The production factory: ClearNLP parser, optional OCR engine by class name, the rule.
 *
 * @param ocrClass   TextSpotter class name, or null for none
 * @param ocrOptions options for its Map constructor
 */
public record ClearNlpProcessorFactory(CatRule rule, TextMatcher.Config matcher, int maxTokens, String ocrClass,
                                       Map<String, String> ocrOptions, ImageCheck imageCheck) implements ProcessorFactory {
    public ClearNlpProcessorFactory {
        ocrOptions = Map.copyOf(ocrOptions);
    }

    @Override
    public SampleProcessor create() {
        CatScorer scorer = new CatScorer(
                new CaptionAnalyzer(new ClearNlpCaptionParser(new ClearNlpCaptionParser.Config(maxTokens)), CaptionAnalyzer.DEFAULT_CACHE),
                new OcrEngine(ocrClass, ocrOptions, OcrEngine.DEFAULT_CACHE).create(),
                new TextMatcher(matcher));
        return new SampleProcessor(scorer, rule, imageCheck);
    }
}
