package org.iln.bench.bake;

import java.io.File;
import org.jbake.app.Oven;
import org.jbake.app.configuration.JBakeConfigurationFactory;

/**
 * Bakes a project with stock JBake 2.7.0: the {@link Oven} with its default utensils (OrientDB
 * content store, DocumentsRenderer and the other ServiceLoader rendering tools), as
 * {@code jbake -b} does. Usage: {@code StockBake SOURCE_DIR OUTPUT_DIR}.
 */
public final class StockBake {

    private StockBake() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Oven oven = new Oven(new JBakeConfigurationFactory()
                .createDefaultJbakeConfiguration(new File(args[0]), new File(args[1]), true));
        oven.bake();
        if (!oven.getErrors().isEmpty()) {
            System.err.println("Stock bake failed: " + oven.getErrors().get(0).getMessage());
            System.exit(1);
        }
        System.out.println("Stock JBake baked " + args[0] + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        System.exit(0);
    }
}
