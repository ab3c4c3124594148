package io.dihit.examples.data;

import java.util.List;

/**
 * One emoji, a concept drawn by every artist.
 *
 * @param id          the Unicode code points as in emoji-datasource's {@code unified}, lower case (e.g. {@code 1f600})
 * @param name        the display name, unique in a catalog: the Unicode name in lower case
 * @param shortNames  emoji-datasource short names with underscores and hyphens read as spaces
 * @param category    one of the 10 emoji-datasource categories
 * @param subcategory one of the ~99 subcategories
 * @param keywords    emojilib keywords, normalised, without style keywords or repeats of the names
 * @param imageFile   the PNG file name shared by all styles
 */
public record EmojiConcept(String id, String name, List<String> shortNames, String category, String subcategory,
                           List<String> keywords, String imageFile) {

    public EmojiConcept {
        if (id == null || id.isBlank() || name == null || name.isBlank() || imageFile == null || imageFile.isBlank()) {
            throw new IllegalArgumentException("emoji concept needs an id, a name and an image file: " + id);
        }
        if (category == null || subcategory == null) {
            throw new IllegalArgumentException("emoji concept " + id + " needs a category and a subcategory");
        }
        shortNames = List.copyOf(shortNames);
        keywords = List.copyOf(keywords);
    }
}
