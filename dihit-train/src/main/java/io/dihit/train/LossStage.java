package io.dihit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.dihit.core.model.ClipModel;
import io.dihit.train.distill.ConceptDistillationLoss;
import io.dihit.train.distill.SoftTargets;
import io.dihit.train.loss.ContrastiveLoss;

/**
 * The global part of a step: from the whole batch's unnormalised embeddings (on the main device)
 * to total = contrastive + lambda * L_cd. The concept head reads the normalised image embedding.
 */
final class LossStage {

    private final ContrastiveLoss contrastive;
    private final Block conceptHead;
    private final ConceptDistillationLoss distillation;

    LossStage(ContrastiveLoss contrastive, Block conceptHead, ConceptDistillationLoss distillation) {
        if ((conceptHead == null) != (distillation == null)) {
            throw new IllegalArgumentException("concept distillation needs both a head and a loss");
        }
        this.contrastive = contrastive;
        this.conceptHead = conceptHead;
        this.distillation = distillation;
    }

    record Result(NDArray total, NDArray contrastive, NDArray distillation, int labelledRows) {}

    Result compute(ParameterStore mainStore, NDArray imageEmbeddings, NDArray textEmbeddings, NDArray logLogitScale,
                   SoftTargets targets) {
        NDArray images = ClipModel.normalize(imageEmbeddings);
        NDArray texts = ClipModel.normalize(textEmbeddings);
        NDArray contrastiveLoss = contrastive.compute(images, texts, logLogitScale);
        if (distillation == null) {
            return new Result(contrastiveLoss, contrastiveLoss, null, 0);
        }
        if (targets == null) {
            throw new IllegalArgumentException("distillation is on but the batch has no soft targets");
        }
        NDManager manager = images.getManager();
        NDArray logits = conceptHead.forward(mainStore, new NDList(images), true).singletonOrThrow();
        NDArray probabilities = targets.probabilitiesNDArray(manager).toDevice(images.getDevice(), false);
        NDArray mask = targets.rowMaskNDArray(manager).toDevice(images.getDevice(), false);
        NDArray distillationLoss = distillation.compute(logits, probabilities, mask);
        int labelled = targets.rowMask().length - targets.missing();
        return new Result(contrastiveLoss.add(distillation.weighted(distillationLoss)), contrastiveLoss,
                distillationLoss, labelled);
    }
}
