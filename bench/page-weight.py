#!/usr/bin/env python3
"""Size and element count of baked pages, as Lighthouse's DOM-size audit counts them (every element).

Usage: bench/page-weight.py BAKED_SITE_DIR [PAGE ...]   (pages relative to the site, default signup.html)
Example: ./iln bake --out /tmp/site && bench/page-weight.py /tmp/site signup.html index.html
"""
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.count = Counter()
        self.depth = 0
        self.deepest = 0

    def handle_starttag(self, tag, attrs):
        self.count[tag] += 1
        if tag not in VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        if tag not in VOID:
            self.depth -= 1


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    site = Path(sys.argv[1])
    pages = sys.argv[2:] or ["signup.html"]
    print(f"{'page':<24}{'bytes':>9}{'elements':>10}{'options':>9}{'optgroups':>10}{'max depth':>10}")
    for page in pages:
        html = (site / page).read_text(encoding="utf-8")
        parser = Elements()
        parser.feed(html)
        print(f"{page:<24}{len(html.encode('utf-8')):>9}{sum(parser.count.values()):>10}"
              f"{parser.count['option']:>9}{parser.count['optgroup']:>10}{parser.deepest:>10}")


if __name__ == "__main__":
    main()
