<#import "layout.txt.ftl" as layout>
<#assign subject = "Your application is confirmed">
<@layout.page>
Hello ${givenName},

Your application to ${roundTitle} is confirmed. We will introduce you to your partner on
${matchDate}.
</@layout.page>
