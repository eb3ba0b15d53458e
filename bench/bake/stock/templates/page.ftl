<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${content.title?html}</title></head>
<body><main><h1>${content.title?html}</h1>${content.body}</main></body></html>
