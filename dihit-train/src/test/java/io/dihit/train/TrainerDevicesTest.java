package io.dihit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.dihit.train.config.ModelConfig;
import io.dihit.train.config.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The explicit placement a Trainer takes instead of "the first GPUs, else the CPU". */
class TrainerDevicesTest {

    private static TrainConfig config(int devices) {
        return TrainConfig.builder().runDir(Path.of("unused")).model(ModelConfig.named("demo_tiny")).batchSize(8).steps(10)
                .devices(devices).build();
    }

    @Test
    void oneChosenDeviceReplacesTheDefault() {
        assertEquals(List.of(Device.cpu()), Trainer.placement(List.of(Device.cpu()), 1));
        assertEquals(List.of(Device.gpu(1), Device.gpu(0)), Trainer.placement(List.of(Device.gpu(1), Device.gpu(0)), 2),
                "the order given is the order used (the first holds the master parameters)");
    }

    @Test
    void theBuilderRefusesAPlacementThatDoesNotMatchTheConfig() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder(config(2)).devices(Device.gpu(0)).build());
        assertTrue(e.getMessage().contains("devices = 2") && e.getMessage().contains("1 devices were given"), e.getMessage());
    }

    @Test
    void severalDevicesMustBeDistinctGpus() {
        IllegalArgumentException cpus = assertThrows(IllegalArgumentException.class,
                () -> Trainer.placement(List.of(Device.cpu(), Device.gpu(0)), 2));
        assertTrue(cpus.getMessage().contains("GPUs"), cpus.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Trainer.placement(List.of(Device.gpu(0), Device.gpu(0)), 2));
        assertTrue(twice.getMessage().contains("distinct"), twice.getMessage());
    }
}
