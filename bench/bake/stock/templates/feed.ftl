<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Discussion points</title><id>${config.site_host}/feed.xml</id><updated>2026-01-01T00:00:00Z</updated>
<#list published_points as p><#if p?index == 50><#break></#if><entry><title>${p.title?xml}</title><id>${config.site_host}/${p.uri}</id><updated>2026-01-01T00:00:00Z</updated><summary>${p.summary?xml}</summary></entry>
</#list></feed>
