package io.dihit.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One copy of the trainable parameters per device. Replica 0 is the parameters' own arrays (the
 * ones the optimizer updates); every other replica is a copy that is refreshed after each update.
 * Gradients of all replicas are summed onto replica 0's device. Replicas are addressed by index,
 * not by device, so two replicas may share one device: that is how the multi-device path is
 * exercised on a CPU-only machine (DJL itself refuses several CPU devices in a ParameterStore).
 */
final class ParameterReplicas implements AutoCloseable {

    private final Map<String, Parameter> parameters;
    private final List<Device> devices;
    private final NDManager manager;
    private final List<Map<String, NDArray>> copies = new ArrayList<>();

    ParameterReplicas(Map<String, Parameter> parameters, List<Device> devices, NDManager parent) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("at least one device is needed");
        }
        this.parameters = parameters;
        this.devices = List.copyOf(devices);
        this.manager = parent.newSubManager();
        for (int r = 0; r < devices.size(); r++) {
            Map<String, NDArray> arrays = new HashMap<>();
            for (Parameter p : parameters.values()) {
                NDArray primary = p.getArray();
                if (r == 0) {
                    arrays.put(p.getId(), primary);
                } else {
                    NDArray copy = copyTo(primary, devices.get(r));
                    copy.attach(manager);
                    copy.setRequiresGradient(p.requiresGradient());
                    arrays.put(p.getId(), copy);
                }
            }
            copies.add(arrays);
        }
    }

    int size() {
        return devices.size();
    }

    Device device(int replica) {
        return devices.get(replica);
    }

    Device mainDevice() {
        return devices.get(0);
    }

    /** A parameter store that hands every block this replica's arrays. */
    ParameterStore store(int replica) {
        Map<String, NDArray> arrays = copies.get(replica);
        return new ParameterStore(manager, false) {
            @Override
            public NDArray getValue(Parameter parameter, Device device, boolean training) {
                NDArray array = arrays.get(parameter.getId());
                if (array == null) {
                    throw new IllegalStateException("parameter " + parameter.getName() + " is not trained by this loop");
                }
                return array;
            }
        };
    }

    /** Clears accumulated gradients on every replica (PyTorch accumulates across backward calls). */
    void zeroGradients() {
        for (Map<String, NDArray> arrays : copies) {
            for (NDArray array : arrays.values()) {
                if (array.hasGradient()) {
                    if (array instanceof PtNDArray pt) {
                        JniUtils.zeroGrad(pt); // also clears NaN, unlike g - g
                    } else {
                        NDArray g = array.getGradient();
                        g.subi(g);
                    }
                }
            }
        }
    }

    /** Sum of every replica's gradient per parameter name, on the main device, owned by {@code scope}. */
    Map<String, NDArray> collectGradients(NDManager scope) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            String id = e.getValue().getId();
            NDArray sum = null;
            for (Map<String, NDArray> arrays : copies) {
                NDArray handle = arrays.get(id).getGradient(); // a new wrapper, owned by the parameter's manager
                NDArray g = copyTo(handle, mainDevice());
                handle.close(); // frees the wrapper only; the parameter keeps its gradient
                g.attach(scope);
                sum = sum == null ? g : sum.add(g);
            }
            out.put(e.getKey(), sum);
        }
        return out;
    }

    /** Copies the (just updated) primary values into every other replica. */
    void broadcastFromPrimary() {
        for (int r = 1; r < copies.size(); r++) {
            for (Parameter p : parameters.values()) {
                NDArray target = copies.get(r).get(p.getId());
                try (NDManager tmp = manager.newSubManager()) {
                    NDArray value = copyTo(p.getArray(), devices.get(r));
                    value.attach(tmp);
                    target.set(value.toByteBuffer());
                }
            }
        }
    }

    /**
     * A new array with its own storage: DJL's toDevice(sameDevice, copy = true) can hand back a
     * view of the same tensor, which would make two replicas share one gradient.
     */
    private static NDArray copyTo(NDArray array, Device device) {
        return device.equals(array.getDevice()) ? array.duplicate() : array.toDevice(device, true);
    }

    @Override
    public void close() {
        manager.close();
    }
}
