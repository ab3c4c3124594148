package io.dihit.core.data;

import java.io.IOException;

/** A tar archive ends inside a header or inside a member's data. */
class TarTruncatedException extends IOException {
    private final boolean insideData;

    public TarTruncatedException(String message, boolean insideData) {
        super(message);
        this.insideData = insideData;
    }

    /** True when the archive ended inside the data of the last returned entry (that entry is lost). */
    public boolean insideData() {
        return insideData;
    }
}
