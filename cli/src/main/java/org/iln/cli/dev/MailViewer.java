package org.iln.cli.dev;

import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.iln.json.Json;
import org.iln.localaws.SentMailPage;

/**
 * The dev server's mail viewer: {@code /_dev/mail} (HTML) and {@code /_dev/mail.json}, the mail
 * the emulator accepted, newest first, a page at a time, each message with its raw headers.
 *
 * <p>Query parameters: {@code page} (from 1), {@code to} (only messages to a recipient containing
 * it) and, for the JSON, {@code size} (messages per page, at most {@value #MAX_SIZE}). Each page
 * links to the next and previous ones, so the viewer works without JavaScript. A request reads
 * only its page from the emulator and parses only those messages, so it takes the same time with
 * ten messages or ten thousand.
 */
final class MailViewer {

    static final int PAGE_SIZE = 50;
    static final int MAX_SIZE = 500;

    private final Optional<LocalAws> aws;

    MailViewer(Optional<LocalAws> aws) {
        this.aws = aws;
    }

    /** What a request asked for, read from its query. */
    private record Request(int page, int size, String to) {

        static Optional<Request> of(Context ctx, int defaultSize) {
            Optional<Integer> page = number(ctx.queryParam("page"), 1, 1, Integer.MAX_VALUE);
            Optional<Integer> size = number(ctx.queryParam("size"), defaultSize, 1, MAX_SIZE);
            if (page.isEmpty() || size.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Request(page.get(), size.get(), Optional.ofNullable(ctx.queryParam("to")).orElse("").strip()));
        }

        private static Optional<Integer> number(String text, int absent, int min, int max) {
            if (text == null || text.isBlank()) {
                return Optional.of(absent);
            }
            try {
                int n = Integer.parseInt(text.strip());
                return n >= min && n <= max ? Optional.of(n) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        int skip() {
            return (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * size);
        }

        /** The address of another page of the same listing. */
        String link(String path, int otherPage, int defaultSize) {
            StringBuilder query = new StringBuilder("?page=").append(otherPage);
            if (size != defaultSize) {
                query.append("&size=").append(size);
            }
            if (!to.isEmpty()) {
                query.append("&to=").append(URLEncoder.encode(to, StandardCharsets.UTF_8));
            }
            return path + query;
        }
    }

    /** A page of parsed messages and where it sits in the whole. */
    private record Listing(Request request, int total, List<LocalMail> messages) {

        int pages() {
            return Math.max(1, (int) ((total + (long) request.size() - 1) / request.size()));
        }

        Optional<String> previous(String path, int defaultSize) {
            return request.page() > 1 ? Optional.of(request.link(path, Math.min(request.page() - 1, pages()), defaultSize))
                    : Optional.empty();
        }

        Optional<String> next(String path, int defaultSize) {
            return request.page() < pages() ? Optional.of(request.link(path, request.page() + 1, defaultSize))
                    : Optional.empty();
        }
    }

    private Listing read(Request request) {
        SentMailPage page = aws.map(local -> local.sentMail(request.skip(), request.size(), request.to()))
                .orElse(SentMailPage.EMPTY);
        return new Listing(request, page.total(), page.messages().stream().map(LocalMail::parse).toList());
    }

    void json(Context ctx) {
        Optional<Request> request = Request.of(ctx, PAGE_SIZE);
        if (request.isEmpty()) {
            ctx.status(HttpStatus.BAD_REQUEST).contentType(ContentType.APPLICATION_JSON).result(JsonBadMessages.error(
                    "page", "page must be a whole number from 1, and size from 1 to " + MAX_SIZE + "."));
            return;
        }
        Listing listing = read(request.get());
        String path = "/_dev/mail.json";
        List<Map<String, Object>> list = new ArrayList<>();
        for (LocalMail m : listing.messages()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("number", m.number());
            item.put("to", m.to());
            item.put("subject", m.subject());
            item.put("date", m.date().map(Instant::toString).orElse(null));
            item.put("headers", m.headers());
            item.put("rawHeaders", m.rawHeaders());
            item.put("text", m.text());
            item.put("html", m.html());
            item.put("links", m.links());
            item.put("attachments", m.attachments().stream()
                    .map(a -> Map.of("filename", a.filename(), "text", a.text())).toList());
            list.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", listing.total());
        body.put("page", request.get().page());
        body.put("pages", listing.pages());
        body.put("size", request.get().size());
        body.put("previous", listing.previous(path, PAGE_SIZE).orElse(null));
        body.put("next", listing.next(path, PAGE_SIZE).orElse(null));
        body.put("messages", list);
        try {
            ctx.contentType(ContentType.APPLICATION_JSON).result(Json.newMapper().writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write the mail as JSON", e);
        }
    }

    void page(Context ctx) {
        Optional<Request> request = Request.of(ctx, PAGE_SIZE);
        if (request.isEmpty()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            DevServer.sendDevPage(ctx, "Sent mail", "<p role=\"alert\">page must be a whole number from 1, and size from 1 to "
                    + MAX_SIZE + ". <a href=\"/_dev/mail\">The newest mail</a></p>");
            return;
        }
        Listing listing = read(request.get());
        String path = "/_dev/mail";
        String to = request.get().to();
        StringBuilder body = new StringBuilder();
        body.append("<form method=\"get\" action=\"/_dev/mail\"><label for=\"to\">Recipient contains</label> ")
                .append("<input id=\"to\" name=\"to\" type=\"search\" value=\"").append(DevServer.escape(to)).append("\"> ")
                .append("<button type=\"submit\">Show</button></form>");
        if (aws.isEmpty() || !aws.get().isEmulator()) {
            body.append("<p>No emulator: mail is not captured here.</p>");
        } else if (listing.total() == 0) {
            body.append(to.isEmpty()
                    ? "<p>No mail sent yet. Sign up on <a href=\"/signup/\">the form</a> and reload this page.</p>"
                    : "<p>No mail to a recipient containing “" + DevServer.escape(to) + "”.</p>");
        } else {
            int first = request.get().skip() + 1;
            body.append("<p class=\"count\">").append(listing.messages().isEmpty()
                    ? "No messages on this page; there are " + listing.total() + " in all."
                    : "Messages " + first + "–" + (first + listing.messages().size() - 1) + " of " + listing.total()
                            + ", newest first.").append("</p>");
        }
        String navigation = navigation(listing, path);
        body.append(navigation);
        for (LocalMail m : listing.messages()) {
            body.append("<article class=\"mail\" id=\"mail-").append(m.number()).append("\">")
                    .append("<h2>").append(DevServer.escape(m.subject())).append("</h2>")
                    .append("<p>To <span class=\"to\">").append(DevServer.escape(m.to())).append("</span>")
                    .append(m.date().map(d -> ", <time datetime=\"" + d + "\">" + d + "</time>").orElse(""))
                    .append("</p>");
            if (!m.links().isEmpty()) {
                body.append("<h3>Links</h3><ul class=\"links\">");
                m.links().forEach(link -> body.append("<li><a href=\"").append(DevServer.escape(link)).append("\">")
                        .append(DevServer.escape(link)).append("</a></li>"));
                body.append("</ul>");
            }
            if (!m.html().isEmpty()) {
                // The message's own HTML, isolated: no scripts, no access to this page; its links
                // open in this tab (top) when clicked.
                String html = "<base target=\"_top\">" + m.html();
                body.append("<iframe title=\"Message ").append(m.number()).append(" as HTML\" sandbox=\"allow-popups ")
                        .append("allow-top-navigation-by-user-activation\" srcdoc=\"").append(DevServer.escape(html))
                        .append("\"></iframe>");
            }
            for (LocalMail.Attachment a : m.attachments()) {
                body.append("<details class=\"attachment\"><summary>Attachment ").append(DevServer.escape(a.filename()))
                        .append("</summary><pre>").append(DevServer.escape(a.text())).append("</pre></details>");
            }
            body.append("<details><summary>Plain text</summary><pre>").append(DevServer.escape(m.text())).append("</pre></details>")
                    .append("<details class=\"headers\"><summary>Headers</summary><pre>").append(DevServer.escape(m.rawHeaders()))
                    .append("</pre></details>")
                    .append("</article>");
        }
        if (!listing.messages().isEmpty()) {
            body.append(navigation);
        }
        DevServer.sendDevPage(ctx, "Sent mail", body.toString());
    }

    private static String navigation(Listing listing, String path) {
        if (listing.pages() <= 1 && listing.request().page() == 1) {
            return "";
        }
        StringBuilder nav = new StringBuilder("<nav class=\"pages\" aria-label=\"Pages of mail\"><p>");
        listing.previous(path, PAGE_SIZE).ifPresent(link -> nav.append("<a rel=\"prev\" href=\"")
                .append(DevServer.escape(link)).append("\">Newer</a> · "));
        nav.append("Page ").append(listing.request().page()).append(" of ").append(listing.pages());
        listing.next(path, PAGE_SIZE).ifPresent(link -> nav.append(" · <a rel=\"next\" href=\"")
                .append(DevServer.escape(link)).append("\">Older</a>"));
        return nav.append("</p></nav>").toString();
    }
}
