<#import "layout.txt.ftl" as layout>
<#assign subject = "Please confirm your application to the International Librarians Network">
<@layout.page>
Hello,

Thank you for applying to ${roundTitle}. Please confirm your email address by opening this link
within 48 hours:

${confirmUrl}

If you did not apply, ignore this message: without confirmation your application is deleted
after 48 hours.
</@layout.page>
