package org.iln.bench.bake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Writes two bake projects with the same N synthetic discussion points: one with our templates
 * (for SiteBaker) and one with minimal stock-model templates (for stock JBake).
 *
 * <p>Both get the real site's pages and data files (all ~250 countries) and a generated
 * rounds.yml with ten points per round, all sent before today so every point is rendered.
 * Usage: {@code GenerateSite N SITE_DIR STOCK_TEMPLATES_DIR OUT_DIR}; writes OUT_DIR/ours and OUT_DIR/stock.
 */
public final class GenerateSite {

    private static final List<String> TAGS = List.of("introductions", "communication", "careers", "leadership",
            "technology", "collections", "advocacy", "outreach", "wellbeing", "education", "open-access",
            "community", "reflection", "workplace", "research", "diversity", "digital", "teaching", "archives",
            "management");
    private static final int POINTS_PER_ROUND = 10;

    private GenerateSite() {
    }

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        Path site = Path.of(args[1]);
        Path stockTemplates = Path.of(args[2]);
        Path out = Path.of(args[3]);
        Path ours = out.resolve("ours");
        Path stock = out.resolve("stock");
        for (Path project : List.of(ours, stock)) {
            Files.createDirectories(project.resolve("content/points"));
            copyTree(site.resolve("data"), project.resolve("data"));
            try (Stream<Path> pages = Files.list(site.resolve("content"))) {
                for (Path page : pages.filter(p -> p.toString().endsWith(".md")).toList()) {
                    Files.copy(page, project.resolve("content").resolve(page.getFileName().toString()));
                }
            }
        }
        Files.copy(site.resolve("jbake.properties"), ours.resolve("jbake.properties"));
        copyTree(site.resolve("templates"), ours.resolve("templates"));
        copyTree(site.resolve("assets"), ours.resolve("assets"));
        copyTree(stockTemplates.resolve("templates"), stock.resolve("templates"));
        Files.copy(stockTemplates.resolve("jbake.properties"), stock.resolve("jbake.properties"));
        Files.createDirectories(stock.resolve("assets"));
        copyTree(site.resolve("assets"), stock.resolve("assets"));

        int rounds = (n + POINTS_PER_ROUND - 1) / POINTS_PER_ROUND;
        LocalDate first = LocalDate.of(2025, 12, 31).minusDays(n);
        StringBuilder yaml = new StringBuilder("rounds:\n");
        for (int r = 0; r < rounds; r++) {
            LocalDate starts = first.plusDays((long) r * POINTS_PER_ROUND);
            yaml.append("  - id: \"r").append(r).append("\"\n")
                    .append("    title: \"Round ").append(r + 1).append("\"\n")
                    .append("    opens: ").append(starts.minusDays(42)).append('\n')
                    .append("    closes: ").append(starts.minusDays(14)).append('\n')
                    .append("    matchDate: ").append(starts).append('\n')
                    .append("    starts: ").append(starts).append('\n')
                    .append("    ends: ").append(starts.plusDays(POINTS_PER_ROUND)).append('\n')
                    .append("    countryCapPercent: 20\n")
                    .append("    coordinators:\n      - name: \"ILN programme team\"\n        email: \"team@example.org\"\n");
        }
        Random random = new Random(1);
        for (Path project : List.of(ours, stock)) {
            Files.writeString(project.resolve("data/rounds.yml"), yaml);
        }
        for (int i = 0; i < n; i++) {
            int r = i / POINTS_PER_ROUND;
            String slug = String.format("%02d-synthetic-point-%d", i % POINTS_PER_ROUND + 1, i);
            String tags = TAGS.get(random.nextInt(TAGS.size())) + "," + TAGS.get(random.nextInt(TAGS.size()));
            String text = "title=Synthetic discussion point " + i + "\n"
                    + "date=" + first.plusDays(i) + "\n"
                    + "type=point\nstatus=published\n"
                    + "round=r" + r + "\n"
                    + "tags=" + tags + "\n"
                    + "summary=A generated point to measure how the bake scales.\n"
                    + "~~~~~~\n"
                    + "This is **point " + i + "**. Talk with your partner about how your library works.\n\n"
                    + "- What surprised you this week?\n- What would you change?\n- What will you try next?\n\n"
                    + "Write back within a week, and ask a question at the end of your message.\n";
            for (Path project : List.of(ours, stock)) {
                Path file = project.resolve("content/points/r" + r + "/" + slug + ".md");
                Files.createDirectories(file.getParent());
                Files.writeString(file, text);
            }
        }
        System.out.println("Generated " + n + " points in " + rounds + " rounds under " + out);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
