User-agent: *
Disallow: /api/

Sitemap: ${site.host}/sitemap.xml
