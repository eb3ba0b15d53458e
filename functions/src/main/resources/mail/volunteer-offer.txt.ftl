<#import "layout.txt.ftl" as layout>
<#assign subject = "A new Country Coordinator volunteer for ${offerCountry}">
<@layout.page>
Hello,

Someone has offered to volunteer as a Country Coordinator and confirmed their address. Reply to
this message to reach them. To appoint them, add them to the roster by a pull request.

Name: ${name}
Email: ${email}
Country: ${offerCountry} (${country})
Languages: ${languages}
Hours a month: ${hours}

Why they would like to volunteer:
${why}
</@layout.page>
