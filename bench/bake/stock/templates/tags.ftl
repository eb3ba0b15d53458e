<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${tag?html}</title></head>
<body><main><h1>${tag?html}</h1><ul><#list tagged_documents as p><li><a href="/${p.uri}">${p.title?html}</a></li></#list></ul></main></body></html>
