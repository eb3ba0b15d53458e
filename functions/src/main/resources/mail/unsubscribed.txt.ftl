<#import "layout.txt.ftl" as layout>
<#assign subject = "You will get no more programme email">
<@layout.page>
Hello,

You are unsubscribed: we will send no more programme email to this address. This is the last
message about it.

To have your data erased as well, ask at ${siteUrl}/erase.html.
</@layout.page>
