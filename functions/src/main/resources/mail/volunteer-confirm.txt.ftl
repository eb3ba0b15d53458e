<#import "layout.txt.ftl" as layout>
<#assign subject = "Please confirm your offer to volunteer for the International Librarians Network">
<@layout.page>
Hello,

Thank you for offering to volunteer as a Country Coordinator. Please confirm your email address
by opening this link within 48 hours; the programme team sees your offer only once you have:

${confirmUrl}

If you did not offer to volunteer, ignore this message: without confirmation the offer is
deleted after 48 hours.
</@layout.page>
