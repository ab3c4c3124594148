package io.dihit.core.image;

/** One float per colour channel (a normalisation mean or standard deviation). */
public record ChannelStats(float r, float g, float b) {
    /** CLIP / DiHT image mean. */
    public static final ChannelStats CLIP_MEAN = new ChannelStats(0.48145466f, 0.4578275f, 0.40821073f);
    /** CLIP / DiHT image standard deviation. */
    public static final ChannelStats CLIP_STD = new ChannelStats(0.26862954f, 0.26130258f, 0.27577711f);

    public ChannelStats {
        if (!Float.isFinite(r) || !Float.isFinite(g) || !Float.isFinite(b)) {
            throw new IllegalArgumentException("channel values must be finite: " + r + "," + g + "," + b);
        }
    }

    public float get(int channel) {
        return switch (channel) {
            case 0 -> r;
            case 1 -> g;
            case 2 -> b;
            default -> throw new IndexOutOfBoundsException("channel " + channel);
        };
    }
}
