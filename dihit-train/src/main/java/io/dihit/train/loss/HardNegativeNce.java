package io.dihit.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.dihit.core.model.EngineScalars;

/**
 * DiHT's HN-NCE (arXiv 2301.02280), computed entirely in log space.
 *
 * <p>Per direction, on a score matrix S (rows of s for image-to-text with beta1, columns for
 * text-to-image with beta2): w_ij = (k-1) softmax_{j != i}(beta S_ij) and
 * L = mean_i [ log(alpha e^{S_ii} + sum_{j != i} w_ij e^{S_ij}) - S_ii ]. Since
 * log w_ij = log(k-1) + logSoftmax_{j != i}(beta S)_ij, the log denominator is one log-sum-exp
 * over a matrix whose diagonal holds log(alpha) + S_ii and whose off-diagonal holds
 * S_ij + log w_ij: no exponential is ever taken of an unshifted score, so a log logit scale of ln 100 and
 * batches of many thousands stay finite. The diagonal is excluded with {@code where} on a boolean
 * mask (never by multiplying with 0, which would turn -inf into NaN), so masked entries receive
 * exactly zero gradient.
 */
public final class HardNegativeNce implements ContrastiveLoss {

    private final LossConfig config;

    /** @param config an {@code hn_nce} loss config (alpha, beta1, beta2, detach_weights) */
    public HardNegativeNce(LossConfig config) {
        if (!config.type().equals(LossConfig.HN_NCE)) {
            throw new IllegalArgumentException("HardNegativeNce needs an hn_nce config, got " + config.type());
        }
        this.config = config;
    }

    public HardNegativeNce(double alpha, double beta1, double beta2) {
        this(LossConfig.hnNce(alpha, beta1, beta2, false));
    }

    public LossConfig config() {
        return config;
    }

    @Override
    public NDArray compute(NDArray imageFeatures, NDArray textFeatures, NDArray logLogitScale) {
        NDArray s = ContrastiveLoss.scores(imageFeatures, textFeatures, logLogitScale);
        int k = Math.toIntExact(s.getShape().get(0));
        // DJL's where() broadcasts only its second value, so the mask selects the (full) off-diagonal.
        NDArray offDiagonalMask = s.getManager().eye(k, k, 0, DataType.BOOLEAN).logicalNot()
                .toDevice(s.getDevice(), false);
        NDArray positives = s.diagonal();
        NDArray imageToText = direction(s, positives, offDiagonalMask, config.beta1(), 1);
        NDArray textToImage = direction(s, positives, offDiagonalMask, config.beta2(), 0);
        return EngineScalars.mul(imageToText.add(textToImage), 0.5);
    }

    /** Mean over anchors of one direction; anchors run along the axis other than {@code axis}. */
    private NDArray direction(NDArray s, NDArray positives, NDArray offDiagonalMask, double beta, int axis) {
        int k = Math.toIntExact(s.getShape().get(0));
        double logNegatives = Math.log(k - 1.0);
        // Off-diagonal terms without the constant log(k-1), which is added after the log-sum-exp.
        NDArray offDiagonal = s;
        if (beta != 0.0) {
            NDArray betaScores = NDArrays.where(offDiagonalMask, EngineScalars.mul(s, beta), negativeInfinity(s));
            NDArray logWeights = betaScores.logSoftmax(axis); // log(w_ij / (k-1)); -inf on the diagonal
            if (config.detachWeights()) {
                logWeights = logWeights.stopGradient();
            }
            offDiagonal = s.add(logWeights);
        } else {
            // beta = 0: every w_ij is 1, i.e. log w_ij = log(k-1) exactly (InfoNCE when alpha = 1).
            offDiagonal = s.sub(logNegatives);
        }
        NDArray anchorShaped = axis == 1 ? positives.reshape(k, 1) : positives.reshape(1, k);
        NDArray diagonalTerm = config.alpha() > 0
                ? anchorShaped.add(Math.log(config.alpha()) - logNegatives)
                : negativeInfinity(s);
        NDArray terms = NDArrays.where(offDiagonalMask, offDiagonal, diagonalTerm);
        NDArray logDenominator = logSumExp(terms, axis).add(logNegatives);
        return logDenominator.sub(positives).mean();
    }

    /** log sum exp along {@code axis}; the shift is detached since the value does not depend on it. */
    static NDArray logSumExp(NDArray x, int axis) {
        NDArray max = x.max(new int[] {axis}, true).stopGradient();
        return x.sub(max).exp().sum(new int[] {axis}).log().add(max.squeeze(axis));
    }

    private static NDArray negativeInfinity(NDArray like) {
        return like.getManager().full(new Shape(), Float.NEGATIVE_INFINITY, like.getDataType())
                .toDevice(like.getDevice(), false);
    }

    @Override
    public String name() {
        return "hn_nce";
    }

    @Override
    public String toString() {
        return "HardNegativeNce" + config;
    }
}
