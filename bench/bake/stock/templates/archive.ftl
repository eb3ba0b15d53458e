<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Archive</title></head>
<body><main><h1>Discussion points</h1><ul><#list published_points as p><li><a href="/${p.uri}">${p.title?html}</a> ${p.summary?html}</li></#list></ul></main></body></html>
