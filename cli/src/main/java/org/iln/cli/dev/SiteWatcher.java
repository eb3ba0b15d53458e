package org.iln.cli.dev;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches the site's sources (content, templates, assets, data and jbake.properties) and runs an
 * action once per burst of changes.
 *
 * <p>Editors save in several steps (temp file, rename, touch), so changes within a short quiet
 * period are folded into one re-bake.
 */
final class SiteWatcher implements AutoCloseable {

    private static final List<String> SOURCES = List.of("content", "templates", "assets", "data");
    private static final long QUIET_MILLIS = 150;

    private final Path siteDir;
    private final WatchService service;
    private final Thread thread;

    private SiteWatcher(Path siteDir, Runnable onChange) throws IOException {
        this.siteDir = siteDir;
        this.service = siteDir.getFileSystem().newWatchService();
        siteDir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        for (String source : SOURCES) {
            Path dir = siteDir.resolve(source);
            if (Files.isDirectory(dir)) {
                registerTree(dir);
            }
        }
        this.thread = new Thread(() -> loop(onChange), "iln-site-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    static SiteWatcher watch(Path siteDir, Runnable onChange) {
        try {
            return new SiteWatcher(siteDir, onChange);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not watch " + siteDir + " for changes", e);
        }
    }

    private void registerTree(Path dir) throws IOException {
        try (Stream<Path> dirs = Files.walk(dir)) {
            for (Path each : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                each.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
            }
        }
    }

    private void loop(Runnable onChange) {
        try {
            while (true) {
                WatchKey key = service.take();
                boolean relevant = drain(key);
                // Fold the rest of the burst into this one re-bake.
                for (WatchKey more; (more = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null; ) {
                    relevant |= drain(more);
                }
                if (relevant) {
                    onChange.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean drain(WatchKey key) {
        Path dir = (Path) key.watchable();
        boolean relevant = false;
        for (var event : key.pollEvents()) {
            if (!(event.context() instanceof Path name)) {
                relevant = true; // overflow: we lost events, so re-bake to be safe
                continue;
            }
            Path changed = dir.resolve(name);
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(changed) && isUnderSources(changed)) {
                try {
                    registerTree(changed);
                } catch (IOException e) {
                    // The folder vanished again before we could watch it: nothing to bake from it.
                }
            }
            relevant |= isSource(changed);
        }
        key.reset();
        return relevant;
    }

    private boolean isUnderSources(Path path) {
        return SOURCES.contains(siteDir.relativize(path).getName(0).toString());
    }

    private boolean isSource(Path changed) {
        String name = changed.getFileName().toString();
        // Editors' swap and backup files are not content; nor is anything the build writes (target/).
        boolean editorFile = name.startsWith(".") || name.endsWith("~") || name.endsWith(".swp");
        Path relative = siteDir.relativize(changed);
        boolean watched = relative.equals(Path.of("jbake.properties"))
                || isUnderSources(changed) && relative.getNameCount() > 1;
        return watched && !editorFile;
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread.interrupt();
        try {
            // Let a re-bake in progress finish, so nothing writes into the site after we return.
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
