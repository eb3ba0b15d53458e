package org.iln.site;

import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jbake.app.ContentStore;
import org.jbake.app.DocumentList;
import org.jbake.model.DocumentModel;
import org.jbake.model.ModelAttributes;

/**
 * A JBake content store held in plain lists, so a bake never starts OrientDB.
 *
 * <p>JBake's crawler hands every parsed file to {@link #addDocument}; our rendering tools read the
 * lists back once. Every query is a scan or a map lookup, with no per-document database round
 * trip, and {@link #getDocumentStatus} always answers "new" because each bake starts empty.
 */
final class MemoryContentStore extends ContentStore {

    private static final Comparator<DocumentModel> NEWEST_FIRST =
            Comparator.comparing(DocumentModel::getDate, Comparator.nullsLast(Comparator.reverseOrder()));

    private final Map<String, List<DocumentModel>> byType = new LinkedHashMap<>();

    MemoryContentStore() {
        super("memory", "unused");
    }

    @Override
    public void startup() {
        // nothing to start: the lists are the store
    }

    @Override
    public void close() {
        byType.clear();
    }

    @Override
    public void shutdown() {
        byType.clear();
    }

    @Override
    public void drop() {
        byType.clear();
    }

    @Override
    public boolean isActive() {
        return true;
    }

    @Override
    public void updateAndClearCacheIfNeeded(boolean needed, File templateFolder) {
        // every bake starts from an empty store, so there is no cache to invalidate
    }

    @Override
    public void addDocument(DocumentModel document) {
        byType.computeIfAbsent(document.getType(), type -> new ArrayList<>()).add(document);
    }

    /** Every document of a type in crawl order (files sorted by path). */
    List<DocumentModel> documents(String docType) {
        return byType.getOrDefault(docType, List.of());
    }

    @Override
    public long getDocumentCount(String docType) {
        return documents(docType).size();
    }

    @Override
    public long getPublishedCount(String docType) {
        return documents(docType).stream().filter(MemoryContentStore::isPublished).count();
    }

    @Override
    public DocumentList<DocumentModel> getDocumentByUri(String uri) {
        DocumentList<DocumentModel> found = new DocumentList<>();
        byType.values().forEach(docs -> docs.stream().filter(d -> uri.equals(d.getSourceuri())).forEach(found::add));
        return found;
    }

    @Override
    public DocumentList<DocumentModel> getDocumentStatus(String uri) {
        return new DocumentList<>();
    }

    @Override
    public DocumentList<DocumentModel> getPublishedPosts() {
        return getPublishedContent("post");
    }

    @Override
    public DocumentList<DocumentModel> getPublishedPosts(boolean applyPaging) {
        return getPublishedContent("post");
    }

    @Override
    public DocumentList<DocumentModel> getPublishedPostsByTag(String tag) {
        return sorted(documents("post").stream().filter(MemoryContentStore::isPublished)
                .filter(d -> hasTag(d, tag)).toList());
    }

    @Override
    public DocumentList<DocumentModel> getPublishedDocumentsByTag(String tag) {
        List<DocumentModel> found = new ArrayList<>();
        byType.values().forEach(docs -> docs.stream().filter(MemoryContentStore::isPublished)
                .filter(d -> hasTag(d, tag)).forEach(found::add));
        return sorted(found);
    }

    @Override
    public DocumentList<DocumentModel> getPublishedPages() {
        return getPublishedContent("page");
    }

    @Override
    public DocumentList<DocumentModel> getPublishedContent(String docType) {
        return sorted(documents(docType).stream().filter(MemoryContentStore::isPublished).toList());
    }

    @Override
    public DocumentList<DocumentModel> getAllContent(String docType) {
        return sorted(documents(docType));
    }

    @Override
    public DocumentList<DocumentModel> getAllContent(String docType, boolean applyPaging) {
        return sorted(documents(docType));
    }

    @Override
    public DocumentList<DocumentModel> getUnrenderedContent() {
        List<DocumentModel> found = new ArrayList<>();
        byType.values().forEach(docs -> docs.stream().filter(d -> !d.getRendered()).forEach(found::add));
        return sorted(found);
    }

    @Override
    public void deleteContent(String uri) {
        byType.values().forEach(docs -> docs.removeIf(d -> uri.equals(d.getSourceuri())));
    }

    @Override
    public void markContentAsRendered(DocumentModel document) {
        document.setRendered(true);
    }

    @Override
    public void deleteAllByDocType(String docType) {
        byType.remove(docType);
    }

    @Override
    public Set<String> getTags() {
        return tagsOf(documents("post"));
    }

    @Override
    public Set<String> getAllTags() {
        List<DocumentModel> all = new ArrayList<>();
        byType.values().forEach(all::addAll);
        return tagsOf(all);
    }

    private static Set<String> tagsOf(List<DocumentModel> docs) {
        Set<String> tags = new TreeSet<>();
        for (DocumentModel doc : docs) {
            if (isPublished(doc) && doc.get(ModelAttributes.TAGS) instanceof String[] docTags) {
                tags.addAll(List.of(docTags));
            }
        }
        return tags;
    }

    private static boolean hasTag(DocumentModel doc, String tag) {
        return doc.get(ModelAttributes.TAGS) instanceof String[] tags && List.of(tags).contains(tag);
    }

    private static boolean isPublished(DocumentModel doc) {
        return ModelAttributes.Status.PUBLISHED.equals(doc.getStatus());
    }

    private static DocumentList<DocumentModel> sorted(List<DocumentModel> docs) {
        DocumentList<DocumentModel> list = new DocumentList<>();
        list.addAll(docs);
        list.sort(NEWEST_FIRST);
        return list;
    }
}
