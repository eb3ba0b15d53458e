<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${content.title?html}</title></head>
<body><main><h1>${content.title?html}</h1><p>${content.summary?html}</p>${content.body}
<#if content.previousContent??><a rel="prev" href="/${content.previousContent.uri}">${content.previousContent.title?html}</a></#if>
<#if content.nextContent??><a rel="next" href="/${content.nextContent.uri}">${content.nextContent.title?html}</a></#if>
</main></body></html>
