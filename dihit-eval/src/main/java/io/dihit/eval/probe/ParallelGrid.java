package io.dihit.eval.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Evaluates independent grid points (hyper-parameter settings) on a few threads, results in input order. */
final class ParallelGrid {

    private ParallelGrid() {
    }

    static <P, R> List<R> map(List<P> points, int threads, Function<P, R> evaluate) {
        int n = Math.min(threads, points.size());
        if (n <= 1) {
            return points.stream().map(evaluate).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "probe-grid");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> pending = new ArrayList<>(points.size());
            for (P p : points) {
                pending.add(pool.submit(() -> evaluate.apply(p)));
            }
            List<R> out = new ArrayList<>(points.size());
            for (Future<R> f : pending) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during cross-validation", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
