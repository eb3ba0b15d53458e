<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Home</title></head>
<body><main><h1>Latest points</h1><ul><#list published_points as p><#if p?index == 3><#break></#if><li><a href="/${p.uri}">${p.title?html}</a></li></#list></ul></main></body></html>
