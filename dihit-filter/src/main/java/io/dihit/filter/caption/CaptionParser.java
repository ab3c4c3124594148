package io.dihit.filter.caption;

/**
 * Tokenises, tags, lemmatises and dependency-parses captions.
 *
 * <p>Implementations must be safe to call from several threads at once (the filter job shares one
 * instance between its workers) and must not keep per-caption state after {@link #parse} returns.
 */
public interface CaptionParser extends AutoCloseable {

    /** Parses a caption; blank or null text gives {@link CaptionParse#EMPTY}. */
    CaptionParse parse(String caption);

    /** A short name recorded in job outputs. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Releases per-instance resources; shared models may stay loaded for the JVM's lifetime. */
    @Override
    default void close() {
    }
}
